// The objects of the declared kinds (products, environments, projects, code repos, bindings, clusters) in a
// plan: desired (from code) + observed (one list per kind and product, one per tenant-level kind) -> their
// changes, orphans and what was observed. The comparison is the model's (diffKindObjects), as the
// provider's; secrets are never compared.
import {
  KINDS,
  addressOf,
  declaredFieldsOf,
  diffKindObjects,
  differingKindFields,
  formatObjectId,
  textOf,
  validateKindObject,
  type KindObject,
  type KindSpec,
} from '../model';
import { fingerprintKindObjects } from './fingerprint';
import { kindRank } from './plan';
import type {
  ActionReason,
  KindChange,
  KindFieldChange,
  KindOrphan,
  ObservedKind,
  PlanDiagnostic,
} from './plan-schema';
import type { InventoryDeclaration } from './planner';

/** An object of a declared kind that code declares. */
export interface DesiredKindObject {
  readonly kind: KindSpec;
  /** Every field (`completeObject`); a secret's value is never held. */
  readonly object: KindObject;
  /**
   * The fields as declared, before defaults (what validation checks, as the provider checks a
   * configuration: an absent optional block is not an empty one with required members).
   * @default - the object without its empty values
   */
  readonly declared?: Readonly<Record<string, unknown>>;
  readonly skipChecks?: { readonly reason: string };
  /** Where it was declared (construct path or Terraform address), for messages. */
  readonly declaredAt?: string;
  /** `deletion_protection` of a kind that carries it. @default true */
  readonly deletionProtection?: boolean;
  /** The keys of the secret fields the declaration sets (a token the fast path cannot read). @default - none */
  readonly secrets?: readonly string[];
  /** Declared with `importExisting()`: it must exist on the server already. @default false */
  readonly importExisting?: boolean;
}

/** The objects of one kind listed once: of a product, or of the tenant for a tenant-level kind. */
export interface ObservedKindList {
  readonly kind: KindSpec;
  /** Absent for tenant-level kinds. */
  readonly product?: string;
  readonly objects: readonly KindObject[];
}

/** One list a plan needs: a kind, in a product or the tenant. */
export interface KindListRequest {
  readonly kind: KindSpec;
  readonly product?: string;
}

const keyOf = (kind: KindSpec, id: string): string => `${kind.tfType} ${id}`;

const byRankThenId = (a: { kind: string; id: string }, b: { kind: string; id: string }): number =>
  kindRank(a.kind) - kindRank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The lists a plan of these objects needs: each declared object's kind in its product (or the tenant), and
 * each kind an inventory owns in its product; one per kind and product, in create order.
 */
export function kindListsToObserve(
  desired: readonly DesiredKindObject[],
  inventories: readonly InventoryDeclaration[],
): KindListRequest[] {
  const wanted = new Map<string, KindListRequest>();
  const add = (kind: KindSpec, product: string | undefined): void => {
    const key = `${kind.tfType} ${product ?? ''}`;
    if (!wanted.has(key)) wanted.set(key, product === undefined ? { kind } : { kind, product });
  };
  for (const d of desired)
    add(d.kind, d.kind.scope === 'product' ? textOf(d.object, 'product') : undefined);
  for (const inv of inventories)
    for (const t of inv.kinds ?? []) {
      const kind = KINDS.find((k) => k.tfType === t && k.scope === 'product');
      if (kind) add(kind, inv.product);
    }
  return [...wanted.values()].sort(
    (a, b) =>
      kindRank(a.kind.tfType) - kindRank(b.kind.tfType) ||
      ((a.product ?? '') < (b.product ?? '') ? -1 : 1),
  );
}

/** Inputs of `planKindObjects`. */
export interface KindPlanInput {
  readonly desired: readonly DesiredKindObject[];
  readonly observed: readonly ObservedKindList[];
  readonly inventories: readonly InventoryDeclaration[];
  /** What the merge base declares, by `<tfType> <id>`. @default - unknown: a difference is drift */
  readonly base?: ReadonlyMap<string, KindObject>;
}

/** The kind part of a plan. */
export interface KindPlan {
  readonly changes: KindChange[];
  readonly orphans: KindOrphan[];
  readonly observed: ObservedKind[];
  readonly diagnostics: PlanDiagnostic[];
}

function fieldChangesOf(
  kind: KindSpec,
  before: KindObject | null,
  after: KindObject | null,
): KindFieldChange[] {
  return diffKindObjects(kind, before, after).map((d) => ({
    path: [d.field.key],
    attribute: d.field.tfName,
    before: d.before,
    after: d.after,
    kind: d.change,
    forcesReplace: d.forcesReplace,
    sensitive: false,
  }));
}

function protectedDelete(kind: KindSpec, id: string, why: string): PlanDiagnostic {
  return {
    severity: 'error',
    summary: 'Deletion protected',
    detail:
      `${kind.title} ${id} ${why}, but deleting it deletes ${kind.deletionDestroys ?? ''}. ` +
      `To delete it, declare it with deletionProtection: false (deletion_protection = false), apply that, then remove it`,
    id,
  };
}

/**
 * Plans the objects of the declared kinds: field-level changes (lists as sets), a replace where a field
 * cannot change in place, orphans in products whose inventory owns the kind (deleted only with prune), and
 * deletes of protected objects refused with what they would destroy.
 */
export function planKindObjects(input: KindPlanInput): KindPlan {
  const diagnostics: PlanDiagnostic[] = [];
  const changes: KindChange[] = [];
  const orphans: KindOrphan[] = [];

  const declared = new Map<string, DesiredKindObject>();
  for (const d of input.desired) {
    const id = formatObjectId(d.kind, addressOf(d.kind, d.object));
    const key = keyOf(d.kind, id);
    const prev = declared.get(key);
    if (prev) {
      diagnostics.push({
        severity: 'error',
        summary: `Duplicate ${d.kind.title}`,
        detail: `${d.kind.title} ${id} is declared twice (${prev.declaredAt ?? '?'} and ${d.declaredAt ?? '?'})`,
        id,
      });
      continue;
    }
    for (const issue of validateKindObject(
      d.kind,
      d.declared ?? declaredFieldsOf(d.kind, d.object),
    ))
      diagnostics.push({
        severity: 'error',
        summary: `Invalid ${d.kind.title}`,
        detail: `${d.declaredAt ?? id}: ${issue.path.join('.')}: ${issue.message}`,
        id,
      });
    declared.set(key, d);
  }

  const observedIndex = new Map<string, { kind: KindSpec; product?: string; o: KindObject }>();
  const observed: ObservedKind[] = [];
  for (const list of input.observed) {
    observed.push({
      kind: list.kind.tfType,
      ...(list.product === undefined ? {} : { product: list.product }),
      count: list.objects.length,
      fingerprint: fingerprintKindObjects(list.kind, list.objects),
    });
    for (const raw of list.objects) {
      const o = list.product === undefined ? raw : { ...raw, product: list.product };
      const id = formatObjectId(list.kind, addressOf(list.kind, o));
      observedIndex.set(keyOf(list.kind, id), {
        kind: list.kind,
        ...(list.product === undefined ? {} : { product: list.product }),
        o,
      });
    }
  }
  observed.sort(
    (a, b) =>
      kindRank(a.kind) - kindRank(b.kind) || ((a.product ?? '') < (b.product ?? '') ? -1 : 1),
  );

  for (const [key, d] of declared) {
    const { kind } = d;
    const address = addressOf(kind, d.object);
    const id = formatObjectId(kind, address);
    const before = observedIndex.get(key)?.o ?? null;
    const after = d.object;
    if (!before && d.importExisting) {
      diagnostics.push({
        severity: 'error',
        summary: `Cannot import a ${kind.title} that does not exist`,
        detail: `${d.declaredAt ?? id} calls importExisting(), but there is no ${kind.title} ${id} on the server, so there is nothing to adopt. To create it, remove importExisting()`,
        id,
      });
      continue;
    }
    const fieldChanges = fieldChangesOf(kind, before, after);
    const replacePaths = fieldChanges.filter((c) => c.forcesReplace).map((c) => c.path);
    const reasons: ActionReason[] = [];
    let action: KindChange['action'];
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
      const was = input.base.get(key);
      if (was === undefined || differingKindFields(kind, was, after).length)
        reasons.push('config-changed');
      if (was !== undefined && (before === null || differingKindFields(kind, was, before).length))
        reasons.push('drifted');
    }
    if (d.skipChecks) reasons.push('declared-with-skip-checks');
    const secrets = kind.fields.filter((f) => f.secret === true && d.secrets?.includes(f.key));
    if (secrets.length && action !== 'no-op')
      diagnostics.push({
        severity: 'error',
        summary: `Cannot send ${secrets.map((f) => f.tfName).join(', ')} offline`,
        detail: `${kind.title} ${id} would be saved, and its ${secrets.map((f) => f.tfName).join(', ')} is read only by Terraform or OpenTofu at apply time (a file or a variable): apply this change with cdktf deploy`,
        id,
      });
    const destroys =
      kind.deletionDestroys !== undefined && action === 'replace'
        ? kind.deletionDestroys
        : undefined;
    if (destroys !== undefined && d.deletionProtection !== false)
      diagnostics.push(
        protectedDelete(
          kind,
          id,
          `would be replaced (${fieldChanges
            .filter((c) => c.forcesReplace)
            .map((c) => c.attribute)
            .join(', ')} cannot change in place)`,
        ),
      );
    changes.push({
      kind: kind.tfType,
      id,
      address,
      action,
      reasons,
      before,
      after,
      fieldChanges,
      replacePaths,
      ...(d.skipChecks ? { skipChecks: d.skipChecks } : {}),
      ...(destroys !== undefined ? { destroys } : {}),
      ...(secrets.length ? { unseen: secrets.map((f) => f.tfName) } : {}),
      ...(d.declaredAt ? { declaredAt: d.declaredAt } : {}),
    });
  }

  const owners = new Map(input.inventories.map((i) => [i.product, i]));
  const unpruned: KindOrphan[] = [];
  for (const [key, seen] of observedIndex) {
    if (declared.has(key) || seen.product === undefined) continue;
    const inv = owners.get(seen.product);
    if (!inv?.kinds?.includes(seen.kind.tfType)) continue;
    const id = formatObjectId(seen.kind, addressOf(seen.kind, seen.o));
    const orphan: KindOrphan = {
      kind: seen.kind.tfType,
      id,
      address: addressOf(seen.kind, seen.o),
      object: seen.o,
      pruned: inv.prune,
    };
    orphans.push(orphan);
    if (!inv.prune) {
      unpruned.push(orphan);
      continue;
    }
    const destroys = seen.kind.deletionDestroys;
    if (destroys !== undefined)
      diagnostics.push(
        protectedDelete(seen.kind, id, 'is not declared in code and its inventory prunes it'),
      );
    changes.push({
      kind: seen.kind.tfType,
      id,
      address: orphan.address,
      action: 'delete',
      reasons: input.base?.has(key) ? ['orphan-pruned', 'config-changed'] : ['orphan-pruned'],
      before: seen.o,
      after: null,
      fieldChanges: fieldChangesOf(seen.kind, seen.o, null),
      replacePaths: [],
      ...(destroys !== undefined ? { destroys } : {}),
    });
  }
  if (unpruned.length)
    diagnostics.push({
      severity: 'warning',
      summary: 'Unmanaged objects found',
      detail: `not declared in code: ${unpruned
        .sort(byRankThenId)
        .map((o) => `${KINDS.find((k) => k.tfType === o.kind)?.title ?? o.kind} ${o.id}`)
        .join(', ')} (declare or import them, or prune them with the inventory)`,
    });

  changes.sort(byRankThenId);
  orphans.sort(byRankThenId);
  return { changes, orphans, observed, diagnostics };
}
