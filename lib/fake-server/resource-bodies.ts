// The save bodies of products, projects and environments (nautes-api-resources.md 2.1, 3.1, 4.1), decoded
// as kratos does for the runtime body (nautes-api.md 1.1 and 11.3): either spelling of a field, unknown keys
// dropped, wrong types 400 CODEC; a form body and the query are bound by dotted field path, the query
// after the body (so it overrides it). Then protoc-gen-validate: the first failure only, 400 VALIDATOR.
import { KratosFailure } from './errors';
import type { PipelineHookInput, PipelineRuntimeInput } from './pipeline-runtime-spec';
import { asObject, asString, asStrings, codec, pick, readBodyDocument } from './request-body';

/**
 * A message: its fields, each under its spellings (canonical first: proto name, then JSON name). `map` is a
 * map or `google.protobuf` value field, kept as decoded JSON (a form or query key never binds one).
 */
type Schema = ReadonlyArray<{
  readonly names: readonly string[];
  readonly kind: 'string' | 'bool' | 'strings' | 'map' | Schema | { readonly list: Schema };
}>;

/** A repeated message field's schema, or undefined for any other kind. */
const listOf = (kind: Schema[number]['kind']): Schema | undefined =>
  typeof kind === 'object' && 'list' in kind ? kind.list : undefined;

/** A bool field as protojson reads it (unset: false; a string or number: 400 CODEC). */
function asBool(v: unknown, field: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean')
    throw codec(`proto: (line 1:1): invalid value for bool field ${field}: ${JSON.stringify(v)}`);
  return v;
}

/** Go's strconv.ParseBool of a form or query value, as kratos' form decoder binds a bool. */
function parseBool(v: string, field: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new KratosFailure(
    400,
    'CODEC',
    `parsing field "${field}": strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`,
  );
}

/** A decoded message: canonical field names; a message field absent when unset. */
type Message = Record<string, unknown>;

const bare = (): Message => Object.create(null) as Message;

function decodeMessage(doc: unknown, schema: Schema, label: string): Message | undefined {
  const o = asObject(doc, label);
  if (!o) return undefined;
  const out = bare();
  for (const { names, kind } of schema) {
    const name = names[0] as string;
    const v = pick(o, ...names);
    if (kind === 'string') out[name] = asString(v, name);
    else if (kind === 'bool') out[name] = asBool(v, name);
    else if (kind === 'strings') out[name] = asStrings(v, name);
    else if (kind === 'map') {
      if (asObject(v, name)) out[name] = v;
    } else if ('list' in kind) {
      if (v === undefined || v === null) out[name] = [];
      else if (!Array.isArray(v))
        throw codec(
          `proto: (line 1:1): invalid value for list field ${name}: ${JSON.stringify(v)}`,
        );
      else
        out[name] = v.map((item) => {
          // protojson: a null element of a repeated message is a syntax error
          if (item === null) throw codec('proto: syntax error (line 1:1): unexpected token null');
          return decodeMessage(item, kind.list, name) as Message;
        });
    } else {
      const m = decodeMessage(v, kind, name);
      if (m) out[name] = m;
    }
  }
  return out;
}

/** Binds one form or query key: a segment that names no field drops the key, as kratos ignores it. */
function bindPath(
  target: Message,
  path: readonly string[],
  values: readonly string[],
  schema: Schema,
): void {
  let cur = target;
  let fields = schema;
  for (const [i, segment] of path.entries()) {
    const field = fields.find((f) => f.names.includes(segment));
    if (!field) return;
    const name = field.names[0] as string;
    if (i === path.length - 1) {
      if (field.kind === 'strings') {
        cur[name] = [...values];
        return;
      }
      // a value for a message or map field is no field value: ignored like an unknown key
      if (field.kind !== 'string' && field.kind !== 'bool') return;
      if (values.length > 1)
        throw new KratosFailure(400, 'CODEC', `parsing field "${path.join('.')}": too many values`);
      cur[name] = field.kind === 'bool' ? parseBool(values[0] as string, name) : values[0];
      return;
    }
    if (typeof field.kind === 'string')
      throw new KratosFailure(400, 'CODEC', `invalid path: "${segment}" is not a message`);
    // a repeated message cannot be reached by a dotted key: ignored like an unknown key
    if (listOf(field.kind)) return;
    const next = Object.hasOwn(cur, name) ? cur[name] : undefined;
    cur = next !== null && typeof next === 'object' ? (next as Message) : (cur[name] = bare());
    fields = field.kind as Schema;
  }
}

function bindKeys(target: Message, params: URLSearchParams, prefix: string, schema: Schema): void {
  for (const key of new Set(params.keys()))
    if (key.startsWith(prefix))
      bindPath(target, key.slice(prefix.length).split('.'), params.getAll(key), schema);
}

/**
 * Reads a body of `schema`; `queryPrefix` is where the query reaches it (`body.` for a `SaveRequest.Body`,
 * '' for a request whose body is the whole message). undefined: an empty body and no query key for it.
 */
function decodeWith(
  schema: Schema,
  label: string,
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
  queryPrefix: string,
): Message | undefined {
  const doc = readBodyDocument(contentType, raw, (form) => {
    const out = bare();
    bindKeys(out, new URLSearchParams(form), '', schema);
    return out;
  });
  let body = doc === undefined ? undefined : decodeMessage(doc, schema, label);
  const keys = [...query.keys()].filter(
    (k) =>
      k.startsWith(queryPrefix) &&
      schema.some((f) => f.names.includes(k.slice(queryPrefix.length).split('.')[0] ?? '')),
  );
  if (keys.length) {
    body ??= bare();
    bindKeys(body, query, queryPrefix, schema);
  }
  return body;
}

const str = (m: Message | undefined, name: string): string => {
  const v = m?.[name];
  return typeof v === 'string' ? v : '';
};
const msg = (m: Message | undefined, name: string): Message | undefined => {
  const v = m?.[name];
  return v !== null && typeof v === 'object' ? (v as Message) : undefined;
};
const runes = (s: string): number => [...s].length;
const bool = (m: Message | undefined, name: string): boolean => m?.[name] === true;
const list = (m: Message | undefined, name: string): string[] => {
  const v = m?.[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
const BODY_PREFIX = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';
const invalid = (message: string): KratosFailure => new KratosFailure(400, 'VALIDATOR', message);

// ---- products

const GIT_PROVIDER: Schema = [
  { names: ['name'], kind: 'string' },
  { names: ['path'], kind: 'string' },
  { names: ['visibility'], kind: 'string' },
  { names: ['description'], kind: 'string' },
];
const PRODUCT_REQUEST: Schema = [
  { names: ['product_name', 'productName'], kind: 'string' },
  {
    names: ['git'],
    kind: [
      { names: ['gitlab'], kind: GIT_PROVIDER },
      { names: ['github'], kind: GIT_PROVIDER },
    ],
  },
];

/** `git.gitlab` of a product save: what the server sends to GitLab (all '' when absent). */
export interface GitlabOptions {
  readonly name: string;
  readonly path: string;
  readonly visibility: string;
  readonly description: string;
}

/** A decoded and validated `SaveProductRequest` (`product_name` is overridden by the path anyway). */
export interface ProductBody {
  /** undefined when `git.gitlab` is absent (the service counts that as empty options) */
  readonly gitlab: GitlabOptions | undefined;
}

/** Decodes and validates a product save (the body is the whole request: `body: "*"`). */
export function decodeProductBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): ProductBody {
  const request = decodeWith(PRODUCT_REQUEST, 'SaveProductRequest', contentType, raw, query, '');
  const git = msg(request, 'git');
  if (!git)
    throw new KratosFailure(400, 'VALIDATOR', 'invalid SaveProductRequest.Git: value is required');
  const prefix = 'invalid SaveProductRequest.Git: embedded message failed validation | caused by: ';
  for (const [field, label] of [
    ['gitlab', 'Gitlab'],
    ['github', 'Github'],
  ] as const) {
    const provider = msg(git, field);
    if (provider && !['public', 'private'].includes(str(provider, 'visibility')))
      throw new KratosFailure(
        400,
        'VALIDATOR',
        `${prefix}invalid Git.${label}: embedded message failed validation | caused by: invalid ${label}.Visibility: value must be in list [public private]`,
      );
  }
  const gitlab = msg(git, 'gitlab');
  return {
    gitlab: gitlab && {
      name: str(gitlab, 'name'),
      path: str(gitlab, 'path'),
      visibility: str(gitlab, 'visibility'),
      description: str(gitlab, 'description'),
    },
  };
}

// ---- projects

const PROJECT_BODY: Schema = [{ names: ['language'], kind: 'string' }];

/** A decoded project save body (the proto has no rules); undefined: nil (the service then panics). */
export interface ProjectBody {
  readonly language: string;
}

/** Decodes a project save body. */
export function decodeProjectBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): ProjectBody | undefined {
  const body = decodeWith(PROJECT_BODY, 'SaveRequest.Body', contentType, raw, query, 'body.');
  return body && { language: str(body, 'language') };
}

// ---- environments

const ENVIRONMENT_BODY: Schema = [
  { names: ['cluster'], kind: 'string' },
  { names: ['env_type', 'envType'], kind: 'string' },
];

/** A decoded environment save body; undefined: nil (validation passes, the service panics). */
export interface EnvironmentBody {
  readonly cluster: string;
  readonly env_type: string;
}

/** Decodes an environment save body (validated apart: the query is bound between the two). */
export function decodeEnvironmentBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): EnvironmentBody | undefined {
  const body = decodeWith(ENVIRONMENT_BODY, 'SaveRequest.Body', contentType, raw, query, 'body.');
  return body && { cluster: str(body, 'cluster'), env_type: str(body, 'env_type') };
}

/** protoc-gen-validate of an environment save: `cluster`, then `env_type`, at least 1 rune each. */
export function validateEnvironmentBody(body: EnvironmentBody | undefined): void {
  if (!body) return;
  const prefix = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';
  for (const [field, label] of [
    ['cluster', 'Cluster'],
    ['env_type', 'EnvType'],
  ] as const)
    if (runes(body[field]) < 1)
      throw new KratosFailure(
        400,
        'VALIDATOR',
        `${prefix}invalid SaveRequest_Body.${label}: value length must be at least 1 runes`,
      );
}

// ---- code repos

const CODE_REPO_BODY: Schema = [
  { names: ['project'], kind: 'string' },
  { names: ['webhook'], kind: [{ names: ['Events', 'events'], kind: 'strings' }] },
  { names: ['DeploymentRuntime', 'deployment_runtime'], kind: 'bool' },
  { names: ['PipelineRuntime', 'pipeline_runtime'], kind: 'bool' },
  {
    names: ['git'],
    kind: [
      { names: ['gitlab'], kind: GIT_PROVIDER },
      { names: ['github'], kind: GIT_PROVIDER },
    ],
  },
];

/** A decoded and validated code-repo save body (nautes-api-resources.md 5.1). */
export interface CodeRepoBody {
  readonly project: string;
  /** [] when absent or empty (then the file has `webhook: null`) */
  readonly events: readonly string[];
  readonly deployment_runtime: boolean;
  readonly pipeline_runtime: boolean;
  /** undefined when `git.gitlab` is absent (every option then defaults) */
  readonly gitlab: GitlabOptions | undefined;
}

/** Decodes and validates a code-repo save; undefined: an empty body (validation passes, the service panics). */
export function decodeCodeRepoBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): CodeRepoBody | undefined {
  const body = decodeWith(CODE_REPO_BODY, 'SaveRequest.Body', contentType, raw, query, 'body.');
  if (!body) return undefined;
  const git = msg(body, 'git');
  if (!git) throw invalid(`${BODY_PREFIX}invalid SaveRequest_Body.Git: value is required`);
  const gitPrefix = `${BODY_PREFIX}invalid SaveRequest_Body.Git: embedded message failed validation | caused by: `;
  const gitlab = msg(git, 'gitlab');
  const github = msg(git, 'github');
  const within = (label: string, rule: string): KratosFailure =>
    invalid(
      `${gitPrefix}invalid Git.${label}: embedded message failed validation | caused by: invalid ${label}.${rule}`,
    );
  if (gitlab && !['public', 'private'].includes(str(gitlab, 'visibility')))
    throw within('Gitlab', 'Visibility: value must be in list [public private]');
  if (github) {
    for (const [field, label] of [
      ['name', 'Name'],
      ['path', 'Path'],
    ] as const)
      if (runes(str(github, field)) < 1)
        throw within('Github', `${label}: value length must be at least 1 runes`);
    if (!['public', 'private'].includes(str(github, 'visibility')))
      throw within('Github', 'Visibility: value must be in list [public private]');
  }
  return {
    project: str(body, 'project'),
    events: list(msg(body, 'webhook'), 'Events'),
    deployment_runtime: bool(body, 'DeploymentRuntime'),
    pipeline_runtime: bool(body, 'PipelineRuntime'),
    gitlab: gitlab && {
      name: str(gitlab, 'name'),
      path: str(gitlab, 'path'),
      visibility: str(gitlab, 'visibility'),
      description: str(gitlab, 'description'),
    },
  };
}

// ---- code repo bindings

const BINDING_BODY: Schema = [
  { names: ['product'], kind: 'string' },
  { names: ['projects'], kind: 'strings' },
  { names: ['permissions'], kind: 'string' },
  { names: ['coderepo'], kind: 'string' },
];

/** A decoded and validated binding save body (nautes-api-resources.md 6.1); `product` is never used. */
export interface BindingBody {
  readonly projects: readonly string[];
  readonly permissions: string;
  /** the GitLab path of a repo of the URL's product */
  readonly coderepo: string;
}

/** Decodes and validates a binding save: `permissions`, then `coderepo`; undefined: an empty body. */
export function decodeBindingBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): BindingBody | undefined {
  const body = decodeWith(BINDING_BODY, 'SaveRequest.Body', contentType, raw, query, 'body.');
  if (!body) return undefined;
  if (!['readonly', 'readwrite'].includes(str(body, 'permissions')))
    throw invalid(
      `${BODY_PREFIX}invalid SaveRequest_Body.Permissions: value must be in list [readonly readwrite]`,
    );
  if (runes(str(body, 'coderepo')) < 1)
    throw invalid(
      `${BODY_PREFIX}invalid SaveRequest_Body.Coderepo: value length must be at least 1 runes`,
    );
  return {
    projects: list(body, 'projects'),
    permissions: str(body, 'permissions'),
    coderepo: str(body, 'coderepo'),
  };
}

// ---- clusters

const COMPONENT: Schema = [
  { names: ['name'], kind: 'string' },
  { names: ['namespace'], kind: 'string' },
  { names: ['additions'], kind: 'map' },
];

/** The reply's and the body's component keys, in the proto's order. */
export const COMPONENT_KEYS = [
  'multi_tenant',
  'secret_sync',
  'gateway',
  'deployment',
  'progressive_delivery',
  'pipeline',
  'event_listener',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

const CLUSTER_BODY: Schema = [
  { names: ['api_server', 'apiServer'], kind: 'string' },
  { names: ['cluster_kind', 'clusterKind'], kind: 'string' },
  { names: ['cluster_type', 'clusterType'], kind: 'string' },
  { names: ['usage'], kind: 'string' },
  { names: ['host_cluster', 'hostCluster'], kind: 'string' },
  { names: ['vcluster'], kind: [{ names: ['https_node_port', 'httpsNodePort'], kind: 'string' }] },
  { names: ['kubeconfig'], kind: 'string' },
  { names: ['worker_type', 'workerType'], kind: 'string' },
  { names: ['primary_domain', 'primaryDomain'], kind: 'string' },
  {
    names: ['reserved_namespaces_allowed_products', 'reservedNamespacesAllowedProducts'],
    kind: 'map',
  },
  { names: ['product_allowed_cluster_resources', 'productAllowedClusterResources'], kind: 'map' },
  {
    names: ['components_list', 'componentsList'],
    kind: COMPONENT_KEYS.map((k) => ({
      // one spelling for a one-word key (two equal names would read as a duplicate field)
      names: [...new Set([k, k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())])],
      kind: COMPONENT,
    })),
  },
];

/** A component as a cluster save gives it. */
export interface ComponentBody {
  readonly name: string;
  readonly namespace: string;
  readonly additions: Readonly<Record<string, string>>;
}

/** A decoded and validated cluster save body (nautes-api-resources.md 8.1). */
export interface ClusterBody {
  readonly api_server: string;
  readonly cluster_kind: string;
  readonly cluster_type: string;
  readonly usage: string;
  readonly host_cluster: string;
  readonly https_node_port: string;
  /** never logged, returned or written to git: it goes to the in-memory Vault only */
  readonly kubeconfig: string;
  readonly worker_type: string;
  readonly primary_domain: string;
  readonly reserved_namespaces_allowed_products: Readonly<Record<string, unknown>>;
  readonly product_allowed_cluster_resources: Readonly<Record<string, unknown>>;
  readonly components: Readonly<Partial<Record<ComponentKey, ComponentBody>>>;
}

const EMPTY_CLUSTER: ClusterBody = {
  api_server: '',
  cluster_kind: '',
  cluster_type: '',
  usage: '',
  host_cluster: '',
  https_node_port: '',
  kubeconfig: '',
  worker_type: '',
  primary_domain: '',
  reserved_namespaces_allowed_products: {},
  product_allowed_cluster_resources: {},
  components: {},
};

const stringMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
};

/**
 * Decodes and validates a cluster save (`api_server`, `cluster_kind`, `cluster_type`, `usage`, in that
 * order). An empty body is validated as empty: the service then answers its "not an https URL" 500.
 */
export function decodeClusterBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): ClusterBody {
  const body = decodeWith(CLUSTER_BODY, 'SaveRequest.Body', contentType, raw, query, 'body.');
  if (!body) return EMPTY_CLUSTER;
  for (const [field, label] of [
    ['api_server', 'ApiServer'],
    ['cluster_kind', 'ClusterKind'],
  ] as const)
    if (runes(str(body, field)) < 1)
      throw invalid(
        `${BODY_PREFIX}invalid SaveRequest_Body.${label}: value length must be at least 1 runes`,
      );
  if (!['physical', 'virtual'].includes(str(body, 'cluster_type')))
    throw invalid(
      `${BODY_PREFIX}invalid SaveRequest_Body.ClusterType: value must be in list [physical virtual]`,
    );
  if (!['host', 'worker'].includes(str(body, 'usage')))
    throw invalid(
      `${BODY_PREFIX}invalid SaveRequest_Body.Usage: value must be in list [host worker]`,
    );
  const list = msg(body, 'components_list');
  const components: Partial<Record<ComponentKey, ComponentBody>> = {};
  for (const key of COMPONENT_KEYS) {
    const c = msg(list, key);
    if (c)
      components[key] = {
        name: str(c, 'name'),
        namespace: str(c, 'namespace'),
        additions: stringMap(c['additions']),
      };
  }
  const map = (name: string): Record<string, unknown> => {
    const v = body[name];
    return v !== null && typeof v === 'object' ? { ...(v as Record<string, unknown>) } : {};
  };
  return {
    api_server: str(body, 'api_server'),
    cluster_kind: str(body, 'cluster_kind'),
    cluster_type: str(body, 'cluster_type'),
    usage: str(body, 'usage'),
    host_cluster: str(body, 'host_cluster'),
    https_node_port: str(msg(body, 'vcluster'), 'https_node_port'),
    kubeconfig: str(body, 'kubeconfig'),
    worker_type: str(body, 'worker_type'),
    primary_domain: str(body, 'primary_domain'),
    reserved_namespaces_allowed_products: map('reserved_namespaces_allowed_products'),
    product_allowed_cluster_resources: map('product_allowed_cluster_resources'),
    components,
  };
}

// ---- project pipeline runtimes

// every json_name is the proto name (snake_case): one spelling per field (nautes-api-resources.md 7.1)
const PPR_HOOK: Schema = [
  { names: ['name'], kind: 'string' },
  { names: ['vars'], kind: 'map' },
  { names: ['alias'], kind: 'string' },
];
const PPR_BODY: Schema = [
  { names: ['project'], kind: 'string' },
  { names: ['pipeline_source'], kind: 'string' },
  {
    names: ['pipelines'],
    kind: {
      list: [
        { names: ['name'], kind: 'string' },
        { names: ['label'], kind: 'string' },
        { names: ['path'], kind: 'string' },
      ],
    },
  },
  {
    names: ['event_sources'],
    kind: {
      list: [
        { names: ['name'], kind: 'string' },
        {
          names: ['gitlab'],
          kind: [
            { names: ['repo_name'], kind: 'string' },
            { names: ['revision'], kind: 'string' },
            { names: ['events'], kind: 'strings' },
          ],
        },
        {
          names: ['calendar'],
          kind: [
            { names: ['schedule'], kind: 'string' },
            { names: ['interval'], kind: 'string' },
            { names: ['exclusion_dates'], kind: 'strings' },
            { names: ['timezone'], kind: 'string' },
          ],
        },
      ],
    },
  },
  {
    names: ['pipeline_triggers'],
    kind: {
      list: [
        { names: ['event_source'], kind: 'string' },
        { names: ['pipeline'], kind: 'string' },
        { names: ['revision'], kind: 'string' },
        {
          names: ['inputs'],
          kind: {
            list: [
              {
                names: ['source'],
                kind: [
                  { names: ['built_in_var'], kind: 'string' },
                  { names: ['from_event'], kind: 'string' },
                ],
              },
              {
                names: ['transmission_method'],
                kind: [{ names: ['kustomization'], kind: [{ names: ['path'], kind: 'string' }] }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    names: ['destination'],
    kind: [
      { names: ['environment'], kind: 'string' },
      { names: ['namespace'], kind: 'string' },
    ],
  },
  { names: ['isolation'], kind: 'string' },
  {
    names: ['additional_resources'],
    kind: [
      {
        names: ['git'],
        kind: [
          { names: ['coderepo'], kind: 'string' },
          { names: ['url'], kind: 'string' },
          { names: ['revision'], kind: 'string' },
          { names: ['path'], kind: 'string' },
        ],
      },
    ],
  },
  { names: ['account'], kind: 'string' },
  {
    names: ['hooks'],
    kind: [
      { names: ['pre_hooks'], kind: { list: PPR_HOOK } },
      { names: ['post_hooks'], kind: { list: PPR_HOOK } },
    ],
  },
];

const msgs = (m: Message | undefined, name: string): Message[] => {
  const v = m?.[name];
  return Array.isArray(v) ? (v as Message[]) : [];
};

const hooksOf = (m: Message | undefined, name: string): PipelineHookInput[] =>
  msgs(m, name).map((h) => ({
    name: str(h, 'name'),
    vars: stringMap(h['vars']),
    alias: str(h, 'alias'),
  }));

/** The decoded body as the service reads it (a message absent when unset). */
function toPipelineRuntimeInput(body: Message): PipelineRuntimeInput {
  const destination = msg(body, 'destination');
  const additional = msg(body, 'additional_resources');
  const git = msg(additional, 'git');
  const hooks = msg(body, 'hooks');
  return {
    project: str(body, 'project'),
    pipeline_source: str(body, 'pipeline_source'),
    pipelines: msgs(body, 'pipelines').map((p) => ({
      name: str(p, 'name'),
      label: str(p, 'label'),
      path: str(p, 'path'),
    })),
    event_sources: msgs(body, 'event_sources').map((es) => {
      const gitlab = msg(es, 'gitlab');
      const calendar = msg(es, 'calendar');
      return {
        name: str(es, 'name'),
        gitlab: gitlab && {
          repo_name: str(gitlab, 'repo_name'),
          revision: str(gitlab, 'revision'),
          events: list(gitlab, 'events'),
        },
        calendar: calendar && {
          schedule: str(calendar, 'schedule'),
          interval: str(calendar, 'interval'),
          exclusion_dates: list(calendar, 'exclusion_dates'),
          timezone: str(calendar, 'timezone'),
        },
      };
    }),
    pipeline_triggers: msgs(body, 'pipeline_triggers').map((t) => ({
      event_source: str(t, 'event_source'),
      pipeline: str(t, 'pipeline'),
      revision: str(t, 'revision'),
      inputs: msgs(t, 'inputs').map((i) => {
        const source = msg(i, 'source');
        const method = msg(i, 'transmission_method');
        const kustomization = msg(method, 'kustomization');
        return {
          source: source && {
            built_in_var: str(source, 'built_in_var'),
            from_event: str(source, 'from_event'),
          },
          transmission_method: method && {
            kustomization: kustomization && { path: str(kustomization, 'path') },
          },
        };
      }),
    })),
    destination: destination && {
      environment: str(destination, 'environment'),
      namespace: str(destination, 'namespace'),
    },
    isolation: str(body, 'isolation'),
    additional_resources: additional && {
      git: git && {
        coderepo: str(git, 'coderepo'),
        url: str(git, 'url'),
        revision: str(git, 'revision'),
        path: str(git, 'path'),
      },
    },
    account: str(body, 'account'),
    hooks: hooks && {
      pre_hooks: hooksOf(hooks, 'pre_hooks'),
      post_hooks: hooksOf(hooks, 'post_hooks'),
    },
  };
}

/**
 * Decodes a pipeline runtime save body and runs protoc-gen-validate over it, in field order, the first
 * failure only (nautes-api-resources.md 7.1, 11). undefined: an empty body (validation passes a nil Body).
 */
export function decodePipelineRuntimeBody(
  contentType: string | undefined,
  raw: string,
  query: URLSearchParams,
): PipelineRuntimeInput | undefined {
  const body = decodeWith(PPR_BODY, 'SaveRequest.Body', contentType, raw, query, 'body.');
  if (!body) return undefined;
  const input = toPipelineRuntimeInput(body);
  const field = (label: string, rule: string): KratosFailure =>
    invalid(`${BODY_PREFIX}invalid SaveRequest_Body.${label}: ${rule}`);
  const embedded = (label: string, inner: string): KratosFailure =>
    field(label, `embedded message failed validation | caused by: ${inner}`);
  const atLeastOne = 'value length must be at least 1 runes';
  if (runes(input.project) < 1) throw field('Project', atLeastOne);
  if (runes(input.pipeline_source) < 1) throw field('PipelineSource', atLeastOne);
  if (input.pipelines.length < 1) throw field('Pipelines', 'value must contain at least 1 item(s)');
  for (const [i, p] of input.pipelines.entries())
    for (const [key, label] of [
      ['name', 'Name'],
      ['path', 'Path'],
    ] as const)
      if (runes(p[key]) < 1)
        throw embedded(`Pipelines[${i}]`, `invalid Pipeline.${label}: ${atLeastOne}`);
  if (input.event_sources.length < 1)
    throw field('EventSources', 'value must contain at least 1 item(s)');
  for (const [i, es] of input.event_sources.entries()) {
    if (runes(es.name) < 1)
      throw embedded(`EventSources[${i}]`, `invalid EventSource.Name: ${atLeastOne}`);
    if (es.gitlab && runes(es.gitlab.repo_name) < 1)
      throw embedded(
        `EventSources[${i}]`,
        `invalid EventSource.Gitlab: embedded message failed validation | caused by: invalid Gitlab.RepoName: ${atLeastOne}`,
      );
  }
  if (input.pipeline_triggers.length < 1)
    throw field('PipelineTriggers', 'value must contain at least 1 item(s)');
  for (const [i, t] of input.pipeline_triggers.entries())
    for (const [key, label] of [
      ['event_source', 'EventSource'],
      ['pipeline', 'Pipeline'],
    ] as const)
      if (runes(t[key]) < 1)
        throw embedded(
          `PipelineTriggers[${i}]`,
          `invalid PipelineTriggers.${label}: ${atLeastOne}`,
        );
  if (input.destination && runes(input.destination.environment) < 1)
    throw embedded('Destination', `invalid ProjectPipelineDestination.Environment: ${atLeastOne}`);
  if (!['shared', 'exclusive'].includes(input.isolation))
    throw field('Isolation', 'value must be in list [shared exclusive]');
  return input;
}
