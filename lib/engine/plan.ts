// The plan model: what will change, why, and field by field. Renderers only read it.
import type { DeploymentRuntime, RuntimeAddress } from '../model';

/** Version of the plan.json format; a change of shape is a versioned event. */
export const FORMAT_VERSION = '1.1';

/** What happens to one runtime. */
export type Action = 'no-op' | 'create' | 'update' | 'replace' | 'delete';
export const ACTIONS: readonly Action[] = ['no-op', 'create', 'update', 'replace', 'delete'];

/**
 * Why an action was chosen. For explaining the plan to people, never for decisions.
 */
export type ActionReason =
  | 'new-in-config'
  | 'config-changed'
  | 'drifted'
  | 'immutable-field-changed'
  | 'orphan-pruned'
  | 'declared-with-skip-checks';

/** One field that differs between before and after. */
export interface FieldChange {
  /** Field path in model terms, e.g. `['namespaces']`. */
  readonly path: readonly string[];
  /** Terraform / API attribute name, for display. */
  readonly attribute: string;
  readonly before: string | readonly string[] | null;
  readonly after: string | readonly string[] | null;
  readonly kind: 'added' | 'removed' | 'modified';
  /** This change alone forces a replacement (delete, then create). */
  readonly forcesReplace: boolean;
  readonly sensitive: boolean;
}

/** The planned change of one runtime. */
export interface ResourceChange {
  readonly address: RuntimeAddress;
  /** `product/name`. */
  readonly id: string;
  readonly action: Action;
  readonly reasons: readonly ActionReason[];
  /** The runtime as observed (null when it does not exist). */
  readonly before: DeploymentRuntime | null;
  /** The runtime as it will be (null when deleted). */
  readonly after: DeploymentRuntime | null;
  readonly fieldChanges: readonly FieldChange[];
  /** Paths whose change forces replacement. */
  readonly replacePaths: ReadonlyArray<readonly string[]>;
  /** Set when the save/delete skips the server's global validation. */
  readonly skipChecks?: { readonly reason: string };
  /** The construct path that declared it, when known. */
  readonly declaredAt?: string;
}

/** A runtime that exists in a product but no code declares. */
export interface Orphan {
  readonly address: RuntimeAddress;
  readonly id: string;
  readonly runtime: DeploymentRuntime;
  /** True when the product's inventory prunes it (then a delete change is planned too). */
  readonly pruned: boolean;
}

/** A finding that is not a change: a warning or an error about the inputs. */
export interface PlanDiagnostic {
  readonly severity: 'warning' | 'error';
  readonly summary: string;
  readonly detail: string;
  readonly id?: string;
}

/** What was observed of one product (the stale-plan guard). */
export interface ObservedProduct {
  readonly product: string;
  readonly runtimeCount: number;
  /** sha256 of the normalized list. */
  readonly fingerprint: string;
}

/** The whole plan. */
export interface Plan {
  readonly formatVersion: string;
  /** Digest over the changes, the observed fingerprints and the API server (`computePlanId`). */
  readonly id: string;
  /** The API server the plan was made against ('' when planned without one, e.g. in tests). */
  readonly apiServer: string;
  /** One entry per declared or pruned runtime, sorted by id. */
  readonly changes: readonly ResourceChange[];
  readonly orphans: readonly Orphan[];
  readonly observed: readonly ObservedProduct[];
  /** sha256 over every observed product fingerprint. */
  readonly fingerprint: string;
  readonly diagnostics: readonly PlanDiagnostic[];
}

/** True for actions that delete something on the server. */
export function isDestructive(action: Action): boolean {
  return action === 'delete' || action === 'replace';
}

/** The actions of a change as a list, as in Terraform's JSON plan (replace = delete then create). */
export function actionList(action: Action): Action[] {
  return action === 'replace' ? ['delete', 'create'] : [action];
}

/** Counts of changes by action. */
export function countActions(plan: Plan): Record<Action, number> {
  const counts: Record<Action, number> = {
    'no-op': 0,
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
  };
  for (const c of plan.changes) counts[c.action]++;
  return counts;
}

/** True when applying the plan would change anything. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== 'no-op');
}

/**
 * Counts as Terraform's JSON plan counts actions (and GitLab's Terraform report reads them): a replace is
 * one delete and one create; a pruned orphan is a delete.
 */
export function actionCounts(plan: Plan): { create: number; update: number; delete: number } {
  const c = countActions(plan);
  return { create: c.create + c.replace, update: c.update, delete: c.delete + c.replace };
}
