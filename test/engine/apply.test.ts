import {
  applyPlan,
  assertPlanFresh,
  planChanges,
  parsePlanJson,
  toPlanJson,
} from '../../lib/engine';
import { aRuntime, InMemoryRuntimeStore } from '../helpers/builders';

async function planFor(
  store: InMemoryRuntimeStore,
  desired = [aRuntime(), aRuntime({ name: 'b', manifestPath: 'b', environment: 'env-test' })],
  prune = false,
) {
  return planChanges({
    desired: desired.map((runtime) => ({ runtime })),
    inventories: [{ product: 'nautes-labs', prune }],
    observed: new Map([['nautes-labs', await store.list('nautes-labs')]]),
  });
}

describe('applyPlan', () => {
  test('creates and updates are saves, deletes are deletes, replace is delete then create', async () => {
    const store = new InMemoryRuntimeStore([
      aRuntime({ targetRevision: 'old' }),
      aRuntime({ name: 'b', manifestPath: 'b' }),
      aRuntime({ name: 'stray', manifestPath: 's' }),
    ]);
    const plan = await planFor(
      store,
      [
        aRuntime(),
        aRuntime({ name: 'b', manifestPath: 'b', environment: 'env-test' }),
        aRuntime({ name: 'c', manifestPath: 'c' }),
      ],
      true,
    );
    expect(plan.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'replace nautes-labs/b',
      'create nautes-labs/c',
      'update nautes-labs/dr-dev',
      'delete nautes-labs/stray',
    ]);
    store.calls.length = 0;
    const result = await applyPlan(plan, store, { concurrency: 1 });
    expect(result).toMatchObject({ applied: 4, failed: 0 });
    // each change first checks that its runtime is still as planned
    expect(store.calls).toEqual([
      'get nautes-labs/b',
      'delete nautes-labs/b',
      'save nautes-labs/b',
      'get nautes-labs/c',
      'save nautes-labs/c',
      'get nautes-labs/dr-dev',
      'save nautes-labs/dr-dev',
      'get nautes-labs/stray',
      'delete nautes-labs/stray',
      // then one list per product written to: the read-back
      'list nautes-labs',
    ]);
    expect(result.readBack).toEqual({ products: ['nautes-labs'], changed: [] });
    const again = await planFor(
      store,
      [
        aRuntime(),
        aRuntime({ name: 'b', manifestPath: 'b', environment: 'env-test' }),
        aRuntime({ name: 'c', manifestPath: 'c' }),
      ],
      true,
    );
    expect(again.changes.every((c) => c.action === 'no-op')).toBe(true);
  });

  test("a failed change never hides the others' results", async () => {
    const store = new InMemoryRuntimeStore();
    const plan = await planFor(store, [
      aRuntime({ name: 'a', manifestPath: 'a' }),
      aRuntime({ name: 'b', manifestPath: 'b' }),
      aRuntime({ name: 'c', manifestPath: 'c' }),
    ]);
    store.failOn.add('b');
    const result = await applyPlan(plan, store, { concurrency: 2 });
    expect(result.outcomes.map((o) => [o.id, o.status, o.error?.code])).toEqual([
      ['nautes-labs/a', 'applied', undefined],
      ['nautes-labs/b', 'failed', 'NAUTES_API_CONFLICT'],
      ['nautes-labs/c', 'applied', undefined],
    ]);
  });

  test('skipChecks sends insecure_skip_check; stopping skips the rest', async () => {
    const store = new InMemoryRuntimeStore();
    const plan = planChanges({
      desired: [
        { runtime: aRuntime(), skipChecks: { reason: 'env later' } },
        { runtime: aRuntime({ name: 'z', manifestPath: 'z' }) },
      ],
      inventories: [],
      observed: new Map([['nautes-labs', []]]),
    });
    let n = 0;
    const result = await applyPlan(plan, store, { concurrency: 1, shouldStop: () => n++ > 0 });
    expect(store.calls).toEqual([
      'get nautes-labs/dr-dev',
      'save nautes-labs/dr-dev skip',
      'list nautes-labs',
    ]);
    expect(result.outcomes.map((o) => o.status)).toEqual(['applied', 'skipped']);
  });

  test('a runtime no longer as planned is a conflict: nothing is sent for it, the others apply', async () => {
    const store = new InMemoryRuntimeStore([
      aRuntime({ name: 'a', manifestPath: 'a' }),
      aRuntime({ name: 'b', manifestPath: 'b' }),
    ]);
    const plan = await planFor(store, [
      aRuntime({ name: 'a', manifestPath: 'a2' }),
      aRuntime({ name: 'b', manifestPath: 'b2' }),
      aRuntime({ name: 'c', manifestPath: 'c' }),
    ]);
    // another apply came first: it changed a and created c
    await store.save(aRuntime({ name: 'a', manifestPath: 'theirs' }), { insecureSkipCheck: false });
    await store.save(aRuntime({ name: 'c', manifestPath: 'theirs-c' }), {
      insecureSkipCheck: false,
    });
    store.calls.length = 0;
    const result = await applyPlan(plan, store, { concurrency: 1 });
    expect(result.outcomes.map((o) => [o.id, o.status, o.error?.code])).toEqual([
      ['nautes-labs/a', 'conflict', 'NAUTES_APPLY_CONFLICT'],
      ['nautes-labs/b', 'applied', undefined],
      ['nautes-labs/c', 'conflict', 'NAUTES_APPLY_CONFLICT'],
    ]);
    expect(result).toMatchObject({ applied: 1, conflicts: 2, failed: 0 });
    expect(store.calls.filter((c) => c.startsWith('save'))).toEqual(['save nautes-labs/b']);
    expect(store.data.get('nautes-labs/a')?.manifestPath).toBe('theirs');
  });

  test('never runs more changes at once than the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const store = new InMemoryRuntimeStore();
    const slow = Object.assign(Object.create(store) as InMemoryRuntimeStore, {
      save: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setImmediate(r));
        running--;
      },
    });
    const plan = await planFor(
      store,
      Array.from({ length: 20 }, (_, i) => aRuntime({ name: `r${i}`, manifestPath: `p${i}` })),
    );
    await applyPlan(plan, slow, { concurrency: 3 });
    expect(peak).toBe(3);
  });

  test('a stale plan is refused with NAUTES_STALE_PLAN', async () => {
    const store = new InMemoryRuntimeStore();
    const plan = await planFor(store);
    await expect(assertPlanFresh(plan, store)).resolves.toBeUndefined();
    await store.save(aRuntime({ name: 'sneaky', manifestPath: 's' }), { insecureSkipCheck: false });
    await expect(assertPlanFresh(plan, store)).rejects.toMatchObject({
      code: 'NAUTES_STALE_PLAN',
      products: ['nautes-labs'],
    });
  });
});

describe('plan.json', () => {
  test('round-trips a plan, with actions as a list', async () => {
    const store = new InMemoryRuntimeStore([aRuntime()]);
    const plan = await planFor(store, [aRuntime({ environment: 'env-test' })]);
    const text = toPlanJson(plan);
    const doc = JSON.parse(text);
    expect(doc.formatVersion).toBe('1.1');
    expect(doc.resourceChanges[0].actions).toEqual(['delete', 'create']);
    expect(parsePlanJson(text)).toEqual(plan);
  });

  test.each([
    ['not JSON', '{"formatVersion":', 'not JSON'],
    ['another format version', JSON.stringify({ formatVersion: '9' }), 'formatVersion'],
    ['a change without after', null, 'needs "after"'],
  ])('rejects %s with a ValidationError', async (_l, text, message) => {
    let input = text;
    if (input === null) {
      const store = new InMemoryRuntimeStore();
      const doc = JSON.parse(toPlanJson(await planFor(store)));
      doc.resourceChanges[0].after = null;
      input = JSON.stringify(doc);
    }
    let err: unknown;
    try {
      parsePlanJson(input);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'NAUTES_VALIDATION' });
    expect(String(err)).toContain(message);
  });
});
