// Where a plan comment goes: the issue comments of a GitHub pull request, or the notes of a GitLab merge
// request. Both keep ONE comment per marker: found by listing (every page), updated in place, else created.
// Modelled on the public REST API docs: GitHub "Issue comments" (list ?per_page&page with a Link header,
// create, update) and GitLab "Notes" on merge requests (list ?per_page&page with X-Next-Page, create, update).
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

/** GitHub: issue comments of a pull request. */
export function githubThread(o: { base: string; token: string; repo: string; pr: number }): ReviewThread {
  const headers = { authorization: `Bearer ${o.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  const call = <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
    forgeRequest<T>({ platform: 'GitHub', base: o.base, method, path, headers, token: o.token, ...(body !== undefined ? { body } : {}) });
  return {
    platform: 'GitHub',
    maxChars: 65_536,
    async list() {
      const all: Comment[] = [];
      for (let page = 1; ; page++) {
        const r = await call<Comment[]>('GET', `/repos/${o.repo}/issues/${o.pr}/comments?per_page=100&page=${page}`);
        all.push(...r.json);
        const link = String(r.headers['link'] ?? '');
        if (!/rel="next"/.test(link) || !r.json.length) return all;
      }
    },
    async create(body) {
      return (await call<Comment>('POST', `/repos/${o.repo}/issues/${o.pr}/comments`, { body })).json;
    },
    async update(id, body) {
      return (await call<Comment>('PATCH', `/repos/${o.repo}/issues/comments/${id}`, { body })).json;
    },
  };
}

/** GitLab: notes of a merge request. `jobToken` is CI_JOB_TOKEN (JOB-TOKEN), else a PRIVATE-TOKEN. */
export function gitlabThread(o: { base: string; token: string; jobToken: boolean; project: string; mr: number }): ReviewThread {
  const headers: Record<string, string> = o.jobToken ? { 'job-token': o.token } : { 'private-token': o.token };
  const root = `/projects/${encodeURIComponent(o.project)}/merge_requests/${o.mr}/notes`;
  const call = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
    forgeRequest<T>({ platform: 'GitLab', base: o.base, method, path, headers, token: o.token, ...(body !== undefined ? { body } : {}) });
  return {
    platform: 'GitLab',
    maxChars: 1_000_000,
    async list() {
      const all: Comment[] = [];
      for (let page = 1; ; ) {
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

/** Creates the comment, or updates in place the one that carries the same marker line. */
export async function upsertComment(thread: ReviewThread, marker: string, body: string): Promise<{ action: 'created' | 'updated'; id: number }> {
  const mine = (await thread.list()).find((c) => typeof c.body === 'string' && c.body.split('\n', 1)[0] === marker);
  if (mine) return { action: 'updated', id: (await thread.update(mine.id, body)).id };
  return { action: 'created', id: (await thread.create(body)).id };
}
