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

/** What a product save sends to `POST /groups` and `PUT /groups/:id` (nautes-api-resources.md 2.3). */
export interface GroupOptions {
  readonly name: string;
  readonly path: string;
  /** omitted (not changed, or GitLab's default `private` on create) when empty */
  readonly visibility: string;
  /** omitted (not changed) when empty: a description cannot be cleared */
  readonly description: string;
}

/** A GitLab project as `GET /projects?search=` lists it. */
export interface ProjectHit {
  readonly id: number;
  readonly path: string;
  readonly name: string;
  readonly group: SeedProduct;
}

// GitLab's rule for a path (and its wording, as go-gitlab prints the 400 body)
const PATH_RULE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const PATH_MESSAGE =
  "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-', end in '.git' or end in '.atom'";

/** GitLab's access levels: Owner edits and deletes a group or project, Maintainer edits a project. */
const OWNER = 50;
const MAINTAINER = 40;
const DEVELOPER = 30;
const REPORTER = 20;

/** A GitLab project of a group other than default.project (a code repo), edited in place. */
export type GitLabProject = SeedProduct['codeRepos'][number];

/** What a code-repo save sends to `POST /projects` and `PUT /projects/:id` (nautes-api-resources.md 5.4). */
export interface ProjectOptions {
  readonly name: string;
  readonly path: string;
  /** omitted when empty (GitLab's default `private` on create), or when unchanged on an edit */
  readonly visibility: string;
  /** omitted when empty: a description cannot be cleared */
  readonly description: string;
}

/** A project as GitLab answers `GET /projects/:id`, the fields a code-repo reply shows. */
export interface ProjectDetails {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly visibility: string;
  readonly description: string;
  readonly ssh_url_to_repo: string;
  readonly http_url_to_repo: string;
}

/** The GitLab path of the tenant configuration repository (clusters, nautes-api-resources.md 8.2). */
export const TENANT_REPO_PATH = 'nautes/tenant-config';

/**
 * The groups, projects and users of the seed, as GitLab would answer the token's holder. Groups are
 * mutable (a product save creates or edits one, a product delete removes it); group ids and project ids
 * are two sequences of their own, each starting after the highest id the seed uses.
 */
export class GitLab {
  private readonly usersByToken = new Map<string, GitLabUser & { canCreateGroup: boolean }>();
  /** group -> username -> access level: a Map, so no inherited key (`__proto__`, `constructor`) is a member */
  private readonly members = new Map<SeedProduct, Map<string, number>>();
  private readonly groupList: SeedProduct[];
  private nextGroupId: number;
  private nextProjectId: number;
  private readonly tenantMembers: ReadonlyMap<string, number> | undefined;

  /** @param seed owned by this model from now on: its products are the groups, edited in place */
  constructor(seed: Seed) {
    this.groupList = [...seed.products];
    for (const p of seed.products) this.members.set(p, new Map(Object.entries(p.members)));
    for (const u of seed.users)
      this.usersByToken.set(u.token, {
        username: u.username,
        name: u.name ?? u.username,
        email: u.email ?? `${u.username}@nautes.local`,
        canCreateGroup: u.canCreateGroup,
      });
    this.tenantMembers = seed.tenantMembers && new Map(Object.entries(seed.tenantMembers));
    this.nextGroupId = Math.max(0, ...seed.products.map((p) => p.groupId)) + 1;
    this.nextProjectId =
      Math.max(
        0,
        ...seed.products.flatMap((p) => [p.defaultProjectId, ...p.codeRepos.map((r) => r.id)]),
      ) + 1;
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
    return { username: u.username, name: u.name, email: u.email };
  }

  private level(product: SeedProduct, user: GitLabUser): number {
    return this.members.get(product)?.get(user.username) ?? 0;
  }

  private visible(product: SeedProduct, user: GitLabUser): boolean {
    return product.visibility !== 'private' || this.level(product, user) > 0;
  }

  /** `GET /groups/:id` by path or numeric id. */
  group(token: string, pathOrId: string): SeedProduct {
    const url = `groups/${encodeURIComponent(pathOrId)}`;
    const user = this.user(token, url);
    const g = this.groupList.find((p) => p.path === pathOrId || String(p.groupId) === pathOrId);
    if (!g || !this.visible(g, user))
      throw new GitLabCallError(
        404,
        `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Group Not Found}`,
      );
    return g;
  }

  /** A path GitLab refuses for a group (`except` may keep its own), as go-gitlab's 400 text, or undefined. */
  private pathProblem(path: string, except?: SeedProduct): string | undefined {
    if (!PATH_RULE.test(path) || /\.(git|atom)$/.test(path)) return PATH_MESSAGE;
    // GitLab compares top-level paths without regard to case
    if (this.groupList.some((g) => g !== except && g.path.toLowerCase() === path.toLowerCase()))
      return 'has already been taken';
    return undefined;
  }

  /** `POST /groups`: a top-level group; the creator becomes its Owner. */
  createGroup(token: string, options: GroupOptions): SeedProduct {
    const url = `${GITLAB_URL}/api/v4/groups`;
    const user = this.user(token, 'groups');
    if (!this.usersByToken.get(token)?.canCreateGroup)
      throw new GitLabCallError(403, `POST ${url}: 403 {message: 403 Forbidden}`);
    const problem = this.pathProblem(options.path);
    if (problem) throw new GitLabCallError(400, `POST ${url}: 400 {path: [${problem}]}`);
    const group: SeedProduct = {
      path: options.path,
      name: options.name,
      groupId: this.nextGroupId++,
      // none yet: the product save creates default.project next
      defaultProjectId: 0,
      visibility: (options.visibility || 'private') as SeedProduct['visibility'],
      description: options.description,
      members: { [user.username]: OWNER },
      pushAccessLevel: 40,
      codeRepos: [],
      projects: [],
      environments: [],
      bindings: [],
      runtimes: [],
      pipelineRuntimes: [],
    };
    this.groupList.push(group);
    this.members.set(group, new Map([[user.username, OWNER]]));
    return group;
  }

  /** `PUT /groups/:id`: needs Owner; name and path always sent, visibility and description when given. */
  updateGroup(token: string, group: SeedProduct, options: GroupOptions): void {
    const url = `${GITLAB_URL}/api/v4/groups/${group.groupId}`;
    const user = this.user(token, `groups/${group.groupId}`);
    if (this.level(group, user) < OWNER)
      throw new GitLabCallError(403, `PUT ${url}: 403 {message: 403 Forbidden}`);
    const problem = this.pathProblem(options.path, group);
    if (problem) throw new GitLabCallError(400, `PUT ${url}: 400 {path: [${problem}]}`);
    group.name = options.name;
    group.path = options.path;
    if (options.visibility) group.visibility = options.visibility as SeedProduct['visibility'];
    if (options.description) group.description = options.description;
  }

  /** `DELETE /groups/:id`: needs Owner; the group goes with every project in it (no delayed deletion here). */
  deleteGroup(token: string, group: SeedProduct): void {
    const url = `${GITLAB_URL}/api/v4/groups/${group.groupId}`;
    const user = this.user(token, `groups/${group.groupId}`);
    if (this.level(group, user) < OWNER)
      throw new GitLabCallError(403, `DELETE ${url}: 403 {message: 403 Forbidden}`);
    this.groupList.splice(this.groupList.indexOf(group), 1);
    this.members.delete(group);
  }

  /** `POST /projects {name: default.project, namespace_id}`: a new project id; needs Developer in the group. */
  createDefaultProject(token: string, group: SeedProduct): number {
    const url = `${GITLAB_URL}/api/v4/projects`;
    const user = this.user(token, 'projects');
    if (this.level(group, user) < 30)
      throw new GitLabCallError(403, `POST ${url}: 403 {message: 403 Forbidden}`);
    group.defaultProjectId = this.nextProjectId++;
    return group.defaultProjectId;
  }

  /** `GET /groups/:id/projects` (first page): default.project and the code repos, as paths. */
  groupProjects(token: string, group: SeedProduct): string[] {
    this.user(token, `groups/${group.groupId}/projects`);
    return [
      ...(group.defaultProjectId > 0 ? ['default.project'] : []),
      ...group.codeRepos.map((r) => r.path),
    ].slice(0, 20);
  }

  /**
   * `GET /projects?search=<text>` without paging: the first page (20) of the projects visible to the token
   * whose path or name contains the text, newest first (GitLab's default order, created_at desc: here the
   * project id, descending).
   */
  searchProjects(token: string, text: string): ProjectHit[] {
    const user = this.user(token, `projects?search=${encodeURIComponent(text)}`);
    const hits: ProjectHit[] = [];
    for (const group of this.groupList) {
      if (!this.visible(group, user)) continue;
      if (group.defaultProjectId > 0 && 'default.project'.includes(text))
        hits.push({
          id: group.defaultProjectId,
          path: 'default.project',
          name: 'default.project',
          group,
        });
      for (const r of group.codeRepos)
        if (r.path.includes(text) || (r.name ?? r.path).includes(text))
          hits.push({ id: r.id, path: r.path, name: r.name ?? r.path, group });
    }
    return hits.sort((a, b) => b.id - a.id).slice(0, 20);
  }

  /** `GET /projects/:group%2F:path` or by numeric id: a code repo of the product. */
  project(
    token: string,
    product: SeedProduct,
    pathOrId: string,
  ): { id: number; path: string; name: string } {
    const repo = this.codeRepo(token, product, pathOrId);
    return { id: repo.id, path: repo.path, name: repo.name ?? repo.path };
  }

  /**
   * `GET /projects/:id` by numeric id alone, in any group the token sees (a runtime read converting its
   * `repo-<id>` back to a name): the project's name, `default.project` for a group's own repository.
   */
  projectNameById(token: string, id: number): string {
    const url = `projects/${id}`;
    const user = this.user(token, url);
    for (const g of this.groupList) {
      if (!this.visible(g, user)) continue;
      if (g.defaultProjectId === id) return 'default.project';
      const repo = g.codeRepos.find((r) => r.id === id);
      if (repo) return repo.name ?? repo.path;
    }
    throw new GitLabCallError(
      404,
      `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Project Not Found}`,
    );
  }

  /** As `project`, the stored project itself (edited in place by `updateProject`). */
  codeRepo(token: string, product: SeedProduct, pathOrId: string): GitLabProject {
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
    return repo;
  }

  /** `GET /projects/:group%2F:path` by the full path alone (no group lookup first: a code-repo GET). */
  projectByFullPath(token: string, group: string, path: string): [SeedProduct, GitLabProject] {
    const url = `projects/${encodeURIComponent(`${group}/${path}`)}`;
    const user = this.user(token, url);
    const g = this.groupList.find((p) => p.path === group);
    const repo = g?.codeRepos.find((r) => r.path === path);
    if (!g || !repo || !this.visible(g, user))
      throw new GitLabCallError(
        404,
        `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Project Not Found}`,
      );
    return [g, repo];
  }

  /** What GitLab shows of a project: its clone URLs in GitLab's shape, from the group's current path. */
  details(group: SeedProduct, repo: GitLabProject): ProjectDetails {
    const host = new URL(GITLAB_URL).host;
    return {
      id: repo.id,
      name: repo.name ?? repo.path,
      path: repo.path,
      visibility: repo.visibility ?? 'private',
      description: repo.description ?? '',
      ssh_url_to_repo: `git@${host}:${group.path}/${repo.path}.git`,
      http_url_to_repo: `${GITLAB_URL}/${group.path}/${repo.path}.git`,
    };
  }

  /**
   * `POST /projects {name, path, visibility?, description?, namespace_id}`: a new id from the project
   * sequence; needs the group's project-creation role (GitLab's default: Developer).
   */
  createProject(token: string, group: SeedProduct, options: ProjectOptions): GitLabProject {
    const url = `${GITLAB_URL}/api/v4/projects`;
    const user = this.user(token, 'projects');
    if (this.level(group, user) < DEVELOPER)
      throw new GitLabCallError(403, `POST ${url}: 403 {message: 403 Forbidden}`);
    if (!PATH_RULE.test(options.path) || /\.(git|atom)$/.test(options.path))
      throw new GitLabCallError(400, `POST ${url}: 400 {path: [${PATH_MESSAGE}]}`);
    const repo: GitLabProject = {
      path: options.path,
      name: options.name,
      id: this.nextProjectId++,
      project: '',
      visibility: (options.visibility || 'private') as GitLabProject['visibility'],
      description: options.description,
    };
    group.codeRepos.push(repo);
    return repo;
  }

  /** `PUT /projects/:id`: needs Maintainer; name and path always, visibility and description when given. */
  updateProject(
    token: string,
    group: SeedProduct,
    repo: GitLabProject,
    options: ProjectOptions,
  ): void {
    const url = `${GITLAB_URL}/api/v4/projects/${repo.id}`;
    const user = this.user(token, `projects/${repo.id}`);
    if (this.level(group, user) < MAINTAINER)
      throw new GitLabCallError(403, `PUT ${url}: 403 {message: 403 Forbidden}`);
    if (!PATH_RULE.test(options.path) || /\.(git|atom)$/.test(options.path))
      throw new GitLabCallError(400, `PUT ${url}: 400 {path: [${PATH_MESSAGE}]}`);
    repo.name = options.name;
    repo.path = options.path;
    if (options.visibility) repo.visibility = options.visibility as GitLabProject['visibility'];
    if (options.description) repo.description = options.description;
  }

  /** `DELETE /projects/:id`: needs Owner (GitLab's default project-deletion setting); immediate here. */
  deleteProject(token: string, group: SeedProduct, repo: GitLabProject): void {
    const url = `${GITLAB_URL}/api/v4/projects/${repo.id}`;
    const user = this.user(token, `projects/${repo.id}`);
    if (this.level(group, user) < OWNER)
      throw new GitLabCallError(403, `DELETE ${url}: 403 {message: 403 Forbidden}`);
    const at = group.codeRepos.indexOf(repo);
    if (at >= 0) group.codeRepos.splice(at, 1);
  }

  /** `GET /groups/:id/projects`, every page: the code repos, newest first (GitLab's default order). */
  codeReposOf(token: string, group: SeedProduct): GitLabProject[] {
    this.user(token, `groups/${group.groupId}/projects`);
    return [...group.codeRepos].sort((a, b) => b.id - a.id);
  }

  /**
   * The token holder's level on the tenant configuration repository: the seed's `tenantMembers`, or else
   * Maintainer for whoever is Maintainer or Owner of any group (0: the repository is invisible).
   */
  tenantLevel(token: string): number {
    const user = this.user(token, `projects/${encodeURIComponent(TENANT_REPO_PATH)}`);
    if (this.tenantMembers) return this.tenantMembers.get(user.username) ?? 0;
    for (const g of this.groupList) if (this.level(g, user) >= MAINTAINER) return MAINTAINER;
    return 0;
  }

  /** `GET /projects/:tenant repo` as the cluster calls make it: 404 when the token cannot see it. */
  tenantRepo(token: string): { user: GitLabUser; level: number } {
    const url = `projects/${encodeURIComponent(TENANT_REPO_PATH)}`;
    const user = this.user(token, url);
    const level = this.tenantLevel(token);
    if (level < REPORTER)
      throw new GitLabCallError(
        404,
        `GET ${GITLAB_URL}/api/v4/${url}: 404 {message: 404 Project Not Found}`,
      );
    return { user, level };
  }

  /** `GET /projects/:group%2Fdefault.project`. */
  defaultProject(token: string, product: SeedProduct): number {
    const url = `projects/${encodeURIComponent(`${product.path}/default.project`)}`;
    const user = this.user(token, url);
    if (!this.visible(product, user) || product.defaultProjectId <= 0)
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
