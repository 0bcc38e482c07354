// A Nautes environment: a file envs/<name>.yaml in default.project naming a cluster
// (nautes-api-resources.md 4).
import type { KindSpec, ObjectOfFields } from './kind-spec';
import { PRODUCT_REFERENCE } from './product-reference';

const ENVIRONMENT_FIELDS = [
  PRODUCT_REFERENCE,
  {
    key: 'name',
    tfName: 'name',
    propName: 'name',
    type: 'string',
    required: true,
    replaceOnChange: true,
    save: 'path',
    reply: ['name'],
    format: 'rfc1123-label',
    description: 'The environment name (RFC 1123 label).',
  },
  {
    key: 'cluster',
    tfName: 'cluster',
    propName: 'cluster',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['cluster'],
    reply: ['cluster'],
    description:
      'The cluster the environment deploys to; no other environment of the product may use it. Nautes does not support moving an environment that hosts runtimes to another cluster.',
  },
  {
    key: 'envType',
    tfName: 'env_type',
    propName: 'envType',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['env_type'],
    reply: ['env_type'],
    description: 'The environment type (free text, e.g. development, test, production).',
  },
] as const;

/** The `Environment` kind. */
export const ENVIRONMENT_KIND = {
  kind: 'Environment',
  title: 'environment',
  tfType: 'nautes_environment',
  dataSourceTfType: 'nautes_environments',
  scope: 'product',
  family: 'environments',
  fields: ENVIRONMENT_FIELDS,
  skipChecks: true,
  description:
    'A Nautes environment of a product: the cluster its runtimes deploy to. It cannot be deleted while a runtime deploys to it.',
} as const satisfies KindSpec;

/** An environment as this package sees it. */
export type Environment = ObjectOfFields<typeof ENVIRONMENT_FIELDS>;
