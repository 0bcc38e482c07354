// The common part of the constructs of declared kinds (Product, Project, Environment): props read from the
// kind's table, eager validation naming the construct path and prop, one declaration per object in an app,
// and references between constructs that Terraform's graph orders (a reference is the other resource's
// `name` attribute, so creates run after it and deletes before it).
import { Token, type TerraformProvider, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError, type Issue } from '../../errors';
import {
  SKIP_CHECKS_ATTRIBUTES,
  formatObjectId,
  hasSkipReason,
  validateKindObject,
  type KindSpec,
  type SkipChecks,
} from '../../model';
import { logicalIdOf } from './logical-id';
import { RuntimeRegistry } from './registry';

const BRAND = Symbol.for('@nautes/provider.NautesObject');

/** Options every construct of a declared kind takes. */
export interface NautesObjectOptions {
  /** The provider to use. @default - the stack's default Nautes provider */
  readonly provider?: TerraformProvider;
}

/** The binding (L1) name of an attribute: camelCase, as cdktf's generator names it. */
export const bindingName = (tfName: string): string =>
  tfName.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A construct of a declared kind. */
export abstract class NautesObject extends Construct {
  readonly [BRAND] = true;
  /** The L1 resource. */
  abstract readonly resource: TerraformResource;
  /** The object's name as declared. */
  readonly objectName: string;
  /** The product it belongs to (for product-scoped kinds), as declared. */
  readonly productName: string | undefined;

  /** True for any construct of a declared kind, even from another copy of this package. */
  static isNautesObject(x: unknown): x is NautesObject {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * Validates `props` against the kind's table and registers the object; `known` holds the declared
   * values (references replaced by the names they stand for).
   */
  protected constructor(
    scope: Construct,
    id: string,
    readonly kind: KindSpec,
    known: Readonly<Record<string, unknown>>,
    skipChecks?: SkipChecks,
  ) {
    super(scope, id);
    const path = this.node.path;
    const model: Record<string, unknown> = {};
    for (const f of kind.fields) {
      const v = known[f.propName];
      // values that are tokens are known only at apply time: the provider checks them then
      if (v !== undefined && !Token.isUnresolved(v)) model[f.key] = v;
    }
    const issues: Issue[] = validateKindObject(kind, model, 'propName')
      // a value given as a token (also inside a nested value) is there, only not known yet: the
      // provider checks it at apply time
      .filter((i) => !Token.isUnresolved(valueAt(known, i.path)))
      .map((i) => ({ ...i, path: [path, ...i.path] }));
    if (skipChecks !== undefined && !hasSkipReason(skipChecks.reason))
      issues.push({
        path: [path, 'skipChecks', 'reason'],
        code: 'required',
        message: 'skipChecks.reason is required: say why the server checks are skipped',
      });
    const Kind = kind.kind;
    if (issues.length) throw new ValidationError(issues, `invalid ${Kind} at ${path}`);
    this.objectName = String(model['name'] ?? known['name']);
    this.productName = kind.scope === 'product' ? String(known['product']) : undefined;
    if (!Token.isUnresolved(known['name']) && !Token.isUnresolved(known['product'])) {
      const objectId = formatObjectId(
        kind,
        this.productName === undefined
          ? { name: this.objectName }
          : { product: this.productName, name: this.objectName },
      );
      const registry = RuntimeRegistry.of(this);
      const prev = registry.objects.get(`${kind.tfType} ${objectId}`);
      if (prev)
        throw new ValidationError(
          [
            {
              path: [path, 'name'],
              code: 'duplicate',
              message: `${kind.title} "${objectId}" is already declared at ${prev}`,
            },
          ],
          `invalid ${Kind} at ${path}`,
        );
      registry.objects.set(`${kind.tfType} ${objectId}`, path);
    }
  }

  /** The L1 config of `given` (references as tokens), the skip-check pair and the provider. */
  protected bindingConfig(
    given: Readonly<Record<string, unknown>>,
    options: NautesObjectOptions & { skipChecks?: SkipChecks; deletionProtection?: boolean },
  ): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const f of this.kind.fields)
      if (given[f.propName] !== undefined) config[bindingName(f.tfName)] = given[f.propName];
    if (options.skipChecks) {
      config[bindingName(SKIP_CHECKS_ATTRIBUTES.flag)] = true;
      config[bindingName(SKIP_CHECKS_ATTRIBUTES.reason)] = options.skipChecks.reason;
    }
    if (options.deletionProtection !== undefined)
      config['deletionProtection'] = options.deletionProtection;
    if (options.provider) config['provider'] = options.provider;
    return config;
  }

  /** Names the L1 resource after the construct path (`shop_product`, not `shop_resource_3A28D969`). */
  protected readableAddress(resource: TerraformResource): void {
    resource.overrideLogicalId(logicalIdOf(this, this.kind.title.replace(/\s+/g, '_')));
  }

  /**
   * A reference to this object's name for another resource: a token of the `name` attribute, so the host
   * creates this object first and deletes it last.
   */
  get nameRef(): string {
    return this.resource.getStringAttribute('name');
  }

  /** The Terraform id (`product/name`, or the name). */
  get id(): string {
    return this.resource.getStringAttribute('id');
  }

  /**
   * Adopts the object that already exists on the server: adds an import block, so the next deploy reads
   * it into state instead of creating it. Returns this construct.
   */
  importExisting(): this {
    this.resource.importFrom(
      formatObjectId(
        this.kind,
        this.productName === undefined
          ? { name: this.objectName }
          : { product: this.productName, name: this.objectName },
      ),
    );
    return this;
  }
}

/** The value at a path of props (prop names and list indexes), or undefined. */
function valueAt(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const step of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}

/** A name given as a string or as a construct of the kind it names: its declared name. */
export function declaredName(v: string | NautesObject): string {
  return typeof v === 'string' ? v : v.objectName;
}

/** A name given as a string or as a construct: the value for the binding (a reference to a construct). */
export function nameValue(v: string | NautesObject): string {
  return typeof v === 'string' ? v : v.nameRef;
}
