// The RPC handlers against an in-memory RuntimeStore (the provider core's test seam): no server, no
// sockets. Each request as the host sends it (msgpack DynamicValues), each reply decoded.
import {
  decodeBlock,
  encodeBlock,
  NautesProviderCore,
  PROVIDER_SCHEMA,
  RUNTIME_SCHEMA,
  type BlockSchema,
  type CtyObject,
} from '../../lib/tfplugin';
import { createRpcHandlers } from '../../lib/tfplugin/server/rpc-handlers';
import type { RpcHandlers } from '../../lib/tfplugin/server/rpc-types';
import type { tfplugin6 } from '../../lib/tfplugin/protocol/generated/tfplugin6';
import type { DeploymentRuntime } from '../../lib/model';
import { aRuntime, InMemoryRuntimeStore } from '../helpers/builders';

const RT = 'nautes_deployment_runtime';
const dv = (schema: BlockSchema, v: CtyObject | null): { msgpack: Uint8Array } => ({
  msgpack: encodeBlock(schema, v),
});
const state = (v: tfplugin6.DynamicValue | null | undefined): unknown =>
  decodeBlock(RUNTIME_SCHEMA, v ?? undefined);
const summaries = (diags: tfplugin6.Diagnostic[] | null | undefined): string[] =>
  (diags ?? []).map((d) => `${d.severity ?? ''} ${d.summary ?? ''}`);

const runtime = (o: Partial<CtyObject> = {}): CtyObject => ({
  id: null,
  product: 'nautes-labs',
  name: 'dr-mem',
  projects_ref: null,
  code_repo: 'api-server',
  target_revision: 'HEAD',
  manifest_path: 'manifests/mem',
  environment: 'env-dev',
  namespaces: ['dr-mem'],
  account: null,
  insecure_skip_check: null,
  skip_checks_reason: null,
  ...o,
});

/** Handlers of a provider core on `store`, configured (the provider block's values are not used). */
async function handlersOn(store: InMemoryRuntimeStore): Promise<RpcHandlers> {
  const h = createRpcHandlers(
    new NautesProviderCore(
      {},
      { product: 'OpenTofu', command: 'tofu' },
      undefined,
      undefined,
      store,
    ),
  );
  const configured = await h.ConfigureProvider({
    config: dv(PROVIDER_SCHEMA, {
      api_server: null,
      ca_cert_file: null,
      timeout_seconds: null,
      retries: null,
      allow_insecure_http: null,
    }),
  });
  expect(summaries(configured.diagnostics)).toEqual([]);
  return h;
}

describe('RPC handlers on an in-memory RuntimeStore', () => {
  test('plan and apply a create: the store holds the runtime; a read returns the applied state', async () => {
    const store = new InMemoryRuntimeStore();
    const h = await handlersOn(store);
    const planned = await h.PlanResourceChange({
      type_name: RT,
      prior_state: dv(RUNTIME_SCHEMA, null),
      proposed_new_state: dv(RUNTIME_SCHEMA, runtime()),
      config: dv(RUNTIME_SCHEMA, runtime()),
    });
    expect(summaries(planned.diagnostics)).toEqual([]);
    expect(state(planned.planned_state)).toMatchObject({ id: 'nautes-labs/dr-mem' });

    const applied = await h.ApplyResourceChange({
      type_name: RT,
      prior_state: dv(RUNTIME_SCHEMA, null),
      planned_state: planned.planned_state ?? null,
      config: dv(RUNTIME_SCHEMA, runtime()),
    });
    expect(summaries(applied.diagnostics)).toEqual([]);
    const saved = store.data.get('nautes-labs/dr-mem');
    expect(saved).toMatchObject<Partial<DeploymentRuntime>>({
      codeRepo: 'api-server',
      manifestPath: 'manifests/mem',
      namespaces: ['dr-mem'],
    });

    const read = await h.ReadResource({ type_name: RT, current_state: applied.new_state ?? null });
    expect(summaries(read.diagnostics)).toEqual([]);
    expect(state(read.new_state)).toEqual(state(applied.new_state));
  });

  test('a runtime changed in the store shows in the next read; one deleted there reads as gone', async () => {
    const store = new InMemoryRuntimeStore([aRuntime({ name: 'dr-mem' })]);
    const h = await handlersOn(store);
    const imported = await h.ImportResourceState({ type_name: RT, id: 'nautes-labs/dr-mem' });
    const current = imported.imported_resources?.[0]?.state ?? null;
    expect(state(current)).toMatchObject({ manifest_path: 'manifests/development' });

    store.data.set('nautes-labs/dr-mem', aRuntime({ name: 'dr-mem', manifestPath: 'manifests/x' }));
    const fresh = await handlersOn(store);
    const read = await fresh.ReadResource({ type_name: RT, current_state: current });
    expect(state(read.new_state)).toMatchObject({ manifest_path: 'manifests/x' });

    store.data.delete('nautes-labs/dr-mem');
    const gone = await (
      await handlersOn(store)
    ).ReadResource({ type_name: RT, current_state: current });
    expect(state(gone.new_state)).toBeNull();
  });

  test('import by id adopts the runtime the store has; an id it does not have is an error', async () => {
    const store = new InMemoryRuntimeStore([aRuntime({ name: 'dr-mem' })]);
    const h = await handlersOn(store);
    const imported = await h.ImportResourceState({ type_name: RT, id: 'nautes-labs/dr-mem' });
    expect(summaries(imported.diagnostics)).toEqual([]);
    expect(imported.imported_resources).toHaveLength(1);
    expect(imported.imported_resources?.[0]?.type_name).toBe(RT);
    expect(state(imported.imported_resources?.[0]?.state)).toMatchObject({
      id: 'nautes-labs/dr-mem',
      code_repo: 'api-server',
      environment: 'env-dev',
    });

    const missing = await h.ImportResourceState({ type_name: RT, id: 'nautes-labs/dr-none' });
    expect(missing.imported_resources ?? []).toEqual([]);
    expect(summaries(missing.diagnostics).some((s) => s.startsWith('ERROR '))).toBe(true);
  });

  test('a store that refuses the write: the apply answers an error diagnostic, and nothing is stored', async () => {
    const store = new InMemoryRuntimeStore();
    store.failOn.add('dr-mem');
    const h = await handlersOn(store);
    const applied = await h.ApplyResourceChange({
      type_name: RT,
      prior_state: dv(RUNTIME_SCHEMA, null),
      planned_state: dv(RUNTIME_SCHEMA, runtime({ id: 'nautes-labs/dr-mem' })),
      config: dv(RUNTIME_SCHEMA, runtime()),
    });
    const diags = applied.diagnostics ?? [];
    expect(diags.map((d) => d.severity)).toContain('ERROR');
    expect(diags.map((d) => `${d.summary ?? ''} ${d.detail ?? ''}`).join('\n')).toContain(
      'save of dr-mem refused',
    );
    expect(store.data.size).toBe(0);
  });

  test('a store whose list fails: a read answers an error diagnostic, not an exception', async () => {
    const store = new InMemoryRuntimeStore([aRuntime({ name: 'dr-mem' })]);
    store.list = async () => {
      throw Object.assign(new Error('the list is down'), { code: 'NAUTES_API_CONNECTION' });
    };
    const h = await handlersOn(store);
    const read = await h.ReadResource({
      type_name: RT,
      current_state: dv(RUNTIME_SCHEMA, runtime({ id: 'nautes-labs/dr-mem' })),
    });
    expect(summaries(read.diagnostics)).toEqual([expect.stringMatching(/^ERROR /)]);
  });

  test('the type registry answers an unknown type name with a diagnostic', async () => {
    const h = await handlersOn(new InMemoryRuntimeStore());
    const res = await h.ReadResource({ type_name: 'nautes_nothing', current_state: null });
    expect(summaries(res.diagnostics)).toEqual(['ERROR Unknown Resource Type']);
  });
});
