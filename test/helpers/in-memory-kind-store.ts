// An in-memory KindStore (the provider core's test seam for products, projects and environments): objects
// by kind and id, every call recorded.
import type { KindStore } from '../../lib/engine';
import {
  addressOf,
  formatObjectId,
  type KindAddress,
  type KindObject,
  type KindSpec,
} from '../../lib/model';

export class InMemoryKindStore implements KindStore {
  readonly calls: string[] = [];
  /** `${tfType} ${id}` -> object */
  readonly data = new Map<string, KindObject>();

  constructor(initial: ReadonlyArray<readonly [KindSpec, KindObject]> = []) {
    for (const [kind, o] of initial) this.put(kind, o);
  }

  put(kind: KindSpec, o: KindObject): void {
    this.data.set(`${kind.tfType} ${formatObjectId(kind, addressOf(kind, o))}`, o);
  }

  of(kind: KindSpec, id: string): KindObject | undefined {
    return this.data.get(`${kind.tfType} ${id}`);
  }

  async list(kind: KindSpec, product: string | undefined): Promise<KindObject[]> {
    this.calls.push(`list ${kind.tfType}${product === undefined ? '' : ` ${product}`}`);
    return [...this.data.entries()]
      .filter(
        ([k, o]) =>
          k.startsWith(`${kind.tfType} `) && (product === undefined || o['product'] === product),
      )
      .map(([, o]) => o);
  }

  async get(kind: KindSpec, a: KindAddress): Promise<KindObject | null> {
    this.calls.push(`get ${kind.tfType} ${formatObjectId(kind, a)}`);
    return this.of(kind, formatObjectId(kind, a)) ?? null;
  }

  async save(kind: KindSpec, o: KindObject, opts: { insecureSkipCheck: boolean }): Promise<void> {
    const id = formatObjectId(kind, addressOf(kind, o));
    this.calls.push(`save ${kind.tfType} ${id}${opts.insecureSkipCheck ? ' skip' : ''}`);
    this.put(kind, o);
  }

  async delete(
    kind: KindSpec,
    a: KindAddress,
    opts: { insecureSkipCheck: boolean },
  ): Promise<void> {
    const id = formatObjectId(kind, a);
    this.calls.push(`delete ${kind.tfType} ${id}${opts.insecureSkipCheck ? ' skip' : ''}`);
    this.data.delete(`${kind.tfType} ${id}`);
  }
}
