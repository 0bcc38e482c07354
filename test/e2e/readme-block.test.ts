// The README's "Use it in your own repo" block, run as written by bash in an empty directory: a fresh HOME
// (the token file of the block written there), an empty npm cache, the packed tarball served by a loopback
// registry for npx and npm install, and the local Nautes server in place of the block's example URL (the
// only substitution). Then, in the project the block made (one npm install for the whole file): the state
// lives beside the code (cdktf.out deleted, a stack removed and added back, the demo run: still "No
// changes", the real state untouched), and the scripts take every stack of an app with two stacks over three
// products, or one by name.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleSeed, startFakeServer, type FakeServer } from '../../lib/fake-server';
import { scaffoldFiles } from '../../lib/cli/scaffold/project-files';
import { MAINTAINER, drDevBody, rawHttp } from '../helpers/fake-server';
import { startLocalRegistry, type LocalRegistry } from '../helpers/local-registry';
import { packTarball } from '../helpers/pack';
import { runCommand, type CommandRun } from '../helpers/run-command';

const root = join(__dirname, '..', '..');
const EXAMPLE_URL = 'https://nautes.example.com';
const FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

/** The first ```sh block of the README section `title`. */
function readmeBlock(title: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n## ${title}\n`);
  if (at < 0) throw new Error(`README.md has no section "${title}"`);
  const section = readme.slice(at + 1).split(/\n## /)[0] as string;
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`the section "${title}" has no sh block`);
  return block[1] as string;
}

/** A runtime on the server, as someone made it with curl before adopting code. */
const createRuntime = async (server: FakeServer, product: string, name: string): Promise<void> => {
  const r = await rawHttp(
    server.url,
    'POST',
    `/api/v1/products/${product}/deploymentruntimes/${name}`,
    {
      token: MAINTAINER,
      body: JSON.stringify(
        drDevBody({
          projects_ref: ['app'],
          manifest_source: { code_repo: 'app', target_revision: 'HEAD', path: `manifests/${name}` },
          destination: { environment: 'env', namespaces: [name] },
        }),
      ),
    },
  );
  if (r.status !== 200) throw new Error(`cannot create ${product}/${name}: ${r.status} ${r.text}`);
};

const runtimeNames = async (server: FakeServer, product: string): Promise<string[]> => {
  const r = await rawHttp(server.url, 'GET', `/api/v1/products/${product}/deploymentruntimes`, {
    token: MAINTAINER,
  });
  const body = JSON.parse(r.text) as { items: Array<{ name: string }> };
  return body.items.map((d) => d.name).sort();
};

describe("the README's first hour, as typed", () => {
  let work: string;
  let server: FakeServer;
  let registry: LocalRegistry;
  let env: NodeJS.ProcessEnv;
  let project: string;
  const timings: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'nautes-readme-'));
    // three products: my-product (the README's), p1 and p2 (the second stack's)
    const seed = scaleSeed(3);
    server = await startFakeServer({
      seed: {
        ...seed,
        products: seed.products.map((p, i) => (i === 0 ? { ...p, path: 'my-product' } : p)),
      },
    });
    await createRuntime(server, 'my-product', 'web');
    const home = join(work, 'home');
    mkdirSync(join(home, '.config', 'nautes'), { recursive: true });
    writeFileSync(join(home, '.config', 'nautes', 'token'), `${MAINTAINER}\n`);
    const t = Date.now();
    const tarball = packTarball(work);
    timings.push(`npm pack: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const sharedCache = execFileSync('npm', ['config', 'get', 'cache'], {
      encoding: 'utf8',
    }).trim();
    registry = await startLocalRegistry(tarball, sharedCache);
    env = {
      PATH: process.env['PATH'],
      HOME: home,
      // an empty cache: every package comes from the registry below, as on a new machine
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_registry: registry.url,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      NO_COLOR: '1',
    };
    mkdirSync(join(work, 'empty'));
    project = join(work, 'empty', 'infra');
  }, 120_000);

  afterAll(async () => {
    process.stdout.write(`readme-block timings:\n  ${timings.join('\n  ')}\n`);
    await registry?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs an npm script in the project, timed. */
  const npmRun = async (...args: string[]): Promise<CommandRun> => {
    const t = Date.now();
    // what the block exported, in the shell the user goes on typing in
    const r = await runCommand('npm', ['run', ...args], project, {
      ...env,
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN_FILE: join(env['HOME'] as string, '.config', 'nautes', 'token'),
    });
    timings.push(`npm run ${args.join(' ')}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    if (r.code !== 0)
      throw new Error(`npm run ${args.join(' ')} failed (exit ${r.code}):\n${r.out}`);
    return r;
  };

  test('the block runs as written from an empty directory: init reads my-product, install, plan, deploy, review', async () => {
    const block = readmeBlock('Use it in your own repo');
    expect(block).toContain(EXAMPLE_URL);
    // each command traced with a timestamp, so the note can show how long each one took
    const script = `PS4='+ $(date +%s.%N) '\nset -x\n${block.split(EXAMPLE_URL).join(server.url)}`;
    writeFileSync(join(work, 'block.sh'), script);
    const t = Date.now();
    const r = await runCommand(
      'bash',
      ['-e', '-o', 'pipefail', join(work, 'block.sh')],
      join(work, 'empty'),
      env,
    );
    timings.push(`README block: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    // per command, from the trace: "+ <time> <command>"
    const trace = [...r.out.matchAll(/^\+ (\d+\.\d+) (.*)$/gm)].map(
      (m) => [Number(m[1]), m[2] as string] as const,
    );
    trace.forEach(([at, cmd], i) => {
      const next = trace[i + 1]?.[0] ?? t / 1000 + (Date.now() - t) / 1000;
      if (!/^(export|cd) /.test(cmd)) timings.push(`  ${cmd}: ${(next - at).toFixed(1)} s`);
    });
    if (r.code !== 0) throw new Error(`the README block failed (exit ${r.code}):\n${r.out}`);
    expect(r.out).toContain(
      `Reading the runtimes of my-product from NAUTES_API_SERVER (${server.url}) with NAUTES_TOKEN_FILE.`,
    );
    expect(r.out).toContain('(1 runtimes of my-product declared)');
    expect(r.out).toContain(
      'nautes_deployment_runtime.web_runtime: Import complete [id=my-product/web]',
    );
    expect(r.out).toContain(
      'Apply complete! Resources: 1 imported, 1 added, 0 changed, 0 destroyed.',
    );
    expect(r.out).toContain('No changes. The Nautes runtimes match the code.');
    expect(r.out).not.toContain(MAINTAINER);
    // no spinner frames in a log
    expect(r.out.split('\n').filter((l) => FRAME.test(l))).toEqual([]);
    expect(registry.served()).toBeGreaterThan(10);
    // the state beside main.ts, nothing of it under cdktf.out
    expect(existsSync(join(project, 'terraform.runtimes.tfstate'))).toBe(true);
    expect(
      existsSync(join(project, 'cdktf.out', 'stacks', 'runtimes', 'terraform.runtimes.tfstate')),
    ).toBe(false);
    expect(await runtimeNames(server, 'my-product')).toEqual(['web']);
  }, 600_000);

  test('state beside the code: cdktf.out deleted, then the demo run: plan says No changes, the real state untouched', async () => {
    const state = join(project, 'terraform.runtimes.tfstate');
    const before = readFileSync(state, 'utf8');
    rmSync(join(project, 'cdktf.out'), { recursive: true, force: true });
    const plan = await npmRun('plan');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('No changes. Your infrastructure matches the configuration.');
    // the demo of a project made without --product (the demo server knows only nautes-labs), in this project
    const ownMain = readFileSync(join(project, 'main.ts'), 'utf8');
    const demoMain = scaffoldFiles({
      name: 'infra',
      product: 'nautes-labs',
      existing: undefined,
      projectId: 'x',
      withCi: false,
      cdk: 'cdktf',
    }).get('main.ts') as string;
    writeFileSync(join(project, 'main.ts'), demoMain);
    let demo: CommandRun;
    try {
      demo = await npmRun('demo');
    } finally {
      writeFileSync(join(project, 'main.ts'), ownMain);
    }
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('Apply complete!');
    expect(existsSync(join(project, '.nautes-demo', 'terraform.runtimes.tfstate'))).toBe(true);
    // synthesized apart too: the host's folder of the real stack keeps the real backend
    expect(existsSync(join(project, '.nautes-demo', 'cdktf.out', 'stacks', 'runtimes'))).toBe(true);
    expect(readFileSync(state, 'utf8')).toBe(before);
    const again = await npmRun('plan');
    expect(again.code).toBe(0);
    expect(again.out).toContain('No changes. Your infrastructure matches the configuration.');
    expect(readFileSync(state, 'utf8')).toBe(before);
  }, 300_000);

  test('two stacks over three products: the scripts take every stack or one by name; a stack removed and added back keeps its state', async () => {
    const ownMain = readFileSync(join(project, 'main.ts'), 'utf8');
    const more = [
      '',
      'class More extends TerraformStack {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      '    new LocalBackend(this, { path: path.join(stateDir, `terraform.${id}.tfstate`) });',
      "    new NautesProvider(this, 'nautes');",
      ...['p1', 'p2'].map(
        (p) =>
          `    new DeploymentRuntime(this, '${p}-api', { product: '${p}', name: 'api', projects: ['app'], codeRepo: 'app', manifestPath: 'manifests/api', environment: 'env', namespaces: ['${p}-api'] });`,
      ),
      '  }',
      '}',
      "new More(app, 'more');",
    ].join('\n');
    const twoStacks = ownMain.replace(
      "new Runtimes(app, 'runtimes');",
      `new Runtimes(app, 'runtimes');\n${more}`,
    );
    expect(twoStacks).not.toBe(ownMain);
    writeFileSync(join(project, 'main.ts'), twoStacks);

    const deploy = await npmRun('deploy');
    expect(deploy.code).toBe(0);
    expect(deploy.out).not.toContain('Found more than one stack');
    expect(deploy.out).toMatch(/more\s+Apply complete! Resources: 2 added/);
    expect(await runtimeNames(server, 'p1')).toEqual(['api']);
    expect(await runtimeNames(server, 'p2')).toEqual(['api']);
    expect(existsSync(join(project, 'terraform.more.tfstate'))).toBe(true);

    const plan = await npmRun('plan');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('== diff runtimes ==');
    expect(plan.out).toContain('== diff more ==');
    expect(
      plan.out.match(/No changes\. Your infrastructure matches the configuration\./g),
    ).toHaveLength(2);

    // the stack removed from main.ts (its folder in cdktf.out goes at the next synth), then added back
    writeFileSync(join(project, 'main.ts'), ownMain);
    const without = await npmRun('plan');
    expect(without.code).toBe(0);
    expect(without.out).not.toContain('== diff more ==');
    writeFileSync(join(project, 'main.ts'), twoStacks);
    const one = await npmRun('plan', '--', 'more');
    expect(one.code).toBe(0);
    expect(one.out).toContain('No changes. Your infrastructure matches the configuration.');
    expect(one.out).not.toMatch(/^runtimes\s/m);

    const destroy = await npmRun('destroy');
    expect(destroy.code).toBe(0);
    expect(await runtimeNames(server, 'p1')).toEqual([]);
    expect(await runtimeNames(server, 'p2')).toEqual([]);
    expect(await runtimeNames(server, 'my-product')).toEqual([]);
  }, 600_000);
});
