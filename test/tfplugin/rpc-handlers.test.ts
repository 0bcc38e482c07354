// The RPC handlers without gRPC (the way terraform-plugin-framework tests fwserver): each request as the
// host sends it (msgpack DynamicValues), each reply decoded, for Plan, Apply, Read and Import of both
// resources, against the local server over loopback. The real hosts are in test/e2e/.
import {
  decodeBlock,
  encodeBlock,
  INVENTORY_SCHEMA,
  NautesProviderCore,
  PROVIDER_SCHEMA,
  RUNTIME_SCHEMA,
  UNKNOWN,
  type BlockSchema,
  type CtyObject,
} from '../../lib/tfplugin';
import { createRpcHandlers, untypedHandlers } from '../../lib/tfplugin/server/rpc-handlers';
import { MAINTAINER, useFakeServer } from '../helpers/fake-server';

type Res = Record<string, unknown>;
const dv = (schema: BlockSchema, v: CtyObject | null): { msgpack: Uint8Array } => ({
  msgpack: encodeBlock(schema, v),
});
const state = (schema: BlockSchema, v: unknown): CtyObject | null | typeof UNKNOWN =>
  decodeBlock(schema, v as { msgpack: Uint8Array });
const summaries = (r: Res): string[] =>
  ((r['diagnostics'] as Array<{ severity: string; summary: string }>) ?? []).map(
    (d) =>
      `${d.severity === 'ERROR' || (d.severity as unknown) === 1 ? 'ERROR' : 'WARNING'} ${d.summary}`,
  );
const replacePaths = (r: Res): string[] =>
  ((r['requires_replace'] as Array<{ steps: Array<{ attribute_name: string }> }>) ?? []).map((p) =>
    p.steps.map((s) => s.attribute_name).join('.'),
  );

const runtime = (o: Partial<CtyObject> = {}): CtyObject => ({
  id: null,
  product: 'nautes-labs',
  name: 'dr-rpc',
  projects_ref: null,
  code_repo: 'api-server',
  target_revision: 'HEAD',
  manifest_path: 'manifests/rpc',
  environment: 'env-dev',
  namespaces: ['dr-rpc'],
  account: null,
  insecure_skip_check: null,
  skip_checks_reason: null,
  ...o,
});
const RT = 'nautes_deployment_runtime';
const INV = 'nautes_runtime_inventory';

describe('RPC handlers (no gRPC)', () => {
  const ctx = useFakeServer();
  let h: ReturnType<typeof untypedHandlers>;
  const rpc = async (name: string, req: Res): Promise<Res> => {
    const handler = h[name];
    if (!handler) throw new Error(`no handler ${name}`);
    return (await handler(req)) as Res;
  };
  beforeEach(async () => {
    h = untypedHandlers(
      createRpcHandlers(
        new NautesProviderCore(
          { NAUTES_TOKEN: MAINTAINER },
          { product: 'OpenTofu', command: 'tofu' },
        ),
      ),
    );
    const configured = await rpc('ConfigureProvider', {
      config: dv(PROVIDER_SCHEMA, {
        api_server: ctx.server.url,
        ca_cert_file: null,
        timeout_seconds: null,
        retries: null,
        allow_insecure_http: null,
      }),
    });
    expect(summaries(configured)).toEqual([]);
  });

  const plan = (
    typeName: string,
    schema: BlockSchema,
    prior: CtyObject | null,
    proposed: CtyObject | null,
  ) =>
    rpc('PlanResourceChange', {
      type_name: typeName,
      prior_state: dv(schema, prior),
      proposed_new_state: dv(schema, proposed),
      config: dv(schema, proposed),
    });
  const apply = (
    typeName: string,
    schema: BlockSchema,
    prior: CtyObject | null,
    planned: CtyObject | null,
  ) =>
    rpc('ApplyResourceChange', {
      type_name: typeName,
      prior_state: dv(schema, prior),
      planned_state: dv(schema, planned),
      config: dv(schema, planned),
    });

  test.each([
    [
      'create: the id is known from product and name',
      null,
      runtime(),
      [],
      { id: 'nautes-labs/dr-rpc' },
    ],
    [
      'create with an unknown name: the id is unknown',
      null,
      runtime({ name: UNKNOWN }),
      [],
      { id: UNKNOWN },
    ],
    [
      'update of namespaces: in place',
      runtime({ id: 'nautes-labs/dr-rpc' }),
      runtime({ namespaces: ['a', 'b'] }),
      [],
      { namespaces: ['a', 'b'] },
    ],
    [
      'namespaces in another order: no replacement',
      runtime({ id: 'nautes-labs/dr-rpc', namespaces: ['a', 'b'] }),
      runtime({ namespaces: ['b', 'a'] }),
      [],
      {},
    ],
    [
      'environment changed: replaced',
      runtime({ id: 'nautes-labs/dr-rpc' }),
      runtime({ environment: 'env-test' }),
      ['environment'],
      {},
    ],
    [
      'environment not known yet: may be replaced',
      runtime({ id: 'nautes-labs/dr-rpc' }),
      runtime({ environment: UNKNOWN }),
      ['environment'],
      {},
    ],
    [
      'target_revision unset: the default, not the prior value',
      runtime({ id: 'nautes-labs/dr-rpc', target_revision: 'v1' }),
      runtime({ target_revision: null }),
      [],
      { target_revision: 'HEAD' },
    ],
  ])('PlanResourceChange, %s', async (_label, prior, proposed, replace, expected) => {
    const res = await plan(RT, RUNTIME_SCHEMA, prior, proposed);
    expect(summaries(res)).toEqual([]);
    expect(replacePaths(res)).toEqual(replace);
    expect(state(RUNTIME_SCHEMA, res['planned_state'])).toMatchObject(expected);
  });

  test('ApplyResourceChange: create, update, delete; ReadResource sees each; a delete of a gone runtime is done', async () => {
    const created = await apply(RT, RUNTIME_SCHEMA, null, runtime());
    expect(summaries(created)).toEqual([]);
    const s1 = state(RUNTIME_SCHEMA, created['new_state']) as CtyObject;
    expect(s1['id']).toBe('nautes-labs/dr-rpc');
    const read1 = await rpc('ReadResource', {
      type_name: RT,
      current_state: dv(RUNTIME_SCHEMA, s1),
    });
    expect(state(RUNTIME_SCHEMA, read1['new_state'])).toEqual(s1);

    const updated = await apply(RT, RUNTIME_SCHEMA, s1, {
      ...s1,
      manifest_path: 'manifests/rpc-2',
    });
    expect(summaries(updated)).toEqual([]);
    expect(ctx.server.service.get(MAINTAINER, 'nautes-labs', 'dr-rpc').manifest_source.path).toBe(
      'manifests/rpc-2',
    );

    const s2 = state(RUNTIME_SCHEMA, updated['new_state']) as CtyObject;
    // someone deletes it on the server: the read says it is gone (null), the delete still succeeds
    await ctx.server.service.delete(MAINTAINER, 'nautes-labs', 'dr-rpc', false);
    const fresh = untypedHandlers(
      createRpcHandlers(
        new NautesProviderCore(
          { NAUTES_TOKEN: MAINTAINER, NAUTES_API_SERVER: ctx.server.url },
          { product: 'OpenTofu', command: 'tofu' },
        ),
      ),
    );
    await fresh['ConfigureProvider']?.({
      config: dv(PROVIDER_SCHEMA, {
        api_server: ctx.server.url,
        ca_cert_file: null,
        timeout_seconds: null,
        retries: null,
        allow_insecure_http: null,
      }),
    });
    const read2 = (await fresh['ReadResource']?.({
      type_name: RT,
      current_state: dv(RUNTIME_SCHEMA, s2),
    })) as Res | undefined;
    expect(state(RUNTIME_SCHEMA, read2?.['new_state'])).toBeNull();
    const deleted = await apply(RT, RUNTIME_SCHEMA, s2, null);
    expect(summaries(deleted)).toEqual([]);
    expect(state(RUNTIME_SCHEMA, deleted['new_state'])).toBeNull();
  });

  test.each([
    ['nautes-labs/dr-imp', 'ok'],
    ['nautes-labs', 'ERROR Invalid Import ID'],
    ['nautes-labs/dr-none', 'ERROR Cannot Import Deployment Runtime'],
  ])('ImportResourceState %s', async (id, outcome) => {
    await ctx.server.service.save(
      MAINTAINER,
      'nautes-labs',
      'dr-imp',
      {
        projects_ref: [],
        account: '',
        manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'imp' },
        destination: { environment: 'env-test', namespaces: ['imp'] },
      },
      false,
    );
    const res = await rpc('ImportResourceState', { type_name: RT, id });
    const imported = res['imported_resources'] as Array<{ type_name: string; state: unknown }>;
    if (outcome === 'ok') {
      expect(summaries(res)).toEqual([]);
      expect(
        imported.map((i) => [
          i.type_name,
          (state(RUNTIME_SCHEMA, i.state) as CtyObject)['manifest_path'],
        ]),
      ).toEqual([[RT, 'imp']]);
    } else {
      expect(summaries(res)).toEqual([outcome]);
      expect(imported).toEqual([]);
    }
  });

  test('the inventory: plan reports orphans, apply with prune deletes them, read refreshes them', async () => {
    await ctx.server.service.save(
      MAINTAINER,
      'nautes-labs',
      'dr-stray',
      {
        projects_ref: [],
        account: '',
        manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'stray' },
        destination: { environment: 'env-test', namespaces: ['stray'] },
      },
      false,
    );
    const names = (await ctx.server.service.list(MAINTAINER, 'nautes-labs', '')).items.map(
      (i) => i.name,
    );
    const declared = names.filter((n) => n !== 'dr-stray');
    const proposed: CtyObject = {
      id: null,
      product: 'nautes-labs',
      declared,
      prune: null,
      unmanaged: UNKNOWN,
    };
    const planned = await plan(INV, INVENTORY_SCHEMA, null, proposed);
    expect(summaries(planned)).toEqual(['WARNING Unmanaged Runtimes Found']);
    const created = await apply(
      INV,
      INVENTORY_SCHEMA,
      null,
      state(INVENTORY_SCHEMA, planned['planned_state']) as CtyObject,
    );
    const s = state(INVENTORY_SCHEMA, created['new_state']) as CtyObject;
    expect(s['unmanaged']).toEqual(['dr-stray']);
    const read = await rpc('ReadResource', {
      type_name: INV,
      current_state: dv(INVENTORY_SCHEMA, s),
    });
    expect((state(INVENTORY_SCHEMA, read['new_state']) as CtyObject)['unmanaged']).toEqual([
      'dr-stray',
    ]);
    // prune: planned unmanaged is empty, and the apply deletes the orphan
    const prune = await plan(INV, INVENTORY_SCHEMA, s, { ...s, prune: true });
    expect(summaries(prune)).toEqual(['WARNING Unmanaged Runtimes Will Be Deleted']);
    const pruned = await apply(
      INV,
      INVENTORY_SCHEMA,
      s,
      state(INVENTORY_SCHEMA, prune['planned_state']) as CtyObject,
    );
    expect(summaries(pruned)).toEqual([]);
    expect(
      (await ctx.server.service.list(MAINTAINER, 'nautes-labs', '')).items.map((i) => i.name),
    ).not.toContain('dr-stray');
  });

  test('an unknown resource type is an error diagnostic, never an exception', async () => {
    expect(summaries(await rpc('PlanResourceChange', { type_name: 'nautes_nothing' }))).toEqual([
      'ERROR Unknown Resource Type',
    ]);
  });
});
