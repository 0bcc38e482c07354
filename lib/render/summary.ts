// Labels and counts shared by every rendering.
import type { Action, ActionReason, AnyChange, Plan, ResourceChange } from '../engine';
import { KINDS, type KindValue } from '../model';
import { allChanges, countActions, isDestructive, isKindChange, kindOf } from '../engine';

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

/** Why a change was planned, in words; a replace of another kind names the fields that force it. */
export function reasonText(c: AnyChange, r: ActionReason): string {
  if (r === 'immutable-field-changed' && isKindChange(c)) {
    const fields = c.fieldChanges.filter((f) => f.forcesReplace).map((f) => f.attribute);
    return `${fields.join(', ')} cannot change in place`;
  }
  return REASON_TEXT[r];
}

/** Runtime changes that are not no-ops. */
export function realChanges(plan: Plan): ResourceChange[] {
  return plan.changes.filter((c) => c.action !== 'no-op');
}

/** Every change that is not a no-op, in dependency order (the other kinds first, runtimes last). */
export function allRealChanges(plan: Plan): AnyChange[] {
  return allChanges(plan).filter((c) => c.action !== 'no-op');
}

/** Changes that delete something on the server (runtimes and the other kinds). */
export function destructiveChanges(plan: Plan): AnyChange[] {
  return allChanges(plan).filter((c) => isDestructive(c.action));
}

export function skippedCheckChanges(plan: Plan): AnyChange[] {
  return allChanges(plan).filter((c) => c.skipChecks !== undefined && c.action !== 'no-op');
}

/** A group of changes of one kind, in dependency order; the title is in the plural (`Environments`). */
export interface ChangeGroup {
  readonly title: string;
  /** The singular, for a table's column (`environment`). */
  readonly noun: string;
  readonly changes: AnyChange[];
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The plan's changes grouped by kind, in create order, runtimes last; groups without changes are left out.
 * undefined for a plan of runtimes only: its renderings show no kind headings.
 */
export function changeGroups(changes: readonly AnyChange[]): ChangeGroup[] | undefined {
  if (!changes.some(isKindChange)) return undefined;
  const groups: ChangeGroup[] = [];
  for (const k of KINDS) {
    const of = changes.filter((c) => isKindChange(c) && c.kind === k.tfType);
    if (of.length) groups.push({ title: `${capitalized(k.title)}s`, noun: k.title, changes: of });
  }
  // a kind this version does not know (from a newer plan.json) still shows, under its type
  const unknown = changes.filter((c) => isKindChange(c) && !kindOf(c.kind));
  if (unknown.length) groups.push({ title: 'Other objects', noun: 'object', changes: unknown });
  const runtimes = changes.filter((c) => !isKindChange(c));
  if (runtimes.length)
    groups.push({ title: 'Deployment runtimes', noun: 'runtime', changes: runtimes });
  return groups;
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

const isStringValue = (v: KindValue): v is string | readonly string[] =>
  typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** A field value for display: strings quoted, lists in brackets, null as (unset). */
export function formatValue(v: KindValue | null): string {
  if (v === null) return '(unset)';
  if (typeof v === 'boolean') return String(v);
  // nested objects (a pipeline runtime's pipelines) as their JSON
  if (!isStringValue(v)) return JSON.stringify(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
}
