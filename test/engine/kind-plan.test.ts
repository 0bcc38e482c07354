// The declared kinds in the fast path's plan and apply: one list per kind and product, field changes as the
// provider compares them, orphans only of the kinds an inventory owns, deletion protection refused in the
// plan, and an apply in dependency order where a failed create holds back what needs it.
import {
  applyPlan,
  assertPlanFresh,
  encodeExplanations,
  explainAs,
  kindListsToObserve,
  parsePlanJson,
  planChanges,
  toPlanJson,
  type DesiredKindObject,
  type InventoryDeclaration,
  type ObservedKindList,
} from '../../lib/engine';
import {
  CLUSTER_KIND,
  CODE_REPO_BINDING_KIND,
  CODE_REPO_KIND,
  ENVIRONMENT_KIND,
  PIPELINE_RUNTIME_KIND,
  PRODUCT_KIND,
  PROJECT_KIND,
  completeObject,
  type KindObject,
  type KindSpec,
} from '../../lib/model';
import { aRuntime, InMemoryRuntimeStore } from '../helpers/builders';
import { InMemoryKindStore } from '../helpers/in-memory-kind-store';

const P = 'shop';
const obj = (kind: KindSpec, fields: Record<string, unknown>): KindObject =>
  completeObject(kind, fields);
const product = obj(PRODUCT_KIND, { name: P });
const env = obj(ENVIRONMENT_KIND, { product: P, name: 'dev', cluster: 'c-dev', envType: 'dev' });
const project = obj(PROJECT_KIND, { product: P, name: 'api' });
const repo = obj(CODE_REPO_KIND, { product: P, name: 'api-repo', project: 'api' });
const binding = obj(CODE_REPO_BINDING_KIND, {
  product: P,
  name: 'share',
  codeRepo: 'api-repo',
  projects: ['api', 'web'],
});
const runtime = aRuntime({
  product: P,
  name: 'dr',
  environment: 'dev',
  codeRepo: 'api-repo',
  projectsRef: ['api'],
});

const declare = (...objects: Array<[KindSpec, KindObject]>): DesiredKindObject[] =>
  objects.map(([kind, object]) => ({ kind, object }));

/** Lists every requested kind once from the store, as planDeclarations does. */
async function observe(
  store: InMemoryKindStore,
  objects: DesiredKindObject[],
  inventories: InventoryDeclaration[] = [],
): Promise<ObservedKindList[]> {
  const out: ObservedKindList[] = [];
  for (const r of kindListsToObserve(objects, inventories))
    out.push({
      kind: r.kind,
      ...(r.product ? { product: r.product } : {}),
      objects: await store.list(r.kind, r.product),
    });
  return out;
}

async function planOf(
  kinds: InMemoryKindStore,
  runtimes: InMemoryRuntimeStore,
  objects: DesiredKindObject[],
  inventories: InventoryDeclaration[] = [],
  desired = [runtime],
) {
  return planChanges({
    desired: desired.map((r) => ({ runtime: r })),
    inventories,
    observed: new Map([[P, await runtimes.list(P)]]),
    objects,
    observedObjects: await observe(kinds, objects, inventories),
  });
}

const everything = () =>
  declare(
    [PRODUCT_KIND, product],
    [ENVIRONMENT_KIND, env],
    [PROJECT_KIND, project],
    [CODE_REPO_KIND, repo],
    [CODE_REPO_BINDING_KIND, binding],
  );

describe('planChanges with the declared kinds', () => {
  test('lists each kind once per product (tenant kinds once), and plans creates in create order', async () => {
    const kinds = new InMemoryKindStore();
    const plan = await planOf(kinds, new InMemoryRuntimeStore(), everything());
    expect(kinds.calls).toEqual([
      'list nautes_product',
      'list nautes_environment shop',
      'list nautes_project shop',
      'list nautes_code_repo shop',
      'list nautes_code_repo_binding shop',
    ]);
    expect(plan.kindChanges.map((c) => `${c.action} ${c.kind} ${c.id}`)).toEqual([
      'create nautes_product shop',
      'create nautes_environment shop/dev',
      'create nautes_project shop/api',
      'create nautes_code_repo shop/api-repo',
      'create nautes_code_repo_binding shop/share',
    ]);
    expect(plan.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['create shop/dr']);
    expect(plan.formatVersion).toBe('1.2');
    expect(plan.kindObserved.map((o) => `${o.kind} ${o.product ?? '-'} ${o.count}`)).toEqual([
      'nautes_product - 0',
      'nautes_environment shop 0',
      'nautes_project shop 0',
      'nautes_code_repo shop 0',
      'nautes_code_repo_binding shop 0',
    ]);
    // a create shows every declared field
    expect(plan.kindChanges[1]?.fieldChanges.map((f) => [f.attribute, f.after])).toEqual([
      ['product', 'shop'],
      ['name', 'dev'],
      ['cluster', 'c-dev'],
      ['env_type', 'dev'],
    ]);
  });

  test.each<[string, KindObject, string, string[]]>([
    ['the same projects in another order', { ...binding, projects: ['web', 'api'] }, 'no-op', []],
    ['another project', { ...binding, projects: ['api', 'ops'] }, 'update', ['projects']],
    ['another code repo', { ...binding, codeRepo: 'other' }, 'replace', ['code_repo']],
    ['the default permissions written out', { ...binding, permissions: 'readonly' }, 'no-op', []],
  ])('a binding declared with %s', async (_title, declared, action, fields) => {
    const kinds = new InMemoryKindStore([[CODE_REPO_BINDING_KIND, binding]]);
    const plan = await planOf(
      kinds,
      new InMemoryRuntimeStore(),
      declare([CODE_REPO_BINDING_KIND, declared]),
      [],
      [],
    );
    const c = plan.kindChanges[0];
    expect(c?.action).toBe(action);
    expect(c?.fieldChanges.map((f) => f.attribute)).toEqual(fields);
    if (action === 'replace') expect(c?.replacePaths).toEqual([['codeRepo']]);
    if (action === 'update') expect(c?.reasons).toEqual(['drifted']);
  });

  test('a secret is never compared: its drift is noted as unseen, and a change that would send it is refused', async () => {
    const cluster = obj(CLUSTER_KIND, {
      name: 'c-dev',
      apiServer: 'https://10.0.0.1:6443',
      clusterType: 'physical',
      usage: 'worker',
      workerType: 'deployment',
      primaryDomain: '10.0.0.1.nip.io',
    });
    const kinds = new InMemoryKindStore([[CLUSTER_KIND, cluster]]);
    const declared = { ...cluster, primaryDomain: '' };
    const same = await planOf(
      kinds,
      new InMemoryRuntimeStore(),
      [{ kind: CLUSTER_KIND, object: declared, secrets: ['kubeconfig'] }],
      [],
      [],
    );
    expect(same.kindChanges[0]).toMatchObject({ action: 'no-op', unseen: ['kubeconfig'] });
    expect(same.diagnostics).toEqual([]);
    const changed = await planOf(
      kinds,
      new InMemoryRuntimeStore(),
      [
        {
          kind: CLUSTER_KIND,
          object: { ...declared, workerType: 'pipeline' },
          secrets: ['kubeconfig'],
        },
      ],
      [],
      [],
    );
    expect(changed.kindChanges[0]?.action).toBe('update');
    expect(changed.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', summary: 'Cannot send kubeconfig offline' }),
    ]);
  });

  test('orphans of a kind are found only where an inventory owns the kind, and deleted only with prune', async () => {
    const stray = obj(ENVIRONMENT_KIND, {
      product: P,
      name: 'old',
      cluster: 'c-old',
      envType: 'x',
    });
    const kinds = new InMemoryKindStore([
      [ENVIRONMENT_KIND, env],
      [ENVIRONMENT_KIND, stray],
    ]);
    const runtimes = new InMemoryRuntimeStore();
    const objects = declare([ENVIRONMENT_KIND, env]);
    // runtimes only (the default): nothing new for existing users
    const plain = await planOf(kinds, runtimes, objects, [{ product: P, prune: true }]);
    expect(plain.kindOrphans).toEqual([]);
    expect(plain.kindChanges.map((c) => c.action)).toEqual(['no-op']);

    const reported = await planOf(kinds, runtimes, objects, [
      { product: P, prune: false, kinds: ['nautes_environment'] },
    ]);
    expect(reported.kindOrphans.map((o) => [o.kind, o.id, o.pruned])).toEqual([
      ['nautes_environment', 'shop/old', false],
    ]);
    expect(reported.diagnostics).toContainEqual(
      expect.objectContaining({
        summary: 'Unmanaged objects found',
        detail: expect.stringContaining('environment shop/old'),
      }),
    );
    const pruned = await planOf(kinds, runtimes, objects, [
      { product: P, prune: true, kinds: ['nautes_environment'] },
    ]);
    expect(pruned.kindChanges.map((c) => `${c.action} ${c.id} ${c.reasons.join()}`)).toEqual([
      'no-op shop/dev ',
      'delete shop/old orphan-pruned',
    ]);
    expect(pruned.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('rejects the prune of a protected kind, naming what the delete destroys', async () => {
    const kinds = new InMemoryKindStore([[CODE_REPO_KIND, repo]]);
    const plan = await planOf(
      kinds,
      new InMemoryRuntimeStore(),
      [],
      [{ product: P, prune: true, kinds: ['nautes_code_repo'] }],
      [],
    );
    const del = plan.kindChanges[0];
    expect(del).toMatchObject({ action: 'delete', id: 'shop/api-repo' });
    expect(del?.destroys).toBe(CODE_REPO_KIND.deletionDestroys);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        summary: 'Deletion protected',
        detail: expect.stringContaining(
          `but deleting it deletes ${CODE_REPO_KIND.deletionDestroys}`,
        ),
      }),
    ]);
  });

  test('plan.json 1.2 carries the kind of each change and reads back to the same plan', async () => {
    const plan = await planOf(new InMemoryKindStore(), new InMemoryRuntimeStore(), everything());
    const text = toPlanJson(plan);
    const doc = JSON.parse(text) as {
      formatVersion: string;
      kindChanges: Array<{ kind: string; actions: string[] }>;
    };
    expect(doc.formatVersion).toBe('1.2');
    expect(doc.kindChanges.map((c) => c.kind)).toEqual([
      'nautes_product',
      'nautes_environment',
      'nautes_project',
      'nautes_code_repo',
      'nautes_code_repo_binding',
    ]);
    expect(parsePlanJson(text)).toEqual(plan);
    // an edited value is refused
    expect(() => parsePlanJson(text.replace('"c-dev"', '"c-other"'))).toThrow(
      /plan id|did not write/,
    );
  });
});

test('a pipeline runtime (nested blocks, an optional block absent) plans, writes and reads back', async () => {
  const runtimeOfPipelines = obj(PIPELINE_RUNTIME_KIND, {
    product: P,
    name: 'ci',
    project: 'api',
    pipelineSource: 'api-repo',
    environment: 'dev',
    pipelines: [{ name: 'build', path: 'pipelines/build.yaml' }],
    eventSources: [{ name: 'nightly', calendar: { schedule: '0 2 * * *' } }],
    pipelineTriggers: [{ eventSource: 'nightly', pipeline: 'build' }],
  });
  const objects = [...everything(), { kind: PIPELINE_RUNTIME_KIND, object: runtimeOfPipelines }];
  const plan = await planOf(new InMemoryKindStore(), new InMemoryRuntimeStore(), objects);
  expect(plan.diagnostics).toEqual([]);
  expect(plan.kindChanges.at(-1)).toMatchObject({
    kind: PIPELINE_RUNTIME_KIND.tfType,
    action: 'create',
  });
  expect(parsePlanJson(toPlanJson(plan))).toEqual(plan);
  // the same declared again, as the server would list it: no change
  const kinds = new InMemoryKindStore([[PIPELINE_RUNTIME_KIND, runtimeOfPipelines]]);
  const again = await planOf(kinds, new InMemoryRuntimeStore(), objects.slice(-1), [], []);
  expect(again.kindChanges.map((c) => c.action)).toEqual(['no-op']);
});

describe('applyPlan with the declared kinds', () => {
  test('creates run in create order, runtimes last', async () => {
    const kinds = new InMemoryKindStore();
    const runtimes = new InMemoryRuntimeStore();
    const plan = await planOf(kinds, runtimes, everything());
    kinds.calls.length = 0;
    const order: string[] = [];
    const result = await applyPlan(plan, runtimes, {
      kindStore: kinds,
      concurrency: 4,
      onOutcome: (o) => order.push(`${o.kind ?? 'runtime'} ${o.id}`),
    });
    expect(result).toMatchObject({ applied: 6, failed: 0 });
    expect(order).toEqual([
      'nautes_product shop',
      'nautes_environment shop/dev',
      'nautes_project shop/api',
      'nautes_code_repo shop/api-repo',
      'nautes_code_repo_binding shop/share',
      'runtime shop/dr',
    ]);
    expect(kinds.calls.filter((c) => c.startsWith('save'))).toHaveLength(5);
    // planned again: nothing to do
    const again = await planOf(kinds, runtimes, everything());
    expect([...again.kindChanges, ...again.changes].map((c) => c.action)).toEqual(
      Array(6).fill('no-op'),
    );
  });

  test('a failed product create holds back everything in it, saying why', async () => {
    const kinds = new InMemoryKindStore();
    const runtimes = new InMemoryRuntimeStore();
    const plan = await planOf(kinds, runtimes, everything());
    const failing = Object.assign(Object.create(kinds) as InMemoryKindStore, {
      save: async (kind: KindSpec) => {
        if (kind === PRODUCT_KIND)
          throw Object.assign(new Error('group refused'), { code: 'NAUTES_API_SERVER' });
      },
    });
    const result = await applyPlan(plan, runtimes, { kindStore: failing, concurrency: 2 });
    expect(result.outcomes.map((o) => [o.kind ?? 'runtime', o.status, o.error?.message])).toEqual([
      ['nautes_product', 'failed', 'group refused'],
      [
        'nautes_environment',
        'skipped',
        'not sent: it waits for the create of product shop, which failed',
      ],
      [
        'nautes_project',
        'skipped',
        'not sent: it waits for the create of product shop, which failed',
      ],
      [
        'nautes_code_repo',
        'skipped',
        'not sent: it waits for the create of product shop, which failed',
      ],
      [
        'nautes_code_repo_binding',
        'skipped',
        'not sent: it waits for the create of product shop, which failed',
      ],
      ['runtime', 'skipped', 'not sent: it waits for the create of product shop, which failed'],
    ]);
    expect(runtimes.calls.filter((c) => c.startsWith('save'))).toEqual([]);
  });

  test('a failed environment create holds back only what deploys to it', async () => {
    const kinds = new InMemoryKindStore([[PRODUCT_KIND, product]]);
    const runtimes = new InMemoryRuntimeStore();
    const objects = everything();
    const plan = await planOf(kinds, runtimes, objects);
    const failing = Object.assign(Object.create(kinds) as InMemoryKindStore, {
      save: async (kind: KindSpec, o: KindObject, opts: { insecureSkipCheck: boolean }) => {
        if (kind === ENVIRONMENT_KIND) throw new Error('cluster taken');
        await kinds.save(kind, o, opts);
      },
    });
    const result = await applyPlan(plan, runtimes, { kindStore: failing, concurrency: 1 });
    expect(result.outcomes.map((o) => `${o.kind ?? 'runtime'} ${o.status}`)).toEqual([
      'nautes_environment failed',
      'nautes_project applied',
      'nautes_code_repo applied',
      'nautes_code_repo_binding applied',
      'runtime skipped',
    ]);
    expect(result.outcomes.at(-1)?.error?.message).toBe(
      'not sent: it waits for the create of environment shop/dev, which failed',
    );
  });

  test('deletes run in reverse: the runtimes first, then the environment they deployed to', async () => {
    const stray = obj(ENVIRONMENT_KIND, {
      product: P,
      name: 'old',
      cluster: 'c-old',
      envType: 'x',
    });
    const kinds = new InMemoryKindStore([
      [PRODUCT_KIND, product],
      [ENVIRONMENT_KIND, stray],
    ]);
    const runtimes = new InMemoryRuntimeStore([
      aRuntime({ product: P, name: 'gone', environment: 'old' }),
    ]);
    const inventories = [{ product: P, prune: true, kinds: ['nautes_environment'] }];
    const plan = await planOf(kinds, runtimes, declare([PRODUCT_KIND, product]), inventories, []);
    expect(plan.kindChanges.map((c) => `${c.action} ${c.id}`)).toEqual([
      'no-op shop',
      'delete shop/old',
    ]);
    expect(plan.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['delete shop/gone']);
    const order: string[] = [];
    await applyPlan(plan, runtimes, {
      kindStore: kinds,
      concurrency: 4,
      onOutcome: (o) => order.push(`${o.kind ?? 'runtime'} ${o.id} ${o.status}`),
    });
    expect(order).toEqual(['runtime shop/gone applied', 'nautes_environment shop/old applied']);

    // when the runtime's delete fails, the environment is kept (the server refuses it while used)
    const kinds2 = new InMemoryKindStore([
      [PRODUCT_KIND, product],
      [ENVIRONMENT_KIND, stray],
    ]);
    const runtimes2 = new InMemoryRuntimeStore([
      aRuntime({ product: P, name: 'gone', environment: 'old' }),
    ]);
    const plan2 = await planOf(
      kinds2,
      runtimes2,
      declare([PRODUCT_KIND, product]),
      inventories,
      [],
    );
    const stuck = Object.assign(Object.create(runtimes2) as InMemoryRuntimeStore, {
      delete: async () => {
        throw new Error('busy');
      },
    });
    const result = await applyPlan(plan2, stuck, { kindStore: kinds2 });
    expect(result.outcomes.map((o) => [o.kind ?? 'runtime', o.status, o.error?.message])).toEqual([
      [
        'nautes_environment',
        'skipped',
        'not sent: it waits for the delete of shop/gone, which failed',
      ],
      ['runtime', 'failed', 'busy'],
    ]);
    expect(kinds2.of(ENVIRONMENT_KIND, 'shop/old')).toBeDefined();
  });

  test('an object changed on the server since the plan is a conflict: nothing is sent for it', async () => {
    const kinds = new InMemoryKindStore([[PROJECT_KIND, project]]);
    const plan = await planOf(
      kinds,
      new InMemoryRuntimeStore(),
      declare([PROJECT_KIND, { ...project, language: 'go' }]),
      [],
      [],
    );
    await kinds.save(PROJECT_KIND, { ...project, language: 'rust' }, { insecureSkipCheck: false });
    kinds.calls.length = 0;
    const result = await applyPlan(plan, new InMemoryRuntimeStore(), { kindStore: kinds });
    expect(result.outcomes).toEqual([
      expect.objectContaining({ kind: 'nautes_project', status: 'conflict' }),
    ]);
    expect(kinds.calls).toEqual(['get nautes_project shop/api']);
  });

  test('a plan with objects is stale when a kind list changed since', async () => {
    const kinds = new InMemoryKindStore();
    const runtimes = new InMemoryRuntimeStore();
    const plan = await planOf(kinds, runtimes, everything());
    await expect(assertPlanFresh(plan, runtimes, kinds)).resolves.toBeUndefined();
    kinds.put(PROJECT_KIND, obj(PROJECT_KIND, { product: P, name: 'sneaky' }));
    await expect(assertPlanFresh(plan, runtimes, kinds)).rejects.toMatchObject({
      code: 'NAUTES_STALE_PLAN',
      products: ['shop'],
    });
  });
});

describe('explanations with the declared kinds', () => {
  test("the merge base's labels of kind changes travel in the review record and explain a fresh plan", async () => {
    const kinds = new InMemoryKindStore([[PROJECT_KIND, project]]);
    const runtimes = new InMemoryRuntimeStore();
    const objects = declare([PROJECT_KIND, { ...project, language: 'go' }]);
    const observedObjects = await observe(kinds, objects);
    const input = {
      desired: [],
      inventories: [],
      observed: new Map([[P, []]]),
      objects,
      observedObjects,
    };
    const reviewed = planChanges({
      ...input,
      base: new Map(),
      baseObjects: new Map([['nautes_project shop/api', project]]),
    });
    expect(reviewed.kindChanges[0]?.reasons).toEqual(['config-changed']);
    const fresh = planChanges(input);
    expect(fresh.kindChanges[0]?.reasons).toEqual(['drifted']);
    expect(explainAs(fresh, encodeExplanations(reviewed))).toEqual(reviewed);
    expect(runtimes.calls).toEqual([]);
  });
});
