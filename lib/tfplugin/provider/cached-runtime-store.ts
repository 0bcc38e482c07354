// The engine's RuntimeStore with a per-product list cache: all reads of one provider process for one
// product share ONE list call (single-flight), so refresh costs one request per product, never one GET per
// runtime. A decorator of the store the CLI uses too: the API mapping and "a delete of a runtime that is
// already gone counts as done" live there, once.
import type { RuntimeStore } from '../../engine/ports';
import type { DeploymentRuntime } from '../../model';

/** A RuntimeStore whose reads come from one cached list per product, kept in step by its own writes. */
export class CachedRuntimeStore implements RuntimeStore {
  private readonly lists = new Map<string, Promise<Map<string, DeploymentRuntime>>>();
  /** Errors raised by a product's list call, by the product (what every read of it then fails with). */
  private readonly listFailures = new WeakMap<object, string>();
  constructor(private readonly store: RuntimeStore) {}

  /** The product whose list call raised `e`, if it was one. */
  listFailureOf(e: unknown): string | undefined {
    return typeof e === 'object' && e !== null ? this.listFailures.get(e) : undefined;
  }

  /** Every runtime of a product, by name (listed once per process until a failed write invalidates it). */
  byName(product: string): Promise<Map<string, DeploymentRuntime>> {
    let pending = this.lists.get(product);
    if (!pending) {
      pending = this.store.list(product).then(
        (runtimes) => new Map(runtimes.map((r) => [r.name, r] as const)),
        (e: unknown) => {
          if (typeof e === 'object' && e !== null) this.listFailures.set(e, product);
          throw e;
        },
      );
      this.lists.set(product, pending);
      // a failed list is not cached: the next read asks again
      pending.catch(() => this.lists.delete(product));
    }
    return pending;
  }

  /** The cached list; with a field selector, one uncached list call (the server filters). */
  async list(
    product: string,
    options: { fieldSelector?: string } = {},
  ): Promise<DeploymentRuntime[]> {
    if (options.fieldSelector) return this.store.list(product, options);
    return [...(await this.byName(product)).values()];
  }

  async get(product: string, name: string): Promise<DeploymentRuntime | null> {
    return (await this.byName(product)).get(name) ?? null;
  }

  /** Saves a runtime and keeps the cached list in step (no re-list after each write). */
  async save(r: DeploymentRuntime, options: { insecureSkipCheck: boolean }): Promise<void> {
    try {
      await this.store.save(r, options);
    } catch (e) {
      // the save may or may not have landed: read again next time
      this.lists.delete(r.product);
      throw e;
    }
    await this.updateCached(r.product, (m) => m.set(r.name, r));
  }

  async delete(
    product: string,
    name: string,
    options: { insecureSkipCheck: boolean },
  ): Promise<void> {
    try {
      await this.store.delete(product, name, options);
    } catch (e) {
      this.lists.delete(product);
      throw e;
    }
    await this.updateCached(product, (m) => m.delete(name));
  }

  private async updateCached(
    product: string,
    change: (m: Map<string, DeploymentRuntime>) => void,
  ): Promise<void> {
    const pending = this.lists.get(product);
    if (!pending) return;
    try {
      change(await pending);
    } catch {
      this.lists.delete(product);
    }
  }
}
