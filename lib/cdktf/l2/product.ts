// Product: the construct of a Nautes product (a GitLab group and its default.project).
import type { Construct } from 'constructs';
import { PRODUCT_KIND } from '../../model';
import * as l1 from '../l1/generated/product';
import type { FieldProps } from './kind-props';
import { NautesObject, type NautesObjectOptions } from './nautes-object';

/**
 * Props of `Product`: one prop per field of the product's table (lib/model/kinds/product.ts, which
 * describes each), deletion protection and the provider.
 */
export type ProductProps = FieldProps<typeof PRODUCT_KIND.fields> &
  NautesObjectOptions & {
    /**
     * Refuse to delete the product: deleting it deletes its GitLab group with everything in
     * default.project. Set false and deploy before destroying it. @default true
     */
    readonly deletionProtection?: boolean;
  };

/**
 * A Nautes product: a top-level GitLab group with its default.project.
 *
 * @example
 * const shop = new Product(stack, 'shop', { name: 'shop', displayName: 'Shop' });
 * new Environment(stack, 'dev', { product: shop, name: 'dev', cluster: 'cluster-dev', envType: 'development' });
 */
export class Product extends NautesObject {
  readonly resource: l1.Product;

  constructor(scope: Construct, id: string, props: ProductProps) {
    super(scope, id, PRODUCT_KIND, { ...props });
    const config = this.bindingConfig({ ...props }, props);
    this.resource = new l1.Product(this, 'resource', config as unknown as l1.ProductConfig);
    this.readableAddress(this.resource);
  }
}
