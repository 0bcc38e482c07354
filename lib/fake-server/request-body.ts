// Decoding of the save body as kratos/protojson does it (nautes-api.md 1.1): either key spelling, unknown
// keys dropped, null = unset, wrong types rejected as 400 CODEC.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, parse as parseYaml } from 'yaml';
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

/** The proto name of a singular string field by either spelling (what kratos' errors name). */
const PROTO_NAMES: ReadonlyMap<string, string> = new Map([
  ['code_repo', 'CodeRepo'],
  ['CodeRepo', 'CodeRepo'],
  ['target_revision', 'TargetRevision'],
  ['TargetRevision', 'TargetRevision'],
  ['path', 'Path'],
  ['Path', 'Path'],
  ['environment', 'environment'],
  ['account', 'account'],
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
        throw new KratosFailure(
          400,
          'CODEC',
          `too many values for field "${PROTO_NAMES.get(segment) ?? segment}": ${values.join(', ')}`,
        );
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
  const subtype = (contentType ?? '').split(';')[0]?.trim().split('/')[1] ?? '';
  if (subtype === 'yaml' && raw.length > 0) return decodeYamlBody(raw);
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

/** A YAML node as the yaml library gives it (only what the decoder below reads). */
type YamlNode = ReturnType<typeof parseDocument>['contents'];

/**
 * A YAML body as kratos' YAML codec reads it: gopkg.in/yaml.v3 into the generated Go struct, so the keys
 * are the Go field names in lower case (`projectsref`, `manifestsource.coderepo`, `targetrevision`, ...),
 * matched exactly; the JSON names (`projects_ref`, `manifest_source`) are unknown keys, ignored. A null
 * document leaves Body nil (then the service's nil dereference: 500 UNKNOWN). Any scalar goes into a string
 * field as written (`account: 5` is "5"), a null as ""; a wrong kind is yaml.v3's collected type error
 * ("cannot unmarshal !!seq into string"), as is a key given twice in one mapping.
 */
function decodeYamlBody(raw: string): DecodedBody | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(raw, { lineCounter: lines, uniqueKeys: false, version: '1.2' });
  if (doc.errors.length)
    throw codec(
      `yaml: line ${doc.errors[0]?.linePos?.[0].line ?? 1}: ${doc.errors[0]?.code ?? ''}`,
    );
  // yaml.v3 decodes in document order: its collected errors come in that order
  const errors: Array<[number, string]> = [];
  const offset = (n: YamlNode): number => n?.range?.[0] ?? 0;
  const line = (n: YamlNode): number => lines.linePos(n?.range?.[0] ?? 0).line;
  const tagOf = (n: YamlNode): string => {
    if (isMap(n)) return '!!map';
    if (isSeq(n)) return '!!seq';
    const v = isScalar(n) ? n.value : null;
    if (typeof v === 'string') return '!!str';
    if (typeof v === 'boolean') return '!!bool';
    if (typeof v === 'number')
      return Number.isInteger(v) && !/[.eE]/.test(String(n?.source ?? '')) ? '!!int' : '!!float';
    return '!!null';
  };
  const text = (n: YamlNode): string =>
    isScalar(n) ? (typeof n.value === 'string' ? n.value : String(n.source ?? n.value)) : '';
  const typeError = (n: YamlNode, into: string): void => {
    const tag = tagOf(n);
    let shown = '';
    if (tag !== '!!seq' && tag !== '!!map') {
      const v = text(n);
      shown = v.length > 10 ? ` \`${v.slice(0, 7)}...\`` : ` \`${v}\``;
    }
    errors.push([offset(n), `line ${line(n)}: cannot unmarshal ${tag}${shown} into ${into}`]);
  };
  const isNull = (n: YamlNode): boolean => n === null || (isScalar(n) && n.value === null);
  const asStr = (n: YamlNode): string => {
    if (isNull(n)) return '';
    if (isScalar(n)) return text(n);
    typeError(n, 'string');
    return '';
  };
  const asList = (n: YamlNode): string[] => {
    if (isNull(n)) return [];
    if (!isSeq(n)) {
      typeError(n, '[]string');
      return [];
    }
    return n.items.map((item) => asStr(item as YamlNode));
  };
  /**
   * The pairs of a mapping that name a field of the struct (`known`), by key text. A field given twice is
   * yaml.v3's "field ... already set in type ..." and its later value is skipped; other keys are ignored.
   */
  const fields = (
    n: YamlNode,
    into: string,
    known: readonly string[],
  ): Map<string, YamlNode> | undefined => {
    if (isNull(n)) return undefined;
    if (!isMap(n)) {
      typeError(n, into);
      return undefined;
    }
    const out = new Map<string, YamlNode>();
    for (const pair of n.items) {
      const key = pair.key as YamlNode;
      const name = text(key);
      if (!known.includes(name)) continue;
      if (out.has(name))
        errors.push([offset(key), `line ${line(key)}: field ${name} already set in type ${into}`]);
      else out.set(name, pair.value as YamlNode);
    }
    return out;
  };
  const fail = (): KratosFailure =>
    codec(
      `yaml: unmarshal errors:\n  ${errors
        .sort(([a], [b]) => a - b)
        .map(([, m]) => m)
        .join('\n  ')}`,
    );
  const top = fields(doc.contents, 'v1.SaveRequest_Body', [
    'projectsref',
    'manifestsource',
    'destination',
    'account',
  ]);
  if (!top) {
    if (errors.length) throw fail();
    return undefined;
  }
  const ms = fields(top.get('manifestsource') ?? null, 'v1.ManifestSource', [
    'coderepo',
    'targetrevision',
    'path',
  ]);
  const dest = fields(top.get('destination') ?? null, 'v1.DeploymentRuntimesDestination', [
    'environment',
    'namespaces',
  ]);
  const body: DecodedBody = {
    projects_ref: asList(top.get('projectsref') ?? null),
    manifest_source: ms && {
      code_repo: asStr(ms.get('coderepo') ?? null),
      target_revision: asStr(ms.get('targetrevision') ?? null),
      path: asStr(ms.get('path') ?? null),
    },
    destination: dest && {
      environment: asStr(dest.get('environment') ?? null),
      namespaces: asList(dest.get('namespaces') ?? null),
    },
    account: asStr(top.get('account') ?? null),
  };
  if (errors.length) throw fail();
  return body;
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
 * The query keys that bind one field, in the order kratos' form decoder would meet them: its proto name, its
 * JSON name, each also with a `[]` suffix (`getFieldDescriptor` strips it), every key bound on its own.
 * The real decoder walks a Go map (a random order); this stand-in takes the keys in bytewise order, so
 * when two spellings disagree the one that sorts last wins (`insecure_skip_check` over `insecureSkipCheck`).
 */
function fieldKeys(query: URLSearchParams, spellings: readonly string[]): string[] {
  const names = new Set(spellings);
  return [...new Set(query.keys())]
    .filter((k) => names.has(k) || (k.length > 2 && k.endsWith('[]') && names.has(k.slice(0, -2))))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One key's values bound to a singular field: two or more is kratos' "too many values" (400 CODEC). */
function singleValue(query: URLSearchParams, key: string, protoName: string): string {
  const values = query.getAll(key);
  if (values.length > 1)
    throw new KratosFailure(
      400,
      'CODEC',
      `too many values for field "${protoName}": ${values.join(', ')}`,
    );
  return values[0] ?? '';
}

/**
 * The `insecure_skip_check` query flag as kratos decodes it (`encoding/form/proto_decode.go`): each key on
 * its own, either spelling (also with `[]`); one key given twice is 400 CODEC `too many values for field
 * "insecureSkipCheck": true, false`; an empty value sets nothing; anything else goes through Go's
 * strconv.ParseBool (400 CODEC on a bad value). Two spellings given once each are two keys, no error: the
 * last bound wins (see `fieldKeys`). The error names the proto field: `insecureSkipCheck` for runtimes and
 * environments, `insecure_skip_check` for projects (nautes-api-resources.md 1.1). A kind whose proto and
 * JSON names are both `insecure_skip_check` (bindings, clusters) passes only that spelling: the other is an
 * unknown key, ignored.
 */
export function parseSkipCheck(
  query: URLSearchParams,
  protoName = 'insecureSkipCheck',
  spellings: readonly string[] = ['insecure_skip_check', 'insecureSkipCheck'],
): boolean {
  let skip = false;
  for (const key of fieldKeys(query, spellings)) {
    const value = singleValue(query, key, protoName);
    if (value === '') continue;
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) skip = true;
    else if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) skip = false;
    else
      throw new KratosFailure(
        400,
        'CODEC',
        `parsing field "${protoName}": strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`,
      );
  }
  return skip;
}

/**
 * A string query field (`field_selector` of a list) as kratos binds it: either key spelling given
 * (`spellings`, also with `[]`), one key given twice is 400 CODEC "too many values"; an empty value sets
 * nothing; the last key bound wins.
 */
export function queryString(
  query: URLSearchParams,
  protoName: string,
  spellings: readonly string[] = [protoName],
): string {
  let value = '';
  for (const key of fieldKeys(query, spellings)) {
    const v = singleValue(query, key, protoName);
    if (v !== '') value = v;
  }
  return value;
}

/**
 * The path-variable fields of a runtime request message, which kratos' BindQuery binds from the query too
 * (BindVars then overwrites them): a value there changes nothing, but one key of theirs given twice is
 * "too many values" (400 CODEC). A list request has no runtime name field (such a key is unknown, ignored).
 */
export function bindRuntimeNameFields(query: URLSearchParams, withName: boolean): void {
  queryString(query, 'productName', ['productName', 'product_name']);
  if (withName)
    queryString(query, 'deploymentruntimeName', [
      'deploymentruntimeName',
      'deploymentruntime_name',
    ]);
}
