// Applies a plan through a store: creates and updates are saves, deletes are deletes, replace is delete then
// create (and the previous runtime saved again when the create fails). Bounded concurrency; one failed
// change never hides the others' results; the runtimes written are read back at the end. Objects of the
// other kinds go first in create order (runtimes last), deletes in reverse (runtimes first), and each
// change waits for what it needs: a change whose product (environment, code repo, ...) failed is not sent.
import { StalePlanError } from '../errors';
import { combineFingerprints, fingerprintKindObjects, fingerprintRuntimes } from './fingerprint';
import {
  differingKindFields,
  sameRuntime,
  type DeploymentRuntime,
  type KindObject,
} from '../model';
import { RUNTIME_TYPE, objectKey, referencesOfObject, referencesOfRuntime } from './dependencies';
import {
  allChanges,
  changeLabel,
  isKindChange,
  kindOf,
  kindRank,
  type AnyChange,
  type KindChange,
  type Plan,
  type ResourceChange,
} from './plan';
import type { KindStore, RuntimeStore } from './ports';
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
  /** The kind of an object that is not a runtime, as its Terraform type (`nautes_product`). */
  readonly kind?: string;
  readonly id: string;
  readonly action: ResourceChange['action'];
  /**
   * conflict: the runtime was no longer as planned (another apply or a hand edit came first); nothing sent.
   * skipped: not started (stopped), or not sent because a change it waits for did not apply (`error` says which).
   */
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
  /** Where the objects of the other kinds live; required when the plan changes any. @default - none */
  readonly kindStore?: KindStore;
}

/** Re-lists the observed products (and kinds) and throws `StalePlanError` if anything changed since the plan. */
export async function assertPlanFresh(
  plan: Plan,
  store: RuntimeStore,
  kindStore?: KindStore,
): Promise<void> {
  const changed: string[] = [];
  const parts: string[] = [];
  for (const o of plan.observed) {
    const fp = fingerprintRuntimes(await store.list(o.product));
    parts.push(`${o.product}:${fp}`);
    if (fp !== o.fingerprint) changed.push(o.product);
  }
  for (const o of plan.kindObserved) {
    const kind = kindOf(o.kind);
    const fp =
      kind && kindStore ? fingerprintKindObjects(kind, await kindStore.list(kind, o.product)) : '';
    parts.push(`${o.kind}:${o.product ?? ''}:${fp}`);
    if (fp !== o.fingerprint) changed.push(o.product ?? o.kind);
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

/** Both absent, or the same object by the planner's comparison. */
function sameKindOrBothAbsent(c: KindChange, now: KindObject | null): boolean {
  const kind = kindOf(c.kind);
  if (now === null || c.before === null) return now === c.before;
  return kind !== undefined && differingKindFields(kind, c.before, now).length === 0;
}

/** Applies one change of an object of a declared kind, if it is still as the plan saw it. */
async function applyKindOne(change: KindChange, store: KindStore): Promise<ChangeOutcome> {
  const base = { kind: change.kind, id: change.id, action: change.action };
  const kind = kindOf(change.kind);
  if (!kind) throw new Error(`${change.kind} is not a kind this version knows`);
  const now = await store.get(kind, change.address);
  if (!sameKindOrBothAbsent(change, now))
    return {
      ...base,
      status: 'conflict',
      error: {
        code: 'NAUTES_APPLY_CONFLICT',
        message: `the ${kind.title} changed on the server since the plan was made; nothing was sent for it. Plan again`,
      },
    };
  const options = { insecureSkipCheck: change.skipChecks !== undefined };
  switch (change.action) {
    case 'no-op':
      return { ...base, status: 'applied' };
    case 'create':
    case 'update':
      if (!change.after) throw new Error(`${change.id}: ${change.action} without a target`);
      await store.save(kind, change.after, options);
      return { ...base, status: 'applied' };
    case 'delete':
      await store.delete(kind, change.address, options);
      return { ...base, status: 'applied' };
    case 'replace': {
      if (!change.after) throw new Error(`${change.id}: replace without a target`);
      await store.delete(kind, change.address, options);
      try {
        await store.save(kind, change.after, options);
        return { ...base, status: 'applied' };
      } catch (e) {
        const error = outcomeError(e);
        // the delete went through: without this the object would simply be gone
        if (!change.before) return { ...base, status: 'failed', error };
        const restored = await store.save(kind, change.before, options).then(
          () => `the previous ${kind.title} was saved again`,
          (e2: unknown) =>
            `restoring the previous ${kind.title} failed too (${outcomeError(e2).message}): it is deleted; its previous fields: ${JSON.stringify(change.before)}`,
        );
        return {
          ...base,
          status: 'failed',
          error: { ...error, message: `${error.message}; ${restored}` },
        };
      }
    }
  }
}

/** One change in the apply's schedule. */
interface Task {
  readonly change: AnyChange;
  readonly key: string;
  /** The changes this one waits for: it is sent only when all of them applied. */
  readonly needs: Task[];
}

const keyOfChange = (c: AnyChange): string =>
  objectKey(isKindChange(c) ? c.kind : RUNTIME_TYPE, c.id);

function referencesOf(c: AnyChange, side: 'before' | 'after'): string[] {
  if (isKindChange(c)) {
    const o = c[side];
    const kind = kindOf(c.kind);
    return o && kind ? referencesOfObject(kind, o) : [];
  }
  const r = c[side];
  return r ? referencesOfRuntime(r) : [];
}

/**
 * The changes in the order they start, each with what it waits for: deletes first, runtimes first and then
 * the kinds in reverse create order, each after the changes of the objects that named it; then creates,
 * updates and replaces, the kinds in create order and runtimes last, each after the creates of what it
 * names. A plan of runtimes only keeps its order (nothing waits).
 */
function scheduleOf(plan: Plan): Task[] {
  const pending = allChanges(plan).filter((c) => c.action !== 'no-op');
  const down = (c: AnyChange): boolean => c.action === 'delete';
  const rank = (c: AnyChange): number => kindRank(isKindChange(c) ? c.kind : undefined);
  const ordered = plan.kindChanges.length
    ? [
        ...pending.filter(down).sort((a, b) => rank(b) - rank(a)),
        ...pending.filter((c) => !down(c)).sort((a, b) => rank(a) - rank(b)),
      ]
    : pending;
  const tasks = ordered.map((change): Task => ({ change, key: keyOfChange(change), needs: [] }));
  const creating = new Map(
    tasks
      .filter((t) => t.change.action === 'create' || t.change.action === 'replace')
      .map((t) => [t.key, t]),
  );
  const deleting = new Map(tasks.filter((t) => down(t.change)).map((t) => [t.key, t]));
  for (const t of tasks) {
    if (!down(t.change))
      for (const k of referencesOf(t.change, 'after')) {
        const need = creating.get(k);
        if (need && need !== t) t.needs.push(need);
      }
    // whatever named a deleted object must be changed (or gone) first: the server refuses the delete before
    for (const k of referencesOf(t.change, 'before')) {
      const d = deleting.get(k);
      if (d && d !== t) d.needs.push(t);
    }
  }
  return tasks;
}

function notSent(t: Task, blocker: Task, outcome: ChangeOutcome): ChangeOutcome {
  const c = t.change;
  const why =
    outcome.status === 'skipped'
      ? 'was not sent'
      : outcome.status === 'conflict'
        ? 'met a conflict'
        : 'failed';
  return {
    ...(isKindChange(c) ? { kind: c.kind } : {}),
    id: c.id,
    action: c.action,
    status: 'skipped',
    error: {
      code: 'NAUTES_APPLY_DEPENDENCY_FAILED',
      message: `not sent: it waits for the ${blocker.change.action} of ${changeLabel(blocker.change)}, which ${why}`,
    },
  };
}

/**
 * Applies exactly the changes of a reviewed plan.
 *
 * @example
 * const result = await applyPlan(plan, store, { concurrency: 8, kindStore });
 */
export async function applyPlan(
  plan: Plan,
  store: RuntimeStore,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const tasks = scheduleOf(plan);
  const kindStore = options.kindStore;
  if (plan.kindChanges.some((c) => c.action !== 'no-op') && !kindStore)
    throw new Error(
      'applyPlan: the plan changes objects of other kinds than runtimes, and no kindStore was given',
    );
  const outcomes: ChangeOutcome[] = [];
  const written: WrittenRuntime[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const settled = new Map<Task, ChangeOutcome>();
  const started = new Set<Task>();

  const run = async (t: Task): Promise<ChangeOutcome> => {
    const change = t.change;
    try {
      if (isKindChange(change)) return await applyKindOne(change, kindStore as KindStore);
      const done = await applyOne(change, store);
      if (done.wrote !== undefined)
        written.push({ address: change.address, id: change.id, wrote: done.wrote });
      return done.outcome;
    } catch (e) {
      return {
        ...(isKindChange(change) ? { kind: change.kind } : {}),
        id: change.id,
        action: change.action,
        status: 'failed',
        error: outcomeError(e),
      };
    }
  };

  await new Promise<void>((resolve) => {
    let running = 0;
    const settle = (t: Task, o: ChangeOutcome): void => {
      settled.set(t, o);
      outcomes.push(o);
      options.onOutcome?.(o);
    };
    const pump = (): void => {
      for (let progressed = true; progressed;) {
        progressed = false;
        for (const t of tasks) {
          if (started.has(t)) continue;
          const blocker = t.needs.find(
            (n) => settled.get(n) && settled.get(n)?.status !== 'applied',
          );
          if (blocker) {
            started.add(t);
            settle(t, notSent(t, blocker, settled.get(blocker) as ChangeOutcome));
            progressed = true;
            continue;
          }
          if (t.needs.some((n) => !settled.has(n)) || running >= concurrency) continue;
          started.add(t);
          if (options.shouldStop?.()) {
            const c = t.change;
            settle(t, {
              ...(isKindChange(c) ? { kind: c.kind } : {}),
              id: c.id,
              action: c.action,
              status: 'skipped',
            });
            progressed = true;
            continue;
          }
          running++;
          void run(t).then((o) => {
            running--;
            settle(t, o);
            pump();
          });
        }
      }
      if (settled.size === tasks.length) resolve();
    };
    pump();
  });
  outcomes.sort(
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
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
