// Schema-driven cty msgpack codec (tfplugin-node.md "msgpack encoding rules"): every attribute key present,
// nested LIST/SET blocks as [] never nil, any extension read as unknown, unknowns written as ext 0.
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import { UNKNOWN, type BlockSchema, type CtyObject, type CtyType, type CtyValue } from './types';

const UNKNOWN_EXT = new ExtData(0, new Uint8Array([0]));

// one encoder and decoder for the process: the module-level encode/decode build new ones (and their key
// caches) on every call, and a plan makes several calls per resource
const encoder = new Encoder();
const decoder = new Decoder();
const encode = (v: unknown): Uint8Array => encoder.encode(v);
const decode = (b: Uint8Array): unknown => decoder.decode(b);

function fromRaw(raw: unknown): CtyValue {
  if (raw instanceof ExtData) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean' || typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
  if (Array.isArray(raw)) return raw.map(fromRaw);
  if (raw instanceof Map) {
    const out: CtyObject = {};
    for (const [k, v] of raw) out[String(k)] = fromRaw(v);
    return out;
  }
  if (typeof raw === 'object') {
    const out: CtyObject = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = fromRaw(v);
    return out;
  }
  return null;
}

/** Shapes a value to a type: objects get every attribute key; numbers given as strings are parsed. */
function conform(type: CtyType, v: CtyValue): CtyValue {
  if (v === null || v === UNKNOWN) return v;
  if (type === 'string')
    return typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : null;
  if (type === 'bool')
    return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;
  if (type === 'number')
    return typeof v === 'number'
      ? v
      : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))
        ? Number(v)
        : null;
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set')
    return Array.isArray(v) ? v.map((x) => conform(inner, x)) : null;
  if (typeof v !== 'object' || Array.isArray(v)) return null;
  if (kind === 'map') {
    const out: CtyObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = conform(inner, x);
    return out;
  }
  const out: CtyObject = {};
  for (const [k, t] of Object.entries(inner as Record<string, CtyType>))
    out[k] = conform(t, v[k] ?? null);
  return out;
}

/** Shapes an object to a block schema (missing keys null, nested LIST/SET blocks [] when absent, unknown kept). */
export function conformBlock(schema: BlockSchema, v: CtyValue): CtyObject | null | typeof UNKNOWN {
  if (v === null || v === UNKNOWN) return v;
  if (typeof v !== 'object' || Array.isArray(v)) return null;
  const out: CtyObject = {};
  for (const a of schema.attributes) out[a.name] = conform(a.type, v[a.name] ?? null);
  for (const b of schema.blockTypes ?? []) {
    const items = v[b.typeName];
    // a block list or item the host does not know yet (a dynamic block over an unknown for_each) stays
    // unknown: planning it as empty would contradict the configuration
    out[b.typeName] =
      items === UNKNOWN
        ? UNKNOWN
        : Array.isArray(items)
          ? items.map((i) => conformBlock(b.block, i) ?? null)
          : [];
  }
  return out;
}

function toRaw(v: CtyValue): unknown {
  if (v === UNKNOWN) return UNKNOWN_EXT;
  if (Array.isArray(v)) return v.map(toRaw);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toRaw(x);
    return out;
  }
  return v;
}

/** Encodes a block value as msgpack, from the schema. `null` encodes msgpack nil (a gone resource). */
export function encodeBlock(schema: BlockSchema, value: CtyValue): Uint8Array {
  return encode(toRaw(conformBlock(schema, value)));
}

/** Decodes a DynamicValue (msgpack when present, else JSON) into a schema-shaped block value. */
export function decodeBlock(
  schema: BlockSchema,
  dv: { msgpack?: Uint8Array | null; json?: Uint8Array | null } | null | undefined,
): CtyObject | null | typeof UNKNOWN {
  if (!dv) return null;
  if (dv.msgpack && dv.msgpack.length > 0) return conformBlock(schema, fromRaw(decode(dv.msgpack)));
  if (dv.json && dv.json.length > 0)
    return conformBlock(schema, fromRaw(JSON.parse(Buffer.from(dv.json).toString('utf8'))));
  return null;
}

/** The protocol's compact JSON of a type, as bytes. */
export function typeBytes(type: CtyType): Buffer {
  return Buffer.from(JSON.stringify(type));
}
