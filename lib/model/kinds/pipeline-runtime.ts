// A Nautes project pipeline runtime: which pipelines of a code repo run for a project, on which events, in
// which environment; a file projects/<project>/<name>.yaml in default.project (nautes-api-resources.md 7).
//
// Left out on purpose, with why (docs/provider.md says so too):
// - trigger `inputs`: Nautes v0.4.2 cannot read back a runtime whose trigger has an input (the reply
//   code dereferences fields the static check requires to be empty), so one such runtime makes the GET and
//   the product's whole list fail with 500 UNKNOWN (7.1);
// - `hooks`: they must be registered in the tenant's `nautes-hooks-metadata` ConfigMap, and the reply drops
//   post-hooks unless pre-hooks exist (7.1), so a declared post-hook would show as drift forever.
import type { KindField, KindSpec, ObjectOfFields } from './kind-spec';
import { PRODUCT_REFERENCE } from './product-reference';

/**
 * An optional member of a nested object: a text or a list of texts, at `wire` in the item (save and reply
 * alike); its key and prop are the camelCase of its attribute name, as cdktf's generator names it.
 */
function member<
  const Key extends string,
  const TfName extends string,
  const Type extends 'string' | 'string-list',
>(key: Key, tfName: TfName, type: Type, description: string, wire: readonly string[] = [tfName]) {
  return {
    key,
    tfName,
    propName: key,
    type,
    required: false,
    replaceOnChange: false,
    save: wire,
    reply: wire,
    description,
  } as const;
}

/** A member that must be given (non-empty). */
function requiredMember<
  const Key extends string,
  const TfName extends string,
  const Type extends 'string' | 'string-list',
>(key: Key, tfName: TfName, type: Type, description: string, wire: readonly string[] = [tfName]) {
  return { ...member(key, tfName, type, description, wire), required: true } as const;
}

const GITLAB_EVENT_SOURCE = {
  key: 'gitlab',
  tfName: 'gitlab',
  propName: 'gitlab',
  type: 'object',
  required: false,
  replaceOnChange: false,
  save: ['gitlab'],
  reply: ['gitlab'],
  members: [
    requiredMember(
      'repoName',
      'repo_name',
      'string',
      'The code repo (GitLab project path in the product group) whose events start pipelines.',
    ),
    member('revision', 'revision', 'string', 'The branch or tag the events must be on.'),
    member(
      'events',
      'events',
      'string-list',
      'The GitLab webhook events that count (for example push_events).',
    ),
  ],
  description: 'Events of a GitLab code repo.',
} as const satisfies KindField;

const CALENDAR_EVENT_SOURCE = {
  key: 'calendar',
  tfName: 'calendar',
  propName: 'calendar',
  type: 'object',
  required: false,
  replaceOnChange: false,
  save: ['calendar'],
  reply: ['calendar'],
  members: [
    member('schedule', 'schedule', 'string', 'A cron schedule.'),
    member('interval', 'interval', 'string', 'A fixed interval instead of a schedule.'),
    member('exclusionDates', 'exclusion_dates', 'string-list', 'Dates on which nothing starts.', [
      'exclusion_dates',
    ]),
    member('timezone', 'timezone', 'string', 'The time zone of the schedule.'),
  ],
  description: 'A calendar: pipelines start on a schedule or at an interval.',
} as const satisfies KindField;

const PIPELINE_RUNTIME_FIELDS = [
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
    description: 'The pipeline runtime name (RFC 1123 label, unique in the product).',
  },
  {
    key: 'project',
    tfName: 'project',
    propName: 'project',
    type: 'string',
    required: true,
    // the server refuses to move a pipeline runtime to another project: a new project is a new runtime
    replaceOnChange: true,
    save: ['project'],
    reply: ['project'],
    description: 'The Nautes project whose pipelines these are; changing it replaces the runtime.',
  },
  {
    key: 'pipelineSource',
    tfName: 'pipeline_source',
    propName: 'pipelineSource',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['pipeline_source'],
    reply: ['pipeline_source'],
    format: 'gitlab-path',
    description:
      'The code repo (GitLab project path in the product group) holding the pipeline definitions; the project must own it or be granted it by a binding.',
  },
  {
    key: 'pipelines',
    tfName: 'pipelines',
    propName: 'pipelines',
    type: 'object-list',
    required: true,
    replaceOnChange: false,
    save: ['pipelines'],
    reply: ['pipelines'],
    uniqueBy: 'name',
    members: [
      requiredMember('name', 'name', 'string', 'The pipeline name, unique in the runtime.'),
      member('label', 'label', 'string', 'A label of the pipeline.'),
      requiredMember(
        'path',
        'path',
        'string',
        'The path of the pipeline definition in the pipeline source; no two pipelines share one.',
      ),
    ],
    description: 'The pipelines (at least one).',
  },
  {
    key: 'eventSources',
    tfName: 'event_sources',
    propName: 'eventSources',
    type: 'object-list',
    required: true,
    replaceOnChange: false,
    save: ['event_sources'],
    reply: ['event_sources'],
    uniqueBy: 'name',
    members: [
      requiredMember('name', 'name', 'string', 'The event source name, unique in the runtime.'),
      GITLAB_EVENT_SOURCE,
      CALENDAR_EVENT_SOURCE,
    ],
    description: 'What starts pipelines (at least one): GitLab events or a calendar.',
  },
  {
    key: 'pipelineTriggers',
    tfName: 'pipeline_triggers',
    propName: 'pipelineTriggers',
    type: 'object-list',
    required: true,
    replaceOnChange: false,
    save: ['pipeline_triggers'],
    reply: ['pipeline_triggers'],
    members: [
      {
        ...requiredMember('eventSource', 'event_source', 'string', 'The event source (by name).'),
        refersTo: 'eventSources',
      },
      {
        ...requiredMember('pipeline', 'pipeline', 'string', 'The pipeline it starts (by name).'),
        refersTo: 'pipelines',
      },
      member('revision', 'revision', 'string', 'The revision the pipeline runs at.'),
    ],
    description:
      'Which event source starts which pipeline (at least one). Trigger inputs are not supported: Nautes v0.4.2 cannot read back a runtime that has one.',
  },
  {
    key: 'environment',
    tfName: 'environment',
    propName: 'environment',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['destination', 'environment'],
    reply: ['destination', 'environment'],
    description: 'The environment the pipelines run in; its cluster must be a pipeline cluster.',
  },
  {
    key: 'namespace',
    tfName: 'namespace',
    propName: 'namespace',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['destination', 'namespace'],
    reply: ['destination', 'namespace'],
    format: 'rfc1123-label',
    description:
      'The namespace the pipelines run in; empty: the runtime name. No other runtime on the cluster may use it.',
  },
  {
    key: 'isolation',
    tfName: 'isolation',
    propName: 'isolation',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['isolation'],
    reply: ['isolation'],
    // the server requires one of the two; "shared (default)" in its comment is what it does not do
    default: 'shared',
    allowed: ['shared', 'exclusive'],
    description:
      'shared or exclusive: whether the pipelines share the runtime environment. Default: shared.',
  },
  {
    key: 'additionalGit',
    tfName: 'additional_git',
    propName: 'additionalGit',
    type: 'object',
    required: false,
    replaceOnChange: false,
    save: ['additional_resources', 'git'],
    reply: ['additional_resources', 'git'],
    members: [
      requiredMember(
        'codeRepo',
        'code_repo',
        'string',
        'The code repo (GitLab project path) holding the resources; Nautes v0.4.2 needs it even when a URL is given.',
        ['coderepo'],
      ),
      member('url', 'url', 'string', 'The repository URL.'),
      member('revision', 'revision', 'string', 'The revision.'),
      member('path', 'path', 'string', 'The path in the repository.'),
    ],
    description: 'Additional resources the pipelines need, from a code repo.',
  },
  {
    key: 'account',
    tfName: 'account',
    propName: 'account',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['account'],
    reply: ['account'],
    description: 'The account the pipelines run as.',
  },
] as const;

/** The `ProjectPipelineRuntime` kind. */
export const PIPELINE_RUNTIME_KIND = {
  kind: 'ProjectPipelineRuntime',
  title: 'pipeline runtime',
  tfType: 'nautes_project_pipeline_runtime',
  dataSourceTfType: 'nautes_project_pipeline_runtimes',
  scope: 'product',
  family: 'projectpipelineruntimes',
  fields: PIPELINE_RUNTIME_FIELDS,
  skipChecks: true,
  description:
    'A Nautes project pipeline runtime: which pipelines of a code repo run for a project, started by which events, in which environment.',
} as const satisfies KindSpec;

/** A pipeline runtime as this package sees it. */
export type PipelineRuntime = ObjectOfFields<typeof PIPELINE_RUNTIME_FIELDS>;
