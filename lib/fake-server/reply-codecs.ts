// The reply codecs of kratos v2.6.2 (transport/http/codec.go, nautes-api.md 1.1 and 11.9): the codec is
// picked from each `Accept` header line in turn by its exact subtype (between the first `/` and the first
// `;`), among the registered ones (json, proto, xml, yaml, x-www-form-urlencoded); no match, `*/*`, a list
// (`application/yaml, application/json` has the subtype `yaml, application/json`) or no header: JSON.
// Each codec marshals the Go value as it is: protojson and the form encoder use the JSON names, yaml.v3
// the lower-cased Go field names, encoding/xml the Go field and type names, proto the field numbers.
import { stringify as toYamlText } from 'yaml';
import type { ServerResponse } from 'node:http';
import { plain500, type KratosFailure } from './errors';
import type { RuntimeReply } from './nautes-service';

/** A registered kratos codec. */
export type ReplyCodec = 'json' | 'yaml' | 'xml' | 'proto' | 'x-www-form-urlencoded';

const REGISTERED: ReadonlySet<string> = new Set([
  'json',
  'yaml',
  'xml',
  'proto',
  'x-www-form-urlencoded',
]);

/** kratos' httputil.ContentSubtype: between the first `/` and the first `;` ('' without a `/`). */
function contentSubtype(value: string): string {
  const left = value.indexOf('/');
  if (left < 0) return '';
  const semi = value.indexOf(';');
  const right = semi < 0 ? value.length : semi;
  return right < left ? '' : value.slice(left + 1, right);
}

/** CodecForRequest(r, "Accept"): the first header line whose subtype names a registered codec, else JSON. */
export function replyCodec(acceptLines: readonly string[] | undefined): ReplyCodec {
  for (const line of acceptLines ?? []) {
    const subtype = contentSubtype(line);
    if (REGISTERED.has(subtype)) return subtype as ReplyCodec;
  }
  return 'json';
}

/** A deployment-runtime reply, by its proto message. */
export type RuntimeWire =
  | { readonly message: 'GetReply'; readonly value: RuntimeReply }
  | { readonly message: 'ListsReply'; readonly items: readonly RuntimeReply[] }
  | { readonly message: 'SaveReply' | 'DeleteReply'; readonly msg: string };

function write(res: ServerResponse, status: number, contentType: string, body: Buffer): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}

/** The JSON of a runtime reply (protojson: JSON names, every field). */
function runtimeJson(reply: RuntimeWire): unknown {
  switch (reply.message) {
    case 'GetReply':
      return reply.value;
    case 'ListsReply':
      return { items: reply.items };
    default:
      return { message: reply.msg };
  }
}

/** yaml.v3 of the Go struct: keys are the Go field names lower-cased, in field order. */
function yamlOfRuntime(r: RuntimeReply): Record<string, unknown> {
  return {
    product: r.product,
    name: r.name,
    projectsref: r.projects_ref,
    manifestsource: {
      coderepo: r.manifest_source.code_repo,
      targetrevision: r.manifest_source.target_revision,
      path: r.manifest_source.path,
    },
    destination: { environment: r.destination.environment, namespaces: r.destination.namespaces },
    account: r.account,
  };
}

function yamlText(value: unknown): Buffer {
  // yaml.v3 indents by 4 and indents sequences inside mappings
  return Buffer.from(toYamlText(value, { indent: 4, indentSeq: true, lineWidth: 0 }), 'utf8');
}

/** Go's encoding/xml EscapeString. */
function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '&#34;';
    else if (ch === "'") out += '&#39;';
    else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '\t') out += '&#x9;';
    else if (ch === '\n') out += '&#xA;';
    else if (ch === '\r') out += '&#xD;';
    else if (
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      (c >= 0x10000 && c <= 0x10ffff)
    )
      out += ch;
    else out += '\uFFFD';
  }
  return out;
}

const el = (name: string, inner: string): string => `<${name}>${inner}</${name}>`;
const xmlStrings = (name: string, values: readonly string[]): string =>
  values.map((v) => el(name, xmlEscape(v))).join('');

/** The fields of a GetReply as encoding/xml writes them (the element around them is the caller's). */
function xmlRuntimeFields(r: RuntimeReply): string {
  return (
    el('Product', xmlEscape(r.product)) +
    el('Name', xmlEscape(r.name)) +
    xmlStrings('ProjectsRef', r.projects_ref) +
    el(
      'ManifestSource',
      el('CodeRepo', xmlEscape(r.manifest_source.code_repo)) +
        el('TargetRevision', xmlEscape(r.manifest_source.target_revision)) +
        el('Path', xmlEscape(r.manifest_source.path)),
    ) +
    el(
      'Destination',
      el('Environment', xmlEscape(r.destination.environment)) +
        xmlStrings('Namespaces', r.destination.namespaces),
    ) +
    el('Account', xmlEscape(r.account))
  );
}

/** encoding/xml of the reply: the type name outside, the Go field names inside. */
function xmlOfRuntime(reply: RuntimeWire): string {
  switch (reply.message) {
    case 'GetReply':
      return el('GetReply', xmlRuntimeFields(reply.value));
    case 'ListsReply':
      return el('ListsReply', reply.items.map((i) => el('Items', xmlRuntimeFields(i))).join(''));
    default:
      return el(reply.message, el('Msg', xmlEscape(reply.msg)));
  }
}

/** A protobuf writer of the few wire types these messages use (varints and length-delimited fields). */
class ProtoWriter {
  private readonly parts: Buffer[] = [];
  private varint(n: number): void {
    const bytes: number[] = [];
    // int32 values: a negative one is sign-extended to 10 bytes, as proto does
    let v = BigInt.asUintN(64, BigInt(n));
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      bytes.push(b);
    } while (v > 0n);
    this.parts.push(Buffer.from(bytes));
  }
  /** A varint field, omitted when 0 (proto3). */
  int(field: number, n: number): this {
    if (n !== 0) {
      this.varint(field << 3);
      this.varint(n);
    }
    return this;
  }
  bytes(field: number, b: Buffer): this {
    this.varint((field << 3) | 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }
  /** A string field, omitted when empty (proto3). */
  str(field: number, s: string): this {
    return s === '' ? this : this.bytes(field, Buffer.from(s, 'utf8'));
  }
  strs(field: number, values: readonly string[]): this {
    // a repeated string keeps every element, empty ones too
    for (const v of values) this.bytes(field, Buffer.from(v, 'utf8'));
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** GetReply: product 1, name 2, projectsRef 3, manifestSource 4, destination 5, account 6. */
function protoRuntime(r: RuntimeReply): Buffer {
  const ms = new ProtoWriter()
    .str(1, r.manifest_source.code_repo)
    .str(2, r.manifest_source.target_revision)
    .str(3, r.manifest_source.path)
    .done();
  const dest = new ProtoWriter()
    .str(1, r.destination.environment)
    .strs(2, r.destination.namespaces)
    .done();
  // the service always sets both messages, so both are written, even when empty
  return new ProtoWriter()
    .str(1, r.product)
    .str(2, r.name)
    .strs(3, r.projects_ref)
    .bytes(4, ms)
    .bytes(5, dest)
    .str(6, r.account)
    .done();
}

function protoOfRuntime(reply: RuntimeWire): Buffer {
  switch (reply.message) {
    case 'GetReply':
      return protoRuntime(reply.value);
    case 'ListsReply': {
      const w = new ProtoWriter();
      for (const item of reply.items) w.bytes(1, protoRuntime(item));
      return w.done();
    }
    default:
      return new ProtoWriter().str(1, reply.msg).done();
  }
}

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** url.Values.Encode(): keys sorted bytewise, each value of a key in order. */
function formEncode(values: ReadonlyArray<readonly [string, string]>): Buffer {
  const sorted = [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(sorted.map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`).join('&'));
}

/** kratos' form EncodeValues of a GetReply: populated fields only, JSON names, dotted paths. */
function formRuntime(r: RuntimeReply): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const set = (k: string, v: string): void => {
    if (v !== '') out.push([k, v]);
  };
  set('product', r.product);
  set('name', r.name);
  for (const p of r.projects_ref) out.push(['projects_ref', p]);
  set('manifest_source.code_repo', r.manifest_source.code_repo);
  set('manifest_source.target_revision', r.manifest_source.target_revision);
  set('manifest_source.path', r.manifest_source.path);
  set('destination.environment', r.destination.environment);
  for (const n of r.destination.namespaces) out.push(['destination.namespaces', n]);
  set('account', r.account);
  return out;
}

/**
 * Writes a deployment-runtime reply in the codec Accept picked. Throws the failure to answer instead when the
 * codec cannot marshal it: kratos' form encoder has no way to write a list of messages ("unsupported message
 * type"), so a list with items is a 500 (an empty list is an empty body).
 */
export function sendRuntime(res: ServerResponse, codec: ReplyCodec, reply: RuntimeWire): void {
  switch (codec) {
    case 'json':
      write(res, 200, 'application/json', Buffer.from(JSON.stringify(runtimeJson(reply)), 'utf8'));
      return;
    case 'yaml':
      write(
        res,
        200,
        'application/yaml',
        yamlText(
          reply.message === 'GetReply'
            ? yamlOfRuntime(reply.value)
            : reply.message === 'ListsReply'
              ? { items: reply.items.map(yamlOfRuntime) }
              : { msg: reply.msg },
        ),
      );
      return;
    case 'xml':
      write(res, 200, 'application/xml', Buffer.from(xmlOfRuntime(reply), 'utf8'));
      return;
    case 'proto':
      write(res, 200, 'application/proto', protoOfRuntime(reply));
      return;
    case 'x-www-form-urlencoded': {
      if (reply.message === 'ListsReply' && reply.items.length > 0)
        throw plain500('unsupported message type: "api.deploymentruntime.v1.GetReply"');
      const values =
        reply.message === 'GetReply'
          ? formRuntime(reply.value)
          : reply.message === 'ListsReply'
            ? []
            : reply.msg
              ? [['message', reply.msg] as [string, string]]
              : [];
      write(res, 200, 'application/x-www-form-urlencoded', formEncode(values));
      return;
    }
  }
}

/**
 * Writes an error as kratos' DefaultErrorEncoder does with the codec Accept picked (the same for every
 * kind: the body is the errors.Status of the *errors.Error). encoding/xml cannot marshal its `Metadata`
 * map, so with XML the encoder gives up: a bare 500, no body, no Content-Type, whatever the error was.
 */
export function sendError(res: ServerResponse, codec: ReplyCodec, failure: KratosFailure): void {
  const body = failure.body();
  switch (codec) {
    case 'json':
      write(res, body.code, 'application/json', Buffer.from(JSON.stringify(body), 'utf8'));
      return;
    case 'yaml':
      // yaml.v3 of *errors.Error: the embedded Status (no inline tag) is a key "status"
      write(res, body.code, 'application/yaml', yamlText({ status: body }));
      return;
    case 'xml':
      res.writeHead(500, { 'content-length': 0 });
      res.end();
      return;
    case 'proto':
      write(
        res,
        body.code,
        'application/proto',
        new ProtoWriter().int(1, body.code).str(2, body.reason).str(3, body.message).done(),
      );
      return;
    case 'x-www-form-urlencoded': {
      const values: Array<[string, string]> = [['code', String(body.code)]];
      if (body.reason) values.push(['reason', body.reason]);
      if (body.message) values.push(['message', body.message]);
      write(res, body.code, 'application/x-www-form-urlencoded', formEncode(values));
      return;
    }
  }
}
