// Plugin protocol 6.9 and 6.10 at the protocol level: a grpc-js client plays Terraform >= 1.12 (no such
// host can be installed here) against the bundled provider: GetMetadata, resource identity (schemas,
// upgrade, identity on plan, apply, read and import) and the list resource behind `terraform query`.
// The same client playing OpenTofu 1.6 / Terraform 1.11 sees no identity anywhere.
import { RESOURCE_TYPES, DATA_SOURCE_TYPES } from '../helpers/type-names';
import type * as grpc from '@grpc/grpc-js';
import { encode, decode } from '@msgpack/msgpack';
import { createServerCertificate, MAGIC_COOKIE_VALUE } from '../../lib/tfplugin';
import { MAINTAINER, drDevBody, http, useFakeServer } from '../helpers/fake-server';
import {
  call,
  connectProvider,
  launchProvider,
  streamAll,
  type LaunchedProvider,
} from '../helpers/plugin-host';

const RUNTIME = 'nautes_deployment_runtime';
/** The types with an identity and a list resource: the runtime and every declared kind, sorted. */
const KIND_TYPES = [
  'nautes_cluster',
  'nautes_code_repo',
  'nautes_code_repo_binding',
  RUNTIME,
  'nautes_environment',
  'nautes_product',
  'nautes_project',
  'nautes_project_pipeline_runtime',
];

interface Dyn {
  msgpack: Uint8Array;
}
interface IdentityData {
  identity_data: Dyn | null;
}
interface Diag {
  severity: string;
  summary: string;
  detail: string;
}

const dyn = (v: unknown): Dyn => ({ msgpack: encode(v) });
const identityValue = (d: IdentityData | null | undefined): unknown =>
  d?.identity_data ? decode(d.identity_data.msgpack) : null;

const PROVIDER_CONFIG = {
  api_server: null,
  ca_cert_file: null,
  timeout_seconds: null,
  retries: null,
  allow_insecure_http: null,
};

function runtimeObject(
  name: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: null,
    product: 'nautes-labs',
    name,
    projects_ref: ['api-server'],
    code_repo: 'api-server',
    target_revision: 'HEAD',
    manifest_path: `manifests/${name}`,
    environment: 'env-dev',
    namespaces: [name],
    account: null,
    insecure_skip_check: null,
    skip_checks_reason: null,
    ...overrides,
  };
}

describe('plugin protocol 6.9 / 6.10 (identity, list resources)', () => {
  const fake = useFakeServer();
  let hostCert: { certPem: string; keyPem: string };
  let launched: LaunchedProvider[] = [];
  let clients: grpc.Client[] = [];
  beforeAll(async () => {
    hostCert = await createServerCertificate();
  });
  afterEach(() => {
    for (const c of clients) c.close();
    for (const p of launched) p.child.kill('SIGKILL');
    clients = [];
    launched = [];
  });

  async function provider(): Promise<grpc.Client> {
    const p = await launchProvider({
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_CLIENT_CERT: hostCert.certPem,
      NAUTES_API_SERVER: fake.server.url,
      NAUTES_TOKEN: MAINTAINER,
    });
    launched.push(p);
    const client = connectProvider(p.line, hostCert);
    clients.push(client);
    return client;
  }

  /** What Terraform >= 1.12 does when it loads a provider: schema, identity schemas, configure. */
  async function modernHost(): Promise<grpc.Client> {
    const client = await provider();
    await call(client, 'GetProviderSchema', {});
    await call(client, 'GetResourceIdentitySchemas', {});
    await call(client, 'ConfigureProvider', {
      terraform_version: '1.14.0',
      config: dyn(PROVIDER_CONFIG),
    });
    return client;
  }

  /** What OpenTofu 1.6 and Terraform 1.11 do: no identity calls, no identity fields. */
  async function olderHost(version: string): Promise<grpc.Client> {
    const client = await provider();
    await call(client, 'GetProviderSchema', {});
    await call(client, 'ConfigureProvider', {
      terraform_version: version,
      config: dyn(PROVIDER_CONFIG),
    });
    return client;
  }

  async function saveRuntime(
    name: string,
    body: Record<string, unknown> = drDevBody(),
  ): Promise<void> {
    const res = await http(
      fake.server.url,
      'POST',
      `/api/v1/products/nautes-labs/deploymentruntimes/${name}`,
      { token: MAINTAINER, body: JSON.stringify(body) },
    );
    expect(res.status).toBe(200);
  }

  async function createThroughProvider(client: grpc.Client, name: string) {
    const config = runtimeObject(name);
    const plan = await call<{
      planned_state: Dyn;
      planned_identity: IdentityData | null;
      diagnostics: Diag[];
    }>(client, 'PlanResourceChange', {
      type_name: RUNTIME,
      prior_state: dyn(null),
      proposed_new_state: dyn(config),
      config: dyn(config),
    });
    expect(plan.diagnostics).toEqual([]);
    const apply = await call<{
      new_state: Dyn;
      new_identity: IdentityData | null;
      diagnostics: Diag[];
    }>(client, 'ApplyResourceChange', {
      type_name: RUNTIME,
      prior_state: dyn(null),
      planned_state: plan.planned_state,
      config: dyn(config),
      ...(plan.planned_identity ? { planned_identity: plan.planned_identity } : {}),
    });
    expect(apply.diagnostics).toEqual([]);
    return { plan, apply };
  }

  test('GetMetadata names every resource, data source and list resource without building schemas', async () => {
    const client = await provider();
    const meta = await call<{
      resources: Array<{ type_name: string }>;
      data_sources: Array<{ type_name: string }>;
      list_resources: Array<{ type_name: string }>;
      server_capabilities: { get_provider_schema_optional: boolean; plan_destroy: boolean };
      diagnostics: Diag[];
    }>(client, 'GetMetadata', {});
    expect(meta.resources.map((r) => r.type_name).sort()).toEqual(RESOURCE_TYPES);
    expect(meta.data_sources.map((d) => d.type_name).sort()).toEqual(DATA_SOURCE_TYPES);
    expect(meta.list_resources.map((l) => l.type_name).sort()).toEqual(KIND_TYPES);
    expect(meta.server_capabilities.get_provider_schema_optional).toBe(true);
    // deletes are planned too, so a protected delete stops the plan before anything changes
    expect(meta.server_capabilities.plan_destroy).toBe(true);
    expect(meta.diagnostics).toEqual([]);
  });

  test('the identity schema: product and name, both required for import, version 0; the list schema in GetProviderSchema', async () => {
    const client = await provider();
    const ids = await call<{
      identity_schemas: Record<
        string,
        {
          version: number;
          identity_attributes: Array<{ name: string; type: Buffer; required_for_import: boolean }>;
        }
      >;
    }>(client, 'GetResourceIdentitySchemas', {});
    expect(Object.keys(ids.identity_schemas).sort()).toEqual(KIND_TYPES);
    const schema = ids.identity_schemas[RUNTIME];
    expect(schema?.version).toBe(0);
    expect(
      schema?.identity_attributes.map((a) => [
        a.name,
        Buffer.from(a.type).toString(),
        a.required_for_import,
      ]),
    ).toEqual([
      ['product', '"string"', true],
      ['name', '"string"', true],
    ]);
    const full = await call<{
      list_resource_schemas: Record<
        string,
        { block: { attributes: Array<{ name: string; required: boolean; optional: boolean }> } }
      >;
    }>(client, 'GetProviderSchema', {});
    expect(
      full.list_resource_schemas[RUNTIME]?.block.attributes.map((a) => [
        a.name,
        a.required,
        a.optional,
      ]),
    ).toEqual([
      ['product', true, false],
      ['field_selector', false, true],
    ]);
    // the declared kinds: identity and query configuration from their tables
    const identityNames = (t: string) =>
      ids.identity_schemas[t]?.identity_attributes.map((a) => [a.name, a.required_for_import]);
    expect(identityNames('nautes_product')).toEqual([['name', true]]);
    expect(identityNames('nautes_project')).toEqual([
      ['product', true],
      ['name', true],
    ]);
    expect(Object.keys(full.list_resource_schemas).sort()).toEqual(KIND_TYPES);
    const listNames = (t: string) =>
      (full.list_resource_schemas[t]?.block.attributes ?? []).map((a) => [a.name, a.required]);
    expect(listNames('nautes_product')).toEqual([]);
    expect(listNames('nautes_environment')).toEqual([['product', true]]);
  });

  test('a host that asked for identity schemas gets the identity on plan, apply, read and import', async () => {
    const client = await modernHost();
    const { plan, apply } = await createThroughProvider(client, 'dr-id');
    const identity = { product: 'nautes-labs', name: 'dr-id' };
    expect(identityValue(plan.planned_identity)).toEqual(identity);
    expect(identityValue(apply.new_identity)).toEqual(identity);

    const read = await call<{ new_state: Dyn; new_identity: IdentityData | null }>(
      client,
      'ReadResource',
      {
        type_name: RUNTIME,
        current_state: apply.new_state,
        current_identity: apply.new_identity,
      },
    );
    expect(decode(read.new_state.msgpack)).toMatchObject({ id: 'nautes-labs/dr-id' });
    expect(identityValue(read.new_identity)).toEqual(identity);

    // `import { to = ..., identity = { product = ..., name = ... } }`: no id, the identity instead
    const imported = await call<{
      imported_resources: Array<{ state: Dyn; identity: IdentityData | null }>;
      diagnostics: Diag[];
    }>(client, 'ImportResourceState', {
      type_name: RUNTIME,
      id: '',
      identity: { identity_data: dyn(identity) },
    });
    expect(imported.diagnostics).toEqual([]);
    expect(imported.imported_resources).toHaveLength(1);
    expect(decode(imported.imported_resources[0]?.state.msgpack as Uint8Array)).toMatchObject({
      id: 'nautes-labs/dr-id',
      code_repo: 'api-server',
      manifest_path: 'manifests/dr-id',
    });
    expect(identityValue(imported.imported_resources[0]?.identity)).toEqual(identity);
  });

  test('an import identity without a name is refused, naming the attribute; an unknown runtime is not found', async () => {
    const client = await modernHost();
    const partial = await call<{
      imported_resources: unknown[];
      diagnostics: Array<Diag & { attribute: unknown }>;
    }>(client, 'ImportResourceState', {
      type_name: RUNTIME,
      id: '',
      identity: { identity_data: dyn({ product: 'nautes-labs', name: null }) },
    });
    expect(partial.imported_resources).toEqual([]);
    expect(partial.diagnostics[0]).toMatchObject({
      severity: 'ERROR',
      summary: 'Invalid Import Identity',
      attribute: { steps: [{ attribute_name: 'name' }] },
    });
    const ghost = await call<{ imported_resources: unknown[]; diagnostics: Diag[] }>(
      client,
      'ImportResourceState',
      {
        type_name: RUNTIME,
        id: '',
        identity: { identity_data: dyn({ product: 'nautes-labs', name: 'ghost' }) },
      },
    );
    expect(ghost.imported_resources).toEqual([]);
    expect(ghost.diagnostics[0]?.summary).toBe('Cannot Import Deployment Runtime');
  });

  test('a later process of the same run (schema cached, nothing asked) that is sent an identity answers with one', async () => {
    await saveRuntime('dr-dev');
    const client = await olderHost('1.14.0');
    const read = await call<{ new_identity: IdentityData | null }>(client, 'ReadResource', {
      type_name: RUNTIME,
      current_state: dyn(runtimeObject('dr-dev', { id: 'nautes-labs/dr-dev' })),
      current_identity: { identity_data: dyn({ product: 'nautes-labs', name: 'dr-dev' }) },
    });
    expect(identityValue(read.new_identity)).toEqual({ product: 'nautes-labs', name: 'dr-dev' });
  });

  test.each(['1.6.2', '1.11.4'])(
    'a host that never asked (OpenTofu 1.6, Terraform 1.11: version %s) gets no identity anywhere',
    async (version) => {
      const client = await olderHost(version);
      const { plan, apply } = await createThroughProvider(client, 'dr-old');
      expect(plan.planned_identity).toBeNull();
      expect(apply.new_identity).toBeNull();
      const read = await call<{ new_state: Dyn; new_identity: IdentityData | null }>(
        client,
        'ReadResource',
        {
          type_name: RUNTIME,
          current_state: apply.new_state,
        },
      );
      expect(decode(read.new_state.msgpack)).toMatchObject({ id: 'nautes-labs/dr-old' });
      expect(read.new_identity).toBeNull();
      const imported = await call<{ imported_resources: Array<{ identity: IdentityData | null }> }>(
        client,
        'ImportResourceState',
        { type_name: RUNTIME, id: 'nautes-labs/dr-old' },
      );
      expect(imported.imported_resources).toHaveLength(1);
      expect(imported.imported_resources[0]?.identity).toBeNull();
    },
  );

  test('UpgradeResourceIdentity reads version 0 as is and refuses a newer version', async () => {
    const client = await modernHost();
    const current = await call<{ upgraded_identity: IdentityData | null; diagnostics: Diag[] }>(
      client,
      'UpgradeResourceIdentity',
      {
        type_name: RUNTIME,
        version: 0,
        raw_identity: {
          json: Buffer.from(JSON.stringify({ product: 'nautes-labs', name: 'dr-dev' })),
        },
      },
    );
    expect(current.diagnostics).toEqual([]);
    expect(identityValue(current.upgraded_identity)).toEqual({
      product: 'nautes-labs',
      name: 'dr-dev',
    });
    const newer = await call<{ upgraded_identity: IdentityData | null; diagnostics: Diag[] }>(
      client,
      'UpgradeResourceIdentity',
      { type_name: RUNTIME, version: 3, raw_identity: { json: Buffer.from('{}') } },
    );
    expect(newer.upgraded_identity).toBeNull();
    expect(newer.diagnostics[0]).toMatchObject({
      severity: 'ERROR',
      summary: 'Unsupported Identity Version',
    });
  });

  test('ListResource streams every runtime of the product, declared or not, sorted, from one list call', async () => {
    const body = (name: string, revision = 'HEAD', environment = 'env-dev') =>
      drDevBody({
        manifest_source: {
          code_repo: 'api-server',
          target_revision: revision,
          path: `manifests/${name}`,
        },
        destination: { environment, namespaces: [name] },
      });
    // saved out of order: the list is sorted by name
    await saveRuntime('dr-b', body('dr-b'));
    await saveRuntime('dr-a', body('dr-a'));
    await saveRuntime('dr-c', body('dr-c', 'v2', 'env-test'));
    const client = await modernHost();
    const before = fake.server.requests.length;
    const events = await streamAll<{
      identity: IdentityData | null;
      display_name: string;
      resource_object: Dyn | null;
      diagnostic: Diag[];
    }>(client, 'ListResource', {
      type_name: RUNTIME,
      config: dyn({ product: 'nautes-labs', field_selector: null }),
      include_resource_object: true,
      limit: 0,
    });
    expect(fake.server.requests.slice(before).map((r) => r.route)).toEqual(['list']);
    expect(events.map((e) => e.display_name)).toEqual(['dr-a', 'dr-b', 'dr-c']);
    expect(events.map((e) => identityValue(e.identity))).toEqual(
      ['dr-a', 'dr-b', 'dr-c'].map((name) => ({ product: 'nautes-labs', name })),
    );
    expect(events.every((e) => e.diagnostic.length === 0)).toBe(true);
    expect(decode(events[2]?.resource_object?.msgpack as Uint8Array)).toMatchObject({
      id: 'nautes-labs/dr-c',
      target_revision: 'v2',
      manifest_path: 'manifests/dr-c',
      environment: 'env-test',
    });

    // without resource objects (the optional field absent), at most 2, and filtered by the server's field selector
    const limited = await streamAll<{ display_name: string; resource_object: Dyn | null }>(
      client,
      'ListResource',
      {
        type_name: RUNTIME,
        config: dyn({ product: 'nautes-labs', field_selector: null }),
        include_resource_object: false,
        limit: 2,
      },
    );
    expect(limited.map((e) => [e.display_name, e.resource_object])).toEqual([
      ['dr-a', undefined],
      ['dr-b', undefined],
    ]);
    // the field selector goes to the server (which matches code repos by substring)
    const select = (selector: string) =>
      streamAll<{ display_name: string }>(client, 'ListResource', {
        type_name: RUNTIME,
        config: dyn({ product: 'nautes-labs', field_selector: selector }),
        limit: 0,
      });
    expect((await select('manifest_source.code_repo=api')).map((e) => e.display_name)).toEqual([
      'dr-a',
      'dr-b',
      'dr-c',
    ]);
    expect(await select('manifest_source.code_repo=web-ui')).toEqual([]);
  });

  test('ListResource of an unknown product is one event with an error diagnostic; ValidateListResourceConfig refuses an empty product', async () => {
    const client = await modernHost();
    const events = await streamAll<{ identity: IdentityData | null; diagnostic: Diag[] }>(
      client,
      'ListResource',
      {
        type_name: RUNTIME,
        config: dyn({ product: 'no-such-product', field_selector: null }),
      },
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.identity).toBeNull();
    expect(events[0]?.diagnostic[0]).toMatchObject({
      severity: 'ERROR',
      summary: 'Cannot List Deployment Runtimes',
    });
    const invalid = await call<{ diagnostics: Diag[] }>(client, 'ValidateListResourceConfig', {
      type_name: RUNTIME,
      config: dyn({ product: '', field_selector: null }),
    });
    expect(invalid.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: 'Invalid product' });
    const valid = await call<{ diagnostics: Diag[] }>(client, 'ValidateListResourceConfig', {
      type_name: RUNTIME,
      config: dyn({ product: 'nautes-labs', field_selector: null }),
    });
    expect(valid.diagnostics).toEqual([]);
  });
});
