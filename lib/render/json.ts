import { toPlanJson, type Plan } from '../engine';

/** Renders plan.json (the versioned machine format). */
export function renderJson(plan: Plan): string {
  return toPlanJson(plan);
}
