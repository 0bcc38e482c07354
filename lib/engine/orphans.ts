// Orphans: runtimes on the server that no code declares. The one rule the planner and the provider's
// `nautes_runtime_inventory` both use.
import { formatRuntimeId, type DeploymentRuntime } from '../model';
import type { Orphan } from './plan';

/**
 * The runtimes of `observed` that are not declared, each marked pruned when `prunes` says its product's
 * inventory deletes them; sorted by id.
 */
export function findOrphans(
  observed: Iterable<DeploymentRuntime>,
  isDeclared: (id: string) => boolean,
  prunes: (product: string) => boolean,
): Orphan[] {
  const orphans: Orphan[] = [];
  for (const r of observed) {
    const id = formatRuntimeId(r);
    if (!isDeclared(id))
      orphans.push({
        address: { product: r.product, name: r.name },
        id,
        runtime: r,
        pruned: prunes(r.product),
      });
  }
  return orphans.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
