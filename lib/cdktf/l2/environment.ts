// Environment: the construct of a Nautes environment of a product (the cluster its runtimes deploy to).
import type { Construct } from 'constructs';
import { ENVIRONMENT_KIND, type SkipChecks } from '../../model';
import * as l1 from '../l1/generated/environment';
import type { FieldProps } from './kind-props';
import { NautesObject, declaredName, nameValue, type NautesObjectOptions } from './nautes-object';
import type { Cluster } from './cluster';
import type { Product } from './product';

/**
 * Props of `Environment`: one prop per field of the environment's table (lib/model/kinds/environment.ts);
 * the product as a `Product` construct (ordered by Terraform's graph) or its name.
 */
export type EnvironmentProps = FieldProps<
  typeof ENVIRONMENT_KIND.fields,
  { product: Product | string; cluster: Cluster | string }
> &
  NautesObjectOptions & {
    /** Save and delete with the server's checks skipped; a reason is required. @default - checks run */
    readonly skipChecks?: SkipChecks;
  };

/**
 * A Nautes environment of a product. Nautes refuses to delete it while a runtime deploys to it, so
 * runtimes that name it as a construct are deleted first.
 *
 * @example
 * const dev = new Environment(stack, 'dev', {
 *   product: shop, name: 'dev', cluster: 'cluster-dev', envType: 'development',
 * });
 */
export class Environment extends NautesObject {
  readonly resource: l1.Environment;

  constructor(scope: Construct, id: string, props: EnvironmentProps) {
    super(
      scope,
      id,
      ENVIRONMENT_KIND,
      { ...props, product: declaredName(props.product), cluster: declaredName(props.cluster) },
      props.skipChecks,
    );
    const config = this.bindingConfig(
      { ...props, product: nameValue(props.product), cluster: nameValue(props.cluster) },
      props,
    );
    this.resource = new l1.Environment(this, 'resource', config as unknown as l1.EnvironmentConfig);
    this.readableAddress(this.resource);
  }
}
