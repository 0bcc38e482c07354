// Stand-ins for the GitHub and GitLab REST APIs (they cannot run here), modelled on their public docs:
// GitHub issue comments (GET/POST /repos/{o}/{r}/issues/{n}/comments, PATCH /repos/{o}/{r}/issues/comments/{id};
// pages by ?per_page&page and a Link header with rel="next"; Bearer token), GitLab merge-request notes
// (GET/POST /projects/{id}/merge_requests/{iid}/notes, PUT .../notes/{note_id}; pages by X-Next-Page;
// PRIVATE-TOKEN or JOB-TOKEN), and the requests a commit came from: GitHub "List pull requests associated
// with a commit" (GET /repos/{o}/{r}/commits/{sha}/pulls: the merged pull request that introduced a commit
// of the default branch, with number, state, merged_at, merge_commit_sha, labels[].name) and GitLab "List
// merge requests associated with a commit" (GET /projects/{id}/repository/commits/{sha}/merge_requests: iid,
// state, sha, merge_commit_sha, squash_commit_sha, labels as strings). Only what `nautes-cdktf comment` and
// `apply --reviewed` use. Also as the docs say: every comment has an author (GitHub `user.login` and
// `user.type`, GitLab `author.id`, `author.username` and `author.bot`); only its author may edit it (403
// otherwise); GitHub lists by ascending id, GitLab newest first unless `sort=asc` (`order_by=created_at`);
// `GET /user` per kind of token: GitHub's Actions token answers 403 "Resource not accessible by
// integration", a personal token its user; GitLab's personal and project access tokens their (bot) user,
// CI_JOB_TOKEN 401.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A merged pull/merge request: its number (IID), head commit and labels. */
export interface MergedRequest {
  readonly number: number;
  readonly head: string;
  labels: string[];
}

/** Who a token acts as. `actions`: GitHub's Actions token; `job`: GitLab's CI_JOB_TOKEN. */
export interface TokenUser {
  readonly login: string;
  readonly id: number;
  readonly kind: 'actions' | 'personal' | 'project-bot' | 'job';
}

/** A comment as the stand-in stores it. */
export interface StoredComment {
  readonly id: number;
  body: string;
  readonly author: { readonly login: string; readonly id: number; readonly bot: boolean };
}

export interface StandIn {
  readonly url: string;
  /** comments by thread key ("owner/repo#7" or "project!3"), oldest first */
  readonly comments: Map<string, StoredComment[]>;
  /** who each accepted token acts as */
  readonly tokens: Map<string, TokenUser>;
  /** answer every list page with a next page (a platform gone wrong) */
  endlessPages: boolean;
  /** adds a comment written by `login` (a person unless it ends in [bot] or starts with project_) */
  addComment(key: string, body: string, login?: string): StoredComment;
  /** every request: method and path */
  readonly calls: string[];
  /** statuses to answer, in order, before the real handling (fault injection) */
  readonly failNext: number[];
  /** merged requests by the commit they were merged as */
  readonly merged: Map<string, MergedRequest>;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let t = '';
    req.on('data', (d: Buffer) => (t += d.toString()));
    req.on('end', () => resolve(t ? JSON.parse(t) : undefined));
  });
}

let nextId = 1000;

const isBotLogin = (login: string): boolean =>
  login.endsWith('[bot]') || /^project_\d+_bot/.test(login) || /^group_\d+_bot/.test(login);

function authorOf(u: TokenUser): StoredComment['author'] {
  return { login: u.login, id: u.id, bot: u.kind === 'actions' || u.kind === 'project-bot' };
}

async function start(
  tokens: Map<string, TokenUser>,
  handle: (s: StandIn, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
): Promise<StandIn> {
  const state = {
    comments: new Map<string, StoredComment[]>(),
    tokens,
    calls: [] as string[],
    failNext: [] as number[],
    merged: new Map<string, MergedRequest>(),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.calls.push(`${req.method} ${url.pathname}${url.search}`);
    const fail = state.failNext.shift();
    if (fail)
      return void res
        .writeHead(fail, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `stand-in failure ${fail}` }));
    void handle(standIn, req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const standIn: StandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ...state,
    endlessPages: false,
    addComment(key, body, login = 'mallory') {
      // a login that one of the tokens acts as is that user (same id); any other is a person of its own
      const user = [...state.tokens.values()].find((u) => u.login === login);
      const c: StoredComment = {
        id: nextId++,
        body,
        author: user
          ? authorOf(user)
          : {
              login,
              id: 5000 + [...login].reduce((n, ch) => n + ch.charCodeAt(0), 0),
              bot: isBotLogin(login),
            },
      };
      state.comments.set(key, [...(state.comments.get(key) ?? []), c]);
      return c;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return standIn;
}

const json = (
  res: ServerResponse,
  status: number,
  v: unknown,
  headers: Record<string, string> = {},
): void =>
  void res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(v));

const githubComment = (c: StoredComment) => ({
  id: c.id,
  body: c.body,
  user: { login: c.author.login, id: c.author.id, type: c.author.bot ? 'Bot' : 'User' },
});

/**
 * A GitHub API stand-in for repository `repo` that accepts `token` as the Actions token (comments by
 * github-actions[bot]); `s.tokens` takes more.
 */
export function githubStandIn(token: string, repo: string): Promise<StandIn> {
  const tokens = new Map<string, TokenUser>([
    [token, { login: 'github-actions[bot]', id: 41898282, kind: 'actions' }],
  ]);
  return start(tokens, async (s, req, res, url) => {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers['authorization'] ?? ''))?.[1];
    const me = bearer === undefined ? undefined : s.tokens.get(bearer);
    if (!me) return json(res, 401, { message: 'Bad credentials' });
    if (url.pathname === '/user' && req.method === 'GET')
      return me.kind === 'actions'
        ? json(res, 403, { message: 'Resource not accessible by integration' })
        : json(res, 200, { login: me.login, id: me.id, type: 'User' });
    const pulls = /^\/repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
    if (pulls && req.method === 'GET') {
      if (pulls[1] !== repo) return json(res, 404, { message: 'Not Found' });
      const m = s.merged.get(pulls[2] as string);
      const pr = m && {
        number: m.number,
        state: 'closed',
        merged_at: '2026-11-29T00:00:00Z',
        merge_commit_sha: pulls[2],
        head: { sha: m.head },
        labels: m.labels.map((name) => ({ name })),
      };
      return json(res, 200, pr ? [pr] : []);
    }
    const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const r = list?.[1] ?? one?.[1];
    if (r !== repo) return json(res, 404, { message: 'Not Found' });
    if (list) {
      const key = `${r}#${list[2]}`;
      const all = s.comments.get(key) ?? [];
      if (req.method === 'GET') {
        const per = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const items = all.slice((page - 1) * per, page * per).map(githubComment);
        const more = s.endlessPages || page * per < all.length;
        return json(
          res,
          200,
          s.endlessPages ? [githubComment({ id: page, body: 'x', author: authorOf(me) })] : items,
          more
            ? { link: `<${s.url}${url.pathname}?per_page=${per}&page=${page + 1}>; rel="next"` }
            : {},
        );
      }
      if (req.method === 'POST') {
        const c: StoredComment = {
          id: nextId++,
          body: ((await body(req)) as { body: string }).body,
          author: authorOf(me),
        };
        s.comments.set(key, [...all, c]);
        return json(res, 201, githubComment(c));
      }
    }
    if (one && req.method === 'PATCH') {
      for (const all of s.comments.values()) {
        const c = all.find((x) => x.id === Number(one[2]));
        if (c) {
          // only the author may edit a comment (a maintainer could too; the stand-in's tokens are not)
          if (c.author.login !== me.login)
            return json(res, 403, { message: 'Resource not accessible by integration' });
          c.body = ((await body(req)) as { body: string }).body;
          return json(res, 200, githubComment(c));
        }
      }
    }
    return json(res, 404, { message: 'Not Found' });
  });
}

const gitlabNote = (c: StoredComment) => ({
  id: c.id,
  body: c.body,
  author: { id: c.author.id, username: c.author.login, bot: c.author.bot },
});

/**
 * A GitLab API stand-in (under /api/v4) for `project` that accepts `token` as a project access token (its
 * bot user project_42_bot_1) sent as PRIVATE-TOKEN; `s.tokens` takes more (a `job` token is sent as
 * JOB-TOKEN).
 */
export function gitlabStandIn(token: string, project: string): Promise<StandIn> {
  const tokens = new Map<string, TokenUser>([
    [token, { login: 'project_42_bot_1', id: 77, kind: 'project-bot' }],
  ]);
  return start(tokens, async (s, req, res, url) => {
    const priv = s.tokens.get(String(req.headers['private-token'] ?? ''));
    const job = s.tokens.get(String(req.headers['job-token'] ?? ''));
    const me = priv && priv.kind !== 'job' ? priv : job?.kind === 'job' ? job : undefined;
    if (!me) return json(res, 401, { message: '401 Unauthorized' });
    if (url.pathname === '/api/v4/user' && req.method === 'GET')
      return me.kind === 'job'
        ? json(res, 401, { message: '401 Unauthorized' })
        : json(res, 200, { id: me.id, username: me.login, bot: me.kind === 'project-bot' });
    const mrs =
      /^\/api\/v4\/projects\/([^/]+)\/repository\/commits\/([0-9a-f]+)\/merge_requests$/.exec(
        url.pathname,
      );
    if (mrs && req.method === 'GET') {
      if (decodeURIComponent(mrs[1] as string) !== project)
        return json(res, 404, { message: '404 Project Not Found' });
      const m = s.merged.get(mrs[2] as string);
      const mr = m && {
        iid: m.number,
        state: 'merged',
        sha: m.head,
        merge_commit_sha: mrs[2],
        squash_commit_sha: null,
        labels: [...m.labels],
      };
      return json(res, 200, mr ? [mr] : []);
    }
    const m = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/.exec(
      url.pathname,
    );
    if (!m || decodeURIComponent(m[1] as string) !== project)
      return json(res, 404, { message: '404 Project Not Found' });
    const key = `${project}!${m[2]}`;
    const all = s.comments.get(key) ?? [];
    if (!m[3] && req.method === 'GET') {
      const per = Number(url.searchParams.get('per_page') ?? 20);
      const page = Number(url.searchParams.get('page') ?? 1);
      // the docs: sort defaults to desc (newest first), order_by to created_at
      const ordered = url.searchParams.get('sort') === 'asc' ? all : [...all].reverse();
      const more = s.endlessPages || page * per < all.length;
      const items = s.endlessPages
        ? [{ id: page, body: 'x', author: authorOf(me) }]
        : ordered.slice((page - 1) * per, page * per);
      return json(res, 200, items.map(gitlabNote), {
        'x-next-page': more ? String(page + 1) : '',
      });
    }
    if (!m[3] && req.method === 'POST') {
      const c: StoredComment = {
        id: nextId++,
        body: ((await body(req)) as { body: string }).body,
        author: authorOf(me),
      };
      s.comments.set(key, [...all, c]);
      return json(res, 201, gitlabNote(c));
    }
    if (m[3] && req.method === 'PUT') {
      const c = all.find((x) => x.id === Number(m[3]));
      if (!c) return json(res, 404, { message: '404 Not found' });
      if (c.author.login !== me.login) return json(res, 403, { message: '403 Forbidden' });
      c.body = ((await body(req)) as { body: string }).body;
      return json(res, 200, gitlabNote(c));
    }
    return json(res, 404, { message: '404 Not found' });
  });
}
