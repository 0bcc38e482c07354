// What the Nautes API server does on each product call (nautes-api-resources.md 2): a product is a GitLab
// group holding `default.project`. No whole-tree check and no skip flag; get and list clone nothing.
import { join } from 'node:path';
import { KratosFailure, plain500 } from './errors';
import { GitRepo } from './git-repo';
import { GITLAB_URL, GitLabCallError, type GroupOptions } from './gitlab';
import type { NautesService } from './nautes-service';
import type { ProductBody } from './resource-bodies';
import { contains, matchesSelector, type SelectorRules } from './selector';
import type { SeedProduct } from './seed';

/** A product as the GET/list reply shows it. */
export interface ProductReply {
  /** the GitLab group name */
  name: string;
  git: {
    gitlab: { path: string; visibility: string; description: string };
    github: null;
  };
}

const PRODUCT_SELECTOR: SelectorRules<ProductReply> = new Map([
  ['product_name', contains<ProductReply>((p) => p.name)],
]);

const NO_PRODUCT = 'there are no default projects under this product';

function toReply(g: SeedProduct): ProductReply {
  return {
    name: g.name ?? g.path,
    git: {
      gitlab: { path: g.path, visibility: g.visibility, description: g.description },
      github: null,
    },
  };
}

/** The product routes, over the GitLab model and the product states of `NautesService`. */
export class ProductService {
  constructor(private readonly core: NautesService) {}

  private get gitlab(): NautesService['gitlab'] {
    return this.core.gitlab;
  }

  /** GET /api/v1/products/{name}: a missing group or default.project is a plain 500. */
  get(token: string, product: string): ProductReply {
    const noProduct = (): KratosFailure => plain500(NO_PRODUCT);
    let group: SeedProduct;
    try {
      group = this.gitlab.group(token, product);
      this.gitlab.defaultProject(token, group);
    } catch (e) {
      throw this.core.gitlabFailure(e, noProduct);
    }
    return toReply(group);
  }

  /**
   * GET /api/v1/products: the groups of the first 20 visible projects whose name or path contains
   * `default.project` (a GitLab search, not a membership query), in the search's order.
   */
  list(token: string, fieldSelector: string): { items: ProductReply[] } {
    let hits: ReturnType<NautesService['gitlab']['searchProjects']>;
    try {
      hits = this.gitlab.searchProjects(token, 'default.project');
    } catch (e) {
      throw this.core.gitlabFailure(e, (inner) => plain500(inner));
    }
    const items: ProductReply[] = [];
    for (const hit of hits) {
      const reply = toReply(hit.group);
      if (fieldSelector && !matchesSelector(fieldSelector, reply, PRODUCT_SELECTOR)) continue;
      items.push(reply);
    }
    return { items };
  }

  /** POST /api/v1/products/{name}: creates or edits the group, then creates default.project if missing. */
  async save(token: string, product: string, body: ProductBody): Promise<{ message: string }> {
    const given = body.gitlab ?? { name: '', path: '', visibility: '', description: '' };
    if (given.path && given.path !== product)
      throw plain500(
        `when creating a GitLab group, the path must be consistent with the product name. the expected name is ${product}, but it is currently ${given.path}`,
      );
    const name = given.name || product;
    // an empty path becomes the *name*, not the product (a display name with a space fails in GitLab)
    const options: GroupOptions = { ...given, name, path: given.path || name };
    let group: SeedProduct;
    try {
      group = this.gitlab.group(token, product);
      try {
        this.gitlab.updateGroup(token, group, options);
      } catch (e) {
        // the update's errors are not mapped: a 403 too is a plain 500 with go-gitlab's text
        throw plain500((e as Error).message);
      }
    } catch (e) {
      if (!(e instanceof GitLabCallError) || e.status !== 404) throw this.lookupFailure(e);
      try {
        group = this.gitlab.createGroup(token, options);
      } catch (c) {
        if (c instanceof GitLabCallError && c.status === 403)
          throw new KratosFailure(
            403,
            'NO_AUTHORIZATION',
            `no permission to create group, err: ${c.message}`,
          );
        throw plain500((c as Error).message);
      }
    }
    let hasDefaultProject = true;
    try {
      this.gitlab.defaultProject(token, group);
    } catch {
      // any error, not only 404, means "create it"
      hasDefaultProject = false;
    }
    if (!hasDefaultProject) await this.createDefaultProject(token, group);
    return { message: 'Successfully saved' };
  }

  private lookupFailure(e: unknown): KratosFailure {
    if (e instanceof KratosFailure) return e;
    return this.core.gitlabFailure(e, (inner) => plain500(inner));
  }

  /**
   * `POST /projects` (README on main), `GET /user`, a clone, `production/kustomization.yaml` committed as
   * `[API] Save operator` and pushed (nautes-api-resources.md 2.3 step 4; see docs/local-server.md on
   * section 18).
   */
  private async createDefaultProject(token: string, group: SeedProduct): Promise<void> {
    try {
      this.gitlab.createDefaultProject(token, group);
    } catch (e) {
      throw plain500((e as Error).message);
    }
    const release = this.core.claimClone(group.path);
    try {
      let user;
      try {
        user = this.gitlab.user(token, 'user');
      } catch (e) {
        throw plain500(`failed to get current user, err: ${(e as Error).message}`);
      }
      const url = `${GITLAB_URL}/${group.path}/default.project.git`;
      if (!this.gitlab.canClone(group, user))
        throw plain500(
          `failed to clone repository, the repository url: ${url}, err: exit status 128`,
        );
      if (!this.gitlab.canPush(group, user))
        throw plain500(
          `push data: remote: GitLab: You are not allowed to push code to protected branches on this project.\n` +
            `To ${url}\n ! [remote rejected] main -> main (pre-receive hook declined)\n` +
            `error: failed to push some refs to '${url}', err: exit status 1`,
        );
      const repo = this.core.dataDir
        ? new GitRepo(this.repoDir(this.core.dataDir, group), this.core.searchPath)
        : undefined;
      await repo?.initNewProduct('default.project', { name: user.username, email: user.email });
      this.core.addProduct({ seed: group, tree: new Map(), repo, lock: Promise.resolve() });
    } finally {
      release();
    }
  }

  /**
   * `<data dir>/<path>/default.project`, as for a seeded product; when a live product's repository is there
   * already (a group whose path a save renamed keeps its directory), `<data dir>/.group-<id>/default.project`
   * (no GitLab path starts with `.`).
   */
  private repoDir(dataDir: string, group: SeedProduct): string {
    const dir = join(dataDir, group.path, 'default.project');
    for (const st of this.core.states())
      if (st.repo?.dir === dir) return join(dataDir, `.group-${group.groupId}`, 'default.project');
    return dir;
  }

  /** DELETE /api/v1/products/{name}: refused while the group holds code repos; removes the whole group. */
  async delete(token: string, product: string): Promise<{ message: string }> {
    let group: SeedProduct;
    try {
      group = this.gitlab.group(token, product);
    } catch (e) {
      throw this.core.gitlabFailure(
        e,
        (inner) => new KratosFailure(404, 'GROUP_NOT_FOUND', `failed to get group, err: ${inner}`),
      );
    }
    let projects: string[];
    try {
      projects = this.gitlab.groupProjects(token, group);
    } catch (e) {
      throw this.core.gitlabFailure(e, (inner) => plain500(inner));
    }
    // the real message's "here" (sic)
    if (projects.length > 1)
      throw plain500(`here are multiple project in ${group.path}, unable to delete`);
    if (projects.length === 1) {
      try {
        this.gitlab.defaultProject(token, group);
      } catch (e) {
        throw this.core.gitlabFailure(
          e,
          (inner) =>
            new KratosFailure(404, 'PROJECT_NOT_FOUND', `failed to get project, err: ${inner}`),
        );
      }
    }
    try {
      this.gitlab.deleteGroup(token, group);
    } catch (e) {
      if (e instanceof GitLabCallError && e.status === 403)
        throw new KratosFailure(
          403,
          'NO_AUTHORIZATION',
          `no permission to delete group, err: ${e.message}`,
        );
      throw plain500((e as Error).message);
    }
    // everything in default.project goes with the group, unchecked
    await this.core.removeProduct(group);
    return { message: 'Successfully deleted' };
  }
}
