// The resources of the declared kinds (nautes_product, nautes_project, nautes_environment) through the RPC
// handlers, on an in-memory store: no server, no sockets.
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
import { KIND_RESOURCES } from '../../lib/tfplugin/provider/provider';
import {
  CLUSTER_KIND,
  CODE_REPO_KIND,
  ENVIRONMENT_KIND,
  PIPELINE_RUNTIME_KIND,
  PRODUCT_KIND,
  PROJECT_KIND,
} from '../../lib/model';
import { InMemoryRuntimeStore } from '../helpers/builders';
import { InMemoryKindStore } from '../helpers/in-memory-kind-store';

const schemaOf = (t: string): BlockSchema => KIND_RESOURCES[t]!.schema;
const dv = (schema: BlockSchema, v: CtyObject | null): { msgpack: Uint8Array } => ({
  msgpack: encodeBlock(schema, v),
});
const summaries = (diags: tfplugin6.Diagnostic[] | null | undefined): string[] =>
  (diags ?? []).map((d) => `${d.severity ?? ''} ${d.summary ?? ''}`);
const details = (diags: tfplugin6.Diagnostic[] | null | undefined): string =>
  (diags ?? []).map((d) => d.detail ?? '').join('\n');

/** Every attribute of a type's schema null, then `o`. */
const attrs = (t: string, o: CtyObject): CtyObject => ({
  ...Object.fromEntries(schemaOf(t).attributes.map((a) => [a.name, null])),
  ...o,
});

/** Handlers of a provider configured by a host of `terraformVersion` (none: an old host). */
async function handlersOn(
  store: InMemoryKindStore,
  terraformVersion?: string,
): Promise<RpcHandlers> {
  const h = createRpcHandlers(
    new NautesProviderCore(
      {},
      { product: 'OpenTofu', command: 'tofu' },
      undefined,
      undefined,
      new InMemoryRuntimeStore(),
      store,
    ),
  );
  const configured = await h.ConfigureProvider({
    ...(terraformVersion ? { terraform_version: terraformVersion } : {}),
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

/** Plans and applies a change of `t` from `prior` to `config`; returns the plan and the apply replies. */
async function change(
  h: RpcHandlers,
  t: string,
  prior: CtyObject | null,
  config: CtyObject | null,
) {
  const s = schemaOf(t);
  const plan = await h.PlanResourceChange({
    type_name: t,
    prior_state: dv(s, prior),
    proposed_new_state: dv(s, config),
    config: dv(s, config),
  });
  const apply = await h.ApplyResourceChange({
    type_name: t,
    prior_state: dv(s, prior),
    planned_state: plan.planned_state ?? dv(s, null),
    config: dv(s, config),
  });
  return {
    plan,
    planned: decodeBlock(s, plan.planned_state ?? undefined) as CtyObject | null,
    apply,
    state: decodeBlock(s, apply.new_state ?? undefined) as CtyObject | null,
  };
}

describe('nautes_product', () => {
  const T = 'nautes_product';

  test('a create plans the defaults (display name = name, private, protected) and saves the product', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const { planned, apply, state } = await change(h, T, null, attrs(T, { name: 'shop' }));
    expect(planned).toMatchObject({
      id: 'shop',
      display_name: 'shop',
      visibility: 'private',
      deletion_protection: true,
    });
    expect(summaries(apply.diagnostics)).toEqual([]);
    expect(state).toMatchObject({ id: 'shop', deletion_protection: true });
    expect(store.of(PRODUCT_KIND, 'shop')).toEqual({
      name: 'shop',
      displayName: 'shop',
      visibility: 'private',
      description: '',
    });
  });

  test('a protected product is not deleted; with deletion_protection = false it is', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const { state } = await change(h, T, null, attrs(T, { name: 'shop' }));
    const refused = await change(h, T, state, null);
    // refused when planned, so the host changes nothing (and by the apply, should a plan get through)
    expect(summaries(refused.plan.diagnostics)).toEqual(['ERROR Deletion Protected']);
    expect(details(refused.plan.diagnostics)).toMatch(
      /cannot be deleted: deleting it deletes its GitLab group .*set deletion_protection = false/s,
    );
    expect(summaries(refused.apply.diagnostics)).toEqual(['ERROR Deletion Protected']);
    expect(details(refused.apply.diagnostics)).toMatch(
      /deleting it deletes its GitLab group .*set deletion_protection = false/s,
    );
    // a new name replaces the product: a delete first, refused the same way
    const renamed = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(schemaOf(T), state),
      proposed_new_state: dv(schemaOf(T), attrs(T, { name: 'shop2' })),
      config: dv(schemaOf(T), attrs(T, { name: 'shop2' })),
    });
    expect(summaries(renamed.diagnostics)).toEqual(['ERROR Deletion Protected']);
    expect(details(renamed.diagnostics)).toContain('cannot be replaced');
    expect(refused.state).toEqual(state);
    expect(store.of(PRODUCT_KIND, 'shop')).toBeDefined();

    const unprotected = await change(
      h,
      T,
      state,
      attrs(T, { name: 'shop', deletion_protection: false }),
    );
    expect(unprotected.state).toMatchObject({ deletion_protection: false });
    const deleted = await change(h, T, unprotected.state, null);
    expect(summaries(deleted.plan.diagnostics)).toEqual([
      'WARNING Product Deleted With Its Contents',
    ]);
    expect(summaries(deleted.apply.diagnostics)).toEqual([]);
    expect(deleted.state).toBeNull();
    expect(store.of(PRODUCT_KIND, 'shop')).toBeUndefined();
  });

  test('a visibility the server refuses is an error at validation, naming the attribute and the allowed values', async () => {
    const h = await handlersOn(new InMemoryKindStore());
    const v = await h.ValidateResourceConfig({
      type_name: T,
      config: dv(schemaOf(T), attrs(T, { name: 'shop', visibility: 'internal' })),
    });
    expect(summaries(v.diagnostics)).toEqual(['ERROR Invalid visibility']);
    expect(details(v.diagnostics)).toContain(
      'visibility must be one of "private", "public" (got "internal")',
    );
  });

  test('a product created by someone else is not taken over; one with exactly the planned values is adopted', async () => {
    const store = new InMemoryKindStore([
      [PRODUCT_KIND, { name: 'shop', displayName: 'Shop', visibility: 'private', description: '' }],
    ]);
    const h = await handlersOn(store);
    const taken = await change(h, T, null, attrs(T, { name: 'shop' }));
    expect(summaries(taken.apply.diagnostics)).toEqual(['ERROR Product Already Exists']);
    expect(store.calls.filter((c) => c.startsWith('save'))).toEqual([]);
    const same = await change(h, T, null, attrs(T, { name: 'shop', display_name: 'Shop' }));
    expect(summaries(same.apply.diagnostics)).toEqual(['WARNING Existing Product Adopted']);
  });
});

describe('nautes_project and nautes_environment', () => {
  test('a name change replaces a project; a language change is in place', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const T = 'nautes_project';
    const { state } = await change(
      h,
      T,
      null,
      attrs(T, { product: 'shop', name: 'api', language: 'go' }),
    );
    expect(state).toMatchObject({ id: 'shop/api' });
    const renamed = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(schemaOf(T), state),
      proposed_new_state: dv(
        schemaOf(T),
        attrs(T, { product: 'shop', name: 'api2', language: 'go' }),
      ),
      config: dv(schemaOf(T), attrs(T, { product: 'shop', name: 'api2', language: 'go' })),
    });
    expect(renamed.requires_replace?.map((p) => p.steps?.map((s) => s.attribute_name))).toEqual([
      ['name'],
    ]);
    const relang = await change(
      h,
      T,
      state,
      attrs(T, { product: 'shop', name: 'api', language: 'rust' }),
    );
    expect(relang.plan.requires_replace ?? []).toEqual([]);
    expect(store.of(PROJECT_KIND, 'shop/api')).toMatchObject({ language: 'rust' });
  });

  test('refresh reads every environment of a product from one list; drift and deletion on the server show', async () => {
    const env = (name: string, cluster: string) => ({
      product: 'shop',
      name,
      cluster,
      envType: 'development',
    });
    const store = new InMemoryKindStore([
      [ENVIRONMENT_KIND, env('dev', 'c-dev')],
      [ENVIRONMENT_KIND, env('test', 'c-test')],
    ]);
    const h = await handlersOn(store);
    const T = 'nautes_environment';
    const imported = await Promise.all(
      ['shop/dev', 'shop/test'].map((id) => h.ImportResourceState({ type_name: T, id })),
    );
    const states = imported.map((i) => i.imported_resources?.[0]?.state ?? null);
    expect(decodeBlock(schemaOf(T), states[0] ?? undefined)).toMatchObject({
      id: 'shop/dev',
      cluster: 'c-dev',
    });
    expect(store.calls).toEqual(['list nautes_environment shop']);

    store.put(ENVIRONMENT_KIND, env('dev', 'c-other'));
    store.data.delete('nautes_environment shop/test');
    const fresh = await handlersOn(store);
    const reads = await Promise.all(
      states.map((s) => fresh.ReadResource({ type_name: T, current_state: s })),
    );
    expect(decodeBlock(schemaOf(T), reads[0]?.new_state ?? undefined)).toMatchObject({
      cluster: 'c-other',
    });
    expect(decodeBlock(schemaOf(T), reads[1]?.new_state ?? undefined)).toBeNull();
    expect(store.calls.filter((c) => c.startsWith('list'))).toHaveLength(2);
  });

  test('skip checks: the flag needs a reason, and is sent with save and delete', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const T = 'nautes_environment';
    const cfg = attrs(T, {
      product: 'shop',
      name: 'dev',
      cluster: 'c',
      env_type: 'dev',
      insecure_skip_check: true,
    });
    const v = await h.ValidateResourceConfig({ type_name: T, config: dv(schemaOf(T), cfg) });
    expect(summaries(v.diagnostics)).toEqual(['ERROR Missing Skip Reason']);
    const { state } = await change(h, T, null, {
      ...cfg,
      skip_checks_reason: 'cluster registered later',
    });
    await change(h, T, state, null);
    expect(store.calls.filter((c) => !c.startsWith('list') && !c.startsWith('get'))).toEqual([
      'save nautes_environment shop/dev skip',
      'delete nautes_environment shop/dev skip',
    ]);
  });

  test('an import id of another form is refused, naming the form', async () => {
    const h = await handlersOn(new InMemoryKindStore());
    const r = await h.ImportResourceState({ type_name: 'nautes_project', id: 'api' });
    expect(details(r.diagnostics)).toContain('must be "product/name", got "api"');
    const p = await h.ImportResourceState({ type_name: 'nautes_product', id: 'shop' });
    expect(summaries(p.diagnostics)).toEqual(['ERROR Cannot Import Product']);
  });
});

describe('nautes_code_repo', () => {
  const T = 'nautes_code_repo';

  test('flags and clone URLs: flags are sent, URLs are read back; the repo is protected from deletion', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const { state } = await change(
      h,
      T,
      null,
      attrs(T, { product: 'shop', name: 'api', deployment_runtime: true }),
    );
    expect(state).toMatchObject({ id: 'shop/api', display_name: 'api', deletion_protection: true });
    expect(store.of(CODE_REPO_KIND, 'shop/api')).toMatchObject({
      deploymentRuntime: true,
      pipelineRuntime: false,
    });
    // the server fills in the URLs
    store.put(CODE_REPO_KIND, {
      ...store.of(CODE_REPO_KIND, 'shop/api')!,
      httpUrl: 'https://gitlab.example/shop/api.git',
    });
    const read = await (
      await handlersOn(store)
    ).ReadResource({
      type_name: T,
      current_state: dv(schemaOf(T), state),
    });
    const now = decodeBlock(schemaOf(T), read.new_state ?? undefined) as CtyObject;
    expect(now).toMatchObject({
      http_url_to_repo: 'https://gitlab.example/shop/api.git',
      deployment_runtime: true,
      pipeline_runtime: null,
    });
    const refused = await change(h, T, now, null);
    expect(summaries(refused.apply.diagnostics)).toEqual(['ERROR Deletion Protected']);
    expect(details(refused.apply.diagnostics)).toContain('its GitLab project with all its code');
  });
});

describe('nautes_cluster: the kubeconfig', () => {
  const T = 'nautes_cluster';
  const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers: [{name: u, user: {token: s3cr3t}}]\n';
  const config = (o: CtyObject = {}): CtyObject =>
    attrs(T, {
      name: 'c-dev',
      api_server: 'https://10.0.0.5:6443',
      cluster_type: 'physical',
      usage: 'worker',
      worker_type: 'deployment',
      kubeconfig: KUBECONFIG,
      ...o,
    });

  test('the schema marks it sensitive and write-only, with a version attribute to send it again', () => {
    const a = schemaOf(T).attributes.find((x) => x.name === 'kubeconfig');
    expect(a).toMatchObject({ sensitive: true, writeOnly: true, optional: true });
    expect(schemaOf(T).attributes.map((x) => x.name)).toContain('kubeconfig_version');
  });

  test.each([
    ['Terraform 1.11 (by its version)', '1.11.4', null],
    ['a host that says so in its capabilities', undefined, { write_only_attributes_allowed: true }],
  ])(
    '%s: null in plan and state, the configured value is sent',
    async (_host, version, capabilities) => {
      const store = new InMemoryKindStore();
      const h = await handlersOn(store, version);
      const s = schemaOf(T);
      // Terraform 1.11 proposes the configured value too: the provider must plan null
      const plan = await h.PlanResourceChange({
        type_name: T,
        prior_state: dv(s, null),
        proposed_new_state: dv(s, config()),
        config: dv(s, config()),
        ...(capabilities ? { client_capabilities: capabilities } : {}),
      });
      const planned = decodeBlock(s, plan.planned_state ?? undefined) as CtyObject;
      expect(planned['kubeconfig']).toBeNull();
      const apply = await h.ApplyResourceChange({
        type_name: T,
        prior_state: dv(s, null),
        planned_state: plan.planned_state ?? dv(s, null),
        config: dv(s, config()),
      });
      expect(summaries(apply.diagnostics)).toEqual([]);
      const state = decodeBlock(s, apply.new_state ?? undefined) as CtyObject;
      expect(state['kubeconfig']).toBeNull();
      expect(JSON.stringify(state)).not.toContain('s3cr3t');
      expect(store.of(CLUSTER_KIND, 'c-dev')).toMatchObject({ kubeconfig: KUBECONFIG });
    },
  );

  test('a host without them (OpenTofu 1.6) keeps it (sensitive) in state; a read never replaces it with the empty reply', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store, '1.6.2');
    const { state } = await change(h, T, null, config());
    expect(state?.['kubeconfig']).toBe(KUBECONFIG);
    // the server never returns it
    store.put(CLUSTER_KIND, { ...store.of(CLUSTER_KIND, 'c-dev')!, kubeconfig: '' });
    const read = await (
      await handlersOn(store)
    ).ReadResource({
      type_name: T,
      current_state: dv(schemaOf(T), state),
    });
    expect((decodeBlock(schemaOf(T), read.new_state ?? undefined) as CtyObject)['kubeconfig']).toBe(
      KUBECONFIG,
    );
  });
});

describe('nautes_project_pipeline_runtime: nested blocks', () => {
  const T = 'nautes_project_pipeline_runtime';
  const config = (o: CtyObject = {}): CtyObject =>
    attrs(T, {
      product: 'shop',
      name: 'api-ci',
      project: 'api',
      pipeline_source: 'pipelines',
      environment: 'ci',
      pipelines: [{ name: 'build', label: null, path: 'build.yaml' }],
      event_sources: [
        {
          name: 'push',
          gitlab: [{ repo_name: 'api', revision: 'main', events: ['push_events'] }],
          calendar: [],
        },
      ],
      pipeline_triggers: [{ event_source: 'push', pipeline: 'build', revision: null }],
      ...o,
    });

  test('the schema: lists of objects are repeated blocks, a single object a block of at most one, required members required', () => {
    const s = schemaOf(T);
    const blocks = Object.fromEntries((s.blockTypes ?? []).map((b) => [b.typeName, b]));
    expect(Object.keys(blocks).sort()).toEqual([
      'additional_git',
      'event_sources',
      'pipeline_triggers',
      'pipelines',
    ]);
    expect(blocks['additional_git']?.maxItems).toBe(1);
    expect(blocks['pipelines']?.maxItems).toBeUndefined();
    const pipelines = blocks['pipelines']?.block.attributes ?? [];
    expect(pipelines.map((a) => [a.name, a.required === true])).toEqual([
      ['name', true],
      ['label', false],
      ['path', true],
    ]);
    const sources = blocks['event_sources']?.block;
    expect(sources?.blockTypes?.map((b) => [b.typeName, b.maxItems])).toEqual([
      ['gitlab', 1],
      ['calendar', 1],
    ]);
    // no attribute of the resource holds what a block holds
    expect(s.attributes.map((a) => a.name)).not.toContain('pipelines');
  });

  test('a create saves the nested values by model key; an empty optional member reads back as null, so no drift', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const { apply, state } = await change(h, T, null, config());
    expect(summaries(apply.diagnostics)).toEqual([]);
    expect(store.of(PIPELINE_RUNTIME_KIND, 'shop/api-ci')).toMatchObject({
      isolation: 'shared',
      pipelines: [{ name: 'build', label: '', path: 'build.yaml' }],
      eventSources: [
        {
          name: 'push',
          gitlab: { repoName: 'api', revision: 'main', events: ['push_events'] },
          calendar: { schedule: '', interval: '', exclusionDates: [], timezone: '' },
        },
      ],
      pipelineTriggers: [{ eventSource: 'push', pipeline: 'build', revision: '' }],
      additionalGit: { codeRepo: '', url: '', revision: '', path: '' },
    });
    const read = await h.ReadResource({ type_name: T, current_state: dv(schemaOf(T), state) });
    expect(decodeBlock(schemaOf(T), read.new_state ?? undefined)).toEqual(state);
  });

  test('a nested value changed on the server is drift; a changed project is a replace', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const { state } = await change(h, T, null, config());
    const saved = store.of(PIPELINE_RUNTIME_KIND, 'shop/api-ci')!;
    store.put(PIPELINE_RUNTIME_KIND, {
      ...saved,
      pipelines: [{ name: 'build', label: '', path: 'moved.yaml' }],
    });
    // a new provider process: refresh lists afresh
    const read = await (
      await handlersOn(store)
    ).ReadResource({ type_name: T, current_state: dv(schemaOf(T), state) });
    const now = decodeBlock(schemaOf(T), read.new_state ?? undefined) as CtyObject;
    expect(now['pipelines']).toEqual([{ name: 'build', label: null, path: 'moved.yaml' }]);
    const moved = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(schemaOf(T), now),
      proposed_new_state: dv(schemaOf(T), config({ project: 'web' })),
      config: dv(schemaOf(T), config({ project: 'web' })),
    });
    expect(moved.requires_replace?.map((p) => p.steps?.map((x) => x.attribute_name))).toEqual([
      ['project'],
    ]);
  });

  test('blocks not known yet (a dynamic block over an unknown for_each) stay unknown: not refused, planned unknown', async () => {
    const h = await handlersOn(new InMemoryKindStore());
    const unknownBlocks = config({
      pipelines: UNKNOWN,
      event_sources: [{ name: 'push', gitlab: UNKNOWN, calendar: [] }],
    });
    const v = await h.ValidateResourceConfig({
      type_name: T,
      config: dv(schemaOf(T), unknownBlocks),
    });
    expect(summaries(v.diagnostics)).toEqual([]);
    const plan = await h.PlanResourceChange({
      type_name: T,
      prior_state: dv(schemaOf(T), null),
      proposed_new_state: dv(schemaOf(T), unknownBlocks),
      config: dv(schemaOf(T), unknownBlocks),
    });
    const planned = decodeBlock(schemaOf(T), plan.planned_state ?? undefined) as CtyObject;
    expect(planned['pipelines']).toBe(UNKNOWN);
    expect((planned['event_sources'] as CtyObject[])[0]?.['gitlab']).toBe(UNKNOWN);
  });

  test('an empty member written in the configuration ("" or []) reads back as written, not as drift', async () => {
    const store = new InMemoryKindStore();
    const h = await handlersOn(store);
    const written = config({
      pipelines: [{ name: 'build', label: '', path: 'build.yaml' }],
      event_sources: [
        { name: 'push', gitlab: [{ repo_name: 'api', revision: '', events: [] }], calendar: [] },
      ],
    });
    const { state } = await change(h, T, null, written);
    const read = await (
      await handlersOn(store)
    ).ReadResource({ type_name: T, current_state: dv(schemaOf(T), state) });
    const now = decodeBlock(schemaOf(T), read.new_state ?? undefined) as CtyObject;
    expect(now['pipelines']).toEqual([{ name: 'build', label: '', path: 'build.yaml' }]);
    expect(now['event_sources']).toEqual(state?.['event_sources']);
  });

  test('validation names the nested attribute: no pipeline, two pipelines of one name, a trigger naming no event source', async () => {
    const h = await handlersOn(new InMemoryKindStore());
    const validate = async (o: CtyObject) =>
      h.ValidateResourceConfig({ type_name: T, config: dv(schemaOf(T), config(o)) });
    const none = await validate({ pipelines: [] });
    expect(details(none.diagnostics)).toContain('pipelines needs at least one item');
    const twice = await validate({
      pipelines: [
        { name: 'build', label: null, path: 'a.yaml' },
        { name: 'build', label: null, path: 'b.yaml' },
      ],
    });
    expect(details(twice.diagnostics)).toContain(
      'pipelines[1] and pipelines[0] have the same name "build"',
    );
    const unknown = await validate({
      pipeline_triggers: [{ event_source: 'tag', pipeline: 'build', revision: null }],
    });
    expect(summaries(unknown.diagnostics)).toEqual(['ERROR Invalid pipeline_triggers']);
    expect(details(unknown.diagnostics)).toContain(
      'pipeline_triggers[0].event_source "tag" names no item of event_sources (there: "push")',
    );
    expect(
      unknown.diagnostics?.[0]?.attribute?.steps?.map((x) => x.attribute_name ?? x.element_key_int),
    ).toEqual(['pipeline_triggers', 0, 'event_source']);
    const git = await validate({
      additional_git: [
        { code_repo: null, url: 'https://x.example/r.git', revision: null, path: null },
      ],
    });
    expect(details(git.diagnostics)).toContain('additional_git.code_repo is required');
  });
});
