// A Nautes code repo binding: a grant of a code repo to projects of the product (or all of it), a file
// code-repos/repo-<id>/<name>.yaml in default.project (nautes-api-resources.md 6).
import type { KindSpec, ObjectOfFields } from './kind-spec';
import { PRODUCT_REFERENCE } from './product-reference';

const CODE_REPO_BINDING_FIELDS = [
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
    description: 'The binding name (RFC 1123 label, unique in the product).',
  },
  {
    key: 'codeRepo',
    tfName: 'code_repo',
    propName: 'codeRepo',
    type: 'string',
    required: true,
    // the server refuses to re-point a binding (NOT_ALLOWED_MODIFY): a new repo is a new binding
    replaceOnChange: true,
    save: ['coderepo'],
    reply: ['coderepo'],
    format: 'gitlab-path',
    description:
      'The code repo (GitLab project path in the product group) granted; changing it replaces the binding.',
  },
  {
    key: 'projects',
    tfName: 'projects',
    propName: 'projects',
    type: 'string-list',
    required: false,
    replaceOnChange: false,
    save: ['projects'],
    reply: ['projects'],
    description: 'The Nautes projects granted the repo; empty: every project of the product.',
  },
  {
    key: 'permissions',
    tfName: 'permissions',
    propName: 'permissions',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['permissions'],
    reply: ['permissions'],
    default: 'readonly',
    allowed: ['readonly', 'readwrite'],
    description:
      'readonly or readwrite: which deploy key of the repo is shared (no validation rule reads it). Default: readonly.',
  },
] as const;

/** The `CodeRepoBinding` kind. */
export const CODE_REPO_BINDING_KIND = {
  kind: 'CodeRepoBinding',
  title: 'code repo binding',
  tfType: 'nautes_code_repo_binding',
  dataSourceTfType: 'nautes_code_repo_bindings',
  scope: 'product',
  family: 'coderepobindings',
  fields: CODE_REPO_BINDING_FIELDS,
  skipChecks: true,
  description:
    'A Nautes code repo binding: lets projects of the product (or all of them) use a code repo they do not own.',
} as const satisfies KindSpec;

/** A code repo binding as this package sees it. */
export type CodeRepoBinding = ObjectOfFields<typeof CODE_REPO_BINDING_FIELDS>;
