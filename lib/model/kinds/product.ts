// A Nautes product: a top-level GitLab group with its default.project (nautes-api-resources.md 2).
import type { KindSpec, ObjectOfFields } from './kind-spec';

const PRODUCT_FIELDS = [
  {
    key: 'name',
    tfName: 'name',
    propName: 'name',
    type: 'string',
    required: true,
    replaceOnChange: true,
    save: 'path',
    // the server refuses a path other than the name, and derives a missing one from the display name
    alsoSave: ['git', 'gitlab', 'path'],
    reply: ['git', 'gitlab', 'path'],
    format: 'gitlab-path',
    description: 'The product name: the path of its top-level GitLab group.',
  },
  {
    key: 'displayName',
    tfName: 'display_name',
    propName: 'displayName',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['git', 'gitlab', 'name'],
    reply: ['name'],
    defaultFrom: 'name',
    description:
      "The GitLab group's display name. Default: the product name (a save without one resets it to the name).",
  },
  {
    key: 'visibility',
    tfName: 'visibility',
    propName: 'visibility',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['git', 'gitlab', 'visibility'],
    reply: ['git', 'gitlab', 'visibility'],
    default: 'private',
    allowed: ['private', 'public'],
    description: 'The GitLab group visibility: private or public. Default: private.',
  },
  {
    key: 'description',
    tfName: 'description',
    propName: 'description',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['git', 'gitlab', 'description'],
    reply: ['git', 'gitlab', 'description'],
    // the server never sends an empty description to GitLab, so one cannot be cleared
    emptyKeepsValue: true,
    description: 'The GitLab group description (once set, it cannot be cleared through Nautes).',
  },
] as const;

/** The `Product` kind. */
export const PRODUCT_KIND = {
  kind: 'Product',
  title: 'product',
  tfType: 'nautes_product',
  dataSourceTfType: 'nautes_products',
  scope: 'tenant',
  family: 'products',
  fields: PRODUCT_FIELDS,
  skipChecks: false,
  deletionDestroys:
    'its GitLab group with default.project and every environment, project, code repo binding, pipeline runtime and deployment runtime in it (the server refuses only while code repos are left in the group)',
  listMayOmit: true,
  missingGet: { status: 500, message: '^there are no default projects under this product$' },
  description:
    'A Nautes product: a top-level GitLab group and its default.project, where every other resource of the product is kept.',
} as const satisfies KindSpec;

/** A product as this package sees it. */
export type Product = ObjectOfFields<typeof PRODUCT_FIELDS>;
