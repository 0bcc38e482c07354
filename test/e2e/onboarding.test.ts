// End to end, on each host (OpenTofu; Terraform where it is on PATH): one stack onboards a whole product
// from an empty server (a cluster, the product, two environments, a project, a code repo, a binding, a
// pipeline runtime and two deployment runtimes), with the constructs referring to each other. One deploy
// creates them in the order Terraform's graph takes from the references; a change on the server to each
// shows as drift; destroy is refused when planned while the product and code repo are protected (nothing is
// deleted), and once protection is lifted it removes everything in reverse. Each host has its own server and app.
import { NautesClient } from '../../lib/api';
import {
  CODE_REPO_BINDING_KIND,
  ENVIRONMENT_KIND,
  PIPELINE_RUNTIME_KIND,
  PRODUCT_KIND,
  PROJECT_KIND,
} from '../../lib/model';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { availableHosts, runHost, type HostBinary } from '../helpers/hosts';
import { readFileSync, writeFileSync } from 'node:fs';
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
const cluster = new n.Cluster(stack, spec.cluster.name, spec.cluster);
const product = new n.Product(stack, spec.product.name, spec.product);
const envs: Record<string, n.Environment> = {};
for (const e of spec.environments)
  envs[e.name] = new n.Environment(stack, e.name, { ...e, product, cluster: e.cluster ?? cluster });
const projects: Record<string, n.Project> = {};
for (const p of spec.projects) projects[p.name] = new n.Project(stack, p.name, { ...p, product });
const repo = new n.CodeRepo(stack, spec.codeRepo.name, { ...spec.codeRepo, product, project: projects[spec.codeRepo.project] });
repo.bind(projects[spec.binding.project], { permissions: spec.binding.permissions });
new n.PipelineRuntime(stack, spec.pipelineRuntime.name, {
  ...spec.pipelineRuntime,
  product,
  project: projects[spec.pipelineRuntime.project],
  environment: envs[spec.pipelineRuntime.environment],
  pipelineSource: repo,
  eventSources: spec.pipelineRuntime.eventSources.map((e: { name: string; gitlab: object }) => ({ ...e, gitlab: { ...e.gitlab, repoName: repo } })),
});
for (const r of spec.runtimes)
  new n.DeploymentRuntime(stack, r.name, {
    ...r,
    product,
    codeRepo: repo,
    environment: envs[r.environment],
    projects: r.projects.map((p: string) => projects[p]),
  });
app.synth();
`;

interface Spec {
  cluster: Record<string, string>;
  product: { name: string; displayName?: string; deletionProtection?: boolean };
  environments: Array<{ name: string; cluster?: string; envType: string }>;
  projects: Array<{ name: string; language?: string }>;
  codeRepo: {
    name: string;
    project: string;
    deploymentRuntime: boolean;
    pipelineRuntime: boolean;
    deletionProtection?: boolean;
  };
  binding: { project: string; permissions: string };
  pipelineRuntime: Record<string, unknown>;
  runtimes: Array<Record<string, unknown>>;
}

/** A kubeconfig the stand-in accepts (one cluster and one user); only the server's Vault keeps it. */
const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: acme',
  '  cluster: {server: "https://10.0.0.9:6443", insecure-skip-tls-verify: true}',
  'users:',
  '- name: admin',
  '  user: {token: e2e-kubeconfig-secret-7f3a}',
  'contexts:',
  '- name: acme',
  '  context: {cluster: acme, user: admin}',
  'current-context: acme',
  '',
].join('\n');

const spec = (kubeconfigFile: string, o: Partial<Spec> = {}): Spec => ({
  cluster: {
    name: 'cluster-acme',
    apiServer: 'https://10.0.0.9:6443',
    clusterKind: 'kubernetes',
    clusterType: 'physical',
    usage: 'worker',
    workerType: 'deployment',
    kubeconfigFile,
  },
  product: { name: 'acme', displayName: 'ACME' },
  environments: [
    // dev on the stack's own cluster; ci on the tenant's pipeline cluster
    { name: 'dev', envType: 'development' },
    { name: 'ci', cluster: 'cluster-pipeline', envType: 'ci' },
  ],
  projects: [{ name: 'api', language: 'go' }],
  codeRepo: { name: 'api-server', project: 'api', deploymentRuntime: true, pipelineRuntime: true },
  binding: { project: 'api', permissions: 'readonly' },
  pipelineRuntime: {
    name: 'api-ci',
    project: 'api',
    environment: 'ci',
    pipelines: [{ name: 'build', path: 'pipelines/build.yaml' }],
    eventSources: [{ name: 'push', gitlab: { revision: 'main', events: ['push_events'] } }],
    pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
  },
  runtimes: [
    {
      name: 'api-dev',
      environment: 'dev',
      projects: ['api'],
      manifestPath: 'deploy/dev',
      namespaces: ['api-dev'],
    },
    {
      name: 'api-canary',
      environment: 'dev',
      projects: ['api'],
      manifestPath: 'deploy/canary',
      namespaces: ['api-canary'],
    },
  ],
  ...o,
});

/** What each save needs saved before it (nautes-api-resources.md 13.1), by route. */
const NEEDS: Record<string, string[]> = {
  'products/acme/environments/dev': ['clusters/cluster-acme', 'products/acme'],
  'products/acme/environments/ci': ['products/acme'],
  'products/acme/projects/api': ['products/acme'],
  'products/acme/coderepos/api-server': ['products/acme/projects/api'],
  'products/acme/coderepobindings/api-server-api': ['products/acme/coderepos/api-server'],
  // the project owns the repo, so no binding is needed first
  'products/acme/projectpipelineruntimes/api-ci': [
    'products/acme/environments/ci',
    'products/acme/projects/api',
    'products/acme/coderepos/api-server',
  ],
  'products/acme/deploymentruntimes/api-dev': [
    'products/acme/environments/dev',
    'products/acme/coderepos/api-server',
  ],
  'products/acme/deploymentruntimes/api-canary': [
    'products/acme/environments/dev',
    'products/acme/coderepos/api-server',
  ],
};

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

    let kubeconfigFile: string;

    beforeEach(async () => {
      server = await startFakeServer();
      app = new CdktfApp(server.url, MAINTAINER, {}, APP);
      client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
      kubeconfigFile = join(app.dir, 'kubeconfig-acme.yaml');
      writeFileSync(kubeconfigFile, KUBECONFIG);
    });
    afterEach(async () => {
      await client.close();
      await server.close();
      app.cleanup();
    });

    test('one deploy creates every kind in order; drift of each shows; destroy waits for protection to be lifted', async () => {
      await synth(spec(kubeconfigFile));
      // the kubeconfig is read by the host from the file: never in the synthesized JSON
      expect(app.synthesized()).not.toContain('e2e-kubeconfig-secret');
      expect((await run('init', '-input=false')).code).toBe(0);
      const applied = await run('apply', '-auto-approve', '-input=false');
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain(
        'Apply complete! Resources: 10 added, 0 changed, 0 destroyed.',
      );

      // created in dependency order: each save after what it needs
      const saves = server.requests
        .filter((r) => r.method === 'POST')
        .map((r) => r.path.replace(/^\/api\/v1\//, ''));
      expect([...saves].sort()).toEqual(
        ['clusters/cluster-acme', 'products/acme', ...Object.keys(NEEDS)].sort(),
      );
      for (const [save, needs] of Object.entries(NEEDS))
        for (const need of needs)
          expect([save, saves.indexOf(need) < saves.indexOf(save)]).toEqual([save, true]);
      const product = await client.getObject(PRODUCT_KIND, { name: 'acme' });
      expect(product).toMatchObject({ name: 'ACME', git: { gitlab: { path: 'acme' } } });
      const repo = server.service.repoOf('acme');
      expect(await repo?.show('envs/dev.yaml')).toContain('cluster: cluster-acme');
      expect(await repo?.show('projects/api/api.yaml')).toContain('language: go');
      expect(await repo?.show('projects/api/api-ci.yaml')).toContain(
        'kind: ProjectPipelineRuntime',
      );
      // the kubeconfig went to the server's Vault, and nowhere into state on a host with write-only attributes
      expect(server.service.vault.get('cluster-acme')).toContain('e2e-kubeconfig-secret');
      const state = readFileSync(app.stateFile, 'utf8');
      if (host.product === 'Terraform') expect(state).not.toContain('e2e-kubeconfig-secret');

      const same = await run('plan', '-detailed-exitcode', '-input=false');
      expect(same.stdout).toContain('No changes.');
      expect(same.code).toBe(0);

      // on the server: each kind changed by hand
      await client.saveObject(
        PRODUCT_KIND,
        { name: 'acme' },
        { git: { gitlab: { name: 'Acme Corp', path: 'acme', visibility: 'private' } } },
      );
      await client.saveObject(
        ENVIRONMENT_KIND,
        { product: 'acme', name: 'ci' },
        { cluster: 'cluster-pipeline', env_type: 'staging' },
      );
      await client.saveObject(PROJECT_KIND, { product: 'acme', name: 'api' }, { language: 'rust' });
      const drift = await run('plan', '-detailed-exitcode', '-input=false');
      expect(drift.code).toBe(2);
      expect(drift.stdout).toMatch(/display_name\s+= "Acme Corp" -> "ACME"/);
      expect(drift.stdout).toMatch(/env_type\s+= "staging" -> "ci"/);
      expect(drift.stdout).toMatch(/language\s+= "rust" -> "go"/);
      expect(drift.stdout).toContain('Plan: 0 to add, 3 to change, 0 to destroy.');
      expect((await run('apply', '-auto-approve', '-input=false')).code).toBe(0);

      // and the kinds further down the graph
      const ppr = await client.getObject(PIPELINE_RUNTIME_KIND, {
        product: 'acme',
        name: 'api-ci',
      });
      await client.saveObject(
        PIPELINE_RUNTIME_KIND,
        { product: 'acme', name: 'api-ci' },
        { ...ppr, pipelines: [{ name: 'build', label: '', path: 'pipelines/moved.yaml' }] },
      );
      await client.saveObject(
        CODE_REPO_BINDING_KIND,
        { product: 'acme', name: 'api-server-api' },
        { coderepo: 'api-server', projects: ['api'], permissions: 'readwrite' },
      );
      const dr = await client.getDeploymentRuntime('acme', 'api-canary');
      await client.saveDeploymentRuntime('acme', 'api-canary', {
        ...dr,
        manifest_source: { ...dr.manifest_source, target_revision: 'drifted' },
      });
      const drift2 = await run('plan', '-detailed-exitcode', '-input=false');
      expect(drift2.code).toBe(2);
      expect(drift2.stdout).toMatch(/path\s+= "pipelines\/moved.yaml" -> "pipelines\/build.yaml"/);
      expect(drift2.stdout).toMatch(/permissions\s+= "readwrite" -> "readonly"/);
      expect(drift2.stdout).toMatch(/target_revision\s+= "drifted" -> "HEAD"/);
      expect(drift2.stdout).toContain('Plan: 0 to add, 3 to change, 0 to destroy.');
      expect((await run('apply', '-auto-approve', '-input=false')).code).toBe(0);

      // destroy: the protected code repo refuses when the destroy is planned (the product's delete, planned
      // after it, is not reached), so nothing at all is deleted
      const deletesBefore = server.requests.filter((r) => r.method === 'DELETE').length;
      const refused = await run('destroy', '-auto-approve', '-input=false');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('Deletion Protected');
      expect(refused.stderr).toMatch(/Code Repo "acme\/api-server" cannot be deleted/);
      expect(refused.stderr).toMatch(/set\s+deletion_protection = false/);
      expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(deletesBefore);
      expect(await client.getObject(PRODUCT_KIND, { name: 'acme' })).toMatchObject({
        git: { gitlab: { path: 'acme' } },
      });
      expect(
        (await client.listObjects(PIPELINE_RUNTIME_KIND, 'acme')).map((r) => r['name']),
      ).toEqual(['api-ci']);

      // lifted in code and applied, then destroyed: everything is gone, the product last
      await synth(
        spec(kubeconfigFile, {
          product: { name: 'acme', displayName: 'ACME', deletionProtection: false },
          codeRepo: { ...spec(kubeconfigFile).codeRepo, deletionProtection: false },
        }),
      );
      expect((await run('apply', '-auto-approve', '-input=false')).code).toBe(0);
      const destroyed = await run('destroy', '-auto-approve', '-input=false');
      expect(destroyed.stderr).toBe('');
      expect(destroyed.code).toBe(0);
      expect(destroyed.stdout).toMatch(
        /Deleting\s+product\s+"acme"\s+deletes\s+its\s+GitLab\s+group/,
      );
      const deletes = server.requests
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.path.replace(/^\/api\/v1\//, ''));
      expect(deletes.indexOf('products/acme')).toBeGreaterThan(
        deletes.indexOf('products/acme/coderepos/api-server'),
      );
      expect(deletes.indexOf('products/acme/coderepos/api-server')).toBeGreaterThan(
        deletes.lastIndexOf('products/acme/deploymentruntimes/api-dev'),
      );
      expect(
        (await client.listObjects(PRODUCT_KIND, undefined)).map((p) => p['name']),
      ).not.toContain('acme');
    });
  },
);
