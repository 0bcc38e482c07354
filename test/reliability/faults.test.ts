// 20% of requests fail transiently (503, dropped connection, a 2 s stall past the client timeout) during a
// plan and an apply of 100 changes: the plan is still right, every change lands exactly once (git history),
// and the next plan is empty. A push conflict is surfaced as a failed change, never lost.
import { NautesClient, createRuntimeStore } from '../../lib/api';
import { planDeclarations } from '../../lib/cli/commands/plan';
import { applyPlan, hasChanges, type DesiredRuntime } from '../../lib/engine';
import { startFakeServer, type FakeServer, type FaultOptions } from '../../lib/fake-server';
import { aRuntime } from '../helpers/builders';
import { MAINTAINER } from '../helpers/fake-server';

jest.setTimeout(120_000);

const FAULTS: FaultOptions = {
  seed: 42,
  rules: [
    { action: 'status', status: 503, probability: 0.1 },
    { action: 'drop', probability: 0.05 / 0.9 },
    { action: 'stall', stallMs: 2000, probability: 0.05 / (0.9 * (1 - 0.05 / 0.9)) },
  ],
};

const desired: DesiredRuntime[] = Array.from({ length: 100 }, (_, i) => ({
  runtime: aRuntime({
    name: `rt-${String(i).padStart(3, '0')}`,
    manifestPath: `deploy/${i}`,
    namespaces: [`ns-${i}`],
    environment: i % 2 ? 'env-dev' : 'env-test',
  }),
}));

describe('faults during plan and apply', () => {
  let server: FakeServer;
  let client: NautesClient;
  // a fresh server per test: no test sees what another wrote
  beforeEach(async () => {
    server = await startFakeServer();
    client = new NautesClient({
      apiServer: server.url,
      token: MAINTAINER,
      env: {},
      timeoutMs: 1500,
      retries: 8,
      retryDelayMs: 5,
    });
  });
  afterEach(async () => {
    await client.close();
    // stalled requests finish in the background; close() waits for them
    await server.close();
  });

  test('the plan under faults equals the plan without them', async () => {
    const store = createRuntimeStore(client);
    const clean = await planDeclarations(
      { desired, inventories: [{ product: 'nautes-labs', prune: false }], stacks: [] },
      store,
      client.apiServer,
    );
    server.faults.set(FAULTS);
    const plans = [];
    for (let i = 0; i < 20; i++)
      plans.push(
        await planDeclarations(
          { desired, inventories: [{ product: 'nautes-labs', prune: false }], stacks: [] },
          store,
          client.apiServer,
        ),
      );
    const injected = server.faults.injected;
    server.faults.set({});
    expect(injected.status + injected.drop + injected.stall).toBeGreaterThan(0);
    for (const p of plans) expect(p).toEqual(clean);
  });

  test('an apply of 100 creates converges with every change applied exactly once', async () => {
    const store = createRuntimeStore(client);
    const plan = await planDeclarations(
      { desired, inventories: [], stacks: [] },
      store,
      client.apiServer,
    );
    expect(plan.changes.filter((c) => c.action === 'create')).toHaveLength(100);
    const before = server.requests.length;
    server.faults.set(FAULTS);
    const result = await applyPlan(plan, store, { concurrency: 4 });
    const injected = { ...server.faults.injected };
    server.faults.set({});
    const requests = server.requests.length - before;
    // about 20% of the requests failed and were retried
    expect(injected.status + injected.drop + injected.stall).toBeGreaterThanOrEqual(
      Math.floor(requests * 0.1),
    );
    expect(result).toMatchObject({ applied: 100, failed: 0 });
    // the stalled requests land in the background: wait for them, not for a time
    await server.idle();

    const log = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
    for (const d of desired) {
      const touching = log.filter((c) => c.files.includes(`runtimes/${d.runtime.name}.yaml`));
      expect(touching).toHaveLength(1);
    }
    const again = await planDeclarations(
      { desired, inventories: [], stacks: [] },
      store,
      client.apiServer,
    );
    expect(hasChanges(again)).toBe(false);
  });

  test('a push conflict is reported as a failed change, and the next apply lands it', async () => {
    const store = createRuntimeStore(client);
    // three runtimes exist; the plan updates them
    const existing = { desired: desired.slice(0, 3), inventories: [], stacks: [] };
    expect(
      (await applyPlan(await planDeclarations(existing, store, client.apiServer), store)).failed,
    ).toBe(0);
    const changed = desired
      .slice(0, 3)
      .map((d) => ({ runtime: { ...d.runtime, targetRevision: 'v2' } }));
    const plan = await planDeclarations(
      { desired: changed, inventories: [], stacks: [] },
      store,
      client.apiServer,
    );
    server.faults.set({ rules: [{ action: 'push-conflict', method: 'POST', times: 1 }] });
    const result = await applyPlan(plan, store, { concurrency: 1 });
    server.faults.set({});
    expect(result).toMatchObject({ applied: 2, failed: 1 });
    const failed = result.outcomes.find((o) => o.status === 'failed');
    expect(failed?.error?.code).toBe('NAUTES_API_CONFLICT');
    expect(failed?.error?.message).toContain('manual approval may be required');
    const retry = await planDeclarations(
      { desired: changed, inventories: [], stacks: [] },
      store,
      client.apiServer,
    );
    expect(retry.changes.filter((c) => c.action === 'update').map((c) => c.id)).toEqual([
      failed?.id,
    ]);
    expect((await applyPlan(retry, store)).failed).toBe(0);
    expect(
      hasChanges(
        await planDeclarations(
          { desired: changed, inventories: [], stacks: [] },
          store,
          client.apiServer,
        ),
      ),
    ).toBe(false);
  });
});
