// Provider, resource and data-source schemas, built from the model's field table.
import { RUNTIME_FIELDS, SKIP_CHECKS_ATTRIBUTES, SKIP_CHECKS_DESCRIPTIONS } from '../../model';
import type { AttributeSchema, BlockSchema, CtyType } from '../cty/types';
import { PROVIDER_OPTIONS } from './provider-options';

export const PROVIDER_NAME = 'nautes';
export const RUNTIME_RESOURCE = 'nautes_deployment_runtime';
export const INVENTORY_RESOURCE = 'nautes_runtime_inventory';
export const RUNTIMES_DATA_SOURCE = 'nautes_deployment_runtimes';

/** Provider configuration, from the provider block's table. The token is deliberately absent: it comes only from the environment. */
export const PROVIDER_SCHEMA: BlockSchema = {
  description:
    'Nautes deployment runtimes. The token comes from NAUTES_TOKEN or NAUTES_TOKEN_FILE in the environment.',
  attributes: PROVIDER_OPTIONS.map((o): AttributeSchema => ({
    name: o.tfName,
    type: o.type,
    optional: true,
    description: o.description,
  })),
};

const tfType = (t: 'string' | 'string-list'): CtyType =>
  t === 'string' ? 'string' : ['set', 'string'];

/** `nautes_deployment_runtime`: one attribute per model field, plus id and the skip-check pair. */
export const RUNTIME_SCHEMA: BlockSchema = {
  version: 0,
  description:
    'A Nautes deployment runtime: which code repo, revision and path to deploy to which environment.',
  attributes: [
    { name: 'id', type: 'string', computed: true, description: 'product/name' },
    ...RUNTIME_FIELDS.map((f): AttributeSchema =>
      f.default !== undefined
        ? {
            name: f.tfName,
            type: tfType(f.type),
            optional: true,
            computed: true,
            description: `${f.description} Default: ${f.default}.`,
          }
        : f.required
          ? { name: f.tfName, type: tfType(f.type), required: true, description: f.description }
          : { name: f.tfName, type: tfType(f.type), optional: true, description: f.description },
    ),
    {
      name: SKIP_CHECKS_ATTRIBUTES.flag,
      type: 'bool',
      optional: true,
      description: SKIP_CHECKS_DESCRIPTIONS.flag,
    },
    {
      name: SKIP_CHECKS_ATTRIBUTES.reason,
      type: 'string',
      optional: true,
      description: SKIP_CHECKS_DESCRIPTIONS.reason,
    },
  ],
};

/** `nautes_runtime_inventory`: which runtimes of a product the code owns. */
export const INVENTORY_SCHEMA: BlockSchema = {
  version: 0,
  description:
    'The runtimes of one product that code declares; reports the others (orphans) and deletes them when prune is true.',
  attributes: [
    { name: 'id', type: 'string', computed: true, description: 'The product.' },
    {
      name: 'product',
      type: 'string',
      required: true,
      description: 'The product (GitLab group path).',
    },
    {
      name: 'declared',
      type: ['set', 'string'],
      required: true,
      description: 'Names of the runtimes declared in code.',
    },
    {
      name: 'prune',
      type: 'bool',
      optional: true,
      description: 'Delete runtimes of the product that are not declared. Default: false.',
    },
    {
      name: 'unmanaged',
      type: ['set', 'string'],
      computed: true,
      description: 'Runtimes of the product that are not declared (orphans).',
    },
    {
      name: 'kinds',
      type: ['set', 'string'],
      optional: true,
      description:
        'Other kinds the inventory owns, by type (nautes_environment, nautes_project, nautes_code_repo, nautes_code_repo_binding, nautes_project_pipeline_runtime): their undeclared objects are reported, and deleted with prune (never a code repo). Default: none, runtimes only.',
    },
    {
      name: 'declared_objects',
      type: ['set', 'string'],
      optional: true,
      description: 'The objects of those kinds declared in code, as "<type> <name>".',
    },
    {
      name: 'unmanaged_objects',
      type: ['set', 'string'],
      computed: true,
      description: 'Objects of those kinds that are not declared, as "<type> <name>".',
    },
  ],
};

/** The product of a data source or list query. */
const PRODUCT_ATTRIBUTE: AttributeSchema = {
  name: 'product',
  type: 'string',
  required: true,
  description: 'The product (GitLab group path).',
};
/** The server's list field selector, passed as is. */
const FIELD_SELECTOR_ATTRIBUTE: AttributeSchema = {
  name: 'field_selector',
  type: 'string',
  optional: true,
  description: 'The server field selector, e.g. manifest_source.code_repo=api-server.',
};

const ITEM_TYPE: CtyType = [
  'object',
  Object.fromEntries([
    ...RUNTIME_FIELDS.map(
      (f) => [f.tfName, f.type === 'string' ? 'string' : ['list', 'string']] as const,
    ),
    ['id', 'string'],
  ]) as Record<string, CtyType>,
];

/** `nautes_deployment_runtimes`: the runtimes of a product, from one list call. */
export const RUNTIMES_DATA_SCHEMA: BlockSchema = {
  version: 0,
  description: 'Lists the deployment runtimes of a product.',
  attributes: [
    { name: 'id', type: 'string', computed: true, description: 'The product.' },
    PRODUCT_ATTRIBUTE,
    FIELD_SELECTOR_ATTRIBUTE,
    {
      name: 'names',
      type: ['list', 'string'],
      computed: true,
      description: 'Runtime names, sorted.',
    },
    { name: 'runtimes', type: ['list', ITEM_TYPE], computed: true, description: 'The runtimes.' },
  ],
};

/**
 * The identity of `nautes_deployment_runtime` (protocol 6.9): product and name, both needed to import. A
 * block schema, so identity values encode like any object; `version` is the identity's own version.
 */
export const RUNTIME_IDENTITY_SCHEMA: BlockSchema = {
  version: 0,
  description: 'The runtime, by product and name.',
  attributes: [
    {
      name: 'product',
      type: 'string',
      required: true,
      description: 'The product (GitLab group path) that owns the runtime.',
    },
    { name: 'name', type: 'string', required: true, description: 'The runtime name.' },
  ],
};

/** The list resource `nautes_deployment_runtime` (protocol 6.10): the configuration of a query. */
export const RUNTIME_LIST_SCHEMA: BlockSchema = {
  version: 0,
  description:
    'Every deployment runtime of a product, declared in code or not, from one list call.',
  attributes: [PRODUCT_ATTRIBUTE, FIELD_SELECTOR_ATTRIBUTE],
};
