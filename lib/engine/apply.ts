// Applies a plan through a store: creates and updates are saves, deletes are deletes, replace is delete then
// create. Bounded concurrency; one failed change never hides the others' results.
import { StalePlanError } from '../errors';
import { combineFingerprints, fingerprintRuntimes } from './fingerprint';
import { sameRuntime, type DeploymentRuntime } from '../model';
import type { Plan, ResourceChange } from './plan';
import type { RuntimeStore } from './ports';

/** The outcome of one change. */
export interface ChangeOutcome {
  readonly id: string;
  readonly action: ResourceChange['action'];
  /** conflict: the runtime was no longer as planned (another apply or a hand edit came first); nothing sent */
  readonly status: 'applied' | 'failed' | 'skipped' | 'conflict';
  /** Error code and message when failed. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** What an apply did. */
export interface ApplyResult {
  readonly outcomes: readonly ChangeOutcome[];
  readonly applied: number;
  readonly failed: number;
  readonly conflicts: number;
}

/** Options of `applyPlan`. */
export interface ApplyOptions {
  /** Changes run at once. @default 4 */
  readonly concurrency?: number;
  /** Called after each change (progress output). */
  readonly onOutcome?: (o: ChangeOutcome) => void;
  /** When true, no new change starts (SIGINT). */
  readonly shouldStop?: () => boolean;
}

/** Re-lists the observed products and throws `StalePlanError` if anything changed since the plan. */
export async function assertPlanFresh(plan: Plan, store: RuntimeStore): Promise<void> {
  const changed: string[] = [];
  const parts: string[] = [];
  for (const o of plan.observed) {
    const fp = fingerprintRuntimes(await store.list(o.product));
    parts.push(`${o.product}:${fp}`);
    if (fp !== o.fingerprint) changed.push(o.product);
  }
  if (changed.length || combineFingerprints(parts) !== plan.fingerprint)
    throw new StalePlanError(changed.length ? changed : plan.observed.map((o) => o.product));
}

/** Both absent, or the same runtime by the planner's comparison (sets as sets, empty equal to absent). */
function sameOrBothAbsent(a: DeploymentRuntime | null, b: DeploymentRuntime | null): boolean {
  return a === null || b === null ? a === b : sameRuntime(a, b);
}

/**
 * Applies one change if the runtime is still as the plan saw it. The check and the write are two calls:
 * a write by someone else between them is not caught (the window that remains).
 */
async function applyOne(
  change: ResourceChange,
  store: RuntimeStore,
): Promise<'applied' | 'conflict'> {
  if (change.action === 'no-op') return 'applied';
  const now = await store.get(change.address.product, change.address.name);
  if (!sameOrBothAbsent(now, change.before)) return 'conflict';
  await write(change, store);
  return 'applied';
}

async function write(change: ResourceChange, store: RuntimeStore): Promise<void> {
  const insecureSkipCheck = change.skipChecks !== undefined;
  switch (change.action) {
    case 'no-op':
      return;
    case 'create':
    case 'update':
      if (!change.after) throw new Error(`${change.id}: ${change.action} without a target`);
      await store.save(change.after, { insecureSkipCheck });
      return;
    case 'delete':
      await store.delete(change.address.product, change.address.name, { insecureSkipCheck });
      return;
    case 'replace':
      if (!change.after) throw new Error(`${change.id}: replace without a target`);
      await store.delete(change.address.product, change.address.name, { insecureSkipCheck });
      await store.save(change.after, { insecureSkipCheck });
      return;
  }
}

/**
 * Applies exactly the changes of a reviewed plan.
 *
 * @example
 * const result = await applyPlan(plan, store, { concurrency: 8 });
 */
export async function applyPlan(
  plan: Plan,
  store: RuntimeStore,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const pending = plan.changes.filter((c) => c.action !== 'no-op');
  const outcomes: ChangeOutcome[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const change = pending[next++] as ResourceChange;
      let outcome: ChangeOutcome;
      if (options.shouldStop?.())
        outcome = { id: change.id, action: change.action, status: 'skipped' };
      else {
        try {
          const status = await applyOne(change, store);
          outcome =
            status === 'applied'
              ? { id: change.id, action: change.action, status }
              : {
                  id: change.id,
                  action: change.action,
                  status,
                  error: {
                    code: 'NAUTES_APPLY_CONFLICT',
                    message:
                      'the runtime changed on the server since the plan was made; nothing was sent for it. Plan again',
                  },
                };
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          outcome = {
            id: change.id,
            action: change.action,
            status: 'failed',
            error: {
              code: typeof code === 'string' ? code : 'ERROR',
              message: e instanceof Error ? e.message : String(e),
            },
          };
        }
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const count = (s: ChangeOutcome['status']): number =>
    outcomes.filter((o) => o.status === s).length;
  return {
    outcomes,
    applied: count('applied'),
    failed: count('failed'),
    conflicts: count('conflict'),
  };
}
