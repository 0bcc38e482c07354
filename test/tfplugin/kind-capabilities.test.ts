// Identity, list resources and data sources of the declared kinds (nautes_product, nautes_project,
// nautes_environment) through the RPC handlers, on an in-memory store: no server, no sockets.
import {
  decodeBlock,
  encodeBlock,
  NautesProviderCore,
  PROVIDER_SCHEMA,
  UNKNOWN,
  type BlockSchema,
  type CtyObject,
} from '../../lib/tfplugin';
import { createRpcHandlers } from '../../lib/tfplugin/server/rpc-handlers';
import type { RpcHandlers } from '../../lib/tfplugin/server/rpc-types';
import type { tfplugin6 } from '../../lib/tfplugin/protocol/generated/tfplugin6';
import { KIND_DATA_SOURCES, KIND_RESOURCES } from '../../lib/tfplugin/provider/provider';
import { INVENTORY_SCHEMA } from '../../lib/tfplugin/provider/schema';
import {
  CODE_REPO_KIND,
  ENVIRONMENT_KIND,
  KINDS,
  PIPELINE_RUNTIME_KIND,
  PRODUCT_KIND,
  PROJECT_KIND,
  completeObject,
} from '../../lib/model';
import { InMemoryRuntimeStore } from '../helpers/builders';
import { InMemoryKindStore } from '../helpers/in-memory-kind-store';

const resource = (t: string) => KIND_RESOURCES[t]!;
const identitySchema = (t: string): BlockSchema => resource(t).identity!.schema;
const listSchema = (t: string): BlockSchema => resource(t).list!.schema;
const dataSchema = (t: string): BlockSchema => KIND_DATA_SOURCES[t]!.schema;
const dv = (schema: BlockSchema, v: CtyObject | null): { msgpack: Uint8Array } => ({
  msgpack: encodeBlock(schema, v),
});
const summaries = (diags: tfplugin6.Diagnostic[] | null | undefined): string[] =>
  (diags ?? []).map((d) => `${d.severity ?? ''} ${d.summary ?? ''}`);
const identityValue = (t: string, d: tfplugin6.ResourceIdentityData | null | undefined) =>
  d?.identity_data ? decodeBlock(identitySchema(t), d.identity_data) : null;
/** Every attribute of a schema null, then `o`. */
const attrs = (schema: BlockSchema, o: CtyObject): CtyObject => ({
  ...Object.fromEntries(schema.attributes.map((a) => [a.name, null])),
  ...o,
});

const SHOP = { name: 'shop', displayName: 'Shop', visibility: 'private', description: '' };
const seeded = () =>
  new InMemoryKindStore([
    [PRODUCT_KIND, { name: 'zoo', displayName: 'zoo', visibility: 'public', description: 'z' }],
    [PRODUCT_KIND, SHOP],
    [PROJECT_KIND, { product: 'shop', name: 'web', language: 'ts' }],
    [PROJECT_KIND, { product: 'shop', name: 'api', language: 'go' }],
    [PROJECT_KIND, { product: 'zoo', name: 'keeper', language: '' }],
    [ENVIRONMENT_KIND, { product: 'shop', name: 'dev', cluster: 'c1', envType: 'development' }],
  ]);

/** Handlers on `store`, configured; `modern`: as Terraform >= 1.12, which asks for identity schemas. */
async function handlersOn(store: InMemoryKindStore, modern = true): Promise<RpcHandlers> {
  const h = createRpcHandlers(
    new NautesProviderCore(
      {},
      { product: 'Terraform', command: 'terraform' },
      undefined,
      undefined,
      new InMemoryRuntimeStore(),
      store,
    ),
  );
  if (modern) await h.GetResourceIdentitySchemas({});
  const configured = await h.ConfigureProvider({
    terraform_version: modern ? '1.14.0' : '1.6.2',
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

describe('identity of the declared kinds', () => {
  test('the identity schemas: product and name for product-scoped kinds, name for products; all required, version 0', async () => {
    const h = await handlersOn(new InMemoryKindStore());
    const reply = await h.GetResourceIdentitySchemas({});
    const schemas = reply.identity_schemas ?? {};
    expect(Object.keys(schemas).sort()).toEqual([
      'nautes_cluster',
      'nautes_code_repo',
      'nautes_code_repo_binding',
      'nautes_deployment_runtime',
      'nautes_environment',
      'nautes_product',
      'nautes_project',
      'nautes_project_pipeline_runtime',
    ]);
    const attributes = (t: string) =>
      (schemas[t]?.identity_attributes ?? []).map((a) => [a.name, a.required_for_import]);
    expect(attributes('nautes_product')).toEqual([['name', true]]);
    expect(attributes('nautes_project')).toEqual([
      ['product', true],
      ['name', true],
    ]);
    expect(attributes('nautes_environment')).toEqual(attributes('nautes_project'));
    expect(schemas['nautes_product']?.version ?? 0).toBe(0);
  });

  test('plan and apply carry the identity of the planned and applied state; an unknown name gives none', async () => {
    const store = new InMemoryKindStore([[PRODUCT_KIND, SHOP]]);
    const h = await handlersOn(store);
    const T = 'nautes_project';
    const s = resource(T).schema;
    const config = attrs(s, { product: 'shop', name: 'web', language: 'ts' });
    const plan = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(s, null),
      proposed_new_state: dv(s, config),
      config: dv(s, config),
    });
    expect(summaries(plan.diagnostics)).toEqual([]);
    expect(identityValue(T, plan.planned_identity)).toEqual({ product: 'shop', name: 'web' });
    const apply = await h.ApplyResourceChange({
      type_name: T,
      prior_state: dv(s, null),
      planned_state: plan.planned_state ?? dv(s, null),
      config: dv(s, config),
      ...(plan.planned_identity ? { planned_identity: plan.planned_identity } : {}),
    });
    expect(summaries(apply.diagnostics)).toEqual([]);
    expect(identityValue(T, apply.new_identity)).toEqual({ product: 'shop', name: 'web' });

    const read = await h.ReadResource({
      type_name: T,
      current_state: apply.new_state ?? dv(s, null),
      ...(apply.new_identity ? { current_identity: apply.new_identity } : {}),
    });
    expect(identityValue(T, read.new_identity)).toEqual({ product: 'shop', name: 'web' });

    const unknownName = attrs(s, { product: 'shop', name: UNKNOWN });
    const unknownPlan = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(s, null),
      proposed_new_state: dv(s, unknownName),
      config: dv(s, unknownName),
    });
    expect(summaries(unknownPlan.diagnostics)).toEqual([]);
    expect(unknownPlan.planned_identity ?? null).toBeNull();
  });

  test('a host that never asked (OpenTofu 1.6) gets no identity', async () => {
    const h = await handlersOn(new InMemoryKindStore(), false);
    const T = 'nautes_product';
    const s = resource(T).schema;
    const config = attrs(s, { name: 'shop' });
    const plan = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(s, null),
      proposed_new_state: dv(s, config),
      config: dv(s, config),
    });
    expect(summaries(plan.diagnostics)).toEqual([]);
    expect(plan.planned_identity ?? null).toBeNull();
  });

  test('import by identity adopts the object and answers with its identity', async () => {
    const h = await handlersOn(seeded());
    const T = 'nautes_environment';
    const identity = { product: 'shop', name: 'dev' };
    const imported = await h.ImportResourceState({
      type_name: T,
      id: '',
      identity: { identity_data: dv(identitySchema(T), identity) },
    });
    expect(summaries(imported.diagnostics)).toEqual([]);
    const [only] = imported.imported_resources ?? [];
    expect(decodeBlock(resource(T).schema, only?.state ?? undefined)).toMatchObject({
      id: 'shop/dev',
      cluster: 'c1',
      env_type: 'development',
    });
    expect(identityValue(T, only?.identity)).toEqual(identity);

    const product = await h.ImportResourceState({
      type_name: 'nautes_product',
      id: '',
      identity: { identity_data: dv(identitySchema('nautes_product'), { name: 'shop' }) },
    });
    expect(summaries(product.diagnostics)).toEqual([]);
    expect(
      decodeBlock(
        resource('nautes_product').schema,
        product.imported_resources?.[0]?.state ?? undefined,
      ),
    ).toMatchObject({ id: 'shop', display_name: 'Shop', deletion_protection: true });
  });

  test('an import identity without an attribute (or with a "/") is refused, naming the attribute; a missing object is not found', async () => {
    const h = await handlersOn(seeded());
    const T = 'nautes_project';
    const importBy = (identity: CtyObject) =>
      h.ImportResourceState({
        type_name: T,
        id: '',
        identity: { identity_data: dv(identitySchema(T), identity) },
      });
    for (const [identity, attribute] of [
      [{ product: 'shop', name: null }, 'name'],
      [{ product: '', name: 'web' }, 'product'],
      [{ product: 'shop', name: 'a/b' }, 'name'],
    ] as const) {
      const refused = await importBy(identity);
      expect(refused.imported_resources ?? []).toEqual([]);
      expect(summaries(refused.diagnostics)).toEqual(['ERROR Invalid Import Identity']);
      expect(refused.diagnostics?.[0]?.attribute?.steps?.[0]?.attribute_name).toBe(attribute);
      expect(refused.diagnostics?.[0]?.detail).toContain('it needs product and name');
    }
    const ghost = await importBy({ product: 'shop', name: 'ghost' });
    expect(ghost.imported_resources ?? []).toEqual([]);
    expect(summaries(ghost.diagnostics)).toEqual(['ERROR Cannot Import Project']);
  });

  test('UpgradeResourceIdentity reads version 0 as is, refuses a newer version and one without its attributes', async () => {
    const h = await handlersOn(new InMemoryKindStore());
    const upgrade = (t: string, version: number, raw: unknown) =>
      h.UpgradeResourceIdentity({
        type_name: t,
        version,
        raw_identity: { json: Buffer.from(JSON.stringify(raw)) },
      });
    const product = await upgrade('nautes_product', 0, { name: 'shop' });
    expect(summaries(product.diagnostics)).toEqual([]);
    expect(identityValue('nautes_product', product.upgraded_identity)).toEqual({ name: 'shop' });
    const project = await upgrade('nautes_project', 0, { product: 'shop', name: 'web' });
    expect(identityValue('nautes_project', project.upgraded_identity)).toEqual({
      product: 'shop',
      name: 'web',
    });
    const newer = await upgrade('nautes_project', 1, { product: 'shop', name: 'web' });
    expect(newer.upgraded_identity ?? null).toBeNull();
    expect(summaries(newer.diagnostics)).toEqual(['ERROR Unsupported Identity Version']);
    const partial = await upgrade('nautes_environment', 0, { name: 'dev' });
    expect(summaries(partial.diagnostics)).toEqual(['ERROR Invalid Stored Identity']);
  });
});

describe('list resources of the declared kinds', () => {
  test('the list schemas: product (required) for product-scoped kinds, nothing for products', () => {
    const names = (t: string) => listSchema(t).attributes.map((a) => [a.name, a.required === true]);
    expect(names('nautes_product')).toEqual([]);
    expect(names('nautes_project')).toEqual([['product', true]]);
    expect(names('nautes_environment')).toEqual([['product', true]]);
  });

  test('a query lists every object of the kind and product, sorted, with identity and display name, from one list call', async () => {
    const store = seeded();
    const h = await handlersOn(store);
    const T = 'nautes_project';
    const before = store.calls.length;
    const reply = await h.ListResource({
      type_name: T,
      config: dv(listSchema(T), { product: 'shop' }),
      include_resource_object: true,
      limit: 0,
    });
    expect(store.calls.slice(before)).toEqual(['list nautes_project shop']);
    const events = reply.events;
    expect(events.map((e) => e.display_name)).toEqual(['api', 'web']);
    expect(events.map((e) => identityValue(T, e.identity))).toEqual([
      { product: 'shop', name: 'api' },
      { product: 'shop', name: 'web' },
    ]);
    expect(events.every((e) => (e.diagnostic ?? []).length === 0)).toBe(true);
    expect(decodeBlock(resource(T).schema, events[1]?.resource_object ?? undefined)).toMatchObject({
      id: 'shop/web',
      product: 'shop',
      name: 'web',
      language: 'ts',
    });

    // products: no configuration; limit honoured; no resource objects unless asked
    const products = await h.ListResource({
      type_name: 'nautes_product',
      config: dv(listSchema('nautes_product'), {}),
      limit: 1,
    });
    expect(
      products.events.map((e) => [
        e.display_name,
        identityValue('nautes_product', e.identity),
        e.resource_object ?? null,
      ]),
    ).toEqual([['shop', { name: 'shop' }, null]]);
  });

  test('a query without a product is refused at validation and at list', async () => {
    const h = await handlersOn(seeded());
    const T = 'nautes_environment';
    const invalid = await h.ValidateListResourceConfig({
      type_name: T,
      config: dv(listSchema(T), { product: '' }),
    });
    expect(summaries(invalid.diagnostics)).toEqual(['ERROR Invalid product']);
    const valid = await h.ValidateListResourceConfig({
      type_name: 'nautes_product',
      config: dv(listSchema('nautes_product'), {}),
    });
    expect(summaries(valid.diagnostics)).toEqual([]);
    const listed = await h.ListResource({
      type_name: T,
      config: dv(listSchema(T), { product: null }),
    });
    expect(listed.events).toHaveLength(1);
    expect(summaries(listed.events[0]?.diagnostic)).toEqual(['ERROR Invalid product']);
  });
});

describe('data sources of the declared kinds', () => {
  test('one data source per kind, named by the plural of its type', () => {
    expect(Object.keys(KIND_DATA_SOURCES).sort()).toEqual([
      'nautes_clusters',
      'nautes_code_repo_bindings',
      'nautes_code_repos',
      'nautes_environments',
      'nautes_products',
      'nautes_project_pipeline_runtimes',
      'nautes_projects',
    ]);
    for (const k of KINDS) expect(KIND_DATA_SOURCES[k.dataSourceTfType]).toBeDefined();
  });

  test('names and items (id and every field) from ONE list call per kind and product', async () => {
    const store = seeded();
    const h = await handlersOn(store);
    const read = async (t: string, config: CtyObject) => {
      const s = dataSchema(t);
      const reply = await h.ReadDataSource({
        type_name: t,
        config: dv(s, attrs(s, config)),
      });
      expect(summaries(reply.diagnostics)).toEqual([]);
      return decodeBlock(s, reply.state ?? undefined) as CtyObject;
    };
    const before = store.calls.length;
    const projects = await read('nautes_projects', { product: 'shop' });
    expect(projects).toEqual({
      id: 'shop',
      product: 'shop',
      names: ['api', 'web'],
      items: [
        { id: 'shop/api', product: 'shop', name: 'api', language: 'go' },
        { id: 'shop/web', product: 'shop', name: 'web', language: 'ts' },
      ],
    });
    // a second read of the same kind and product, and the resources' refresh, reuse the list
    await read('nautes_projects', { product: 'shop' });
    const products = await read('nautes_products', {});
    expect(products['names']).toEqual(['shop', 'zoo']);
    expect(products['items']).toEqual([
      { id: 'shop', name: 'shop', display_name: 'Shop', visibility: 'private', description: '' },
      { id: 'zoo', name: 'zoo', display_name: 'zoo', visibility: 'public', description: 'z' },
    ]);
    const environments = await read('nautes_environments', { product: 'zoo' });
    expect(environments).toMatchObject({ id: 'zoo', names: [], items: [] });
    expect(store.calls.slice(before)).toEqual([
      'list nautes_project shop',
      'list nautes_product',
      'list nautes_environment zoo',
    ]);
  });

  test('nested objects are items of object type: a list of objects, a single object, null when empty', async () => {
    const store = new InMemoryKindStore([
      [
        PIPELINE_RUNTIME_KIND,
        completeObject(PIPELINE_RUNTIME_KIND, {
          product: 'shop',
          name: 'api-ci',
          project: 'api',
          pipelineSource: 'pipelines',
          environment: 'ci',
          pipelines: [{ name: 'build', path: 'build.yaml' }],
          eventSources: [{ name: 'nightly', calendar: { schedule: '0 2 * * *' } }],
          pipelineTriggers: [{ eventSource: 'nightly', pipeline: 'build' }],
        }),
      ],
    ]);
    const h = await handlersOn(store);
    const t = 'nautes_project_pipeline_runtimes';
    const s = dataSchema(t);
    const reply = await h.ReadDataSource({
      type_name: t,
      config: dv(s, attrs(s, { product: 'shop' })),
    });
    expect(summaries(reply.diagnostics)).toEqual([]);
    const items = (decodeBlock(s, reply.state ?? undefined) as CtyObject)['items'] as CtyObject[];
    expect(items[0]).toMatchObject({
      id: 'shop/api-ci',
      pipelines: [{ name: 'build', label: '', path: 'build.yaml' }],
      event_sources: [
        {
          name: 'nightly',
          gitlab: null,
          calendar: { schedule: '0 2 * * *', interval: '', exclusion_dates: [], timezone: '' },
        },
      ],
      additional_git: null,
      isolation: 'shared',
    });
  });

  test('an empty product is refused at validation', async () => {
    const h = await handlersOn(seeded());
    const s = dataSchema('nautes_environments');
    const v = await h.ValidateDataResourceConfig({
      type_name: 'nautes_environments',
      config: dv(s, attrs(s, { product: '' })),
    });
    expect(summaries(v.diagnostics)).toEqual(['ERROR Invalid product']);
  });
});

describe('an inventory that owns other kinds', () => {
  const T = 'nautes_runtime_inventory';
  const inventory = (o: CtyObject) =>
    attrs(INVENTORY_SCHEMA, {
      product: 'shop',
      declared: [],
      kinds: ['nautes_project', 'nautes_environment'],
      ...o,
    });
  async function planned(h: RpcHandlers, prior: CtyObject | null, config: CtyObject) {
    const reply = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(INVENTORY_SCHEMA, prior),
      proposed_new_state: dv(INVENTORY_SCHEMA, config),
      config: dv(INVENTORY_SCHEMA, config),
    });
    return {
      reply,
      state: decodeBlock(INVENTORY_SCHEMA, reply.planned_state ?? undefined) as CtyObject,
    };
  }

  test('reports the undeclared objects of the kinds it owns, from the cached lists; prune deletes them', async () => {
    const store = seeded();
    const h = await handlersOn(store);
    const config = inventory({ declared_objects: ['nautes_project api'] });
    const first = await planned(h, null, config);
    expect(summaries(first.reply.diagnostics)).toEqual(['WARNING Unmanaged Objects Found']);
    const applied = await h.ApplyResourceChange({
      type_name: T,
      prior_state: dv(INVENTORY_SCHEMA, null),
      planned_state: first.reply.planned_state ?? dv(INVENTORY_SCHEMA, null),
      config: dv(INVENTORY_SCHEMA, config),
    });
    const state = decodeBlock(INVENTORY_SCHEMA, applied.new_state ?? undefined) as CtyObject;
    expect(state['unmanaged_objects']).toEqual(['nautes_environment dev', 'nautes_project web']);
    // the product's code repos are not owned: not listed at all
    expect(store.calls.filter((c) => c.startsWith('list'))).toEqual([
      'list nautes_environment shop',
      'list nautes_project shop',
    ]);

    const pruning = { ...config, prune: true };
    const prune = await planned(await handlersOn(store), state, pruning);
    expect(summaries(prune.reply.diagnostics)).toEqual([
      'WARNING Unmanaged Objects Will Be Deleted',
    ]);
    const h2 = await handlersOn(store);
    const pruned = await h2.ApplyResourceChange({
      type_name: T,
      prior_state: dv(INVENTORY_SCHEMA, state),
      planned_state: prune.reply.planned_state ?? dv(INVENTORY_SCHEMA, null),
      config: dv(INVENTORY_SCHEMA, pruning),
    });
    expect(summaries(pruned.diagnostics)).toEqual([]);
    expect(store.of(PROJECT_KIND, 'shop/web')).toBeUndefined();
    expect(store.of(ENVIRONMENT_KIND, 'shop/dev')).toBeUndefined();
    expect(store.of(PROJECT_KIND, 'shop/api')).toBeDefined();
    // deletes in reverse create order: the project before the environment
    expect(store.calls.filter((c) => c.startsWith('delete'))).toEqual([
      'delete nautes_project shop/web',
      'delete nautes_environment shop/dev',
    ]);
  });

  test('a pruned code repo is refused when planned (it would delete the code); an unknown kind at validation', async () => {
    const store = seeded();
    store.put(
      CODE_REPO_KIND,
      completeObject(CODE_REPO_KIND, { product: 'shop', name: 'api-server' }),
    );
    const h = await handlersOn(store);
    const prune = await planned(h, null, inventory({ kinds: ['nautes_code_repo'], prune: true }));
    expect(summaries(prune.reply.diagnostics)).toEqual([
      'WARNING Unmanaged Objects Will Be Deleted',
      'ERROR Deletion Protected',
    ]);
    const v = await h.ValidateResourceConfig({
      type_name: T,
      config: dv(INVENTORY_SCHEMA, inventory({ kinds: ['nautes_cluster'] })),
    });
    expect(summaries(v.diagnostics)).toEqual(['ERROR Invalid kinds']);
  });
});
