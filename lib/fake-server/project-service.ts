// What the Nautes API server does on each project call (nautes-api-resources.md 3): the generic pipeline of
// section 1.2 (group, default.project, user, clone, tree, whole-tree check, write, push) over
// `projects/<name>/<name>.yaml`.
import { KratosFailure, plain500 } from './errors';
import type { NautesService } from './nautes-service';
import type { ProjectBody } from './resource-bodies';
import { findResource, resource, sortedEntries, toYaml, type ResourceFile } from './resource-tree';
import { contains, matchesSelector, type SelectorRules } from './selector';

/** A project as the GET/list reply shows it. */
export interface ProjectReply {
  /** the product string of the URL, verbatim (no GitLab conversion, nautes-api-resources.md 1.5) */
  product: string;
  name: string;
  language: string;
}

const PROJECT_SELECTOR: SelectorRules<ProjectReply> = new Map([
  ['project_name', contains<ProjectReply>((p) => p.name)],
]);

const toReply = (product: string, file: ResourceFile): ProjectReply => ({
  product,
  name: file.metadata.name,
  language: typeof file.spec['language'] === 'string' ? file.spec['language'] : '',
});

/** The project routes, over the shared default.project pipeline of `NautesService`. */
export class ProjectService {
  constructor(private readonly core: NautesService) {}

  /** GET .../projects */
  list(token: string, product: string, fieldSelector: string): { items: ProjectReply[] } {
    const group = this.core.lookupGroup(token, product, 'list');
    this.core.lookupDefaultProject(token, group, 'list');
    const { state, release } = this.core.clone(token, group);
    try {
      const items: ProjectReply[] = [];
      for (const [, file] of sortedEntries(state.tree)) {
        if (file.kind !== 'Project') continue;
        const reply = toReply(product, file);
        if (fieldSelector && !matchesSelector(fieldSelector, reply, PROJECT_SELECTOR)) continue;
        items.push(reply);
      }
      return { items };
    } finally {
      release();
    }
  }

  /** GET .../projects/{name} */
  get(token: string, product: string, name: string): ProjectReply {
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { state, release } = this.core.clone(token, group);
    try {
      const found = findResource(state.tree, 'Project', name);
      if (!found) throw new KratosFailure(404, 'RESOURCE_NOT_FOUND', 'the resource is not found');
      return toReply(product, found[1]);
    } finally {
      release();
    }
  }

  /** POST .../projects/{name}: a new project gets `product-<gid>`; an update changes only `language`. */
  async save(
    token: string,
    product: string,
    name: string,
    body: ProjectBody | undefined,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    // the service reads Body.Language of a nil Body: a panic, recovered as 500 UNKNOWN
    if (!body) throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
    // the business layer looks the group up for product-<gid>, then the generic save does it again
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    await this.core.write(state, user, skipCheck, 'POST', release, name, (tree) => {
      const found = findResource(tree, 'Project', name);
      if (found) {
        // an existing wrong spec.product is never corrected (nautes-api-resources.md 3.3)
        const [path, old] = found;
        const next: ResourceFile = { ...old, spec: { ...old.spec, language: body.language } };
        tree.set(path, next);
        return new Map([[path, toYaml(next)]]);
      }
      const path = `projects/${name}/${name}.yaml`;
      // spec.language is written even when empty
      const file = resource('Project', name, {
        language: body.language,
        product: `product-${group.groupId}`,
      });
      tree.set(path, file);
      return new Map([[path, toYaml(file)]]);
    });
    return { message: `Successfully saved ${name} configuration` };
  }

  /** DELETE .../projects/{name}: references (runtimes, code repos, bindings) refuse it unless skipped. */
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
      const found = findResource(tree, 'Project', name);
      if (!found)
        throw plain500(
          `Project resource ${name} not found or invalid. Please check whether the resource exists under the default project`,
        );
      // only the project's file: pipeline runtimes in the same directory stay
      tree.delete(found[0]);
      return new Map([[found[0], null]]);
    });
    return { message: `Successfully deleted ${name} configuration` };
  }
}
