// A small model of the GitLab that Nautes forwards the caller's token to. The real API server does no
// authorization of its own (nautes-api.md section 4): what is refused is refused by these answers.
import type { Seed, SeedProduct } from './seed';

export const GITLAB_URL = 'https://gitlab.nautes.local';

/** A GitLab user. */
export interface GitLabUser {
  readonly username: string;
  readonly name: string;
  readonly email: string;
}

/** A failed GitLab call: `status` is GitLab's answer (0 when the client failed before sending). */
export class GitLabCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads rights and names out of the seed, as GitLab would answer the token's holder. */
export class GitLab {
  private readonly usersByToken = new Map<string, GitLabUser>();
  /** product path -> username -> access level: a Map, so no inherited key (`__proto__`, `constructor`) is a member */
  private readonly members = new Map<string, ReadonlyMap<string, number>>();
  constructor(private readonly seed: Seed) {
    for (const p of seed.products) this.members.set(p.path, new Map(Object.entries(p.members)));
    for (const u of seed.users)
      this.usersByToken.set(u.token, {
        username: u.username,
        name: u.name ?? u.username,
        email: u.email ?? `${u.username}@nautes.local`,
      });
  }

  /** The user behind a token: "token is not found" without one, GitLab's 401 text for an unknown one. */
  user(token: string, url: string): GitLabUser {
    if (!token) throw new GitLabCallError(0, 'token is not found');
    const u = this.usersByToken.get(token);
    if (!u)
      throw new GitLabCallError(
        401,
        `GET ${GITLAB_URL}/api/v4/${url}: 401 {message: 401 Unauthorized}`,
      );
    return u;
  }

  private level(product: SeedProduct, user: GitLabUser): number {
    return this.members.get(product.path)?.get(user.username) ?? 0;
  }

  private visible(product: SeedProduct, user: GitLabUser): boolean {
    return product.visibility !== 'private' || this.level(product, user) > 0;
  }

  /** `GET /groups/:id` by path or numeric id. */
  group(token: string, pathOrId: string): SeedProduct {
    const url = `groups/${encodeURIComponent(pathOrId)}`;
    const user = this.user(token, url);
    const g = this.seed.products.find((p) => p.path === pathOrId || String(p.groupId) === pathOrId);
    if (!g || !this.visible(g, user))
      throw new GitLabCallError(
        404,
        `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Group Not Found}`,
      );
    return g;
  }

  /** `GET /projects/:group%2F:path` or by numeric id: a code repo of the product. */
  project(
    token: string,
    product: SeedProduct,
    pathOrId: string,
  ): { id: number; path: string; name: string } {
    // a full path "group/name", or a numeric id (as GitLab's :id takes either)
    const byId = /^\d+$/.test(pathOrId);
    const url = `projects/${encodeURIComponent(byId ? pathOrId : pathOrId.includes('/') ? pathOrId : `${product.path}/${pathOrId}`)}`;
    const user = this.user(token, url);
    const repo = product.codeRepos.find((r) =>
      byId
        ? String(r.id) === pathOrId
        : `${product.path}/${r.path}` === pathOrId || r.path === pathOrId,
    );
    if (!repo || !this.visible(product, user))
      throw new GitLabCallError(
        404,
        `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Project Not Found}`,
      );
    return { id: repo.id, path: repo.path, name: repo.name ?? repo.path };
  }

  /** `GET /projects/:group%2Fdefault.project`. */
  defaultProject(token: string, product: SeedProduct): number {
    const url = `projects/${encodeURIComponent(`${product.path}/default.project`)}`;
    const user = this.user(token, url);
    if (!this.visible(product, user))
      throw new GitLabCallError(
        404,
        `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Project Not Found}`,
      );
    return product.defaultProjectId;
  }

  /** `git clone`: needs Reporter or more on a private project. */
  canClone(product: SeedProduct, user: GitLabUser): boolean {
    return product.visibility === 'public' || this.level(product, user) >= 20;
  }

  /** `git push` to the protected `main`. */
  canPush(product: SeedProduct, user: GitLabUser): boolean {
    const level = this.level(product, user);
    return level >= 30 && level >= product.pushAccessLevel;
  }
}
