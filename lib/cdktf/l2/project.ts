// Project: the construct of a Nautes project of a product.
import type { Construct } from 'constructs';
import { PROJECT_KIND, type SkipChecks } from '../../model';
import * as l1 from '../l1/generated/project';
import type { FieldProps } from './kind-props';
import { NautesObject, declaredName, nameValue, type NautesObjectOptions } from './nautes-object';
import type { Product } from './product';

/**
 * Props of `Project`: one prop per field of the project's table (lib/model/kinds/project.ts); the product
 * as a `Product` construct (ordered by Terraform's graph) or its name.
 */
export type ProjectProps = FieldProps<typeof PROJECT_KIND.fields, { product: Product | string }> &
  NautesObjectOptions & {
    /** Save and delete with the server's checks skipped; a reason is required. @default - checks run */
    readonly skipChecks?: SkipChecks;
  };

/**
 * A Nautes project of a product.
 *
 * @example
 * const api = new Project(stack, 'api', { product: shop, name: 'api-server', language: 'go' });
 */
export class Project extends NautesObject {
  readonly resource: l1.Project;

  constructor(scope: Construct, id: string, props: ProjectProps) {
    super(
      scope,
      id,
      PROJECT_KIND,
      { ...props, product: declaredName(props.product) },
      props.skipChecks,
    );
    const config = this.bindingConfig({ ...props, product: nameValue(props.product) }, props);
    this.resource = new l1.Project(this, 'resource', config as unknown as l1.ProjectConfig);
    this.readableAddress(this.resource);
  }
}
