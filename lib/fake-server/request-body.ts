// Decoding of the save body as kratos/protojson does it (nautes-api.md 1.1): either key spelling, unknown
// keys dropped, null = unset, wrong types rejected as 400 CODEC.
import { parse as parseYaml } from 'yaml';
import { KratosFailure } from './errors';

/** The decoded SaveRequest.Body (undefined members are unset). */
export interface DecodedBody {
  projects_ref: string[];
  manifest_source: { code_repo: string; target_revision: string; path: string } | undefined;
  destination: { environment: string; namespaces: string[] } | undefined;
  account: string;
}

const REGISTERED = new Set(['json', 'proto', 'xml', 'yaml', 'x-www-form-urlencoded']);

/** A 400 CODEC "body unmarshal ..." failure. */
export function codec(detail: string): KratosFailure {
  return new KratosFailure(400, 'CODEC', `body unmarshal ${detail}`);
}

/** The value of a field given under one of its spellings (both given: 400 CODEC). */
export function pick(o: Record<string, unknown>, ...names: string[]): unknown {
  // own keys only: nothing inherited from a prototype ever counts as a given field
  const present = names.filter((n) => Object.hasOwn(o, n));
  // protojson: one field given twice, also under its two spellings, is an error
  if (present.length > 1) throw codec(`proto: (line 1:1): duplicate field "${present[1]}"`);
  return present.length ? o[present[0] as string] : undefined;
}

/** The first key given twice in one JSON object of `text`, if any (JSON.parse keeps the last in silence). */
export function duplicateJsonKey(text: string): string | undefined {
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') raw += text[j++];
        raw += text[j];
      }
      const top = stack[stack.length - 1];
      if (expectKey && top) {
        let key = raw;
        try {
          key = JSON.parse(`"${raw}"`) as string;
        } catch {
          // a malformed string fails JSON.parse later with its own message
        }
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** What a form or query key can reach: a field's kind, or the fields of a message. */
type FieldKind = 'string' | 'list' | MessageFields;
type MessageFields = ReadonlyMap<string, FieldKind>;

// SaveRequest.Body and its messages, under both spellings kratos looks a segment up by (proto name, then
// JSON name): the only paths a form body or a `body.*` query key can write
const MANIFEST_SOURCE: MessageFields = new Map<string, FieldKind>([
  ['code_repo', 'string'],
  ['CodeRepo', 'string'],
  ['target_revision', 'string'],
  ['TargetRevision', 'string'],
  ['path', 'string'],
  ['Path', 'string'],
]);
const DESTINATION: MessageFields = new Map<string, FieldKind>([
  ['environment', 'string'],
  ['namespaces', 'list'],
]);
const BODY_FIELDS: MessageFields = new Map<string, FieldKind>([
  ['projects_ref', 'list'],
  ['projectsRef', 'list'],
  ['manifest_source', MANIFEST_SOURCE],
  ['manifestSource', MANIFEST_SOURCE],
  ['destination', DESTINATION],
  ['account', 'string'],
]);

/** A fresh object with no prototype: no key written into it can reach Object.prototype. */
const bare = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

/** A form body (application/x-www-form-urlencoded) as kratos binds it: dotted proto paths, lists repeated. */
function formToObject(raw: string): Record<string, unknown> {
  const out = bare();
  const params = new URLSearchParams(raw);
  for (const key of new Set(params.keys())) setPath(out, key.split('.'), params.getAll(key));
  return out;
}

/**
 * Sets a dotted path from form or query values: lists take every value, other fields one.
 *
 * Each segment is looked up in the message's fields (a trailing `[]` is dropped first, as kratos does). A
 * segment that names no field drops the whole key: kratos' form decoder ignores unexpected fields
 * (`encoding/form/proto_decode.go`, "ignore unexpected field"), it does not answer 400. So `__proto__`,
 * `constructor`, `prototype`, `toString`, ... are never written anywhere, and the objects written into have
 * no prototype besides.
 */
function setPath(
  target: Record<string, unknown>,
  path: readonly string[],
  values: readonly string[],
): void {
  let cur = target;
  let fields = BODY_FIELDS;
  for (const [i, given] of path.entries()) {
    let segment = given;
    let kind = fields.get(segment);
    if (kind === undefined && segment.length > 2 && segment.endsWith('[]')) {
      segment = segment.slice(0, -2);
      kind = fields.get(segment);
    }
    if (kind === undefined) return;
    if (i === path.length - 1) {
      if (kind === 'list') cur[segment] = [...values];
      else if (values.length > 1)
        throw new KratosFailure(400, 'CODEC', `parsing field "${path.join('.')}": too many values`);
      else cur[segment] = values[0];
      return;
    }
    // a path through a string or a list: kratos' "invalid path" error, bound as 400 CODEC
    if (typeof kind === 'string')
      throw new KratosFailure(400, 'CODEC', `invalid path: "${segment}" is not a message`);
    const next = Object.hasOwn(cur, segment) ? cur[segment] : undefined;
    cur =
      next !== null && typeof next === 'object' && !Array.isArray(next)
        ? (next as Record<string, unknown>)
        : (cur[segment] = bare());
    fields = kind;
  }
}

/**
 * The body's fields given in the query (`?body.account=x`): bound after the body, so they override it
 * (nautes-api.md 11.3).
 */
export function applyBodyQuery(
  body: DecodedBody | undefined,
  query: URLSearchParams,
): DecodedBody | undefined {
  const keys = [...new Set(query.keys())].filter((k) => k.startsWith('body.'));
  if (!keys.length) return body;
  const doc = bare();
  if (body) {
    doc['projects_ref'] = body.projects_ref;
    if (body.manifest_source) doc['manifest_source'] = Object.assign(bare(), body.manifest_source);
    if (body.destination) doc['destination'] = Object.assign(bare(), body.destination);
    doc['account'] = body.account;
  }
  for (const key of keys) setPath(doc, key.slice('body.'.length).split('.'), query.getAll(key));
  return fromObject(doc);
}

/** A string field (unset: ''; another type: 400 CODEC). */
export function asString(v: unknown, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string')
    throw codec(`proto: (line 1:1): invalid value for string field ${field}: ${JSON.stringify(v)}`);
  return v;
}

/** A string list field (unset: []; another type or a null element: 400 CODEC). */
export function asStrings(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw codec(`proto: (line 1:1): invalid value for list field ${field}: ${JSON.stringify(v)}`);
  return v.map((x) => {
    if (x === null) throw codec(`proto: (line 1:1): invalid value for string type: null`);
    return asString(x, field);
  });
}

/** A message field (unset: undefined; another type: 400 CODEC). */
export function asObject(v: unknown, field: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    throw codec(
      `proto: (line 1:1): invalid value for message field ${field}: ${JSON.stringify(v)}`,
    );
  return v as Record<string, unknown>;
}

/**
 * Reads a POST body as the kratos codecs do (JSON, YAML or form, chosen by the Content-Type subtype):
 * undefined for an empty body (the message stays nil), else the document; `form` binds a form body.
 */
export function readBodyDocument(
  contentType: string | undefined,
  raw: string,
  form: (raw: string) => unknown,
): unknown {
  // the subtype is matched as written: application/JSON is not registered (nautes-api.md 11.3)
  const subtype = (contentType ?? '').split(';')[0]?.trim().split('/')[1] ?? '';
  if (!REGISTERED.has(subtype))
    throw new KratosFailure(400, 'CODEC', `unregister Content-Type: ${contentType ?? ''}`);
  if (raw.length === 0) return undefined;
  let doc: unknown;
  if (subtype === 'json') {
    const twice = duplicateJsonKey(raw);
    if (twice !== undefined) throw codec(`proto: (line 1:1): duplicate field "${twice}"`);
    try {
      doc = JSON.parse(raw);
    } catch (e) {
      throw codec(`proto: syntax error (line 1:1): ${(e as Error).message}`);
    }
  } else if (subtype === 'yaml') {
    try {
      doc = parseYaml(raw, { uniqueKeys: true });
    } catch (e) {
      throw codec(`yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  } else if (subtype === 'x-www-form-urlencoded') {
    doc = form(raw);
  } else {
    // proto and XML bodies are registered but not decoded by this stand-in
    throw codec(`${subtype}: this stand-in decodes JSON, YAML and form bodies only`);
  }
  // protojson: a null message, or a null inside a string list, is a syntax error (not "unset")
  if (doc === null) throw codec('proto: syntax error (line 1:1): unexpected token null');
  return doc;
}

/** Decodes a POST body (JSON, YAML or form, as the real server does); undefined for an empty body (Body stays nil). */
export function decodeSaveBody(
  contentType: string | undefined,
  raw: string,
): DecodedBody | undefined {
  const doc = readBodyDocument(contentType, raw, formToObject);
  return doc === undefined ? undefined : fromObject(doc);
}

function fromObject(doc: unknown): DecodedBody | undefined {
  const top = asObject(doc, 'SaveRequest.Body');
  if (!top) return undefined;
  const ms = asObject(pick(top, 'manifest_source', 'manifestSource'), 'manifest_source');
  const dest = asObject(pick(top, 'destination'), 'destination');
  return {
    projects_ref: asStrings(pick(top, 'projects_ref', 'projectsRef'), 'projects_ref'),
    manifest_source: ms && {
      code_repo: asString(pick(ms, 'code_repo', 'CodeRepo'), 'code_repo'),
      target_revision: asString(pick(ms, 'target_revision', 'TargetRevision'), 'target_revision'),
      path: asString(pick(ms, 'path', 'Path'), 'path'),
    },
    destination: dest && {
      environment: asString(pick(dest, 'environment'), 'environment'),
      namespaces: asStrings(pick(dest, 'namespaces'), 'namespaces'),
    },
    account: asString(pick(top, 'account'), 'account'),
  };
}

/** protoc-gen-validate of SaveRequest: the first failure only, as 400 VALIDATOR. */
export function validateSaveBody(body: DecodedBody | undefined): void {
  if (!body) return;
  const prefix = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';
  const ms = body.manifest_source;
  if (!ms)
    throw new KratosFailure(
      400,
      'VALIDATOR',
      `${prefix}invalid SaveRequest_Body.ManifestSource: value is required`,
    );
  const msPrefix = `${prefix}invalid SaveRequest_Body.ManifestSource: embedded message failed validation | caused by: `;
  for (const [key, label] of [
    ['code_repo', 'CodeRepo'],
    ['target_revision', 'TargetRevision'],
    ['path', 'Path'],
  ] as const)
    if ([...ms[key]].length < 1)
      throw new KratosFailure(
        400,
        'VALIDATOR',
        `${msPrefix}invalid ManifestSource.${label}: value length must be at least 1 runes`,
      );
  if (body.destination && [...body.destination.environment].length < 1)
    throw new KratosFailure(
      400,
      'VALIDATOR',
      `${prefix}invalid SaveRequest_Body.Destination: embedded message failed validation | caused by: invalid DeploymentRuntimesDestination.Environment: value length must be at least 1 runes`,
    );
}

/**
 * The `insecure_skip_check` query flag as kratos decodes it: either spelling, Go's strconv.ParseBool, an
 * empty value is false, a key given twice is 400 CODEC (nautes-api.md 1 and 11.3). The error names the
 * proto field: `insecureSkipCheck` for runtimes and environments, `insecure_skip_check` for projects
 * (nautes-api-resources.md 1.1). A kind whose proto and JSON names are both `insecure_skip_check` (bindings,
 * clusters) passes only that spelling: the other is an unknown key, ignored.
 */
export function parseSkipCheck(
  query: URLSearchParams,
  protoName = 'insecureSkipCheck',
  spellings: readonly string[] = ['insecure_skip_check', 'insecureSkipCheck'],
): boolean {
  const values = spellings.flatMap((k) => query.getAll(k));
  if (values.length > 1)
    throw new KratosFailure(400, 'CODEC', `parsing field "${protoName}": too many values`);
  const value = values[0];
  if (value === undefined || value === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new KratosFailure(
    400,
    'CODEC',
    `parsing field "${protoName}": strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`,
  );
}
