// DeploymentRuntime: the L2 construct users write. Flat props, eager validation with errors that name the
// construct path, the field, the bad value and what is allowed.
import { TerraformStack, Token, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError, type Issue } from '../../errors';
import {
  RUNTIME_FIELDS,
  destinationKeyOf,
  validateRuntime,
  type DeploymentRuntime as RuntimeModel,
} from '../../model';
import * as l1 from '../l1/generated/deployment-runtime';
import { RuntimeRegistry } from './registry';

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

/** Why the server's global validation is skipped for this runtime. */
export interface SkipChecks {
  /** Required: shown in every plan and PR comment. */
  readonly reason: string;
}

/** Props of `DeploymentRuntime`. */
export interface DeploymentRuntimeProps {
  /** The product (GitLab group path) that owns the runtime. */
  readonly product: string;
  /** The runtime name (RFC 1123 label); also `runtimes/<name>.yaml` in default.project. */
  readonly name: string;
  /** Nautes projects that may use the runtime (`projects_ref`). @default - none */
  readonly projects?: string[];
  /** The code repo (GitLab project path in the product group) holding the manifests. */
  readonly codeRepo: string;
  /** The git revision to deploy. @default "HEAD" */
  readonly targetRevision?: string;
  /** Folder of the manifests inside the code repo. */
  readonly manifestPath: string;
  /** The Nautes environment to deploy to. Changing it replaces the runtime (delete, then create). */
  readonly environment: string;
  /** Kubernetes namespaces to deploy into. @default - a namespace named after the runtime (Nautes operator default) */
  readonly namespaces?: string[];
  /** The runtime account. @default - the runtime name; the Nautes operator fills it in */
  readonly account?: string;
  /** Save and delete with `insecure_skip_check=true`; a reason is required. @default - checks run */
  readonly skipChecks?: SkipChecks;
  /** The provider to use. @default - the stack's default Nautes provider */
  readonly provider?: TerraformProvider;
}

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
    const model: Record<string, unknown> = Object.fromEntries(
      RUNTIME_FIELDS.map((f) => [f.key, given[f.propName]]),
    );
    // values that are tokens are known only at apply time: the provider checks them then
    for (const [k, v] of Object.entries(model))
      if (Token.isUnresolved(v) || (Array.isArray(v) && v.some((x) => Token.isUnresolved(x))))
        delete model[k];
    const propOf = (p: string | number): string | number =>
      RUNTIME_FIELDS.find((f) => f.key === p)?.propName ?? p;
    const issues: Issue[] = validateRuntime(model).map((i) => ({
      ...i,
      path: [path, ...i.path.map(propOf)],
    }));
    if (
      props.skipChecks !== undefined &&
      !(typeof props.skipChecks.reason === 'string' && props.skipChecks.reason.trim())
    )
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
