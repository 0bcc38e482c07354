// After its writes, apply reads the runtimes again: Nautes has no conditional write, so a change someone
// else made between a change's check and its write is overwritten without notice. Reading back cannot
// prevent that; it finds what is not as this apply left it, so that it is reported instead of lost.
import { sameRuntime, type DeploymentRuntime, type RuntimeAddress } from '../model';
import type { RuntimeStore } from './ports';

/** What this apply's last successful write left on the server: the runtime saved, or null after a delete. */
export interface WrittenRuntime {
  readonly address: RuntimeAddress;
  /** `product/name`. */
  readonly id: string;
  readonly wrote: DeploymentRuntime | null;
}

/** A runtime that is not what this apply wrote (or is present although it deleted it). */
export interface ChangedDuringApply {
  readonly id: string;
  /** What this apply wrote (null: it deleted the runtime). */
  readonly wrote: DeploymentRuntime | null;
  /** What the server has now (null: there is none). */
  readonly now: DeploymentRuntime | null;
}

/** The outcome of reading back. */
export interface ReadBackResult {
  /** The products listed again (one list call each), sorted. */
  readonly products: readonly string[];
  readonly changed: readonly ChangedDuringApply[];
  /** Set when a list failed: the runtimes of that product (and the following ones) were not checked. */
  readonly error?: { readonly code: string; readonly message: string; readonly product: string };
}

/**
 * Lists every product written to once and compares each written runtime with what is there now
 * (by the planner's comparison: sets as sets).
 *
 * @example
 * const { changed } = await readBack(written, store);
 */
export async function readBack(
  written: readonly WrittenRuntime[],
  store: RuntimeStore,
): Promise<ReadBackResult> {
  const products = [...new Set(written.map((w) => w.address.product))].sort();
  const changed: ChangedDuringApply[] = [];
  for (const product of products) {
    let listed: DeploymentRuntime[];
    try {
      listed = await store.list(product);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      return {
        products,
        changed,
        error: {
          code: typeof code === 'string' ? code : 'ERROR',
          message: e instanceof Error ? e.message : String(e),
          product,
        },
      };
    }
    const byName = new Map(listed.map((r) => [r.name, r]));
    for (const w of written) {
      if (w.address.product !== product) continue;
      const now = byName.get(w.address.name) ?? null;
      const same = w.wrote === null || now === null ? w.wrote === now : sameRuntime(w.wrote, now);
      if (!same) changed.push({ id: w.id, wrote: w.wrote, now });
    }
  }
  changed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { products, changed };
}
