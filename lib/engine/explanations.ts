// The explanations of a plan (each change's reasons) in a compact form that a review record carries, so the
// apply after a merge can explain its fresh plan as the reviewed plan was explained: the reviewed plan knew
// the pull request's merge base ("changed in this PR" / "drift on the server"), the apply job does not.
// Only the reasons travel; what the plan sends is always the fresh plan's own.
import { allChanges, type ActionReason, type AnyChange, type Plan } from './plan';
import { computePlanId } from './plan-id';

/**
 * Every reason, in the order the planner lists them in a change (the bit order of the compact form): a
 * change's reasons are rebuilt in exactly this order.
 */
export const REASON_ORDER: readonly ActionReason[] = [
  'new-in-config',
  'immutable-field-changed',
  'orphan-pruned',
  'config-changed',
  'drifted',
  'declared-with-skip-checks',
];

/** The reasons that depend on the merge base; the others follow from the code and the server alone. */
const BASE_REASONS: ReadonlySet<ActionReason> = new Set(['config-changed', 'drifted']);

const maskOf = (reasons: readonly ActionReason[]): number =>
  REASON_ORDER.reduce((m, r, i) => (reasons.includes(r) ? m | (1 << i) : m), 0);

const reasonsOf = (mask: number): ActionReason[] => REASON_ORDER.filter((_r, i) => mask & (1 << i));

// the objects of the other kinds first, then the runtimes (a runtime-only plan codes as before)
const explained = (plan: Plan): AnyChange[] => allChanges(plan).filter((c) => c.action !== 'no-op');

/**
 * The reasons of every change that does something, as masks run-length coded: `9*200.17` is 200 changes
 * with mask 9, then one with mask 17. Empty for a plan without changes.
 */
export function encodeExplanations(plan: Plan): string {
  const runs: Array<[number, number]> = [];
  for (const c of explained(plan)) {
    const m = maskOf(c.reasons);
    const last = runs[runs.length - 1];
    if (last && last[0] === m) last[1]++;
    else runs.push([m, 1]);
  }
  return runs.map(([m, n]) => (n > 1 ? `${m}*${n}` : `${m}`)).join('.');
}

/** What `encodeExplanations` writes, as a pattern (for the record line). */
export const EXPLANATIONS_PATTERN = '(?:\\d{1,2}(?:\\*\\d{1,6})?(?:\\.\\d{1,2}(?:\\*\\d{1,6})?)*)?';

function decode(text: string): number[] | undefined {
  if (!new RegExp(`^${EXPLANATIONS_PATTERN}$`).test(text)) return undefined;
  const masks: number[] = [];
  for (const run of text ? text.split('.') : []) {
    const [m, n] = run.split('*');
    const mask = Number(m);
    if (mask >= 1 << REASON_ORDER.length) return undefined;
    for (let i = 0; i < Number(n ?? 1); i++) masks.push(mask);
  }
  return masks;
}

/**
 * `plan` with the reasons `encoded` gives its changes, and its id computed again; undefined when they do
 * not fit (another number of changes, or reasons that do not follow from this plan's code and server: only
 * the merge-base reasons may differ).
 */
export function explainAs(plan: Plan, encoded: string): Plan | undefined {
  const masks = decode(encoded);
  const changes = explained(plan);
  if (!masks || masks.length !== changes.length) return undefined;
  const given = new Map<AnyChange, ActionReason[]>();
  for (const [i, c] of changes.entries()) {
    const reasons = reasonsOf(masks[i] as number);
    const own = (rs: readonly ActionReason[]): string =>
      rs.filter((r) => !BASE_REASONS.has(r)).join();
    // a fresh plan made without the merge base marks updates as drift: only that may become other labels
    if (own(reasons) !== own(c.reasons)) return undefined;
    given.set(c, reasons);
  }
  const rest = {
    ...plan,
    changes: plan.changes.map((c) => {
      const reasons = given.get(c);
      return reasons ? { ...c, reasons } : c;
    }),
    kindChanges: plan.kindChanges.map((c) => {
      const reasons = given.get(c);
      return reasons ? { ...c, reasons } : c;
    }),
  };
  return { ...rest, id: computePlanId(rest) };
}
