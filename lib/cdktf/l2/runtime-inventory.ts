// RuntimeInventory: one per product; tells the provider which runtimes code owns, so plans report the
// others (orphans) and, with prune, delete them.
import { Lazy, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../errors';
import { KINDS } from '../../model';
import * as l1 from '../l1/generated/runtime-inventory';
import { logicalIdOf } from './logical-id';
import { RuntimeRegistry } from './registry';

/** Props of `RuntimeInventory`. */
export interface RuntimeInventoryProps {
  /** The product (GitLab group path). */
  readonly product: string;
  /** Delete runtimes of the product that no code declares. @default false (they are only reported) */
  readonly prune?: boolean;
  /**
   * Other kinds the inventory owns, by Terraform type (`nautes_environment`, `nautes_project`,
   * `nautes_code_repo`, `nautes_code_repo_binding`, `nautes_project_pipeline_runtime`): their objects that
   * no construct of this app declares are reported too, and deleted with `prune` (a code repo never is:
   * that would delete its code). @default - none: runtimes only
   */
  readonly kinds?: string[];
  /** @default - the stack's default Nautes provider */
  readonly provider?: TerraformProvider;
}

/**
 * Which runtimes of a product this app owns: every `DeploymentRuntime` of that product in the app (and,
 * with `kinds`, every object of those kinds).
 */
export class RuntimeInventory extends Construct {
  readonly resource: l1.RuntimeInventory;

  constructor(scope: Construct, id: string, props: RuntimeInventoryProps) {
    super(scope, id);
    if (typeof props.product !== 'string' || !props.product)
      throw new ValidationError([
        {
          path: [this.node.path, 'product'],
          code: 'required',
          message: 'product is required and must not be empty',
        },
      ]);
    const registry = RuntimeRegistry.of(this);
    const prev = registry.inventories.get(props.product);
    if (prev)
      throw new ValidationError([
        {
          path: [this.node.path, 'product'],
          code: 'duplicate',
          message: `product "${props.product}" already has a RuntimeInventory at ${prev}; declare one per product`,
        },
      ]);
    const ownable = KINDS.filter((k) => k.scope === 'product').map((k) => k.tfType);
    const unknown = (props.kinds ?? []).filter((k) => !ownable.includes(k));
    if (unknown.length)
      throw new ValidationError([
        {
          path: [this.node.path, 'kinds'],
          code: 'invalid_enum',
          message: `kinds must name kinds inside a product: ${ownable.map((k) => JSON.stringify(k)).join(', ')} (got ${unknown.map((k) => JSON.stringify(k)).join(', ')})`,
        },
      ]);
    registry.inventories.set(props.product, this.node.path);
    const kinds = props.kinds ?? [];
    this.resource = new l1.RuntimeInventory(this, 'resource', {
      product: props.product,
      // resolved at synthesis, after every runtime of the app is declared
      declared: Lazy.listValue({ produce: () => registry.namesOf(props.product) }),
      ...(props.prune !== undefined ? { prune: props.prune } : {}),
      ...(kinds.length
        ? {
            kinds,
            declaredObjects: Lazy.listValue({
              produce: () => kinds.flatMap((t) => registry.objectEntriesOf(props.product, t)),
            }),
          }
        : {}),
      ...(props.provider ? { provider: props.provider } : {}),
    });
    this.resource.overrideLogicalId(logicalIdOf(this, 'inventory'));
  }

  /** Runtimes of the product that no code declares (known after refresh). */
  get unmanaged(): string[] {
    return this.resource.unmanaged;
  }
}
