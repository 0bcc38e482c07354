// All reads of one provider process for one product share ONE list call (single-flight cache): refresh
// costs one request per product, never one GET per runtime.
import type { NautesClient } from '../../api';
// the converters only, not the api index: that would load undici and zod before the handshake
import { fromWire, toWire } from '../../api/convert';
import type { DeploymentRuntime } from '../../model';

/** Reads and writes runtimes through the client, with a per-product list cache. */
export class RuntimeDirectory {
  private readonly lists = new Map<string, Promise<Map<string, DeploymentRuntime>>>();
  constructor(private readonly client: NautesClient) {}

  /** Every runtime of a product, by name (listed once per process until a write invalidates it). */
  list(product: string): Promise<Map<string, DeploymentRuntime>> {
    let pending = this.lists.get(product);
    if (!pending) {
      pending = this.client
        .listDeploymentRuntimes(product)
        .then((items) => new Map(items.map((i) => [i.name, fromWire(i, product)] as const)));
      this.lists.set(product, pending);
      // a failed list is not cached: the next read asks again
      pending.catch(() => this.lists.delete(product));
    }
    return pending;
  }

  /** The runtimes matching a server field selector (one uncached list call). */
  async listWithSelector(product: string, fieldSelector: string): Promise<DeploymentRuntime[]> {
    const items = await this.client.listDeploymentRuntimes(product, { fieldSelector });
    return items.map((i) => fromWire(i, product));
  }

  async find(product: string, name: string): Promise<DeploymentRuntime | undefined> {
    return (await this.list(product)).get(name);
  }

  /** Saves a runtime and keeps the cached list in step (no re-list after each write). */
  async save(r: DeploymentRuntime, insecureSkipCheck: boolean): Promise<void> {
    try {
      await this.client.saveDeploymentRuntime(r.product, r.name, toWire(r), { insecureSkipCheck });
    } catch (e) {
      // the save may or may not have landed: read again next time
      this.lists.delete(r.product);
      throw e;
    }
    await this.updateCached(r.product, (m) => m.set(r.name, r));
  }

  private async updateCached(product: string, change: (m: Map<string, DeploymentRuntime>) => void): Promise<void> {
    const pending = this.lists.get(product);
    if (!pending) return;
    try {
      change(await pending);
    } catch {
      this.lists.delete(product);
    }
  }

  /** Deletes a runtime; one that is already gone counts as deleted. */
  async delete(product: string, name: string, insecureSkipCheck: boolean): Promise<void> {
    try {
      await this.client.deleteDeploymentRuntime(product, name, { insecureSkipCheck });
    } catch (e) {
      if ((e as { code?: string }).code !== 'NAUTES_API_NOT_FOUND') {
        this.lists.delete(product);
        throw e;
      }
    }
    await this.updateCached(product, (m) => m.delete(name));
  }
}
