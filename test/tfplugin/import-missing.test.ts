// importExisting() of a runtime that is not on the server: the provider's import error names the resource
// (Terraform address and, for cdktf's JSON, the construct path), product/name and the fix. At the protocol
// level (the provider process run in the configuration's directory, as hosts do), then on both hosts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { encode } from '@msgpack/msgpack';
import { createServerCertificate, MAGIC_COOKIE_VALUE } from '../../lib/tfplugin';
import { importOrigin } from '../../lib/tfplugin/provider/import-origin';
import { MAINTAINER, useFakeServer } from '../helpers/fake-server';
import { availableHosts, runHost } from '../helpers/hosts';
import {
  call,
  connectProvider,
  launchProvider,
  type LaunchedProvider,
} from '../helpers/plugin-host';
import { runCommand } from '../helpers/run-command';

const paths = require('../../scripts/paths') as { root: string; version: string };
const TYPE = 'nautes_deployment_runtime';
const ADDRESS = `${TYPE}.runtimes_dr-ghost_resource_0A1B2C3D`;
const CONSTRUCT = 'runtimes/dr-ghost/resource';

/** What cdktf synthesizes for `new DeploymentRuntime(stack, 'dr-ghost', {...}).importExisting()`. */
function cdkTfJson(server: string): string {
  return JSON.stringify({
    terraform: {
      required_providers: {
        nautes: { source: 'registry.opentofu.org/nautes-labs/nautes', version: paths.version },
      },
    },
    provider: { nautes: [{ api_server: server }] },
    import: [{ to: ADDRESS, id: 'nautes-labs/dr-ghost' }],
    resource: {
      [TYPE]: {
        [ADDRESS.slice(TYPE.length + 1)]: {
          '//': { metadata: { path: CONSTRUCT, uniqueId: 'x' } },
          product: 'nautes-labs',
          name: 'dr-ghost',
          projects_ref: ['api-server'],
          code_repo: 'api-server',
          manifest_path: 'manifests/dr-ghost',
          environment: 'env-dev',
          namespaces: ['dr-ghost'],
        },
      },
    },
  });
}

function expectNamesTheFix(detail: string): void {
  expect(detail).toContain('No deployment runtime "dr-ghost" in product "nautes-labs"');
  expect(detail).toContain('remove importExisting()');
  expect(detail).toContain('create it first');
}

describe('import of a runtime that is not on the server', () => {
  const fake = useFakeServer();
  let dir: string;
  let launched: LaunchedProvider[] = [];
  let clients: grpc.Client[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-import-'));
  });
  afterEach(() => {
    for (const c of clients) c.close();
    for (const p of launched) p.child.kill('SIGKILL');
    clients = [];
    launched = [];
    rmSync(dir, { recursive: true, force: true });
  });

  test('the import block is found in cdktf JSON and in HCL; an id without one finds nothing', () => {
    writeFileSync(join(dir, 'cdk.tf.json'), cdkTfJson('http://127.0.0.1:1'));
    expect(importOrigin(TYPE, 'nautes-labs/dr-ghost', dir)).toEqual({
      address: ADDRESS,
      constructPath: CONSTRUCT,
    });
    expect(importOrigin(TYPE, 'nautes-labs/other', dir)).toBeUndefined();
    rmSync(join(dir, 'cdk.tf.json'));
    writeFileSync(
      join(dir, 'main.tf'),
      `import {\n  to = ${TYPE}.ghost\n  id = "nautes-labs/dr-ghost"\n}\n`,
    );
    expect(importOrigin(TYPE, 'nautes-labs/dr-ghost', dir)).toEqual({ address: `${TYPE}.ghost` });
  });

  test('ImportResourceState names the address, the construct path, product/name and the fix', async () => {
    writeFileSync(join(dir, 'cdk.tf.json'), cdkTfJson(fake.server.url));
    const hostCert = await createServerCertificate();
    const p = await launchProvider(
      {
        TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: '6',
        PLUGIN_CLIENT_CERT: hostCert.certPem,
        NAUTES_API_SERVER: fake.server.url,
        NAUTES_TOKEN: MAINTAINER,
      },
      dir,
    );
    launched.push(p);
    const client = connectProvider(p.line, hostCert);
    clients.push(client);
    await call(client, 'GetProviderSchema', {});
    await call(client, 'ConfigureProvider', {
      terraform_version: '1.6.2',
      config: {
        msgpack: encode({
          api_server: null,
          ca_cert_file: null,
          timeout_seconds: null,
          retries: null,
          allow_insecure_http: null,
        }),
      },
    });
    const res = await call<{
      imported_resources: unknown[];
      diagnostics: Array<{ severity: string; summary: string; detail: string }>;
    }>(client, 'ImportResourceState', { type_name: TYPE, id: 'nautes-labs/dr-ghost' });
    expect(res.imported_resources).toEqual([]);
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics[0]).toMatchObject({
      severity: 'ERROR',
      summary: 'Cannot Import Deployment Runtime',
    });
    expect(res.diagnostics[0]?.detail).toContain(`${ADDRESS} (construct ${CONSTRUCT})`);
    expectNamesTheFix(res.diagnostics[0]?.detail ?? '');
  });

  test.each(availableHosts().map((h) => [h.product, h] as const))(
    '%s: plan of the synthesized stack fails naming the construct and the fix',
    async (_name, host) => {
      writeFileSync(join(dir, 'cdk.tf.json'), cdkTfJson(fake.server.url));
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        HOME: join(dir, 'home'),
        XDG_CACHE_HOME: join(dir, 'home', '.cache'),
        CHECKPOINT_DISABLE: '1',
        TF_IN_AUTOMATION: '1',
        NAUTES_TOKEN: MAINTAINER,
      };
      const config = await runCommand(
        process.execPath,
        [join(paths.root, 'bin', 'nautes-cdktf.js'), 'cli-config'],
        dir,
        env,
      );
      env['TF_CLI_CONFIG_FILE'] = config.out.trim();
      expect((await runHost(host, ['init', '-no-color'], dir, env)).code).toBe(0);
      const plan = await runHost(host, ['plan', '-no-color'], dir, env);
      const out = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
      expect(plan.code).toBe(1);
      expect(out).toContain('Error: Cannot Import Deployment Runtime');
      expect(out).toContain(`${ADDRESS} (construct ${CONSTRUCT})`);
      expectNamesTheFix(out);
    },
  );
});
