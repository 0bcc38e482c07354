// DeploymentRuntime: the L2 construct users write. Flat props, eager validation with errors that name the
// construct path, the field, the bad value and what is allowed.
import { Token, type TerraformProvider } from 'cdktf';
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
import { logicalIdOf } from './logical-id';
import { RuntimeRegistry } from './registry';
import type { CodeRepo } from './code-repo';
import type { Environment } from './environment';
import { declaredName, nameValue } from './nautes-object';
import type { Product } from './product';
import type { Project } from './project';

export type { SkipChecks };

const BRAND = Symbol.for('@nautes/provider.DeploymentRuntime');

/** Props that may name a construct instead of a name: Terraform's graph then orders them. */
interface RuntimeReferences {
  readonly product: Product | string;
  readonly environment: Environment | string;
  readonly projects: Array<Project | string>;
  readonly codeRepo: CodeRepo | string;
}

/** The value a prop of a runtime field takes: a string, a list of strings, or a construct it names. */
type PropValue<F extends RuntimeFieldRow> = F['propName'] extends keyof RuntimeReferences
  ? RuntimeReferences[F['propName']]
  : F['type'] extends 'string'
    ? string
    : string[];
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
    // the names the references stand for (what is checked here), and the values for the binding
    // (references as tokens, so the host creates what they name first and deletes it last)
    const given: Readonly<Record<string, unknown>> = {
      ...props,
      product: declaredName(props.product),
      environment: declaredName(props.environment),
      codeRepo: declaredName(props.codeRepo),
      ...(props.projects ? { projects: props.projects.map(declaredName) } : {}),
    };
    const bound: Readonly<Record<string, unknown>> = {
      ...props,
      product: nameValue(props.product),
      environment: nameValue(props.environment),
      codeRepo: nameValue(props.codeRepo),
      ...(props.projects ? { projects: props.projects.map(nameValue) } : {}),
    };
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
    const issues: Issue[] = validateRuntime(model)
      // a value given as a token is there, only not known yet
      .filter(
        (i) =>
          !(i.code === 'required' && Token.isUnresolved(given[String(propOf(i.path[0] ?? ''))])),
      )
      .map((i) => ({
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
    const product = given['product'] as string;
    if (!Token.isUnresolved(product) && !Token.isUnresolved(props.name)) {
      const key = JSON.stringify([product, props.name]);
      const prev = reg.byIdentity.get(key);
      if (prev)
        throw new ValidationError(
          [
            {
              path: [path, 'name'],
              code: 'duplicate',
              message: `runtime "${props.name}" of product "${product}" is already declared at ${prev.path}`,
            },
          ],
          `invalid DeploymentRuntime at ${path}`,
        );
      reg.byIdentity.set(key, { path, product, name: props.name });
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
        reg.byDestination.set(destKey, { path, product, name: props.name });
    }

    this.product = product;
    this.runtimeName = props.name;
    // each field under its binding name (the attribute name in camelCase, as cdktf's generator names it)
    const l1Name = (tfName: string): string =>
      tfName.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const fields = Object.fromEntries(
      RUNTIME_FIELDS.filter((f) => bound[f.propName] !== undefined).map((f) => [
        l1Name(f.tfName),
        bound[f.propName],
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
