// The wire codec of the declared kinds (nautes-api-resources.md): the URL of each route, the reply schema
// (zod, built from the kind's table) and the save body, all from the declaration.
import { z } from 'zod';
import {
  completeObject,
  type KindAddress,
  type KindField,
  type KindObject,
  type KindSpec,
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

const valueSchema = (f: KindField): z.ZodType =>
  f.type === 'string'
    ? z.string()
    : f.type === 'bool'
      ? z.boolean()
      : z.array(z.string()).nullable();

const itemSchemas = new WeakMap<KindSpec, z.ZodType<Record<string, unknown>>>();
const listSchemas = new WeakMap<KindSpec, z.ZodType<{ items: Record<string, unknown>[] }>>();

/** The schema of one item of a GET reply or a list: every field the reply carries (others are dropped). */
export function kindItemSchema(kind: KindSpec): z.ZodType<Record<string, unknown>> {
  // built once per kind: every list and GET reply is checked against it
  const known = itemSchemas.get(kind);
  if (known) return known;
  const shape: Shape = {};
  for (const f of kind.fields) {
    if (f.reply === 'asked' || f.reply === 'never') continue;
    let cur = shape;
    f.reply.slice(0, -1).forEach((p) => {
      cur = (cur[p] ??= {}) as Shape;
    });
    cur[f.reply[f.reply.length - 1] as string] = valueSchema(f);
  }
  const schema = schemaOfShape(shape) as z.ZodType<Record<string, unknown>>;
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

/** A reply item as a model object; fields the reply does not carry as written take the values asked with. */
export function fromKindWire(
  kind: KindSpec,
  item: Readonly<Record<string, unknown>>,
  asked: Readonly<Record<string, string>>,
): KindObject {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields)
    out[f.key] =
      f.reply === 'asked' ? asked[f.key] : f.reply === 'never' ? undefined : getPath(item, f.reply);
  return completeObject(kind, out);
}

/**
 * The save body of an object: every field the body carries (a save replaces the whole spec), defaults
 * applied; an empty value of a field the server keeps when empty is left out, as the server would drop it.
 */
export function toKindWire(kind: KindSpec, o: KindObject): Record<string, unknown> {
  const whole = completeObject(kind, o);
  const body: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const v = whole[f.key] ?? '';
    if (f.alsoSave) setPath(body, f.alsoSave, v);
    if (f.save === 'path' || f.save === 'never') continue;
    if (f.emptyKeepsValue && typeof v !== 'boolean' && v.length === 0) continue;
    setPath(body, f.save, typeof v === 'string' || typeof v === 'boolean' ? v : [...v]);
  }
  return body;
}
