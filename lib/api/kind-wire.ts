// The wire codec of the declared kinds (nautes-api-resources.md): the URL of each route, the reply schema
// (zod, built from the kind's table) and the save body, all from the declaration.
import { z } from 'zod';
import {
  completeObject,
  isEmptyKindValue,
  type KindAddress,
  type KindField,
  type KindObject,
  type KindSpec,
  type KindValue,
} from '../model';
import { getPath, setPath } from './json-path';

/** The path of a kind's list route (`address` undefined: the product's or the tenant's list) or of one object. */
export function kindPath(kind: KindSpec, product: string | undefined, name?: string): string {
  const base =
    kind.scope === 'product'
      ? `/api/v1/products/${encodeURIComponent(product ?? '')}/${kind.family}`
      : `/api/v1/${kind.family}`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** The path of one object's get, save and delete. */
export function objectPath(kind: KindSpec, a: KindAddress): string {
  return kindPath(kind, a.product, a.name);
}

type Shape = { [key: string]: z.ZodType | Shape };

function schemaOfShape(shape: Shape): z.ZodType {
  return z.object(
    Object.fromEntries(
      Object.entries(shape).map(([k, v]) => [k, v instanceof z.ZodType ? v : schemaOfShape(v)]),
    ),
  );
}

/** The reply schema of nested members, at their reply paths. */
function membersSchema(members: readonly KindField[]): z.ZodType {
  const shape: Shape = {};
  for (const m of members) {
    if (m.reply === 'asked' || m.reply === 'never') continue;
    let cur = shape;
    m.reply.slice(0, -1).forEach((p) => {
      cur = (cur[p] ??= {}) as Shape;
    });
    cur[m.reply[m.reply.length - 1] as string] = valueSchema(m);
  }
  return schemaOfShape(shape);
}

function valueSchema(f: KindField): z.ZodType {
  if (f.type === 'string') return z.string();
  if (f.type === 'bool') return z.boolean();
  if (f.type === 'string-list') return z.array(z.string()).nullable();
  const item = membersSchema(f.members ?? []);
  // an absent nested object is null (or left out) in a reply
  return f.type === 'object' ? item.nullable().optional() : z.array(item).nullable();
}

const itemSchemas = new WeakMap<KindSpec, z.ZodType<Record<string, unknown>>>();
const listSchemas = new WeakMap<KindSpec, z.ZodType<{ items: Record<string, unknown>[] }>>();

/** The schema of one item of a GET reply or a list: every field the reply carries (others are dropped). */
export function kindItemSchema(kind: KindSpec): z.ZodType<Record<string, unknown>> {
  // built once per kind: every list and GET reply is checked against it
  const known = itemSchemas.get(kind);
  if (known) return known;
  const schema = membersSchema(kind.fields) as z.ZodType<Record<string, unknown>>;
  itemSchemas.set(kind, schema);
  return schema;
}

/** The schema of a list reply `{"items": [...]}`. */
export function kindListSchema(kind: KindSpec): z.ZodType<{ items: Record<string, unknown>[] }> {
  const known = listSchemas.get(kind);
  if (known) return known;
  const schema = z.object({ items: z.array(kindItemSchema(kind)) });
  listSchemas.set(kind, schema);
  return schema;
}

/** A reply value of a field by model key: nested members read at their reply paths. */
function replyValue(f: KindField, v: unknown): unknown {
  if (f.type !== 'object' && f.type !== 'object-list') return v;
  const one = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null) return undefined;
    const item = x as Record<string, unknown>;
    return Object.fromEntries(
      (f.members ?? []).map((m) => [
        m.key,
        m.reply === 'asked' || m.reply === 'never'
          ? undefined
          : replyValue(m, getPath(item, m.reply)),
      ]),
    );
  };
  return f.type === 'object' ? one(v) : Array.isArray(v) ? v.map(one) : v;
}

/** A reply item as a model object; fields the reply does not carry as written take the values asked with. */
export function fromKindWire(
  kind: KindSpec,
  item: Readonly<Record<string, unknown>>,
  asked: Readonly<Record<string, string>>,
): KindObject {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields)
    out[f.key] =
      f.reply === 'asked'
        ? asked[f.key]
        : f.reply === 'never'
          ? undefined
          : replyValue(f, getPath(item, f.reply));
  return completeObject(kind, out);
}

/** The save-body value of a (complete) field value; undefined: not sent (an empty nested object). */
function wireValue(f: KindField, v: KindValue): unknown {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (f.type === 'string-list') return [...(v as readonly string[])];
  const one = (item: KindObject): Record<string, unknown> => {
    const body: Record<string, unknown> = {};
    for (const m of f.members ?? []) {
      if (m.save === 'path' || m.save === 'never') continue;
      const x = wireValue(m, item[m.key] ?? '');
      if (x !== undefined) setPath(body, m.save, x);
    }
    return body;
  };
  if (f.type === 'object') return isEmptyKindValue(f, v) ? undefined : one(v as KindObject);
  return (v as readonly KindObject[]).map(one);
}

/**
 * The save body of an object: every field the body carries (a save replaces the whole spec), defaults
 * applied; an empty value of a field the server keeps when empty is left out, as the server would drop
 * it, and so is an empty nested object (the server reads a present one as given).
 */
export function toKindWire(kind: KindSpec, o: KindObject): Record<string, unknown> {
  const whole = completeObject(kind, o);
  const body: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const v = whole[f.key] ?? '';
    if (f.alsoSave) setPath(body, f.alsoSave, v);
    if (f.save === 'path' || f.save === 'never') continue;
    if (f.emptyKeepsValue && isEmptyKindValue(f, v)) continue;
    const x = wireValue(f, v);
    if (x !== undefined) setPath(body, f.save, x);
  }
  return body;
}
