// The RPC handlers against an in-memory RuntimeStore (the provider's test seam, as terraform-plugin-framework
// tests its handlers): no HTTP, no gRPC. Each request as a host sends it (msgpack DynamicValues), each reply
// decoded. The same handlers against the local server over loopback: rpc-handlers.test.ts.
import {
  decodeBlock,
  encodeBlock,
  NautesProviderCore,
  PROVIDER_SCHEMA,
  RUNTIME_SCHEMA,
  type BlockSchema,
  type CtyObject,
} from '../../lib/tfplugin';
import type { StoreConnector } from '../../lib/tfplugin/provider/provider';
import { createRpcHandlers, untypedHandlers } from '../../lib/tfplugin/server/rpc-handlers';
import { aRuntime, InMemoryRuntimeStore } from '../helpers/builders';

type Res = Record<string, unknown>;
const dv = (schema: BlockSchema, v: CtyObject | null): { msgpack: Uint8Array } => ({
  msgpack: encodeBlock(schema, v),
});
const summaries = (r: Res): string[] =>
  ((r['diagnostics'] as Array<{ summary: string }> | undefined) ?? []).map((d) => d.summary);
const RT = 'nautes_deployment_runtime';
const attrs = (o: Partial<CtyObject> = {}): CtyObject => ({
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

describe('RPC handlers on an in-memory store', () => {
  let store: InMemoryRuntimeStore;
  let rpc: (name: string, req: Res) => Promise<Res>;
  const connectedWith: string[] = [];

  beforeEach(async () => {
    store = new InMemoryRuntimeStore([aRuntime({ name: 'dr-old', manifestPath: 'manifests/old' })]);
    const connect: StoreConnector = (options) => {
      connectedWith.push(String(options.apiServer));
      return {
        store,
        apiServer: String(options.apiServer),
        requestCount: () => store.calls.length,
      };
    };
    const handlers = untypedHandlers(
      createRpcHandlers(
        new NautesProviderCore(
          { NAUTES_TOKEN: 'not-used' },
          { product: 'OpenTofu', command: 'tofu' },
          undefined,
          undefined,
          connect,
        ),
      ),
    );
    rpc = async (name, req) => {
      const h = handlers[name];
      if (!h) throw new Error(`no handler ${name}`);
      return (await h(req)) as Res;
    };
    const configured = await rpc('ConfigureProvider', {
      config: dv(PROVIDER_SCHEMA, {
        api_server: 'https://nautes.example.com',
        ca_cert_file: null,
        timeout_seconds: null,
        retries: null,
        allow_insecure_http: null,
      }),
    });
    expect(summaries(configured)).toEqual([]);
  });

  const apply = (prior: CtyObject | null, planned: CtyObject | null): Promise<Res> =>
    rpc('ApplyResourceChange', {
      type_name: RT,
      prior_state: dv(RUNTIME_SCHEMA, prior),
      planned_state: dv(RUNTIME_SCHEMA, planned),
      config: dv(RUNTIME_SCHEMA, planned),
    });
  const stateOf = (r: Res, key: string): CtyObject | null =>
    decodeBlock(RUNTIME_SCHEMA, r[key] as { msgpack: Uint8Array }) as CtyObject | null;

  test('the configured store is the one given, with the api server of the configuration', () => {
    expect(connectedWith.at(-1)).toBe('https://nautes.example.com');
  });

  test('plan, create, read and delete go through the store; one list call serves every read', async () => {
    const planned = await rpc('PlanResourceChange', {
      type_name: RT,
      prior_state: dv(RUNTIME_SCHEMA, null),
      proposed_new_state: dv(RUNTIME_SCHEMA, attrs()),
      config: dv(RUNTIME_SCHEMA, attrs()),
    });
    expect(summaries(planned)).toEqual([]);
    const plannedState = stateOf(planned, 'planned_state');
    expect(plannedState?.['id']).toBe('nautes-labs/dr-mem');

    const created = await apply(null, plannedState);
    expect(summaries(created)).toEqual([]);
    expect(store.data.get('nautes-labs/dr-mem')).toMatchObject({
      manifestPath: 'manifests/mem',
      namespaces: ['dr-mem'],
    });
    const state = stateOf(created, 'new_state') as CtyObject;

    const [first, second] = await Promise.all(
      [state, attrs({ id: 'nautes-labs/dr-old', name: 'dr-old' })].map((s) =>
        rpc('ReadResource', { type_name: RT, current_state: dv(RUNTIME_SCHEMA, s) }),
      ),
    );
    expect(stateOf(first as Res, 'new_state')?.['manifest_path']).toBe('manifests/mem');
    expect(stateOf(second as Res, 'new_state')?.['manifest_path']).toBe('manifests/old');
    // the create's existence check and both reads: one list call of the product for the whole process
    expect(store.calls.filter((c) => c.startsWith('list'))).toEqual(['list nautes-labs']);

    const deleted = await apply(state, null);
    expect(summaries(deleted)).toEqual([]);
    expect(store.data.has('nautes-labs/dr-mem')).toBe(false);
    expect(store.calls).toContain('delete nautes-labs/dr-mem');
  });

  test('import by id reads the runtime from the store', async () => {
    const imported = await rpc('ImportResourceState', { type_name: RT, id: 'nautes-labs/dr-old' });
    expect(summaries(imported)).toEqual([]);
    const [resource] = imported['imported_resources'] as Array<{ state: { msgpack: Uint8Array } }>;
    expect(decodeBlock(RUNTIME_SCHEMA, resource?.state)).toMatchObject({
      id: 'nautes-labs/dr-old',
      manifest_path: 'manifests/old',
    });
  });

  test('a store that refuses the save gives an error diagnostic naming the runtime, not an exception', async () => {
    store.failOn.add('dr-mem');
    const created = await apply(null, attrs({ id: 'nautes-labs/dr-mem' }));
    const diags = created['diagnostics'] as Array<{
      severity: unknown;
      summary: string;
      detail: string;
    }>;
    expect(diags).toHaveLength(1);
    expect(diags[0]?.detail).toContain('save of dr-mem refused');
    expect(store.data.has('nautes-labs/dr-mem')).toBe(false);
  });
});
