// Where a plan comment goes: the issue comments of a GitHub pull request, or the notes of a GitLab merge
// request. Both keep ONE comment per marker: found by listing (every page), updated in place, else created.
// Modelled on the public REST API docs: GitHub "Issue comments" (list ?per_page&page with a Link header,
// create, update) and GitLab "Notes" on merge requests (list ?per_page&page with X-Next-Page, create, update).
// After a merge, the request a commit came from: GitHub "List pull requests associated with a commit"
// (GET /repos/{owner}/{repo}/commits/{sha}/pulls) and GitLab "List merge requests associated with a commit"
// (GET /projects/:id/repository/commits/:sha/merge_requests).
import { forgeRequest } from './forge-http';

/** A comment as both platforms return it (the fields used). */
interface Comment {
  readonly id: number;
  readonly body: string;
}

/** A platform's comments on one pull/merge request. */
export interface ReviewThread {
  readonly platform: 'GitHub' | 'GitLab';
  /** The largest comment the platform takes, in characters. */
  readonly maxChars: number;
  /** Every comment, all pages. */
  list(): Promise<Comment[]>;
  create(body: string): Promise<Comment>;
  update(id: number, body: string): Promise<Comment>;
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

/** GitHub: issue comments of a pull request. */
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
        const r = await call<Comment[]>(
          'GET',
          `/repos/${o.repo}/issues/${o.pr}/comments?per_page=100&page=${page}`,
        );
        all.push(...r.json);
        const link = String(r.headers['link'] ?? '');
        if (!/rel="next"/.test(link) || !r.json.length) return all;
      }
    },
    async create(body) {
      return (await call<Comment>('POST', `/repos/${o.repo}/issues/${o.pr}/comments`, { body }))
        .json;
    },
    async update(id, body) {
      return (await call<Comment>('PATCH', `/repos/${o.repo}/issues/comments/${id}`, { body }))
        .json;
    },
  };
}

/** GitLab: notes of a merge request. `jobToken` is CI_JOB_TOKEN (JOB-TOKEN), else a PRIVATE-TOKEN. */
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
      for (let page = 1; ;) {
        const r = await call<Comment[]>('GET', `${root}?per_page=100&page=${page}`);
        all.push(...r.json);
        const next = Number(r.headers['x-next-page'] ?? '');
        if (!next || !r.json.length) return all;
        page = next;
      }
    },
    async create(body) {
      return (await call<Comment>('POST', root, { body })).json;
    },
    async update(id, body) {
      return (await call<Comment>('PUT', `${root}/${id}`, { body })).json;
    },
  };
}

/** The comment of a thread that carries `marker` as its first line. */
export async function findComment(
  thread: ReviewThread,
  marker: string,
): Promise<Comment | undefined> {
  return (await thread.list()).find(
    (c) => typeof c.body === 'string' && c.body.split('\n', 1)[0] === marker,
  );
}

/** Creates the comment, or updates in place the one that carries the same marker line. */
export async function upsertComment(
  thread: ReviewThread,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const mine = await findComment(thread, marker);
  if (mine) return { action: 'updated', id: (await thread.update(mine.id, body)).id };
  return { action: 'created', id: (await thread.create(body)).id };
}
