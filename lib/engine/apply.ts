// Applies a plan through a store: creates and updates are saves, deletes are deletes, replace is delete then
// create (and the previous runtime saved again when the create fails). Bounded concurrency; one failed
// change never hides the others' results; the runtimes written are read back at the end.
import { StalePlanError } from '../errors';
import { combineFingerprints, fingerprintRuntimes } from './fingerprint';
import { sameRuntime, type DeploymentRuntime } from '../model';
import type { Plan, ResourceChange } from './plan';
import type { RuntimeStore } from './ports';
import { readBack, type ReadBackResult, type WrittenRuntime } from './read-back';

/** An error as outcomes carry it: a stable code and the message. */
export interface OutcomeError {
  readonly code: string;
  readonly message: string;
}

/**
 * A replace is a delete, then a create. When the create fails after the delete succeeded, apply saves the
 * previous runtime (the change's `before`) again, with the change's insecure_skip_check; this is how that went.
 */
export interface RestoreOutcome {
  /** restored: the previous runtime is back; failed: it stays deleted (`previous` says what it was) */
  readonly status: 'restored' | 'failed';
  /** The runtime as it was before this apply deleted it. */
  readonly previous: DeploymentRuntime;
  /** The restore was sent with insecure_skip_check=true (as the replace's delete and create). */
  readonly insecureSkipCheck: boolean;
  /** Why the restore failed. */
  readonly error?: OutcomeError;
}

/** The outcome of one change. */
export interface ChangeOutcome {
  readonly id: string;
  readonly action: ResourceChange['action'];
  /** conflict: the runtime was no longer as planned (another apply or a hand edit came first); nothing sent */
  readonly status: 'applied' | 'failed' | 'skipped' | 'conflict';
  /** Error code and message when failed (for a replace whose create failed: the create's error). */
  readonly error?: OutcomeError;
  /** Set on a replace whose create failed after its delete succeeded. */
  readonly restore?: RestoreOutcome;
}

/** What an apply did. */
export interface ApplyResult {
  readonly outcomes: readonly ChangeOutcome[];
  readonly applied: number;
  readonly failed: number;
  readonly conflicts: number;
  /**
   * The runtimes read again after the writes: any that is not what this apply wrote was changed by someone
   * else during it (Nautes has no conditional write, so such a change may have been overwritten).
   */
  readonly readBack: ReadBackResult;
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

function outcomeError(e: unknown): OutcomeError {
  const code = (e as { code?: unknown }).code;
  return {
    code: typeof code === 'string' ? code : 'ERROR',
    message: e instanceof Error ? e.message : String(e),
  };
}

/** How one change went, and what it left on the server when that is known. */
interface Applied {
  readonly outcome: ChangeOutcome;
  /** The runtime this change's last successful write left (null: deleted); absent when unknown or none. */
  readonly wrote?: DeploymentRuntime | null;
}

/**
 * Applies one change if the runtime is still as the plan saw it. The check and the write are two calls:
 * a write by someone else between them is overwritten (Nautes has no conditional write); the read-back
 * after all writes reports it.
 */
async function applyOne(change: ResourceChange, store: RuntimeStore): Promise<Applied> {
  const base = { id: change.id, action: change.action };
  const now = await store.get(change.address.product, change.address.name);
  if (!sameOrBothAbsent(now, change.before))
    return {
      outcome: {
        ...base,
        status: 'conflict',
        error: {
          code: 'NAUTES_APPLY_CONFLICT',
          message:
            'the runtime changed on the server since the plan was made; nothing was sent for it. Plan again',
        },
      },
    };
  const insecureSkipCheck = change.skipChecks !== undefined;
  const { product, name } = change.address;
  switch (change.action) {
    case 'no-op':
      return { outcome: { ...base, status: 'applied' } };
    case 'create':
    case 'update':
      if (!change.after) throw new Error(`${change.id}: ${change.action} without a target`);
      await store.save(change.after, { insecureSkipCheck });
      return { outcome: { ...base, status: 'applied' }, wrote: change.after };
    case 'delete':
      await store.delete(product, name, { insecureSkipCheck });
      return { outcome: { ...base, status: 'applied' }, wrote: null };
    case 'replace': {
      if (!change.after) throw new Error(`${change.id}: replace without a target`);
      await store.delete(product, name, { insecureSkipCheck });
      try {
        await store.save(change.after, { insecureSkipCheck });
        return { outcome: { ...base, status: 'applied' }, wrote: change.after };
      } catch (e) {
        const error = outcomeError(e);
        // the delete went through: without this the runtime would simply be gone
        const previous = change.before;
        if (!previous) return { outcome: { ...base, status: 'failed', error }, wrote: null };
        try {
          await store.save(previous, { insecureSkipCheck });
          return {
            outcome: {
              ...base,
              status: 'failed',
              error,
              restore: { status: 'restored', previous, insecureSkipCheck },
            },
            wrote: previous,
          };
        } catch (e2) {
          // what is on the server now is not known for sure (a timed-out save may have landed): the
          // outcome names the previous fields, and the read-back does not judge this runtime
          return {
            outcome: {
              ...base,
              status: 'failed',
              error,
              restore: { status: 'failed', previous, insecureSkipCheck, error: outcomeError(e2) },
            },
          };
        }
      }
    }
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
  const written: WrittenRuntime[] = [];
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
          const done = await applyOne(change, store);
          outcome = done.outcome;
          if (done.wrote !== undefined)
            written.push({ address: change.address, id: change.id, wrote: done.wrote });
        } catch (e) {
          outcome = {
            id: change.id,
            action: change.action,
            status: 'failed',
            error: outcomeError(e),
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
    readBack: await readBack(written, store),
  };
}
