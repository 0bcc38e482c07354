// What the Nautes API server does on each code-repo call (nautes-api-resources.md 5): a code repo is a
// GitLab project of the product's group plus `code-repos/repo-<pid>/repo-<pid>.yaml`. The save creates or
// edits the GitLab project BEFORE anything is validated, and keeps it when the save then fails; the delete
// removes the file, then the GitLab project. Deploy keys, access tokens and their refresh are not modelled.
import { KratosFailure, plain500 } from './errors';
import { GitLabCallError, type GitLabProject, type ProjectDetails } from './gitlab';
import { codeRepoProviders } from './global-validation';
import type { NautesService } from './nautes-service';
import type { CodeRepoBody } from './resource-bodies';
import { findResource, resource, sortedEntries, toYaml, type ResourceFile } from './resource-tree';
import { contains, matchesSelector, type SelectorRules } from './selector';
import type { SeedProduct } from './seed';

/** A code repo as the GET/list reply shows it (key order as the server emits it). */
export interface CodeRepoReply {
  /** GET: the GitLab group name; list: the URL's product string */
  product: string;
  /** `spec.repoName`, the GitLab path */
  name: string;
  project: string;
  /** always an object, `{"events":[]}` for a file with `webhook: null` */
  webhook: { events: string[] };
  deployment_runtime: boolean;
  pipeline_runtime: boolean;
  git: { gitlab: Omit<ProjectDetails, 'id'>; github: null };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** A boolean selector key: exact, the value through Go's ParseBool (nautes-api-resources.md 1.6). */
const boolKey =
  (field: (r: CodeRepoReply) => boolean) =>
  (r: CodeRepoReply, value: string): boolean => {
    const parsed = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)
      ? true
      : ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)
        ? false
        : undefined;
    if (parsed === undefined) throw plain500(`match value must be a Boolean value: ${value}`);
    return field(r) === parsed;
  };

const CODE_REPO_SELECTOR: SelectorRules<CodeRepoReply> = new Map([
  ['project', contains<CodeRepoReply>((r) => r.project)],
  ['pipeline_runtime', boolKey((r) => r.pipeline_runtime)],
  ['deployment_runtime', boolKey((r) => r.deployment_runtime)],
]);

function toReply(product: string, file: ResourceFile, details: ProjectDetails): CodeRepoReply {
  const webhook = file.spec['webhook'];
  const { id: _id, ...gitlab } = details;
  return {
    product,
    name: str(file.spec['repoName']),
    project: str(file.spec['project']),
    webhook: {
      events:
        webhook !== null && typeof webhook === 'object'
          ? strs((webhook as Record<string, unknown>)['events'])
          : [],
    },
    deployment_runtime: file.spec['deploymentRuntime'] === true,
    pipeline_runtime: file.spec['pipelineRuntime'] === true,
    git: { gitlab, github: null },
  };
}

/** The code-repo routes, over the GitLab model and the shared default.project pipeline. */
export class CodeRepoService {
  constructor(private readonly core: NautesService) {}

  private get gitlab(): NautesService['gitlab'] {
    return this.core.gitlab;
  }

  /** `GET /projects/<group>/<name>` of a save or delete: undefined on 404, else the typed failure. */
  private lookupRepo(token: string, group: SeedProduct, name: string): GitLabProject | undefined {
    try {
      return this.gitlab.codeRepo(token, group, `${group.path}/${name}`);
    } catch (e) {
      if (e instanceof GitLabCallError && e.status === 404) return undefined;
      throw this.core.gitlabFailure(e, (inner) => plain500(inner));
    }
  }

  /** GET .../coderepos/{name}: GitLab first (404 PROJECT_NOT_FOUND), then the file (404 RESOURCE_NOT_FOUND). */
  get(token: string, product: string, name: string): CodeRepoReply {
    let group: SeedProduct;
    let repo: GitLabProject;
    try {
      // by the URL's product string, before any group lookup
      [group, repo] = this.gitlab.projectByFullPath(token, product, name);
    } catch (e) {
      throw this.core.gitlabFailure(
        e,
        (inner) =>
          new KratosFailure(404, 'PROJECT_NOT_FOUND', `failed to get project, err: ${inner}`),
      );
    }
    const g = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, g, 'other');
    const { state, release } = this.core.clone(token, g);
    try {
      const found = findResource(state.tree, 'CodeRepo', `repo-${repo.id}`);
      if (!found) throw new KratosFailure(404, 'RESOURCE_NOT_FOUND', 'the resource is not found');
      let groupName: string;
      try {
        const owner = this.gitlab.group(
          token,
          str(found[1].spec['product']).replace(/^product-/, ''),
        );
        groupName = owner.name ?? owner.path;
      } catch {
        throw plain500(
          `failed to get codeRepo repo-${repo.id}, err: unable to convert product name`,
        );
      }
      return toReply(groupName, found[1], this.gitlab.details(group, repo));
    } finally {
      release();
    }
  }

  /**
   * GET .../coderepos: the files joined with the group's GitLab projects on id AND GitLab name = repoName
   * (a repo whose display name differs from its path is left out), in GitLab's order (newest first).
   */
  list(token: string, product: string, fieldSelector: string): { items: CodeRepoReply[] } {
    const group = this.core.lookupGroup(token, product, 'list');
    this.core.lookupDefaultProject(token, group, 'list');
    const { state, release } = this.core.clone(token, group);
    try {
      const files = new Map(
        sortedEntries(state.tree)
          .filter(([, f]) => f.kind === 'CodeRepo')
          .map(([, f]) => [f.metadata.name, f]),
      );
      let projects: GitLabProject[];
      try {
        projects = this.gitlab.codeReposOf(token, group);
      } catch (e) {
        throw this.core.gitlabFailure(e, (inner) => plain500(inner));
      }
      const items: CodeRepoReply[] = [];
      for (const p of projects) {
        const file = files.get(`repo-${p.id}`);
        if (!file || str(file.spec['repoName']) !== (p.name ?? p.path)) continue;
        const reply = toReply(product, file, this.gitlab.details(group, p));
        if (fieldSelector && !matchesSelector(fieldSelector, reply, CODE_REPO_SELECTOR)) continue;
        items.push(reply);
      }
      return { items };
    } finally {
      release();
    }
  }

  /**
   * POST .../coderepos/{name}: defaulting and the path rule, the group, the GitLab project created or edited
   * (kept whatever follows), then the file rewritten fresh, checked (unless skipped) and pushed.
   */
  async save(
    token: string,
    product: string,
    name: string,
    body: CodeRepoBody | undefined,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    // the service reads the nil Body: a panic, recovered as 500 UNKNOWN
    if (!body) throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
    const given = body.gitlab ?? { name: '', path: '', visibility: '', description: '' };
    const repoName = given.name || name;
    const path = given.path || repoName;
    if (path !== name)
      throw plain500('the name of the codeRepo resource must be the same as the repository path');
    const group = this.core.lookupGroup(token, product, 'other');
    let repo = this.lookupRepo(token, group, name);
    try {
      if (!repo)
        repo = this.gitlab.createProject(token, group, {
          name: repoName,
          path,
          visibility: given.visibility,
          description: given.description,
        });
      else
        this.gitlab.updateProject(token, group, repo, {
          name: repoName,
          path,
          // left out when unchanged: changing it may need more rights
          visibility: given.visibility === (repo.visibility ?? 'private') ? '' : given.visibility,
          description: given.description,
        });
    } catch (e) {
      throw plain500((e as Error).message);
    }
    const pid = repo.id;
    // the generic save looks the group up again, then default.project
    this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    const file = resource('CodeRepo', `repo-${pid}`, {
      // the first CodeRepoProvider CR of the tenant namespace, '' when there is none
      codeRepoProvider: codeRepoProviders(this.core.seed)[0] ?? '',
      deploymentRuntime: body.deployment_runtime,
      pipelineRuntime: body.pipeline_runtime,
      product: `product-${group.groupId}`,
      project: body.project,
      repoName: path,
      webhook: body.events.length ? { events: [...body.events] } : null,
    });
    await this.core.write(state, user, skipCheck, 'POST', release, name, (tree) => {
      // the lookup by the URL name never matches repo-<pid>: always a fresh node at the repo's path
      const at = `code-repos/repo-${pid}/repo-${pid}.yaml`;
      tree.set(at, file);
      return new Map([[at, toYaml(file)]]);
    });
    return { message: `Successfully saved ${name} configuration` };
  }

  /**
   * DELETE .../coderepos/{name}: a repo missing in GitLab is a 200 that does nothing; a missing file 404
   * NODE_NOT_FOUND; the file goes (checked unless skipped), then the GitLab project (Owner).
   */
  async delete(
    token: string,
    product: string,
    name: string,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    const done = { message: `Successfully deleted ${name} configuration` };
    const group = this.core.lookupGroup(token, product, 'other');
    const repo = this.lookupRepo(token, group, name);
    if (!repo) return done;
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    await this.core.write(state, user, skipCheck, 'DELETE', release, name, (tree) => {
      const found = findResource(tree, 'CodeRepo', `repo-${repo.id}`);
      if (!found)
        throw new KratosFailure(
          404,
          'NODE_NOT_FOUND',
          `failed to get coderepo of repository repo-${repo.id}`,
        );
      // only the repo's own file: bindings in its directory stay, orphaned
      tree.delete(found[0]);
      return new Map([[found[0], null]]);
    });
    try {
      this.gitlab.deleteProject(token, group, repo);
    } catch (e) {
      // after the push: the file is gone already
      throw plain500((e as Error).message);
    }
    return done;
  }
}
