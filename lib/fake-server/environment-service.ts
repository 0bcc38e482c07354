// What the Nautes API server does on each environment call (nautes-api-resources.md 4): the generic
// pipeline of section 1.2 over `envs/<name>.yaml`, the product read back as the GitLab group name, and a
// delete that a runtime's reference refuses whatever insecure_skip_check says.
import { KratosFailure, plain500 } from './errors';
import type { NautesService } from './nautes-service';
import type { EnvironmentBody } from './resource-bodies';
import { findResource, resource, sortedEntries, toYaml, type ResourceFile } from './resource-tree';
import { contains, matchesSelector, type SelectorRules } from './selector';

/** An environment as the GET/list reply shows it. */
export interface EnvironmentReply {
  /** the GitLab group name, looked up by the id in `spec.product` */
  product: string;
  name: string;
  cluster: string;
  env_type: string;
}

const ENVIRONMENT_SELECTOR: SelectorRules<EnvironmentReply> = new Map([
  ['cluster', contains<EnvironmentReply>((e) => e.cluster)],
  ['env_type', contains<EnvironmentReply>((e) => e.env_type)],
]);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The environment routes, over the shared default.project pipeline of `NautesService`. */
export class EnvironmentService {
  constructor(private readonly core: NautesService) {}

  /** `spec.product` (`product-<gid>`) -> the group name, with the real server's errors. */
  private toReply(token: string, file: ResourceFile): EnvironmentReply {
    const product = str(file.spec['product']);
    // the empty value is printed, hence the two spaces
    if (!product)
      throw plain500(`the product field value of environment ${product} should not be empty`);
    if (!product.startsWith('product-'))
      throw plain500(`string ${product} does not have the expected prefix product-`);
    let name: string;
    try {
      const g = this.core.gitlab.group(token, product.slice('product-'.length));
      name = g.name ?? g.path;
    } catch (e) {
      throw this.core.gitlabFailure(
        e,
        (inner) => new KratosFailure(404, 'GROUP_NOT_FOUND', `failed to get group, err: ${inner}`),
      );
    }
    return {
      product: name,
      name: file.metadata.name,
      cluster: str(file.spec['cluster']),
      env_type: str(file.spec['envType']),
    };
  }

  /** GET .../environments */
  list(token: string, product: string, fieldSelector: string): { items: EnvironmentReply[] } {
    const group = this.core.lookupGroup(token, product, 'list');
    this.core.lookupDefaultProject(token, group, 'list');
    const { state, release } = this.core.clone(token, group);
    try {
      const items: EnvironmentReply[] = [];
      for (const [, file] of sortedEntries(state.tree)) {
        if (file.kind !== 'Environment') continue;
        const reply = this.toReply(token, file);
        if (fieldSelector && !matchesSelector(fieldSelector, reply, ENVIRONMENT_SELECTOR)) continue;
        items.push(reply);
      }
      return { items };
    } finally {
      release();
    }
  }

  /** GET .../environments/{name} */
  get(token: string, product: string, name: string): EnvironmentReply {
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { state, release } = this.core.clone(token, group);
    try {
      const found = findResource(state.tree, 'Environment', name);
      if (!found) throw new KratosFailure(404, 'RESOURCE_NOT_FOUND', 'the resource is not found');
      return this.toReply(token, found[1]);
    } finally {
      release();
    }
  }

  /** POST .../environments/{name}: the spec is replaced (cluster, envType, product-<gid>). */
  async save(
    token: string,
    product: string,
    name: string,
    body: EnvironmentBody | undefined,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    // validation passed a nil Body; the service dereferences it: a panic, recovered as 500 UNKNOWN
    if (!body) throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    const spec = {
      cluster: body.cluster,
      envType: body.env_type,
      product: `product-${group.groupId}`,
    };
    await this.core.write(state, user, skipCheck, 'POST', release, name, (tree) => {
      const found = findResource(tree, 'Environment', name);
      if (found) {
        const [path, old] = found;
        const next: ResourceFile = { ...old, metadata: { ...old.metadata, name }, spec };
        tree.set(path, next);
        return new Map([[path, toYaml(next)]]);
      }
      const path = `envs/${name}.yaml`;
      const file = resource('Environment', name, spec);
      tree.set(path, file);
      return new Map([[path, toYaml(file)]]);
    });
    return { message: `Successfully saved ${name} configuration` };
  }

  /** DELETE .../environments/{name}: refused while a runtime targets it, even with insecure_skip_check. */
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
      const found = findResource(tree, 'Environment', name);
      // the lookup result is dereferenced unchecked: a panic, recovered as 500 UNKNOWN
      if (!found) throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
      // IsDeletable, fed by the tree: the runtimes whose destination is this environment, deployment
      // runtimes first, then pipeline runtimes (the order the webhook package registers them), tree order
      const targeting = (kind: string): string[] =>
        sortedEntries(tree)
          .filter(
            ([, f]) =>
              f.kind === kind &&
              str((f.spec['destination'] as Record<string, unknown> | null)?.['environment']) ===
                name,
          )
          .map(([, f]) => f.metadata.name);
      const dependencies = [
        ...targeting('DeploymentRuntime').map((n) => `deploymentRuntime/${n}`),
        ...targeting('ProjectPipelineRuntime').map((n) => `pipelineRuntime/${n}`),
      ];
      if (dependencies.length)
        throw plain500(
          `environment referenced by [${dependencies.join('|')}], not allowed to be deleted`,
        );
      tree.delete(found[0]);
      return new Map([[found[0], null]]);
    });
    return { message: `Successfully deleted ${name} configuration` };
  }
}
