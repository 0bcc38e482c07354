// From scratch, as a user would, in a repository of their own: npm pack; nautes-cdktf init; install the
// tarball and its peers offline; then synth, plan, deploy, change, import, destroy against the local server,
// with OpenTofu and, when it is on PATH, HashiCorp Terraform; a stack moves between the hosts with no state
// surgery; a plain HCL configuration with `source = "nautes-labs/nautes"` works on both hosts.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeServer } from '../../lib/fake-server';
import { MAINTAINER } from '../helpers/fake-server';
import { availableHosts, runHost, type HostBinary } from '../helpers/hosts';
import { runCommand, type CommandRun } from '../helpers/run-command';
import { createCurlRuntime, useUserRepo } from '../helpers/user-repo';

const root = join(__dirname, '..', '..');
const hosts = availableHosts();
process.stdout.write(`user-repo: hosts ${hosts.map((h) => h.product).join(', ')}\n`);

type Run = CommandRun;
const run = runCommand;

describe("a user's own infrastructure repository", () => {
  const userRepo = useUserRepo('user-repo');
  let work: string;
  let tarball: string;
  let template: string;
  let server: FakeServer;
  let baseEnv: NodeJS.ProcessEnv;
  beforeAll(() => ({ work, tarball, template, server, baseEnv } = userRepo.get()));
  const timed = userRepo.timed;

  test('the tarball holds the library, the CLI and the provider for four platforms, and nothing else', () => {
    const list = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(list.some((f) => /^package\/(test|bench|\.ci|lib|scripts)\//.test(f))).toBe(false);
    for (const host of ['registry.opentofu.org', 'registry.terraform.io'])
      for (const platform of ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'])
        expect(list).toContain(
          `package/dist/mirror/${host}/nautes-labs/nautes/0.1.0/${platform}/terraform-provider-nautes_v0.1.0`,
        );
    expect(list).toContain('package/dist/lib/cdktf/index.d.ts');
    expect(list).toContain('package/bin/nautes-cdktf.js');
  });

  test.each([
    ['the stock cdktf tsconfig (CommonJS, node10 resolution)', { module: 'CommonJS' }],
    ['moduleResolution node16', { module: 'node16', moduleResolution: 'node16' }],
    ['moduleResolution bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('every documented import path type-checks and loads under %s', async (_label, options) => {
    writeFileSync(
      join(template, 'imports.ts'),
      [
        "import { DeploymentRuntime, NautesProvider, RuntimeInventory } from 'cdktf-provider-nautes/cdktf';",
        "import { startFakeServer } from 'cdktf-provider-nautes/fake-server';",
        "import { NautesClient } from 'cdktf-provider-nautes';",
        'export const all = [DeploymentRuntime, NautesProvider, RuntimeInventory, startFakeServer, NautesClient];',
        '',
      ].join('\n'),
    );
    const base = JSON.parse(readFileSync(join(template, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    writeFileSync(
      join(template, 'tsconfig.imports.json'),
      JSON.stringify({
        compilerOptions: { ...base.compilerOptions, ...options, noEmit: true, incremental: false },
        files: ['imports.ts'],
      }),
    );
    const tsc = await run(
      process.execPath,
      [join(template, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.imports.json'],
      template,
      baseEnv,
    );
    expect(tsc.out).toBe('');
    expect(tsc.code).toBe(0);
    const load = await run(
      process.execPath,
      [
        '-e',
        "for (const m of ['cdktf-provider-nautes/cdktf', 'cdktf-provider-nautes/fake-server', 'cdktf-provider-nautes']) console.log(m, Object.keys(require(m)).length > 0)",
      ],
      template,
      baseEnv,
    );
    expect(load.out).toBe(
      'cdktf-provider-nautes/cdktf true\ncdktf-provider-nautes/fake-server true\ncdktf-provider-nautes true\n',
    );
  });

  test('the provider says so when node is not on PATH', async () => {
    const exe = join(
      template,
      'node_modules',
      'cdktf-provider-nautes',
      'dist',
      'mirror',
      'registry.terraform.io',
      'nautes-labs',
      'nautes',
      '0.1.0',
      'darwin_arm64',
      'terraform-provider-nautes_v0.1.0',
    );
    const r = await run(exe, [], template, { PATH: join(work, 'no-such-dir') });
    expect(r.out).toMatch(
      /^The Nautes provider needs Node.js 20 or newer on PATH, and no 'node' command was found/,
    );
    expect(r.code).toBe(1);
  });

  const envFor = (host: HostBinary | undefined): NodeJS.ProcessEnv =>
    host?.product === 'Terraform'
      ? { ...baseEnv, TERRAFORM_BINARY_NAME: host.binary }
      : { ...baseEnv };
  const npmRun = (dir: string, script: string, host?: HostBinary): Promise<Run> =>
    timed(`npm run ${script}${host ? ` (${host.product})` : ''}`, () =>
      run('npm', ['run', script], dir, envFor(host)),
    );
  const runtimesOnServer = (): Record<string, string> =>
    Object.fromEntries(
      [...(server.service.treeOf('nautes-labs')?.values() ?? [])]
        .filter((f) => f.kind === 'DeploymentRuntime')
        .map((f) => [f.metadata.name, String((f.spec['manifestSource'] as { path: string }).path)]),
    );

  // one full lifecycle, on the first host; the second host deploys and the first then plans no changes
  const [first, second] = hosts as [HostBinary, ...Array<HostBinary | undefined>];
  test.each([[first.product, first] as [string, HostBinary]])(
    'with %s: synth, plan, deploy (adopting a curl-made runtime), change, plan, destroy',
    async (_n, host) => {
      const dir = join(work, `repo-${host.product}`);
      cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
      // the runtime made with curl exists (again) before the first deploy
      await createCurlRuntime(server);
      const tofu = host.product === 'OpenTofu' ? undefined : host;

      const synth = await npmRun(dir, 'synth', tofu);
      expect(synth.code).toBe(0);
      const synthesized = readFileSync(
        join(dir, 'cdktf.out', 'stacks', 'runtimes', 'cdk.tf.json'),
        'utf8',
      );
      expect(JSON.parse(synthesized).terraform.required_providers.nautes.source).toBe(
        'registry.opentofu.org/nautes-labs/nautes',
      );
      expect(synthesized).not.toContain(MAINTAINER);

      const plan = await npmRun(dir, 'plan', tofu);
      expect(plan.out).toMatch(/nautes_deployment_runtime\.dr-curl_runtime .*will be imported/);
      expect(plan.code).toBe(0);
      const commitsBefore = (await server.service.repoOf('nautes-labs')?.log())?.length;
      const deploy = await npmRun(dir, 'deploy', tofu);
      expect(deploy.out).not.toMatch(
        /skip-provider-lock|Could not retrieve the list of available versions/,
      );
      expect(deploy.code).toBe(0);
      // adopted, not written again
      expect((await server.service.repoOf('nautes-labs')?.log())?.length).toBe(commitsBefore);
      const lock = readFileSync(
        join(dir, 'cdktf.out', 'stacks', 'runtimes', '.terraform.lock.hcl'),
        'utf8',
      );
      expect(lock).toMatch(/provider "registry\.opentofu\.org\/nautes-labs\/nautes"[\s\S]*h1:/);
      // the lock file users commit is the project's, beside cdktf.json, with the same provider block
      const projectLock = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
      expect(projectLock).toContain(
        lock.slice(lock.indexOf('provider "registry.opentofu.org/nautes-labs/nautes"')),
      );
      expect((await npmRun(dir, 'plan', tofu)).out).toMatch(/No changes/);

      // change a field and declare a new runtime
      const main = readFileSync(join(dir, 'main.ts'), 'utf8');
      writeFileSync(
        join(dir, 'main.ts'),
        main
          .replace('manifestPath: "manifests/curl"', 'manifestPath: "manifests/curl-v2"')
          .replace(
            '    new RuntimeInventory(',
            "    new DeploymentRuntime(this, 'dr-new', { product: 'nautes-labs', name: 'dr-new', codeRepo: 'api-server', manifestPath: 'manifests/new', environment: 'env-dev', namespaces: ['dr-new'] });\n    new RuntimeInventory(",
          ),
      );
      const changed = await npmRun(dir, 'plan', tofu);
      expect(changed.out).toMatch(
        /nautes_deployment_runtime\.dr-curl_runtime .*will be updated in-place/,
      );
      expect(changed.out).toMatch(/nautes_deployment_runtime\.dr-new_runtime .*will be created/);
      expect((await npmRun(dir, 'deploy', tofu)).code).toBe(0);
      expect(runtimesOnServer()).toEqual({
        'dr-curl': 'manifests/curl-v2',
        'dr-new': 'manifests/new',
      });
      expect((await npmRun(dir, 'plan', tofu)).out).toMatch(/No changes/);

      // the same stack under the other host: no changes, no state surgery
      const other = hosts.find((h) => h !== host);
      if (other) {
        const cross = await npmRun(dir, 'plan', other.product === 'OpenTofu' ? undefined : other);
        expect(cross.out).toMatch(/No changes/);
        expect(cross.code).toBe(0);
      }

      // the fast review plan of the same code agrees
      const review = await npmRun(dir, 'review', tofu);
      expect(review.out).toMatch(/No changes/);

      const destroy = await npmRun(dir, 'destroy', tofu);
      expect(destroy.code).toBe(0);
      expect(runtimesOnServer()).toEqual({});
    },
    600_000,
  );

  (second ? test : test.skip)(
    `with ${second?.product ?? 'Terraform (not on PATH)'}: deploy (adopting a curl-made runtime), then ${first.product} plans no changes, destroy`,
    async () => {
      const host = second as HostBinary;
      const dir = join(work, `repo-${host.product}`);
      cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
      await createCurlRuntime(server);
      const deploy = await npmRun(dir, 'deploy', host);
      expect(deploy.out).toMatch(/nautes_deployment_runtime\.dr-curl_runtime: Import/);
      expect(deploy.code).toBe(0);
      expect(runtimesOnServer()).toEqual({ 'dr-curl': 'manifests/curl' });
      const cross = await npmRun(dir, 'plan');
      expect(cross.out).toMatch(/No changes/);
      expect(cross.code).toBe(0);
      const destroy = await npmRun(dir, 'destroy', host);
      expect(destroy.code).toBe(0);
      expect(runtimesOnServer()).toEqual({});
    },
    300_000,
  );

  test('npm run demo: the example app deployed against the embedded local server, twice (its data is kept)', async () => {
    const dir = join(work, 'demo');
    const init = await run(
      process.execPath,
      [join(root, 'bin', 'nautes-cdktf.js'), 'init', dir],
      work,
      baseEnv,
    );
    expect(init.code).toBe(0);
    // the same install as the template's (package.json differs only in its name)
    cpSync(join(template, 'node_modules'), join(dir, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    const env = { ...baseEnv, NAUTES_API_SERVER: undefined, NAUTES_TOKEN: undefined };
    const first = await timed('npm run demo', () => run('npm', ['run', 'demo'], dir, env));
    expect(first.out).toMatch(/local Nautes server \(demo seed\) on http:\/\/127\.0\.0\.1:\d+/);
    expect(first.out).toMatch(/Apply complete! Resources: 2 added/);
    expect(first.code).toBe(0);
    const files = execFileSync('git', ['ls-files'], {
      cwd: join(dir, '.nautes-demo', 'nautes-labs', 'default.project'),
      encoding: 'utf8',
    });
    expect(files).toContain('runtimes/dr-dev.yaml');
    const second = await timed('npm run demo (again)', () => run('npm', ['run', 'demo'], dir, env));
    expect(second.out).toMatch(/No changes/);
    expect(second.code).toBe(0);
  }, 300_000);

  test.each(hosts.map((h) => [h.product, h] as [string, HostBinary]))(
    'plain HCL with source = "nautes-labs/nautes" and the cli-config file on %s',
    async (_n, host) => {
      const dir = join(work, `hcl-${host.product}`);
      const name = `dr-hcl-${host.product.toLowerCase()}`;
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'main.tf'),
        `terraform {
  required_providers {
    nautes = { source = "nautes-labs/nautes", version = "0.1.0" }
  }
}
provider "nautes" {}
resource "nautes_deployment_runtime" "hcl" {
  product       = "nautes-labs"
  name          = "${name}"
  code_repo     = "api-server"
  manifest_path = "manifests/${name}"
  environment   = "env-dev"
  namespaces    = ["${name}"]
}
`,
      );
      // the CLI configuration a user makes once: theirs (with its plugin cache) plus the mirror
      const config = await run(
        join(template, 'node_modules', '.bin', 'nautes-cdktf'),
        ['cli-config', '--out', join(dir, 'cli.tfrc')],
        dir,
        baseEnv,
      );
      expect(config.out.trim()).toBe(join(dir, 'cli.tfrc'));
      const text = readFileSync(join(dir, 'cli.tfrc'), 'utf8');
      expect(text).toContain(
        `plugin_cache_dir = "${join(String(baseEnv['HOME']), 'plugin-cache')}"`,
      );
      expect(text).toContain(
        join(template, 'node_modules', 'cdktf-provider-nautes', 'dist', 'mirror'),
      );
      const env = { ...baseEnv, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc') };
      const tfRun = (...args: string[]) =>
        timed(`${host.product} ${args[0]} (HCL)`, () => runHost(host, args, dir, env));
      const init = await tfRun('init', '-no-color', '-input=false');
      expect(init.stdout + init.stderr).toMatch(/Installing nautes-labs\/nautes v0\.1\.0/);
      expect(init.code).toBe(0);
      expect((await tfRun('plan', '-no-color', '-input=false', '-detailed-exitcode')).code).toBe(2);
      const apply = await tfRun('apply', '-no-color', '-input=false', '-auto-approve');
      expect(apply.code).toBe(0);
      expect(runtimesOnServer()[name]).toBe(`manifests/${name}`);
      const again = await tfRun('plan', '-no-color', '-input=false', '-detailed-exitcode');
      expect(again.stdout).toMatch(/No changes/);
      expect(again.code).toBe(0);
      expect((await tfRun('destroy', '-no-color', '-input=false', '-auto-approve')).code).toBe(0);
      expect(runtimesOnServer()[name]).toBeUndefined();
    },
    300_000,
  );
});
