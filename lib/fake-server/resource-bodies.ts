// The save bodies of products, projects and environments (nautes-api-resources.md 2.1, 3.1, 4.1), decoded
// as kratos does for the runtime body (nautes-api.md 1.1 and 11.3): either spelling of a field, unknown keys
// dropped, wrong types 400 CODEC; a form body and the query are bound by dotted field path, the query
// after the body (so it overrides it). Then protoc-gen-validate: the first failure only, 400 VALIDATOR.
import { KratosFailure } from './errors';
import { asObject, asString, pick, readBodyDocument } from './request-body';

/** A message: its fields, each under its spellings (canonical first: proto name, then JSON name). */
type Schema = ReadonlyArray<{
  readonly names: readonly string[];
  readonly kind: 'string' | Schema;
}>;

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
    else {
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
      // a value for a message field is no field value: ignored like an unknown key
      if (field.kind !== 'string') return;
      if (values.length > 1)
        throw new KratosFailure(400, 'CODEC', `parsing field "${path.join('.')}": too many values`);
      cur[name] = values[0];
      return;
    }
    if (field.kind === 'string')
      throw new KratosFailure(400, 'CODEC', `invalid path: "${segment}" is not a message`);
    const next = Object.hasOwn(cur, name) ? cur[name] : undefined;
    cur = next !== null && typeof next === 'object' ? (next as Message) : (cur[name] = bare());
    fields = field.kind;
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
