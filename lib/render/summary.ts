// Labels and counts shared by every rendering.
import type { Action, ActionReason, Plan, ResourceChange } from '../engine';
import { countActions, isDestructive } from '../engine';

export const ACTION_SYMBOL: Record<Action, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  'no-op': ' ',
};
export const ACTION_VERB: Record<Action, string> = {
  create: 'create',
  update: 'update in place',
  replace: 'replace (delete, then create)',
  delete: 'delete',
  'no-op': 'no change',
};
export const REASON_TEXT: Record<ActionReason, string> = {
  'new-in-config': 'declared in code, not on the server',
  'config-changed': 'changed in this pull request',
  drifted: 'drift on the server: it differs from the code',
  'immutable-field-changed': 'the destination environment cannot change in place',
  'orphan-pruned': 'not declared in code; the inventory prunes it',
  'declared-with-skip-checks': 'saved with insecure_skip_check',
};

/** One-line summary, e.g. "2 to create, 1 to update, 0 to replace, 0 to delete, 3 unchanged". */
export function summaryLine(plan: Plan): string {
  const c = countActions(plan);
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c['no-op']} unchanged`;
}

/** Changes that are not no-ops. */
export function realChanges(plan: Plan): ResourceChange[] {
  return plan.changes.filter((c) => c.action !== 'no-op');
}

export function destructiveChanges(plan: Plan): ResourceChange[] {
  return plan.changes.filter((c) => isDestructive(c.action));
}

export function skippedCheckChanges(plan: Plan): ResourceChange[] {
  return plan.changes.filter((c) => c.skipChecks !== undefined && c.action !== 'no-op');
}

/**
 * Text from the server made safe to print: control characters (ESC, CR, NUL, ...), line and paragraph
 * separators, bidi controls (embeddings, overrides, isolates and marks, which reorder what a reader sees)
 * and lone surrogates become visible escapes, so a runtime named with them cannot fake lines, colours or
 * the order of text in a terminal or a comment.
 */
export function printable(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A field value for display: strings quoted, lists in brackets, null as (unset). */
export function formatValue(v: string | readonly string[] | null): string {
  if (v === null) return '(unset)';
  if (typeof v === 'string') return JSON.stringify(v);
  return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
}
