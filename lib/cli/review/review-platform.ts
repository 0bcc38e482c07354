// Where a plan comment goes: the issue comments of a GitHub pull request, or the notes of a GitLab merge
// request. Both keep ONE comment per marker and per author: found by listing (pages in an explicit order,
// bounded), updated in place, else created. Only the identity that posts the plans counts: a comment by
// anyone else that carries the marker is ignored (anyone who may comment could write one).
// Modelled on the public REST API docs: GitHub "Issue comments" (list ?per_page&page with a Link header,
// ordered by ascending id; create; update; each comment has user.login and user.type) and GitLab "Notes"
// on merge requests (list ?sort&order_by&per_page&page with X-Next-Page, newest first unless sort=asc;
// create; update; each note has author.id and author.username; only the author may edit a note).
// The identity: GitLab "Get the current user" (GET /user; a project or group access token is a bot user);
// GitHub's Actions token cannot call GET /user ("Resource not accessible by integration") and comments as
// github-actions[bot], which is the default there.
// After a merge, the request a commit came from: GitHub "List pull requests associated with a commit"
// (GET /repos/{owner}/{repo}/commits/{sha}/pulls) and GitLab "List merge requests associated with a commit"
// (GET /projects/:id/repository/commits/:sha/merge_requests).
import { UsageError } from '../arguments';
import { forgeRequest, ReviewPlatformLimitError } from './forge-http';

/** Who wrote a comment. */
export interface CommentAuthor {
  /** GitHub `user.login`, GitLab `author.username`. */
  readonly login: string;
  /** GitLab `author.id`; GitHub's numeric id is not used. */
  readonly id?: number;
}

/** A comment as both platforms return it (the fields used). */
export interface Comment {
  readonly id: number;
  readonly body: string;
  readonly author: CommentAuthor;
}

/** The identity whose comments are plan comments: the one that posts them. */
export interface ReviewIdentity {
  readonly login: string;
  /** GitLab: the user id of the token (GET /user); matched before the login. */
  readonly id?: number;
}

/** The login GitHub Actions' GITHUB_TOKEN comments as. */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

/** Pages read of one list at most (100 items a page): a longer list is refused, not followed without end. */
export const MAX_PAGES = 100;

/** A platform's comments on one pull/merge request. */
export interface ReviewThread {
  readonly platform: 'GitHub' | 'GitLab';
  /** The largest comment the platform takes, in characters. */
  readonly maxChars: number;
  /** Every comment, oldest first, all pages (at most MAX_PAGES). */
  list(): Promise<Comment[]>;
  /** Posts a comment; resolves with it as the platform stored it (its author says who posted). */
  create(body: string): Promise<Comment>;
  /** Replaces the body of a comment; resolves with its id. */
  update(id: number, body: string): Promise<number>;
}

/** Where comments go: a GitHub repository or a GitLab project, with the API and token to use. */
export type ReviewPlace =
  | {
      readonly platform: 'GitHub';
      readonly base: string;
      readonly token: string;
      readonly repo: string;
    }
  | {
      readonly platform: 'GitLab';
      readonly base: string;
      readonly token: string;
      readonly jobToken: boolean;
      readonly project: string;
    };

/** A merged pull/merge request (the fields used). */
export interface MergedRequest {
  /** PR number (GitHub) or MR IID (GitLab). */
  readonly number: number;
  readonly labels: readonly string[];
  /** How people name it: "pull request #7" / "merge request !7". */
  readonly title: string;
}

function githubCall(o: { base: string; token: string }) {
  const headers = {
    authorization: `Bearer ${o.token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
  };
  return <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
    forgeRequest<T>({
      platform: 'GitHub',
      base: o.base,
      method,
      path,
      headers,
      token: o.token,
      ...(body !== undefined ? { body } : {}),
    });
}

function gitlabCall(o: { base: string; token: string; jobToken: boolean }) {
  const headers: Record<string, string> = o.jobToken
    ? { 'job-token': o.token }
    : { 'private-token': o.token };
  return <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
    forgeRequest<T>({
      platform: 'GitLab',
      base: o.base,
      method,
      path,
      headers,
      token: o.token,
      ...(body !== undefined ? { body } : {}),
    });
}

/** The thread of pull/merge request `n` of a place. */
export function threadOf(place: ReviewPlace, n: number): ReviewThread {
  return place.platform === 'GitHub'
    ? githubThread({ ...place, pr: n })
    : gitlabThread({ ...place, mr: n });
}

/**
 * The merged pull/merge request that `sha` (the commit on the default branch) came from: a merge commit,
 * squash commit or fast-forwarded head of exactly one merged request. Undefined when there is none (a
 * direct push).
 */
export async function mergedRequestOf(
  place: ReviewPlace,
  sha: string,
): Promise<MergedRequest | undefined> {
  if (place.platform === 'GitHub') {
    type Pull = {
      number: number;
      merged_at: string | null;
      merge_commit_sha: string | null;
      labels: { name: string }[];
    };
    const pulls = (
      await githubCall(place)<Pull[]>(
        'GET',
        `/repos/${place.repo}/commits/${sha}/pulls?per_page=100`,
      )
    ).json;
    const merged = pulls.filter((p) => p.merged_at);
    const pick =
      merged.find((p) => p.merge_commit_sha === sha) ??
      (merged.length === 1 ? merged[0] : undefined);
    return (
      pick && {
        number: pick.number,
        labels: pick.labels.map((l) => l.name),
        title: `pull request #${pick.number}`,
      }
    );
  }
  type Mr = {
    iid: number;
    state: string;
    merge_commit_sha: string | null;
    squash_commit_sha: string | null;
    sha: string;
    labels: string[];
  };
  const mrs = (
    await gitlabCall(place)<Mr[]>(
      'GET',
      `/projects/${encodeURIComponent(place.project)}/repository/commits/${sha}/merge_requests`,
    )
  ).json;
  const merged = mrs.filter((m) => m.state === 'merged');
  const pick =
    merged.find(
      (m) => m.merge_commit_sha === sha || m.squash_commit_sha === sha || m.sha === sha,
    ) ?? (merged.length === 1 ? merged[0] : undefined);
  return pick && { number: pick.iid, labels: pick.labels, title: `merge request !${pick.iid}` };
}

type GithubComment = {
  id: number;
  body: string;
  user?: { login?: string; type?: string } | null;
};
const fromGithub = (c: GithubComment): Comment => ({
  id: c.id,
  body: typeof c.body === 'string' ? c.body : '',
  author: { login: c.user?.login ?? '' },
});

type GitlabNote = { id: number; body: string; author?: { id?: number; username?: string } | null };
const fromGitlab = (c: GitlabNote): Comment => ({
  id: c.id,
  body: typeof c.body === 'string' ? c.body : '',
  author: {
    login: c.author?.username ?? '',
    ...(typeof c.author?.id === 'number' ? { id: c.author.id } : {}),
  },
});

const pageLimit = (platform: string, path: string) =>
  new ReviewPlatformLimitError(platform, path, `more than ${MAX_PAGES} pages of comments`);

/** GitHub: issue comments of a pull request (listed by ascending id). */
export function githubThread(o: {
  base: string;
  token: string;
  repo: string;
  pr: number;
}): ReviewThread {
  const call = githubCall(o);
  return {
    platform: 'GitHub',
    maxChars: 65_536,
    async list() {
      const all: Comment[] = [];
      for (let page = 1; ; page++) {
        const path = `/repos/${o.repo}/issues/${o.pr}/comments?per_page=100&page=${page}`;
        if (page > MAX_PAGES) throw pageLimit('GitHub', path);
        const r = await call<GithubComment[]>('GET', path);
        all.push(...r.json.map(fromGithub));
        const link = String(r.headers['link'] ?? '');
        if (!/rel="next"/.test(link) || !r.json.length) return oldestFirst(all);
      }
    },
    async create(body) {
      return fromGithub(
        (await call<GithubComment>('POST', `/repos/${o.repo}/issues/${o.pr}/comments`, { body }))
          .json,
      );
    },
    async update(id, body) {
      return (
        await call<GithubComment>('PATCH', `/repos/${o.repo}/issues/comments/${id}`, { body })
      ).json.id;
    },
  };
}

/**
 * GitLab: notes of a merge request. `jobToken` is CI_JOB_TOKEN (JOB-TOKEN), else a PRIVATE-TOKEN. The list
 * asks for oldest first: GitLab's default is newest first.
 */
export function gitlabThread(o: {
  base: string;
  token: string;
  jobToken: boolean;
  project: string;
  mr: number;
}): ReviewThread {
  const root = `/projects/${encodeURIComponent(o.project)}/merge_requests/${o.mr}/notes`;
  const call = gitlabCall(o);
  return {
    platform: 'GitLab',
    maxChars: 1_000_000,
    async list() {
      const all: Comment[] = [];
      for (let page = 1, read = 0; ; read++) {
        const path = `${root}?sort=asc&order_by=created_at&per_page=100&page=${page}`;
        if (read >= MAX_PAGES) throw pageLimit('GitLab', path);
        const r = await call<GitlabNote[]>('GET', path);
        all.push(...r.json.map(fromGitlab));
        const next = Number(r.headers['x-next-page'] ?? '');
        if (!next || !r.json.length || next <= page) return oldestFirst(all);
        page = next;
      }
    },
    async create(body) {
      return fromGitlab((await call<GitlabNote>('POST', root, { body })).json);
    },
    async update(id, body) {
      return (await call<GitlabNote>('PUT', `${root}/${id}`, { body })).json.id;
    },
  };
}

const oldestFirst = (all: Comment[]): Comment[] => [...all].sort((a, b) => a.id - b.id);

/** Whether `author` is `identity` (GitHub logins are case-insensitive; a GitLab user id decides). */
export function isAuthoredBy(author: CommentAuthor, identity: ReviewIdentity): boolean {
  if (identity.id !== undefined && author.id !== undefined) return identity.id === author.id;
  return author.login.toLowerCase() === identity.login.toLowerCase();
}

/**
 * The identity that posts plan comments: `configured` (--comment-author) when given; else on GitHub the
 * Actions bot, on GitLab the token's own user.
 */
export async function reviewIdentity(
  place: ReviewPlace,
  configured: string | undefined,
): Promise<ReviewIdentity> {
  if (configured) return { login: configured };
  if (place.platform === 'GitHub') return { login: GITHUB_ACTIONS_LOGIN };
  if (place.jobToken)
    throw new UsageError(
      'CI_JOB_TOKEN cannot tell whose notes are plan notes (GET /user): set GITLAB_TOKEN (the token that posts the plan notes) or pass --comment-author USERNAME',
    );
  const me = (await gitlabCall(place)<{ id: number; username: string }>('GET', '/user')).json;
  return { login: me.username, id: me.id };
}

/** The comments of a thread that carry `marker` as their first line: the identity's, and everyone else's. */
export async function planComments(
  thread: ReviewThread,
  marker: string,
  identity: ReviewIdentity,
): Promise<{ own: Comment[]; others: Comment[] }> {
  const marked = (await thread.list()).filter(
    (c) =>
      typeof c.body === 'string' && c.body.replace(/\r\n?/g, '\n').split('\n', 1)[0] === marker,
  );
  return {
    own: marked.filter((c) => isAuthoredBy(c.author, identity)),
    others: marked.filter((c) => !isAuthoredBy(c.author, identity)),
  };
}

/** How a warning names comments: `123 by @login`. */
export const describeComments = (cs: readonly Comment[]): string =>
  cs.map((c) => `${c.id} by @${c.author.login || '(unknown)'}`).join(', ');
