// What the Nautes API server does on each code-repo-binding call (nautes-api-resources.md 6): the generic
// pipeline over `code-repos/repo-<pid>/<name>.yaml`. Names are unique per product across every repo
// directory; the bound repo must exist in GitLab (not skippable) and can never change. The deploy-key
// refresh after the push is not modelled (the stand-in has no deploy keys).
import { KratosFailure, plain500 } from './errors';
import type { NautesService } from './nautes-service';
import { codeRepoToName, repoPathToId } from './repo-names';
import type { BindingBody } from './resource-bodies';
import { findResource, resource, sortedEntries, toYaml, type ResourceFile } from './resource-tree';
import { contains, matchesSelector, type SelectorRules } from './selector';

/** A binding as the GET/list reply shows it. */
export interface BindingReply {
  /** the GitLab group name */
  product: string;
  name: string;
  projects: string[];
  permissions: string;
  /** the GitLab project NAME of the bound repo */
  coderepo: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const BINDING_SELECTOR: SelectorRules<BindingReply> = new Map([
  ['coderepo', contains<BindingReply>((b) => b.coderepo)],
  ['product', contains<BindingReply>((b) => b.product)],
  ['projects.in', (b: BindingReply, v: string) => b.projects.some((p) => p.includes(v))],
]);

/** The binding routes, over the shared default.project pipeline of `NautesService`. */
export class BindingService {
  constructor(private readonly core: NautesService) {}

  /** `spec.product` and `spec.codeRepo` back to the group name and the GitLab project name. */
  private toReply(token: string, file: ResourceFile): BindingReply {
    const codeRepo = str(file.spec['codeRepo']);
    let groupName: string;
    let repoName: string;
    try {
      const g = this.core.gitlab.group(token, str(file.spec['product']).replace(/^product-/, ''));
      groupName = g.name ?? g.path;
      try {
        repoName = codeRepoToName(this.core.gitlab, token, g, codeRepo);
      } catch (e) {
        throw plain500((e as Error).message);
      }
    } catch (e) {
      if (e instanceof KratosFailure) throw e;
      throw this.core.gitlabFailure(e, (inner) => plain500(inner));
    }
    return {
      product: groupName,
      name: file.metadata.name,
      projects: strs(file.spec['projects']),
      permissions: str(file.spec['permissions']),
      coderepo: repoName,
    };
  }

  /** GET .../coderepobindings: every binding in tree order; one failed conversion fails the list. */
  list(token: string, product: string, fieldSelector: string): { items: BindingReply[] } {
    const group = this.core.lookupGroup(token, product, 'list');
    this.core.lookupDefaultProject(token, group, 'list');
    const { state, release } = this.core.clone(token, group);
    try {
      const items: BindingReply[] = [];
      for (const [, file] of sortedEntries(state.tree)) {
        if (file.kind !== 'CodeRepoBinding') continue;
        const reply = this.toReply(token, file);
        if (fieldSelector && !matchesSelector(fieldSelector, reply, BINDING_SELECTOR)) continue;
        items.push(reply);
      }
      return { items };
    } finally {
      release();
    }
  }

  /** GET .../coderepobindings/{name} */
  get(token: string, product: string, name: string): BindingReply {
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { state, release } = this.core.clone(token, group);
    try {
      const found = findResource(state.tree, 'CodeRepoBinding', name);
      if (!found) throw new KratosFailure(404, 'RESOURCE_NOT_FOUND', 'the resource is not found');
      return this.toReply(token, found[1]);
    } finally {
      release();
    }
  }

  /** POST .../coderepobindings/{name}: the body's `product` is ignored, the URL's is used. */
  async save(
    token: string,
    product: string,
    name: string,
    body: BindingBody | undefined,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    // the service looks the group up first, then reads the nil Body (a panic: 500 UNKNOWN)
    const group = this.core.lookupGroup(token, product, 'other');
    if (!body) throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
    let pid: number;
    try {
      pid = repoPathToId(this.core.gitlab, token, product, body.coderepo);
    } catch (e) {
      // any failure, 404 included, is a plain 500 embedding the inner kratos error's text; not skippable
      throw plain500((e as Error).message);
    }
    this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    // each key omitted when empty: a product-wide binding has no `projects`
    const spec: Record<string, unknown> = { codeRepo: `repo-${pid}` };
    if (body.permissions) spec['permissions'] = body.permissions;
    spec['product'] = `product-${group.groupId}`;
    if (body.projects.length) spec['projects'] = [...body.projects];
    await this.core.write(state, user, skipCheck, 'POST', release, name, (tree) => {
      const found = findResource(tree, 'CodeRepoBinding', name);
      if (found) {
        const [path, old] = found;
        // a name used by another repo's binding is the same refusal: names are unique per product
        if (str(old.spec['codeRepo']) !== spec['codeRepo'])
          throw new KratosFailure(
            500,
            'NOT_ALLOWED_MODIFY',
            'It is not allowed to modify the authorized repository. If you want to change the authorized repository, please delete the authorization',
          );
        const next: ResourceFile = { ...old, spec };
        tree.set(path, next);
        return new Map([[path, toYaml(next)]]);
      }
      const path = `code-repos/repo-${pid}/${name}.yaml`;
      const file = resource('CodeRepoBinding', name, spec);
      tree.set(path, file);
      return new Map([[path, toYaml(file)]]);
    });
    return { message: `Successfully saved ${name} configuration` };
  }

  /** DELETE .../coderepobindings/{name}: a missing binding is a plain 500; the check runs without it. */
  async delete(
    token: string,
    product: string,
    name: string,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    await this.core.write(state, user, skipCheck, 'DELETE', release, name, (tree) => {
      const found = findResource(tree, 'CodeRepoBinding', name);
      if (!found)
        throw plain500(
          `CodeRepoBinding resource ${name} not found or invalid. Please check whether the resource exists under the default project`,
        );
      tree.delete(found[0]);
      return new Map([[found[0], null]]);
    });
    return { message: `Successfully deleted ${name} configuration` };
  }
}
