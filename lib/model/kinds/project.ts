// A Nautes project: a file projects/<name>/<name>.yaml in default.project (nautes-api-resources.md 3).
import type { KindSpec, ObjectOfFields } from './kind-spec';
import { PRODUCT_REFERENCE } from './product-reference';

const PROJECT_FIELDS = [
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
    description: 'The project name (RFC 1123 label).',
  },
  {
    key: 'language',
    tfName: 'language',
    propName: 'language',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['language'],
    reply: ['language'],
    description: 'The main programming language of the project (free text).',
  },
] as const;

/** The `Project` kind. */
export const PROJECT_KIND = {
  kind: 'Project',
  title: 'project',
  tfType: 'nautes_project',
  dataSourceTfType: 'nautes_projects',
  scope: 'product',
  family: 'projects',
  fields: PROJECT_FIELDS,
  skipChecks: true,
  description: 'A Nautes project of a product: what code repos, bindings and runtimes belong to.',
} as const satisfies KindSpec;

/** A project as this package sees it. */
export type Project = ObjectOfFields<typeof PROJECT_FIELDS>;
