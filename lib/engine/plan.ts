// The plan model: what will change, why, and field by field (declared in plan-schema.ts, the types
// inferred from it). Renderers only read it.
import { KINDS, type KindSpec } from '../model';
import type { Action, KindChange, Plan, ResourceChange } from './plan-schema';

export {
  FORMAT_VERSION,
  ACTIONS,
  type Action,
  type ActionReason,
  type FieldChange,
  type ResourceChange,
  type Orphan,
  type PlanDiagnostic,
  type ObservedProduct,
  type Plan,
  type KindChange,
  type KindFieldChange,
  type KindOrphan,
  type ObservedKind,
  RUNTIME_ONLY_FORMAT_VERSION,
} from './plan-schema';

/** A planned change of a runtime or of an object of another kind. */
export type AnyChange = ResourceChange | KindChange;

/** True for the change of an object of a declared kind (not a runtime). */
export function isKindChange(c: AnyChange): c is KindChange {
  return 'kind' in c;
}

/** The declared kind of a Terraform type (`nautes_product`); undefined for a type this version lacks. */
export function kindOf(tfType: string): KindSpec | undefined {
  return KINDS.find((k) => k.tfType === tfType);
}

/** Position of a kind in create order; runtimes come after every kind. */
export function kindRank(tfType: string | undefined): number {
  const i = tfType === undefined ? -1 : KINDS.findIndex((k) => k.tfType === tfType);
  return i < 0 ? KINDS.length : i;
}

/** Every change of the plan in dependency (create) order: the kinds in `KINDS` order, runtimes last. */
export function allChanges(plan: Plan): AnyChange[] {
  return [...plan.kindChanges, ...plan.changes];
}

/** How people name a change: `product shop`, `environment shop/dev`; a runtime by its id alone. */
export function changeLabel(c: { readonly kind?: string; readonly id: string }): string {
  return c.kind === undefined ? c.id : `${kindOf(c.kind)?.title ?? c.kind} ${c.id}`;
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
  for (const c of allChanges(plan)) counts[c.action]++;
  return counts;
}

/** True when applying the plan would change anything. */
export function hasChanges(plan: Plan): boolean {
  return allChanges(plan).some((c) => c.action !== 'no-op');
}

/**
 * Counts as Terraform's JSON plan counts actions (and GitLab's Terraform report reads them): a replace is
 * one delete and one create; a pruned orphan is a delete.
 */
export function actionCounts(plan: Plan): { create: number; update: number; delete: number } {
  const c = countActions(plan);
  return { create: c.create + c.replace, update: c.update, delete: c.delete + c.replace };
}
