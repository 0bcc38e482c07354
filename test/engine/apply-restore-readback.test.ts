// Against the local Nautes server over loopback: a replace whose create the server refuses saves the
// previous runtime again (and says so when that fails too); after its writes apply reads the runtimes back
// and reports the ones someone else changed in between, which Nautes, without conditional writes, lets
// overwrite.
import { NautesClient, createRuntimeStore } from '../../lib/api';
import { applyPlan, planChanges, type DesiredRuntime, type RuntimeStore } from '../../lib/engine';
import type { DeploymentRuntime } from '../../lib/model';
import { aRuntime } from '../helpers/builders';
import { MAINTAINER, useFakeServer } from '../helpers/fake-server';

jest.setTimeout(60_000);

describe('apply against the local server', () => {
  const fake = useFakeServer();
  let client: NautesClient;
  let store: RuntimeStore;
  beforeEach(() => {
    client = new NautesClient({ apiServer: fake.server.url, token: MAINTAINER, env: {} });
    store = createRuntimeStore(client);
  });
  afterEach(async () => {
    await client.close();
  });

  const plan = async (desired: DeploymentRuntime[], prune = false) =>
    planChanges({
      desired: desired.map((runtime): DesiredRuntime => ({ runtime })),
      inventories: [{ product: 'nautes-labs', prune }],
      observed: new Map([['nautes-labs', await store.list('nautes-labs')]]),
    });
  const commits = async () => (await fake.server.service.repoOf('nautes-labs')?.log())?.length;

  const previous = aRuntime({ name: 'dr-a', manifestPath: 'm/a', namespaces: ['ns-a'] });
  // an environment the server does not know: it refuses the create of the replace
  const unknownEnv = { ...previous, environment: 'env-nowhere' };

  test('a replace whose create is refused saves the previous runtime again', async () => {
    await store.save(previous, { insecureSkipCheck: false });
    const p = await plan([unknownEnv]);
    expect(p.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['replace nautes-labs/dr-a']);
    const before = await commits();
    const sent = fake.server.requests.length;
    const result = await applyPlan(p, store);
    // the check, the delete, the refused create, the restoring save, the read-back
    expect(fake.server.requests.slice(sent).map((r) => `${r.route} ${r.status}`)).toEqual([
      'get 200',
      'delete 200',
      'save 500',
      'save 200',
      'list 200',
    ]);
    expect(result.outcomes).toEqual([
      {
        id: 'nautes-labs/dr-a',
        action: 'replace',
        status: 'failed',
        error: {
          code: 'NAUTES_API_REFERENCE_MISSING',
          message: expect.stringContaining("env-nowhere 'Environment' does not exist"),
        },
        restore: { status: 'restored', previous, insecureSkipCheck: false },
      },
    ]);
    expect(result).toMatchObject({ applied: 0, failed: 1, conflicts: 0 });
    // on the server: the delete and the restoring save landed, the create did not
    expect(await store.get('nautes-labs', 'dr-a')).toEqual(previous);
    expect((await commits()) ?? 0).toBe((before ?? 0) + 2);
    // the read-back found it as restored
    expect(result.readBack).toEqual({ products: ['nautes-labs'], changed: [] });
  });

  test('a restore that fails too names the deleted runtime and its previous fields', async () => {
    await store.save(previous, { insecureSkipCheck: false });
    const p = await plan([unknownEnv]);
    // the create fails in validation (before any push); the restore passes it and meets a push conflict
    fake.server.faults.set({ rules: [{ action: 'push-conflict', method: 'POST', times: 1 }] });
    const sent = fake.server.requests.length;
    const result = await applyPlan(p, store);
    expect(fake.server.requests.slice(sent).map((r) => `${r.route} ${r.status}`)).toEqual([
      'get 200',
      'delete 200',
      'save 500',
      'save 500',
    ]);
    const [outcome] = result.outcomes;
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining("env-nowhere 'Environment' does not exist") },
      restore: {
        status: 'failed',
        previous,
        insecureSkipCheck: false,
        error: { message: expect.stringContaining('failed to merge the remote changes') },
      },
    });
    expect(fake.server.faults.injected['push-conflict']).toBe(1);
    expect(await store.get('nautes-labs', 'dr-a')).toBeNull();
    // what is there now is not this apply's doing to judge: the read-back leaves it out
    expect(result.readBack).toEqual({ products: [], changed: [] });
  });

  test('a replace whose delete fails sends no create and restores nothing', async () => {
    await store.save(previous, { insecureSkipCheck: false });
    const p = await plan([unknownEnv]);
    fake.server.faults.set({ rules: [{ action: 'status', status: 500, method: 'DELETE' }] });
    const result = await applyPlan(p, store);
    expect(result.outcomes[0]).toMatchObject({ status: 'failed' });
    expect(result.outcomes[0]?.restore).toBeUndefined();
    expect(fake.server.requests.filter((r) => r.route === 'save')).toHaveLength(1); // the set-up
    expect(await store.get('nautes-labs', 'dr-a')).toEqual(previous);
  });

  test('a runtime someone else changes after our save is reported, with what we wrote and what is there', async () => {
    const theirs = { ...previous, targetRevision: 'their-branch' };
    const mine = { ...previous, targetRevision: 'v2' };
    const b = aRuntime({ name: 'dr-b', manifestPath: 'm/b', namespaces: ['ns-b'] });
    const stray = aRuntime({ name: 'dr-stray', manifestPath: 'm/s', namespaces: ['ns-s'] });
    const strayBack = { ...stray, targetRevision: 'recreated' };
    await store.save(previous, { insecureSkipCheck: false });
    await store.save(stray, { insecureSkipCheck: false });
    const p = await plan([mine, b], true);
    expect(p.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'update nautes-labs/dr-a',
      'create nautes-labs/dr-b',
      'delete nautes-labs/dr-stray',
    ]);
    // someone else, through the same server, right after each of our writes of dr-a and dr-stray: the
    // window between our check and our write is the same race, made deterministic here
    const other = createRuntimeStore(client);
    const racing: RuntimeStore = {
      list: (product, o) => store.list(product, o),
      get: (product, name) => store.get(product, name),
      async save(r, o) {
        await store.save(r, o);
        if (r.name === 'dr-a') await other.save(theirs, { insecureSkipCheck: false });
      },
      async delete(product, name, o) {
        await store.delete(product, name, o);
        if (name === 'dr-stray') await other.save(strayBack, { insecureSkipCheck: false });
      },
    };
    const listsBefore = fake.server.requests.filter((r) => r.route === 'list').length;
    const result = await applyPlan(p, racing, { concurrency: 1 });
    expect(result).toMatchObject({ applied: 3, failed: 0, conflicts: 0 });
    expect(result.readBack).toEqual({
      products: ['nautes-labs'],
      changed: [
        { id: 'nautes-labs/dr-a', wrote: mine, now: theirs },
        { id: 'nautes-labs/dr-stray', wrote: null, now: strayBack },
      ],
    });
    // one list for the product written to, after the writes
    expect(fake.server.requests.filter((r) => r.route === 'list').length - listsBefore).toBe(1);
    expect(fake.server.requests.at(-1)?.route).toBe('list');
  });

  test('a read-back that cannot list says so instead of claiming the runtimes are as written', async () => {
    const p = await plan([previous]);
    // the server refuses reads once the change is done: the list of the read-back fails
    const result = await applyPlan(p, store, {
      onOutcome: () =>
        fake.server.faults.set({ rules: [{ action: 'status', status: 403, method: 'GET' }] }),
    });
    expect(result.applied).toBe(1);
    expect(result.readBack).toMatchObject({
      products: ['nautes-labs'],
      changed: [],
      error: { product: 'nautes-labs', code: expect.any(String) },
    });
  });
});
