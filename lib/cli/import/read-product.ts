// Reads what a product holds for `nautes-cdktf import`: the product, every object of its product-scoped
// kinds and its runtimes (one list each), and of the tenant-level kinds only the objects they name (the
// clusters its environments use).
import type { KindStore, RuntimeStore } from '../../engine';
import { NautesError, ValidationError } from '../../errors';
import {
  PRODUCT_KIND,
  RUNTIME_FIELDS,
  textOf,
  type DeploymentRuntime,
  type KindValue,
} from '../../model';
import {
  RUNTIME_KIND,
  type ImportedField,
  type ImportedKind,
  type ImportedObject,
} from './imported-kinds';

/** What import read of a product. */
export interface ProductSnapshot {
  readonly product: string;
  /** The objects of each kind (by `ImportedKind.kind`), sorted by name. */
  readonly objects: ReadonlyMap<string, readonly ImportedObject[]>;
  /** What could not be read, for people (a line each). */
  readonly notes: readonly string[];
}

/** Errors that mean "this token may not read that", not "the call failed". */
const NOT_READABLE = [
  'NAUTES_API_NOT_FOUND',
  'NAUTES_API_PROJECT_NOT_FOUND',
  'NAUTES_API_FORBIDDEN',
];

/** Also a plain 404 (no such route: a server without the kind), once the product is known to exist. */
const isNotReadable = (e: unknown): e is NautesError =>
  NautesError.isNautesError(e) &&
  (NOT_READABLE.includes(e.code) || (e as NautesError & { status?: unknown }).status === 404);

function runtimeObject(r: DeploymentRuntime): ImportedObject {
  const out: Record<string, KindValue> = {};
  for (const f of RUNTIME_FIELDS) out[f.key] = r[f.key];
  return out;
}

const nameOf = (o: ImportedObject): string => textOf(o, 'name');

/** Adds to `names` the names `o` gives in fields (nested members too) that name objects of `target`. */
function collectNames(
  fields: readonly ImportedField[],
  o: ImportedObject,
  target: string,
  names: Set<string>,
): void {
  for (const f of fields) {
    const v = o[f.key];
    if (f.members) {
      const items = Array.isArray(v) ? v : v !== undefined && typeof v === 'object' ? [v] : [];
      for (const item of items as readonly ImportedObject[])
        collectNames(f.members, item, target, names);
    } else if (f.namesKind === target) {
      const named = typeof v === 'string' ? [v] : Array.isArray(v) ? (v as readonly string[]) : [];
      for (const n of named) if (n !== '') names.add(n);
    }
  }
}

/** The names of objects of `target` that the objects read so far name. */
function namedBy(
  kinds: readonly ImportedKind[],
  objects: ReadonlyMap<string, ReadonlyMap<string, ImportedObject>>,
  target: string,
): Set<string> {
  const names = new Set<string>();
  for (const k of kinds)
    for (const o of objects.get(k.kind)?.values() ?? []) collectNames(k.fields, o, target, names);
  return names;
}

/**
 * Reads product `product` and what belongs to it. Throws a `ValidationError` when the product does not
 * exist or the token cannot see it.
 */
export async function readProduct(
  stores: { readonly kinds: KindStore; readonly runtimes: RuntimeStore },
  product: string,
  kinds: readonly ImportedKind[],
): Promise<ProductSnapshot> {
  const found = new Map<string, Map<string, ImportedObject>>();
  const notes: string[] = [];
  const add = (kind: string, list: readonly ImportedObject[]): void => {
    const m = found.get(kind) ?? new Map<string, ImportedObject>();
    for (const o of list) m.set(nameOf(o), o);
    found.set(kind, m);
  };
  const p = await stores.kinds.get(PRODUCT_KIND, { name: product });
  if (!p)
    throw new ValidationError(
      [
        {
          path: ['--product'],
          code: 'not_found',
          message: `product "${product}" does not exist on the Nautes server, or this token cannot see it`,
        },
      ],
      `cannot import product "${product}"`,
    );
  add(PRODUCT_KIND.kind, [p]);
  // requests one at a time: a real Nautes fails calls that overlap in the same second
  for (const k of kinds) {
    if (k.scope !== 'product') continue;
    try {
      if (k.spec) add(k.kind, await stores.kinds.list(k.spec, product));
      else if (k.kind === RUNTIME_KIND)
        add(k.kind, (await stores.runtimes.list(product)).map(runtimeObject));
    } catch (e) {
      // a server without the kind's routes (an older Nautes) or rights that do not reach it
      if (!isNotReadable(e)) throw e;
      notes.push(`the ${k.title}s could not be read (${e.code}), so none is declared`);
    }
  }

  // the objects named but not read yet: tenant-level ones (listed once, only those named kept) and ones a
  // list may leave out (asked one by one); until nothing new is found, as a fetched object may name others
  const listed = new Set<string>();
  const asked = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const k of kinds) {
      const spec = k.spec;
      if (!spec) continue;
      const have = found.get(k.kind);
      const missing = [...namedBy(kinds, found, k.kind)].filter((n) => !have?.has(n)).sort();
      if (!missing.length) continue;
      if (spec.scope === 'tenant' && !listed.has(k.kind)) {
        listed.add(k.kind);
        try {
          const all = await stores.kinds.list(spec, undefined);
          const keep = all.filter((o) => missing.includes(nameOf(o)));
          if (keep.length) {
            add(k.kind, keep);
            changed = true;
          }
        } catch (e) {
          if (!isNotReadable(e)) throw e;
          notes.push(
            `the ${spec.title}s could not be read (${e.code}: the token may lack read rights there), so ${missing.map((n) => JSON.stringify(n)).join(', ')} ${missing.length === 1 ? 'is' : 'are'} named as text, not declared`,
          );
          continue;
        }
      }
      if (!spec.listMayOmit) continue;
      for (const name of missing) {
        const key = `${k.kind}\u0000${name}`;
        if (asked.has(key) || found.get(k.kind)?.has(name)) continue;
        asked.add(key);
        const address = spec.scope === 'product' ? { product, name } : { name };
        const o = await stores.kinds.get(spec, address);
        if (o) {
          add(k.kind, [o]);
          changed = true;
        }
      }
    }
  }

  const objects = new Map<string, readonly ImportedObject[]>();
  for (const k of kinds) {
    const m = found.get(k.kind);
    if (m)
      objects.set(
        k.kind,
        [...m.values()].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1)),
      );
  }
  return { product, objects, notes };
}
