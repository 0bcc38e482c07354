// End to end, on each host (OpenTofu; Terraform where it is on PATH): one stack onboards a whole product
// from an empty server, with the constructs of every declared kind referring to each other. One deploy
// creates them in the order Terraform's graph takes from the references; a change on the server to each
// shows as drift; destroy is refused while the product is protected, and once protection is lifted it
// removes everything in reverse. Each host has its own server and app.
import { NautesClient } from '../../lib/api';
import { ENVIRONMENT_KIND, PRODUCT_KIND, PROJECT_KIND } from '../../lib/model';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { availableHosts, runHost, type HostBinary } from '../helpers/hosts';
import { join } from 'node:path';

jest.setTimeout(300_000);

const APP = (root: string): string => `
import { existsSync, readFileSync } from 'node:fs';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import * as n from ${JSON.stringify(join(root, 'lib', 'cdktf'))};

const spec = JSON.parse(readFileSync(existsSync('spec.json') ? 'spec.json' : (process.env['E2E_SPEC'] as string), 'utf8'));
const app = new App();
const stack = new TerraformStack(app, 'e2e');
new LocalBackend(stack, { path: process.env['E2E_STATE'] as string });
new n.NautesProvider(stack, 'nautes');
const product = new n.Product(stack, spec.product.name, spec.product);
const envs: Record<string, n.Environment> = {};
for (const e of spec.environments) envs[e.name] = new n.Environment(stack, e.name, { ...e, product });
const projects: Record<string, n.Project> = {};
for (const p of spec.projects) projects[p.name] = new n.Project(stack, p.name, { ...p, product });
app.synth();
`;

interface Spec {
  product: { name: string; displayName?: string; deletionProtection?: boolean };
  environments: Array<{ name: string; cluster: string; envType: string }>;
  projects: Array<{ name: string; language?: string }>;
}

const spec = (o: Partial<Spec> = {}): Spec => ({
  product: { name: 'acme', displayName: 'ACME' },
  environments: [
    { name: 'dev', cluster: 'cluster-dev', envType: 'development' },
    { name: 'test', cluster: 'cluster-test', envType: 'test' },
  ],
  projects: [{ name: 'api', language: 'go' }],
  ...o,
});

const hosts = availableHosts();
process.stdout.write(`onboarding: hosts ${hosts.map((h) => h.product).join(', ')}\n`);

describe.each(hosts.map((h) => [h.product, h] as [string, HostBinary]))(
  'onboarding a product with %s',
  (_name, host) => {
    let server: FakeServer;
    let app: CdktfApp;
    let client: NautesClient;
    const run = (...args: string[]) => runHost(host, [...args, '-no-color'], app.stackDir, app.env);
    const synth = async (s: Spec): Promise<void> => {
      app.write({ ...s });
      const out = await app.cdktf('synth');
      expect(out.stderr + out.stdout).not.toMatch(/Error/);
      expect(out.code).toBe(0);
    };

    beforeEach(async () => {
      server = await startFakeServer();
      app = new CdktfApp(server.url, MAINTAINER, {}, APP);
      client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    });
    afterEach(async () => {
      await client.close();
      await server.close();
      app.cleanup();
    });

    test('one deploy creates every kind in order; drift of each shows; destroy waits for protection to be lifted', async () => {
      await synth(spec());
      expect((await run('init', '-input=false')).code).toBe(0);
      const applied = await run('apply', '-auto-approve', '-input=false');
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain(
        'Apply complete! Resources: 4 added, 0 changed, 0 destroyed.',
      );

      // created in dependency order: the product (a GitLab group with default.project) before what is in it
      const saves = server.requests
        .filter((r) => r.method === 'POST')
        .map((r) => r.path.replace(/^\/api\/v1\//, ''));
      expect(saves[0]).toBe('products/acme');
      expect(saves.slice(1).sort()).toEqual([
        'products/acme/environments/dev',
        'products/acme/environments/test',
        'products/acme/projects/api',
      ]);
      const product = await client.getObject(PRODUCT_KIND, { name: 'acme' });
      expect(product).toMatchObject({ name: 'ACME', git: { gitlab: { path: 'acme' } } });
      const repo = server.service.repoOf('acme');
      expect(await repo?.show('envs/dev.yaml')).toContain('cluster: cluster-dev');
      expect(await repo?.show('projects/api/api.yaml')).toContain('language: go');

      const same = await run('plan', '-detailed-exitcode', '-input=false');
      expect(same.code).toBe(0);
      expect(same.stdout).toContain('No changes.');

      // on the server: each kind changed by hand
      await client.saveObject(
        PRODUCT_KIND,
        { name: 'acme' },
        { git: { gitlab: { name: 'Acme Corp', path: 'acme', visibility: 'private' } } },
      );
      await client.saveObject(
        ENVIRONMENT_KIND,
        { product: 'acme', name: 'test' },
        { cluster: 'cluster-test', env_type: 'staging' },
      );
      await client.saveObject(PROJECT_KIND, { product: 'acme', name: 'api' }, { language: 'rust' });
      const drift = await run('plan', '-detailed-exitcode', '-input=false');
      expect(drift.code).toBe(2);
      expect(drift.stdout).toMatch(/display_name\s+= "Acme Corp" -> "ACME"/);
      expect(drift.stdout).toMatch(/env_type\s+= "staging" -> "test"/);
      expect(drift.stdout).toMatch(/language\s+= "rust" -> "go"/);
      expect(drift.stdout).toContain('Plan: 0 to add, 3 to change, 0 to destroy.');

      // destroy: the protected product refuses (what is in it was already destroyed, in reverse order)
      const refused = await run('destroy', '-auto-approve', '-input=false');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('Deletion Protected');
      expect(refused.stderr).toContain('set deletion_protection = false');
      expect(await client.getObject(PRODUCT_KIND, { name: 'acme' })).toMatchObject({
        git: { gitlab: { path: 'acme' } },
      });
      expect(await client.listObjects(ENVIRONMENT_KIND, 'acme')).toEqual([]);

      // lifted in code and applied, then destroyed: the product is gone
      await synth(
        spec({ product: { name: 'acme', displayName: 'ACME', deletionProtection: false } }),
      );
      expect((await run('apply', '-auto-approve', '-input=false')).code).toBe(0);
      const destroyed = await run('destroy', '-auto-approve', '-input=false');
      expect(destroyed.stderr).toBe('');
      expect(destroyed.code).toBe(0);
      const deletes = server.requests
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.path.replace(/^\/api\/v1\//, ''));
      expect(deletes[deletes.length - 1]).toBe('products/acme');
      expect(
        (await client.listObjects(PRODUCT_KIND, undefined)).map((p) => p['name']),
      ).not.toContain('acme');
    });
  },
);
