// The KindStore with one cached list per kind and product (single-flight), kept in step by its own writes:
// a refresh costs one list call per kind and product, never one GET per object.
import type { KindStore } from '../../engine/ports';
import { textOf, type KindAddress, type KindObject, type KindSpec } from '../../model';

/** A KindStore whose reads come from one cached list per kind and product. */
export class CachedKindStore implements KindStore {
  private readonly lists = new Map<string, Promise<Map<string, KindObject>>>();
  constructor(private readonly store: KindStore) {}

  private static key(kind: KindSpec, product: string | undefined): string {
    return `${kind.tfType}\u0000${product ?? ''}`;
  }

  /** Every object of a kind and product, by name (listed once per process until a failed write). */
  private byName(kind: KindSpec, product: string | undefined): Promise<Map<string, KindObject>> {
    const key = CachedKindStore.key(kind, product);
    let pending = this.lists.get(key);
    if (!pending) {
      pending = this.store
        .list(kind, product)
        .then((objects) => new Map(objects.map((o) => [textOf(o, 'name'), o] as const)));
      this.lists.set(key, pending);
      // a failed list is not cached: the next read asks again
      pending.catch(() => this.lists.delete(key));
    }
    return pending;
  }

  async list(kind: KindSpec, product: string | undefined): Promise<KindObject[]> {
    return [...(await this.byName(kind, product)).values()];
  }

  /** From the cached list; where the list may leave an object out, a miss is asked with a GET. */
  async get(kind: KindSpec, address: KindAddress): Promise<KindObject | null> {
    const found = (await this.byName(kind, address.product)).get(address.name);
    if (found || !kind.listMayOmit) return found ?? null;
    return this.store.get(kind, address);
  }

  /** The object as the server has it now (one uncached GET), kept in the cached list. */
  async fetch(kind: KindSpec, address: KindAddress): Promise<KindObject | null> {
    const o = await this.store.get(kind, address);
    await this.update(kind, address.product, (m) =>
      o ? m.set(address.name, o) : m.delete(address.name),
    );
    return o;
  }

  async save(
    kind: KindSpec,
    o: KindObject,
    options: { insecureSkipCheck: boolean },
  ): Promise<void> {
    const product = kind.scope === 'product' ? textOf(o, 'product') : undefined;
    try {
      await this.store.save(kind, o, options);
    } catch (e) {
      // the save may or may not have landed: read again next time
      this.lists.delete(CachedKindStore.key(kind, product));
      throw e;
    }
    await this.update(kind, product, (m) => m.set(textOf(o, 'name'), o));
  }

  async delete(
    kind: KindSpec,
    address: KindAddress,
    options: { insecureSkipCheck: boolean },
  ): Promise<void> {
    try {
      await this.store.delete(kind, address, options);
    } catch (e) {
      this.lists.delete(CachedKindStore.key(kind, address.product));
      throw e;
    }
    await this.update(kind, address.product, (m) => m.delete(address.name));
  }

  private async update(
    kind: KindSpec,
    product: string | undefined,
    change: (m: Map<string, KindObject>) => void,
  ): Promise<void> {
    const key = CachedKindStore.key(kind, product);
    const pending = this.lists.get(key);
    if (!pending) return;
    try {
      change(await pending);
    } catch {
      this.lists.delete(key);
    }
  }
}
