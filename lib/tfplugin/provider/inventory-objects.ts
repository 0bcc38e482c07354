// The other kinds a `nautes_runtime_inventory` may own (`kinds`): their objects that code does not declare
// (`declared_objects`), from the same cached list per kind and product the resources refresh from. The
// fast path applies the same rule (engine/kind-planner.ts).
import { KINDS, addressOf, formatObjectId, type KindSpec } from '../../model';
import { error, type Diagnostic } from './diagnostics';
import type { ProviderContext } from './resource-type';

/** The kinds an inventory may own: those inside a product, by Terraform type, in create order. */
export const OWNABLE_KINDS: readonly KindSpec[] = KINDS.filter((k) => k.scope === 'product');

/** An object of an owned kind that code does not declare. */
export interface UnmanagedObject {
  readonly kind: KindSpec;
  readonly name: string;
  /** `<type> <name>`, as `declared_objects` and `unmanaged_objects` hold it. */
  readonly entry: string;
}

/** The entry of an object in `declared_objects` / `unmanaged_objects`. */
export const objectEntry = (kind: KindSpec, name: string): string => `${kind.tfType} ${name}`;

/** The owned kinds named by `kinds` (unknown names are refused at validation). */
export const ownedKinds = (kinds: readonly string[]): KindSpec[] =>
  OWNABLE_KINDS.filter((k) => kinds.includes(k.tfType));

/** Issues of a `kinds` value: every entry must name a kind an inventory may own. */
export function kindsIssues(kinds: readonly string[]): Diagnostic[] {
  const allowed = OWNABLE_KINDS.map((k) => k.tfType);
  return kinds
    .filter((k) => !allowed.includes(k))
    .map((k) =>
      error(
        'Invalid kinds',
        `kinds must name kinds inside a product: ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(k)}).`,
        ['kinds'],
      ),
    );
}

/** The undeclared objects of the owned kinds of a product, in create order, then by name. */
export async function unmanagedObjectsOf(
  ctx: ProviderContext,
  product: string,
  kinds: readonly string[],
  declared: readonly string[],
): Promise<UnmanagedObject[]> {
  const known = new Set(declared);
  const out: UnmanagedObject[] = [];
  for (const kind of ownedKinds(kinds)) {
    const names = (await ctx.objects().list(kind, product))
      .map((o) => addressOf(kind, o).name)
      .sort();
    for (const name of names)
      if (!known.has(objectEntry(kind, name)))
        out.push({ kind, name, entry: objectEntry(kind, name) });
  }
  return out;
}

/**
 * A pruned object whose delete destroys more than a file (a code repo) is never deleted by an inventory:
 * it has no declaration that could lift its protection.
 */
export function protectedPrune(product: string, o: UnmanagedObject): Diagnostic | undefined {
  if (o.kind.deletionDestroys === undefined) return undefined;
  const id = formatObjectId(o.kind, { product, name: o.name });
  return error(
    'Deletion Protected',
    `The inventory of product "${product}" prunes ${o.kind.title} "${id}", which no code declares, but deleting it deletes ${o.kind.deletionDestroys}. ` +
      `Declare it (importExisting()) and delete it with deletionProtection: false, or remove ${JSON.stringify(o.kind.tfType)} from kinds.`,
    ['unmanaged_objects'],
  );
}
