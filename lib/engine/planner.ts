// desired (from code) + observed (one list per product) -> Plan. Pure and linear in the number of runtimes.
import {
  findDuplicateDestinations,
  formatRuntimeId,
  normalizeRuntime,
  sameRuntime,
  validateRuntime,
  type DeploymentRuntime,
  type KindObject,
} from '../model';
import { diffFields } from './diff';
import { findOrphans } from './orphans';
import { computePlanId } from './plan-id';
import { combineFingerprints, fingerprintRuntimes } from './fingerprint';
import { planKindObjects, type DesiredKindObject, type ObservedKindList } from './kind-planner';
import {
  FORMAT_VERSION,
  RUNTIME_ONLY_FORMAT_VERSION,
  type ActionReason,
  type ObservedProduct,
  type Orphan,
  type Plan,
  type PlanDiagnostic,
  type ResourceChange,
} from './plan';

/** A runtime declared in code. */
export interface DesiredRuntime {
  readonly runtime: DeploymentRuntime;
  readonly skipChecks?: { readonly reason: string };
  /** Where it was declared (construct path or Terraform address), for messages. */
  readonly declaredAt?: string;
  /**
   * Declared with `importExisting()` (an import block): it must exist on the server already, to be adopted.
   * @default false
   */
  readonly importExisting?: boolean;
}

/** A product's inventory: the code owns every runtime of the product (and the objects of `kinds`). */
export interface InventoryDeclaration {
  readonly product: string;
  readonly prune: boolean;
  /**
   * The other kinds it owns, by Terraform type (`nautes_environment`): their undeclared objects in the
   * product are orphans too, reported, and deleted with `prune`.
   * @default - runtimes only
   */
  readonly kinds?: readonly string[];
}

/** Inputs of `planChanges`. */
export interface PlanInput {
  readonly desired: readonly DesiredRuntime[];
  readonly inventories: readonly InventoryDeclaration[];
  /** Every runtime of each product in `productsToObserve`, from one list call each. */
  readonly observed: ReadonlyMap<string, readonly DeploymentRuntime[]>;
  /** The API server the lists came from; part of the plan id. @default '' */
  readonly apiServer?: string;
  /**
   * What the merge base of a pull request declares, by `product/name`: with it, each change says whether
   * this PR changed the code ("config-changed"), the server drifted from the code ("drifted"), or both.
   * @default - unknown: a difference is reported as drift
   */
  readonly base?: ReadonlyMap<string, DeploymentRuntime>;
  /** Objects of the other kinds that code declares. @default - none */
  readonly objects?: readonly DesiredKindObject[];
  /** The lists of those kinds (`kindListsToObserve`), one call each. @default - none */
  readonly observedObjects?: readonly ObservedKindList[];
  /** What the merge base declares of the other kinds, by `<tfType> <id>`. @default - unknown */
  readonly baseObjects?: ReadonlyMap<string, KindObject>;
}

/** The products whose runtimes must be listed for a plan. */
export function productsToObserve(
  desired: readonly DesiredRuntime[],
  inventories: readonly InventoryDeclaration[],
): string[] {
  return [
    ...new Set([...desired.map((d) => d.runtime.product), ...inventories.map((i) => i.product)]),
  ].sort();
}

const byId = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Plans the changes that make the server match the code.
 *
 * @example
 * const plan = planChanges({ desired, inventories, observed: new Map([['nautes-labs', listed]]) });
 */
export function planChanges(input: PlanInput): Plan {
  const diagnostics: PlanDiagnostic[] = [];
  const changes: ResourceChange[] = [];
  const orphans: Orphan[] = [];

  const declared = new Map<string, DesiredRuntime>();
  for (const d of input.desired) {
    const id = formatRuntimeId(d.runtime);
    const prev = declared.get(id);
    if (prev) {
      diagnostics.push({
        severity: 'error',
        summary: 'Duplicate runtime',
        detail: `${id} is declared twice (${prev.declaredAt ?? '?'} and ${d.declaredAt ?? '?'})`,
        id,
      });
      continue;
    }
    for (const issue of validateRuntime(d.runtime))
      diagnostics.push({
        severity: 'error',
        summary: 'Invalid runtime',
        detail: `${d.declaredAt ?? id}: ${issue.path.join('.')}: ${issue.message}`,
        id,
      });
    declared.set(id, { ...d, runtime: normalizeRuntime(d.runtime) });
  }
  for (const [a, b] of findDuplicateDestinations([...declared.values()].map((d) => d.runtime)))
    diagnostics.push({
      severity: 'error',
      summary: 'Duplicate destination',
      detail: `${formatRuntimeId(a)} and ${formatRuntimeId(b)} deploy the same code repo, revision and path to environment "${a.environment}"; Nautes rejects that`,
      id: formatRuntimeId(b),
    });

  const observedIndex = new Map<string, DeploymentRuntime>();
  const observedProducts: ObservedProduct[] = [];
  for (const [product, list] of [...input.observed.entries()].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    observedProducts.push({
      product,
      runtimeCount: list.length,
      fingerprint: fingerprintRuntimes(list),
    });
    for (const r of list)
      observedIndex.set(
        formatRuntimeId({ product, name: r.name }),
        normalizeRuntime({ ...r, product }),
      );
  }

  for (const [id, d] of declared) {
    const before = observedIndex.get(id) ?? null;
    const after = d.runtime;
    const fieldChanges = diffFields(before, after);
    const replacePaths = fieldChanges.filter((c) => c.forcesReplace).map((c) => c.path);
    const reasons: ActionReason[] = [];
    let action: ResourceChange['action'];
    if (!before && d.importExisting) {
      // the hosts refuse the import block ("Cannot Import Deployment Runtime"); planning a create would
      // promise what no deploy does
      diagnostics.push({
        severity: 'error',
        summary: 'Cannot import a runtime that does not exist',
        detail:
          `${d.declaredAt ?? id} calls importExisting(), but product "${after.product}" has no runtime "${after.name}" on the server, so there is nothing to adopt. ` +
          `To create it, remove importExisting() from that DeploymentRuntime; to adopt an existing one, create it first (or fix the product or name).`,
        id,
      });
      continue;
    }
    if (!before) {
      action = 'create';
      reasons.push('new-in-config');
    } else if (replacePaths.length) {
      action = 'replace';
      reasons.push('immutable-field-changed');
    } else if (fieldChanges.length) {
      action = 'update';
      if (!input.base) reasons.push('drifted');
    } else action = 'no-op';
    if (input.base && action !== 'no-op') {
      // compare with the merge base: what this PR changed, and what the server changed behind the code
      const was = input.base.get(id);
      if (was === undefined || !sameRuntime(was, after)) reasons.push('config-changed');
      if (was !== undefined && (before === null || !sameRuntime(was, before)))
        reasons.push('drifted');
    }
    if (d.skipChecks) reasons.push('declared-with-skip-checks');
    changes.push({
      address: { product: after.product, name: after.name },
      id,
      action,
      reasons,
      before,
      after,
      fieldChanges,
      replacePaths,
      ...(d.skipChecks ? { skipChecks: d.skipChecks } : {}),
      ...(d.declaredAt ? { declaredAt: d.declaredAt } : {}),
    });
  }

  const pruning = new Map(input.inventories.map((i) => [i.product, i.prune]));
  for (const o of findOrphans(
    observedIndex.values(),
    (id) => declared.has(id),
    (product) => pruning.get(product) === true,
  )) {
    const { id, runtime: r } = o;
    orphans.push(o);
    if (o.pruned)
      changes.push({
        address: o.address,
        id,
        action: 'delete',
        // declared at the merge base and no longer: this PR removes it
        reasons: input.base?.has(id) ? ['orphan-pruned', 'config-changed'] : ['orphan-pruned'],
        before: r,
        after: null,
        fieldChanges: diffFields(r, null),
        replacePaths: [],
      });
  }
  const unpruned = orphans.filter((o) => !o.pruned);
  if (unpruned.length)
    diagnostics.push({
      severity: 'warning',
      summary: 'Unmanaged runtimes found',
      detail: `not declared in code: ${unpruned.map((o) => o.id).join(', ')} (declare or import them, or prune them with a RuntimeInventory)`,
    });

  changes.sort(byId);
  orphans.sort(byId);
  const kinds = planKindObjects({
    desired: input.objects ?? [],
    observed: input.observedObjects ?? [],
    inventories: input.inventories,
    ...(input.baseObjects || input.base ? { base: input.baseObjects ?? new Map() } : {}),
  });
  const withKinds = kinds.changes.length + kinds.orphans.length + kinds.observed.length > 0;
  const plan = {
    // a plan of runtimes only is written exactly as before 1.2 (its id included)
    formatVersion: withKinds ? FORMAT_VERSION : RUNTIME_ONLY_FORMAT_VERSION,
    apiServer: input.apiServer ?? '',
    changes,
    orphans,
    observed: observedProducts,
    kindChanges: kinds.changes,
    kindOrphans: kinds.orphans,
    kindObserved: kinds.observed,
    fingerprint: combineFingerprints([
      ...observedProducts.map((o) => `${o.product}:${o.fingerprint}`),
      ...kinds.observed.map((o) => `${o.kind}:${o.product ?? ''}:${o.fingerprint}`),
    ]),
    // the kinds are created first: their findings come first
    diagnostics: [...kinds.diagnostics, ...diagnostics],
  };
  return { ...plan, id: computePlanId(plan) };
}
