// The plan model: what will change, why, and field by field (declared in plan-schema.ts, the types
// inferred from it). Renderers only read it.
import type { Action, Plan } from './plan-schema';

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
} from './plan-schema';

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
