// Stand-ins for the GitHub and GitLab REST APIs (they cannot run here), modelled on their public docs:
// GitHub issue comments (GET/POST /repos/{o}/{r}/issues/{n}/comments, PATCH /repos/{o}/{r}/issues/comments/{id};
// pages by ?per_page&page and a Link header with rel="next"; Bearer token), GitLab merge-request notes
// (GET/POST /projects/{id}/merge_requests/{iid}/notes, PUT .../notes/{note_id}; pages by X-Next-Page;
// PRIVATE-TOKEN or JOB-TOKEN), and the requests a commit came from: GitHub "List pull requests associated
// with a commit" (GET /repos/{o}/{r}/commits/{sha}/pulls: the merged pull request that introduced a commit
// of the default branch, with number, state, merged_at, merge_commit_sha, labels[].name) and GitLab "List
// merge requests associated with a commit" (GET /projects/{id}/repository/commits/{sha}/merge_requests: iid,
// state, sha, merge_commit_sha, squash_commit_sha, labels as strings). Only what `nautes-cdktf comment` and
// `apply --reviewed` use.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A merged pull/merge request: its number (IID), head commit and labels. */
export interface MergedRequest {
  readonly number: number;
  readonly head: string;
  labels: string[];
}

export interface StandIn {
  readonly url: string;
  /** comments by thread key ("owner/repo#7" or "project!3") */
  readonly comments: Map<string, Array<{ id: number; body: string }>>;
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

async function start(
  handle: (s: StandIn, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
): Promise<StandIn> {
  const state = {
    comments: new Map(),
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
    close: () => new Promise((r) => server.close(() => r())),
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

let nextId = 1000;

/** A GitHub API stand-in that accepts `token` for repository `repo`. */
export function githubStandIn(token: string, repo: string): Promise<StandIn> {
  return start(async (s, req, res, url) => {
    if (req.headers['authorization'] !== `Bearer ${token}`)
      return json(res, 401, { message: 'Bad credentials' });
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
        const items = all.slice((page - 1) * per, page * per);
        const more = page * per < all.length;
        return json(
          res,
          200,
          items,
          more
            ? { link: `<${s.url}${url.pathname}?per_page=${per}&page=${page + 1}>; rel="next"` }
            : {},
        );
      }
      if (req.method === 'POST') {
        const c = { id: nextId++, body: ((await body(req)) as { body: string }).body };
        s.comments.set(key, [...all, c]);
        return json(res, 201, c);
      }
    }
    if (one && req.method === 'PATCH') {
      for (const all of s.comments.values()) {
        const c = all.find((x) => x.id === Number(one[2]));
        if (c) {
          c.body = ((await body(req)) as { body: string }).body;
          return json(res, 200, c);
        }
      }
    }
    return json(res, 404, { message: 'Not Found' });
  });
}

/** A GitLab API stand-in (under /api/v4) that accepts `token` as PRIVATE-TOKEN or JOB-TOKEN for `project`. */
export function gitlabStandIn(token: string, project: string): Promise<StandIn> {
  return start(async (s, req, res, url) => {
    if (req.headers['private-token'] !== token && req.headers['job-token'] !== token)
      return json(res, 401, { message: '401 Unauthorized' });
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
      const more = page * per < all.length;
      return json(res, 200, all.slice((page - 1) * per, page * per), {
        'x-next-page': more ? String(page + 1) : '',
      });
    }
    if (!m[3] && req.method === 'POST') {
      const c = { id: nextId++, body: ((await body(req)) as { body: string }).body };
      s.comments.set(key, [...all, c]);
      return json(res, 201, c);
    }
    if (m[3] && req.method === 'PUT') {
      const c = all.find((x) => x.id === Number(m[3]));
      if (!c) return json(res, 404, { message: '404 Not found' });
      c.body = ((await body(req)) as { body: string }).body;
      return json(res, 200, c);
    }
    return json(res, 404, { message: '404 Not found' });
  });
}
