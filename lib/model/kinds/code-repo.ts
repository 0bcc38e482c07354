// A Nautes code repo: a GitLab project in the product's group, and its file
// code-repos/repo-<id>/repo-<id>.yaml in default.project (nautes-api-resources.md 5).
import type { KindSpec, ObjectOfFields } from './kind-spec';
import { PRODUCT_REFERENCE } from './product-reference';

/** The webhook events GitLab knows (the server's whole-tree rule, nautes-api-resources.md 5.6). */
export const WEBHOOK_EVENTS = [
  'confidential_issues_events',
  'confidential_note_events',
  'deployment_events',
  'issues_events',
  'job_events',
  'merge_requests_events',
  'note_events',
  'pipeline_events',
  'push_events',
  'releases_events',
  'tag_push_events',
] as const;

const CODE_REPO_FIELDS = [
  PRODUCT_REFERENCE,
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
    reply: ['name'],
    format: 'gitlab-path',
    description: 'The code repo name: the path of its GitLab project in the product group.',
  },
  {
    key: 'project',
    tfName: 'project',
    propName: 'project',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['project'],
    reply: ['project'],
    description:
      'The Nautes project the repo belongs to; its runtimes may use the repo without a binding. Empty: a product-level repo.',
  },
  {
    key: 'displayName',
    tfName: 'display_name',
    propName: 'displayName',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['git', 'gitlab', 'name'],
    reply: ['git', 'gitlab', 'name'],
    defaultFrom: 'name',
    description:
      "The GitLab project's display name. Default: the name (a save without one resets it to the name; the server's list leaves out repos whose display name differs).",
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
    description: 'The GitLab project visibility: private or public. Default: private.',
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
    emptyKeepsValue: true,
    description: 'The GitLab project description (once set, it cannot be cleared through Nautes).',
  },
  {
    key: 'webhookEvents',
    tfName: 'webhook_events',
    propName: 'webhookEvents',
    type: 'string-list',
    required: false,
    replaceOnChange: false,
    save: ['webhook', 'events'],
    reply: ['webhook', 'events'],
    allowed: WEBHOOK_EVENTS,
    description:
      'GitLab webhook events to record for the repo (stored only: Nautes creates the hooks later, for event sources).',
  },
  {
    key: 'deploymentRuntime',
    tfName: 'deployment_runtime',
    propName: 'deploymentRuntime',
    type: 'bool',
    required: false,
    replaceOnChange: false,
    save: ['deployment_runtime'],
    reply: ['deployment_runtime'],
    description:
      'Marks the repo as holding deployment manifests (informational: Nautes enforces nothing with it).',
  },
  {
    key: 'pipelineRuntime',
    tfName: 'pipeline_runtime',
    propName: 'pipelineRuntime',
    type: 'bool',
    required: false,
    replaceOnChange: false,
    save: ['pipeline_runtime'],
    reply: ['pipeline_runtime'],
    description:
      'Marks the repo as holding pipelines (informational: Nautes enforces nothing with it).',
  },
  {
    key: 'sshUrl',
    tfName: 'ssh_url_to_repo',
    propName: 'sshUrl',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: 'never',
    reply: ['git', 'gitlab', 'ssh_url_to_repo'],
    description: 'The SSH clone URL GitLab gives the repo.',
  },
  {
    key: 'httpUrl',
    tfName: 'http_url_to_repo',
    propName: 'httpUrl',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: 'never',
    reply: ['git', 'gitlab', 'http_url_to_repo'],
    description: 'The HTTPS clone URL GitLab gives the repo.',
  },
] as const;

/** The `CodeRepo` kind. */
export const CODE_REPO_KIND = {
  kind: 'CodeRepo',
  title: 'code repo',
  tfType: 'nautes_code_repo',
  dataSourceTfType: 'nautes_code_repos',
  scope: 'product',
  family: 'coderepos',
  fields: CODE_REPO_FIELDS,
  skipChecks: true,
  deletionDestroys:
    'its GitLab project with all its code, deploy keys and access token (a forced delete does so even while runtimes or bindings still use it)',
  // the list joins files with GitLab projects by id and display name: a repo whose display name differs from its path is left out
  listMayOmit: true,
  missingGet: { status: 404, reason: 'PROJECT_NOT_FOUND' },
  description:
    'A Nautes code repo of a product: a GitLab project in the product group, created by the save.',
} as const satisfies KindSpec;

/** A code repo as this package sees it. */
export type CodeRepo = ObjectOfFields<typeof CODE_REPO_FIELDS>;
