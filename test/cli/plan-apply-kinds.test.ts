// The fast path for a stack of every kind: `plan` shows a product, its environments, projects, code repo,
// binding, pipeline runtime and runtime in dependency order from one list per kind and product (none under a product the
// plan creates), and `apply --reviewed` creates them in that order against the local server; planned again,
// nothing changes. GitHub is the stand-in of test/helpers/review-platforms.ts.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { NautesClient, createKindStore } from '../../lib/api';
import {
  CodeRepo,
  CodeRepoBinding,
  DeploymentRuntime,
  Environment,
  NautesProvider,
  PipelineRuntime,
  Product,
  Project,
} from '../../lib/cdktf';
import { main } from '../../lib/cli/main';
import { SeedSchema, demoSeed, startFakeServer, type FakeServer } from '../../lib/fake-server';
import {
  CODE_REPO_BINDING_KIND,
  CODE_REPO_KIND,
  ENVIRONMENT_KIND,
  PIPELINE_RUNTIME_KIND,
  PRODUCT_KIND,
  PROJECT_KIND,
} from '../../lib/model';
import { MAINTAINER } from '../helpers/fake-server';
import { githubStandIn, type StandIn } from '../helpers/review-platforms';
import { captureIo } from '../helpers/streams';

jest.setTimeout(60_000);

const GH_TOKEN = 'ghs_Kq3Wx5Ev7Rb9Tn2Ym4Pl';
const sha = (n: number): string => n.toString(16).padStart(40, 'b');

/** The demo seed with a free deployment cluster for the new product's environment. */
function seed() {
  const demo = demoSeed();
  return SeedSchema.parse({
    ...demo,
    clusters: [
      ...demo.clusters,
      {
        name: 'cluster-acme-dev',
        usage: 'worker',
        workerType: 'deployment',
        componentNamespaces: ['argocd'],
      },
    ],
  });
}

/** Synthesizes the stack into `<dir>/cdktf.out` (read with --no-synth). */
function writeApp(dir: string, o: { rebind?: boolean } = {}): void {
  const s = new TerraformStack(Testing.app(), 'acme');
  new NautesProvider(s, 'nautes');
  const acme = new Product(s, 'acme', { name: 'acme' });
  const dev = new Environment(s, 'dev', {
    product: acme,
    name: 'dev',
    cluster: 'cluster-acme-dev',
    envType: 'development',
  });
  const api = new Project(s, 'api', { product: acme, name: 'api', language: 'go' });
  const web = new Project(s, 'web', { product: acme, name: 'web' });
  const repo = new CodeRepo(s, 'api-repo', { product: acme, name: 'api-repo', project: api });
  // rebind: the binding grants another repo, which it cannot do in place (a replace)
  const webRepo = o.rebind
    ? new CodeRepo(s, 'web-repo', { product: acme, name: 'web-repo', project: web })
    : undefined;
  new CodeRepoBinding(s, 'share', {
    product: acme,
    name: 'share',
    codeRepo: webRepo ?? repo,
    projects: [webRepo ? api : web],
  });
  // pipelines run in an environment on the tenant's pipeline cluster, from the project's own repo
  const ci = new Environment(s, 'ci', {
    product: acme,
    name: 'ci',
    cluster: 'cluster-pipeline',
    envType: 'ci',
  });
  new PipelineRuntime(s, 'api-ci', {
    product: acme,
    name: 'api-ci',
    project: api,
    pipelineSource: repo,
    environment: ci,
    pipelines: [{ name: 'build', path: 'pipelines/build.yaml' }],
    eventSources: [
      { name: 'push', gitlab: { repoName: repo, revision: 'main', events: ['push_events'] } },
    ],
    pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
  });
  new DeploymentRuntime(s, 'dr', {
    product: acme,
    name: 'dr',
    projects: [api],
    codeRepo: 'api-repo',
    manifestPath: 'deploy',
    environment: dev,
    namespaces: ['acme-dr'],
  });
  const out = join(dir, 'cdktf.out');
  rmSync(out, { recursive: true, force: true });
  cpSync(Testing.fullSynth(s), out, { recursive: true });
}

describe('plan and apply --reviewed of every kind', () => {
  let server: FakeServer;
  let github: StandIn;
  let client: NautesClient;
  let dir: string;
  beforeEach(async () => {
    server = await startFakeServer({ seed: seed() });
    github = await githubStandIn(GH_TOKEN, 'acme/infra');
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    dir = mkdtempSync(join(tmpdir(), 'nautes-kinds-'));
  });
  afterEach(async () => {
    await client.close();
    await github.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string> = {}) => ({
    NAUTES_API_SERVER: server.url,
    NAUTES_TOKEN: MAINTAINER,
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: GH_TOKEN,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/infra',
    ...extra,
  });
  const run = async (e: Record<string, string>, ...argv: string[]) => {
    const io = captureIo(e, dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  test('the plan lists each kind once and shows the kinds in dependency order; the reviewed apply creates them in that order', async () => {
    writeApp(dir);
    const before = server.requests.length;
    const text = await run(env(), 'plan', '--no-synth');
    expect(text.code).toBe(2);
    const listed = server.requests
      .slice(before)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    // the product list may leave a product out (a capped search): the one it lacks is asked for by name;
    // the product is new, so nothing under it is listed (it cannot exist yet)
    expect(listed).toEqual(['GET /api/v1/products', 'GET /api/v1/products/acme']);
    const sections = [
      'Products:',
      'Environments:',
      'Projects:',
      'Code repos:',
      'Code repo bindings:',
      'Pipeline runtimes:',
      'Deployment runtimes:',
    ].map((h) => text.out.indexOf(h));
    expect(sections.every((i) => i >= 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(text.out).toContain('+ code repo binding acme/share will be created');
    expect(text.out).toContain(
      'Plan: 9 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.',
    );

    const md = await run(env(), 'plan', '--no-synth', '--format', 'markdown');
    expect(md.code).toBe(2);
    expect(md.out).toContain('### Nautes plan');
    expect(md.out).toContain('#### Code repo bindings');
    writeFileSync(join(dir, 'plan.md'), md.out);
    expect((await run(env(), 'comment', '--file', 'plan.md', '--pr', '7')).code).toBe(0);
    github.merged.set(sha(1), { number: 7, head: sha(101), labels: [] });

    const applied = await run(
      env({ GITHUB_SHA: sha(1) }),
      'apply',
      '--reviewed',
      '--no-synth',
      '--auto-approve',
      '--concurrency',
      '4',
    );
    expect(applied.out).toContain('Apply complete: 9 applied, 0 failed');
    expect(applied.code).toBe(0);
    const progress = applied.err
      .split('\n')
      .filter((l) => /^\[\d\/9\]/.test(l))
      .map((l) => l.replace(/^\[\d\/9\] /, ''));
    expect(progress).toEqual([
      'product acme: create applied',
      'environment acme/ci: create applied',
      'environment acme/dev: create applied',
      'project acme/api: create applied',
      'project acme/web: create applied',
      'code repo acme/api-repo: create applied',
      'code repo binding acme/share: create applied',
      'pipeline runtime acme/api-ci: create applied',
      'acme/dr: create applied',
    ]);
    const kinds = createKindStore(client);
    expect(await kinds.get(PRODUCT_KIND, { name: 'acme' })).toMatchObject({ name: 'acme' });
    expect(await kinds.get(ENVIRONMENT_KIND, { product: 'acme', name: 'dev' })).toMatchObject({
      cluster: 'cluster-acme-dev',
    });
    expect(await kinds.get(PROJECT_KIND, { product: 'acme', name: 'api' })).toMatchObject({
      language: 'go',
    });
    expect(await kinds.get(CODE_REPO_KIND, { product: 'acme', name: 'api-repo' })).toMatchObject({
      project: 'api',
    });
    expect(
      await kinds.get(CODE_REPO_BINDING_KIND, { product: 'acme', name: 'share' }),
    ).toMatchObject({ codeRepo: 'api-repo', projects: ['web'] });
    expect(
      await kinds.get(PIPELINE_RUNTIME_KIND, { product: 'acme', name: 'api-ci' }),
    ).toMatchObject({
      environment: 'ci',
      pipelines: [{ name: 'build', label: '', path: 'pipelines/build.yaml' }],
      eventSources: [{ name: 'push', gitlab: { repoName: 'api-repo', revision: 'main' } }],
    });
    expect((await client.getDeploymentRuntime('acme', 'dr')).destination.environment).toBe('dev');

    // planned again: every kind listed once per product, and nothing to do
    const mark = server.requests.length;
    const again = await run(env(), 'plan', '--no-synth');
    expect(again.out).toContain('No changes. The Nautes objects match the code.');
    expect(again.code).toBe(0);
    expect(
      server.requests
        .slice(mark)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      'GET /api/v1/products',
      'GET /api/v1/products/acme/coderepobindings',
      'GET /api/v1/products/acme/coderepos',
      'GET /api/v1/products/acme/deploymentruntimes',
      'GET /api/v1/products/acme/environments',
      'GET /api/v1/products/acme/projectpipelineruntimes',
      'GET /api/v1/products/acme/projects',
    ]);

    // PR 8 re-points the binding: a replace, which the apply after merge refuses without the label
    writeApp(dir, { rebind: true });
    const rebind = await run(
      env(),
      'plan',
      '--no-synth',
      '--format',
      'markdown',
      '--approval-label',
      'nautes-approve-removals',
    );
    expect(rebind.out).toContain(
      '**Destructive changes (1):** `code repo binding acme/share` (replace)',
    );
    expect(rebind.out).toContain('Why: code_repo cannot change in place.');
    writeFileSync(join(dir, 'plan.md'), rebind.out);
    expect((await run(env(), 'comment', '--file', 'plan.md', '--pr', '8')).code).toBe(0);
    github.merged.set(sha(2), { number: 8, head: sha(102), labels: [] });
    const refused = await run(
      env({ GITHUB_SHA: sha(2) }),
      'apply',
      '--reviewed',
      '--no-synth',
      '--auto-approve',
    );
    expect(refused.code).toBe(6);
    expect(refused.err).toContain('code repo binding acme/share (replace)');
    expect(
      await kinds.get(CODE_REPO_BINDING_KIND, { product: 'acme', name: 'share' }),
    ).toMatchObject({ codeRepo: 'api-repo' });
    github.merged.get(sha(2))?.labels.push('nautes-approve-removals');
    const approved = await run(
      env({ GITHUB_SHA: sha(2) }),
      'apply',
      '--reviewed',
      '--no-synth',
      '--auto-approve',
    );
    expect(approved.out).toContain('Apply complete: 2 applied, 0 failed');
    expect(approved.code).toBe(0);
    expect(
      await kinds.get(CODE_REPO_BINDING_KIND, { product: 'acme', name: 'share' }),
    ).toMatchObject({ codeRepo: 'web-repo', projects: ['api'] });
  });
});
