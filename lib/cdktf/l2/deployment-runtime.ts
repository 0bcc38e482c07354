// DeploymentRuntime: the L2 construct users write. Flat props, eager validation with errors that name the
// construct path, the field, the bad value and what is allowed.
import { TerraformStack, Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError, type Issue } from '../../errors';
import {
  RUNTIME_FIELDS,
  destinationKeyOf,
  runtimeFieldsFrom,
  validateRuntime,
  type DeploymentRuntime as RuntimeModel,
  hasSkipReason,
  type RuntimeFieldRow,
  type SkipChecks,
} from '../../model';
import * as l1 from '../l1/generated/deployment-runtime';
import { RuntimeRegistry } from './registry';

export type { SkipChecks };

const BRAND = Symbol.for('@nautes/provider.DeploymentRuntime');

/**
 * A readable Terraform address: the construct path below the stack plus a kind suffix
 * (`dr-dev_runtime`, not `dr-dev_resource_3A28D969`). The suffix keeps one address from being a prefix of
 * another (`dr-dev` / `dr-dev-canary`), which would garble cdktf's output.
 */
export function logicalIdOf(c: Construct, kind: string): string {
  const stack = TerraformStack.of(c);
  const parts = c.node.scopes.slice(stack.node.scopes.length).map((s) => s.node.id);
  return `${parts.join('_').replace(/[^A-Za-z0-9_-]/g, '_')}_${kind}`;
}

/** The value a prop of a runtime field takes: a string, or a list of strings for list fields. */
type PropValue<F extends RuntimeFieldRow> = F['type'] extends 'string' ? string : string[];
/** A field the user may leave out: not required, or with a default. */
type OptionalField<F extends RuntimeFieldRow> = F extends { required: true; default?: undefined }
  ? F extends { default: string }
    ? F
    : never
  : F;

/**
 * Props of `DeploymentRuntime`: one prop per field of the runtime (its `propName` in the field table,
 * lib/model/fields.ts, which describes each; required unless the field is optional or has a default),
 * plus the skip-checks option and the provider.
 */
export type DeploymentRuntimeProps = {
  readonly [
    F in Exclude<RuntimeFieldRow, OptionalField<RuntimeFieldRow>> as F['propName']
  ]: PropValue<F>;
} & {
  readonly [F in OptionalField<RuntimeFieldRow> as F['propName']]?: PropValue<F>;
} & {
  /** Save and delete with the server's checks skipped; a reason is required. @default - checks run */
  readonly skipChecks?: SkipChecks;
  /** The provider to use. @default - the stack's default Nautes provider */
  readonly provider?: TerraformProvider;
};

/**
 * A Nautes deployment runtime: which code repo, revision and path to deploy to which environment.
 *
 * @example
 * new DeploymentRuntime(stack, 'dr-dev', {
 *   product: 'nautes-labs', name: 'dr-dev', projects: ['api-server'],
 *   codeRepo: 'api-server', manifestPath: 'manifests/development',
 *   environment: 'env-dev', namespaces: ['dr-dev'],
 * });
 */
export class DeploymentRuntime extends Construct {
  readonly [BRAND] = true;
  /** The L1 resource. */
  readonly resource: l1.DeploymentRuntime;
  readonly product: string;
  readonly runtimeName: string;

  /** True for any DeploymentRuntime, even from another copy of this package. */
  static isDeploymentRuntime(x: unknown): x is DeploymentRuntime {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(scope: Construct, id: string, props: DeploymentRuntimeProps) {
    super(scope, id);
    const path = this.node.path;
    const given = props as unknown as Readonly<Record<string, unknown>>;
    // values that are tokens are known only at apply time: the provider checks them then
    const model = runtimeFieldsFrom(
      given,
      'propName',
      (v) =>
        v !== undefined &&
        !Token.isUnresolved(v) &&
        !(Array.isArray(v) && v.some((x) => Token.isUnresolved(x))),
    );
    const propOf = (p: string | number): string | number =>
      RUNTIME_FIELDS.find((f) => f.key === p)?.propName ?? p;
    const issues: Issue[] = validateRuntime(model).map((i) => ({
      ...i,
      path: [path, ...i.path.map(propOf)],
    }));
    if (props.skipChecks !== undefined && !hasSkipReason(props.skipChecks.reason))
      issues.push({
        path: [path, 'skipChecks', 'reason'],
        code: 'required',
        message: 'skipChecks.reason is required: say why the server checks are skipped',
      });
    if (issues.length) throw new ValidationError(issues, `invalid DeploymentRuntime at ${path}`);

    const reg = RuntimeRegistry.of(this);
    if (!Token.isUnresolved(props.product) && !Token.isUnresolved(props.name)) {
      const key = JSON.stringify([props.product, props.name]);
      const prev = reg.byIdentity.get(key);
      if (prev)
        throw new ValidationError(
          [
            {
              path: [path, 'name'],
              code: 'duplicate',
              message: `runtime "${props.name}" of product "${props.product}" is already declared at ${prev.path}`,
            },
          ],
          `invalid DeploymentRuntime at ${path}`,
        );
      reg.byIdentity.set(key, { path, product: props.product, name: props.name });
      const r = model as Partial<RuntimeModel>;
      // undefined while a destination field is a token: it is checked at apply time then
      const destKey = destinationKeyOf(model);
      const sameDest = destKey === undefined ? undefined : reg.byDestination.get(destKey);
      if (sameDest)
        throw new ValidationError(
          [
            {
              path: [path, 'environment'],
              code: 'duplicate_destination',
              message: `runtime "${props.name}" deploys the same code repo, revision and path to environment "${r.environment}" as ${sameDest.path} ("${sameDest.name}"); Nautes rejects two runtimes with the same destination`,
            },
          ],
          `invalid DeploymentRuntime at ${path}`,
        );
      if (destKey !== undefined)
        reg.byDestination.set(destKey, { path, product: props.product, name: props.name });
    }

    this.product = props.product;
    this.runtimeName = props.name;
    // each field under its binding name (the attribute name in camelCase, as cdktf's generator names it)
    const l1Name = (tfName: string): string =>
      tfName.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const fields = Object.fromEntries(
      RUNTIME_FIELDS.filter((f) => given[f.propName] !== undefined).map((f) => [
        l1Name(f.tfName),
        given[f.propName],
      ]),
    );
    this.resource = new l1.DeploymentRuntime(this, 'resource', {
      ...(fields as unknown as Pick<
        l1.DeploymentRuntimeConfig,
        'product' | 'name' | 'codeRepo' | 'manifestPath' | 'environment'
      >),
      ...(props.skipChecks
        ? { insecureSkipCheck: true, skipChecksReason: props.skipChecks.reason }
        : {}),
      ...(props.provider ? { provider: props.provider } : {}),
    });
    this.resource.overrideLogicalId(logicalIdOf(this, 'runtime'));
  }

  /** `product/name`. */
  get id(): string {
    return this.resource.id;
  }

  /**
   * Adopts the runtime that already exists on the server: adds an import block, so the next deploy reads it
   * into state instead of creating it. Returns this construct.
   */
  importExisting(): this {
    this.resource.importFrom(`${this.product}/${this.runtimeName}`);
    return this;
  }
}
