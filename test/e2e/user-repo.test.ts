// From scratch, as a user would, in a repository of their own: npm pack; nautes-cdktf init; install the
// tarball and its peers offline; then synth, plan, deploy, change, import, destroy against the local server,
// with OpenTofu and, when it is on PATH, HashiCorp Terraform; a stack moves between the hosts with no state
// surgery; a plain HCL configuration with `source = "nautes-labs/nautes"` works on both hosts.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER, REPORTER, drDevBody, rawHttp } from '../helpers/fake-server';
import { availableHosts, runHost, type HostBinary } from '../helpers/hosts';
import {
  parseGithubWorkflow,
  parseGitlabPipeline,
  gitlabJobs,
  gitlabRuleHolds,
  runGithubWorkflow,
  runGitlabJob,
  type GithubJob,
  type GithubStep,
} from '../helpers/ci-runner';
import { tarballName, writeOfflineLock } from '../helpers/offline-install';
import { githubStandIn, gitlabStandIn, type StandIn } from '../helpers/review-platforms';
import { runCommand, type CommandRun } from '../helpers/run-command';

const root = join(__dirname, '..', '..');
const hosts = availableHosts();
process.stdout.write(`user-repo: hosts ${hosts.map((h) => h.product).join(', ')}\n`);

type Run = CommandRun;
const run = runCommand;

/** The runtime someone made with curl before adopting code (made again where a test needs it). */
const createCurlRuntime = (server: FakeServer): ReturnType<typeof rawHttp> =>
  rawHttp(server.url, 'POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-curl', {
    token: MAINTAINER,
    body: JSON.stringify(
      drDevBody({
        manifest_source: {
          code_repo: 'api-server',
          target_revision: 'HEAD',
          path: 'manifests/curl',
        },
        destination: { environment: 'env-test', namespaces: ['dr-curl'] },
      }),
    ),
  });

describe("a user's own infrastructure repository", () => {
  let work: string;
  let tarball: string;
  let template: string;
  let server: FakeServer;
  let baseEnv: NodeJS.ProcessEnv;
  const timings: string[] = [];
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await f();
    timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'nautes-user-'));
    server = await startFakeServer();
    // a runtime someone created with curl before adopting code
    const curl = await createCurlRuntime(server);
    expect(curl.status).toBe(200);
    baseEnv = {
      PATH: process.env['PATH'],
      HOME: join(work, 'home'),
      npm_config_cache: execFileSync('npm', ['config', 'get', 'cache'], {
        encoding: 'utf8',
      }).trim(),
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: MAINTAINER,
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
      CI: '1',
    };
    // the user's own CLI configuration, which must be kept: a plugin cache
    mkdirSync(join(work, 'home', 'plugin-cache'), { recursive: true });
    writeFileSync(
      join(work, 'home', '.terraformrc'),
      `plugin_cache_dir = "${join(work, 'home', 'plugin-cache')}"\n`,
    );
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    tarball = join(work, tarballName());
    // one init and install, copied for each host (the install is what takes time)
    template = join(work, 'template');
    // (asynchronous: the server runs in this process)
    const init = await run(
      process.execPath,
      [join(root, 'bin', 'nautes-cdktf.js'), 'init', template, '--product', 'nautes-labs'],
      work,
      baseEnv,
    );
    expect(init.out).toMatch(/^Created .*1 runtimes of nautes-labs declared/m);
    expect(init.code).toBe(0);
    writeOfflineLock(template, tarball);
    const install = await timed('npm install --offline', () =>
      run('npm', ['install', '--offline', '--no-audit', '--no-fund'], template, baseEnv),
    );
    expect(install.out).not.toMatch(/ERR!|npm error/);
    expect(install.code).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    process.stdout.write(`user-repo timings:\n  ${timings.join('\n  ')}\n`);
    rmSync(work, { recursive: true, force: true });
  });

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

  describe('the CI files init wrote, their jobs run as the CI systems run them', () => {
    // GitHub and GitLab are stand-ins (test/helpers/review-platforms.ts); the jobs run their own scripts
    // (npm ci included, offline from the npm cache) in a fresh clone per job, as a CI runner would.
    const GH_TOKEN = 'ghs_Ci5Wf8Jk2Lm4Np6Qr8St';
    const GL_TOKEN = 'glpat-Ci3Xy5Zb7Dc9Fe1Gh3Jk';
    let origin: string;
    let dev: string;
    let github: StandIn;
    let gitlab: StandIn;
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'dev',
          GIT_AUTHOR_EMAIL: 'dev@example.com',
          GIT_COMMITTER_NAME: 'dev',
          GIT_COMMITTER_EMAIL: 'dev@example.com',
        },
      }).trim();
    const jobDir = (): string => join(work, 'ci-job');
    const ciEnv = (): NodeJS.ProcessEnv => ({
      ...baseEnv,
      NAUTES_API_SERVER: undefined,
      NAUTES_TOKEN: undefined,
      npm_config_offline: 'true',
    });
    /** A fresh clone at `sha`, as the runner's checkout makes it (full history). */
    const checkout = (sha: string): void => {
      rmSync(jobDir(), { recursive: true, force: true });
      rmSync(join(work, 'base'), { recursive: true, force: true });
      git(work, 'clone', '-q', origin, jobDir());
      git(jobDir(), 'checkout', '-q', '--detach', sha);
    };
    /** Commits the change `edit` makes to main.ts on a new branch from main; returns the commit. */
    const branch = (name: string, edit: (main: string) => string): string => {
      git(dev, 'checkout', '-q', '-B', name, 'main');
      writeFileSync(join(dev, 'main.ts'), edit(readFileSync(join(dev, 'main.ts'), 'utf8')));
      git(dev, 'commit', '-qam', name);
      git(dev, 'push', '-q', 'origin', name);
      return git(dev, 'rev-parse', 'HEAD');
    };
    /** Merges a branch into main with a merge commit; returns the merge commit. */
    const merge = (name: string): string => {
      git(dev, 'checkout', '-q', 'main');
      git(dev, 'merge', '-q', '--no-ff', '-m', `Merge ${name}`, name);
      git(dev, 'push', '-q', 'origin', 'main');
      return git(dev, 'rev-parse', 'HEAD');
    };
    const mainSha = (): string => git(dev, 'rev-parse', 'main');

    /** Runs the jobs of a workflow in `needs` order (each on a fresh runner: a fresh clone). */
    /** One real install per platform (the first plan job's `npm ci`); every other job links it. */
    const installs: string[] = [];
    const installed = (platform: string): string | undefined => {
      if (!installs.includes(platform)) return void installs.push(platform);
      return join(template, 'node_modules');
    };
    const ghJob = async (file: string, sha: string, extra: { event?: unknown } = {}) => {
      const wf = parseGithubWorkflow(readFileSync(join(dev, '.github', 'workflows', file), 'utf8'));
      const event = extra.event ?? {};
      // artifacts of this workflow run, by name
      const artifacts = join(work, 'artifacts');
      rmSync(artifacts, { recursive: true, force: true });
      writeFileSync(join(work, 'event.json'), JSON.stringify(event));
      writeFileSync(join(work, 'summary.md'), '');
      const env = {
        ...ciEnv(),
        GITHUB_ACTIONS: 'true',
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_EVENT_PATH: join(work, 'event.json'),
        GITHUB_SHA: sha,
        GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
      };
      // repository secrets (the plan token: a reporter's, which may only read), and the secrets of the
      // environment nautes-production, which only a job naming that environment gets
      const secrets = { NAUTES_PLAN_TOKEN: REPORTER, GITHUB_TOKEN: GH_TOKEN };
      const environments: Record<string, Record<string, string>> = {
        'nautes-production': { NAUTES_TOKEN: MAINTAINER },
      };
      const context = (job: GithubJob) => ({
        vars: { NAUTES_API_SERVER: server.url },
        secrets: { ...secrets, ...(job.environment ? environments[job.environment] : {}) },
        github: { event },
      });
      const checkedOut: string[] = [];
      const uses = async (step: GithubStep): Promise<void> => {
        if (step.uses === 'actions/checkout@v4') {
          expect(step.with?.['persist-credentials']).toBe(false);
          const ref = typeof step.with?.['ref'] === 'string' ? step.with['ref'] : sha;
          checkedOut.push(ref);
          return checkout(ref);
        }
        if (step.uses === 'actions/setup-node@v4')
          return void expect(Number(step.with?.['node-version'])).toBeGreaterThanOrEqual(20);
        const artifact = join(artifacts, String(step.with?.['name']));
        if (step.uses === 'actions/upload-artifact@v4') {
          // the files it names exist; they are kept for the jobs after
          mkdirSync(artifact, { recursive: true });
          for (const f of String(step.with?.['path']).split('\n').filter(Boolean)) {
            expect(existsSync(join(jobDir(), f.trim()))).toBe(true);
            cpSync(join(jobDir(), f.trim()), join(artifact, f.trim()));
          }
          return;
        }
        expect(step.uses).toBe('actions/download-artifact@v4');
        expect(existsSync(artifact)).toBe(true);
        cpSync(artifact, jobDir(), { recursive: true });
      };
      const r = await timed(`GitHub workflow ${file}`, () =>
        runGithubWorkflow(wf, {
          cwd: jobDir,
          env,
          context,
          uses,
          installed: () => installed('github'),
        }),
      );
      return { ...r, checkedOut, summary: readFileSync(join(work, 'summary.md'), 'utf8') };
    };
    const glJob = async (name: string, sha: string, vars: Record<string, string>) => {
      const pipeline = parseGitlabPipeline(readFileSync(join(dev, '.gitlab-ci.yml'), 'utf8'));
      const job = gitlabJobs(pipeline)[name];
      if (!job) throw new Error(`no job ${name}`);
      const ci = {
        GITLAB_CI: 'true',
        CI_API_V4_URL: `${gitlab.url}/api/v4`,
        CI_PROJECT_ID: '7',
        CI_COMMIT_SHA: sha,
        CI_DEFAULT_BRANCH: 'main',
        ...vars,
      };
      expect((job.rules ?? []).some((rule) => gitlabRuleHolds(rule.if, ci))).toBe(true);
      checkout(sha);
      // project CI/CD variables (masked) and the predefined ones; the protected NAUTES_TOKEN only in
      // pipelines of the protected default branch (an MR pipeline has no CI_COMMIT_BRANCH)
      const env = {
        ...ciEnv(),
        ...ci,
        NAUTES_API_SERVER: server.url,
        NAUTES_PLAN_TOKEN: REPORTER,
        ...(vars['CI_COMMIT_BRANCH'] === 'main' ? { NAUTES_TOKEN: MAINTAINER } : {}),
        GITLAB_TOKEN: GL_TOKEN,
      };
      return timed(`GitLab job ${name}`, () =>
        runGitlabJob(pipeline, job, { cwd: jobDir(), env, installed: installed('gitlab') }),
      );
    };
    const onServer = async (name: string) => {
      const r = await rawHttp(
        server.url,
        'GET',
        `/api/v1/products/nautes-labs/deploymentruntimes/${name}`,
        { token: MAINTAINER },
      );
      return r.status === 200
        ? (JSON.parse(r.text) as { manifest_source: { path: string }; account?: string })
        : undefined;
    };
    const declare =
      (name: string, path = `manifests/${name}`) =>
      (m: string): string =>
        m.replace(
          '    new RuntimeInventory(',
          `    new DeploymentRuntime(this, '${name}', { product: 'nautes-labs', name: '${name}', codeRepo: 'api-server', manifestPath: '${path}', environment: 'env-dev', namespaces: ['${name}'] });\n    new RuntimeInventory(`,
        );

    beforeAll(async () => {
      github = await githubStandIn(GH_TOKEN, 'acme/infra');
      gitlab = await gitlabStandIn(GL_TOKEN, '7');
      // the runtime made with curl exists, as when the repository was made with init --product
      await createCurlRuntime(server);
      origin = join(work, 'origin.git');
      git(work, 'init', '-q', '--bare', '-b', 'main', origin);
      dev = join(work, 'ci-dev');
      cpSync(template, dev, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => !src.includes('node_modules'),
      });
      git(dev, 'init', '-q', '-b', 'main');
      git(dev, 'add', '-A');
      git(dev, 'commit', '-qm', 'init');
      git(dev, 'remote', 'add', 'origin', origin);
      git(dev, 'push', '-q', 'origin', 'main');
    }, 60_000);
    afterAll(async () => {
      await github?.close();
      await gitlab?.close();
    });

    test('GitHub Actions: plan and comment on the PR, apply the reviewed plan after merge, report drift', async () => {
      // PR 1 declares dr-ci
      const base = mainSha();
      const head = branch('add-ci', declare('dr-ci'));
      const event = {
        number: 1,
        pull_request: { number: 1, base: { sha: base }, head: { sha: head } },
      };
      const plan = await ghJob('nautes-plan.yml', head, { event });
      expect(plan.code).toBe(0);
      // the plan job on the pull request's code; the comment job on the base's, with the uploaded plan
      expect(plan.jobs).toEqual(['plan', 'comment']);
      expect(plan.checkedOut).toEqual([head, base]);
      expect(plan.uses).toEqual([
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/upload-artifact@v4',
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/download-artifact@v4',
      ]);
      expect(git(jobDir(), 'rev-parse', 'HEAD')).toBe(base);
      expect(plan.summary).toContain('**Changed by this pull request (1):** `nautes-labs/dr-ci`');
      expect(JSON.parse(readFileSync(join(jobDir(), 'plan.json'), 'utf8'))).toMatchObject({
        create: 1,
        update: 0,
        delete: 0,
      });
      const comments = github.comments.get('acme/infra#1') ?? [];
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toMatch(
        /^<!-- nautes-cdktf plan app=ci-job stacks=runtimes -->\n<!-- nautes-cdktf review v2 plan=/,
      );

      // merged: the apply job applies the reviewed plan
      const merged = merge('add-ci');
      github.merged.set(merged, { number: 1, head, labels: [] });
      const apply = await ghJob('nautes-apply.yml', merged);
      expect(apply.out).toContain('Applying the plan reviewed on pull request #1');
      expect(apply.code).toBe(0);
      expect((await onServer('dr-ci'))?.manifest_source.path).toBe('manifests/dr-ci');

      // a change made on the server fails the nightly job (no drift: the GitLab test below)
      const original = await onServer('dr-ci');
      await rawHttp(server.url, 'POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-ci', {
        token: MAINTAINER,
        body: JSON.stringify({ ...original, account: 'by-hand' }),
      });
      const drift = await ghJob('nautes-drift.yml', merged);
      expect(drift.out).toContain('::error::Drift: runtimes were changed on the server');
      expect(drift.summary).toContain('`nautes-labs/dr-ci`');
      expect(drift.code).toBe(1);
      // put back, so the server again holds what main declares (the GitLab test checks no drift)
      await rawHttp(server.url, 'POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-ci', {
        token: MAINTAINER,
        body: JSON.stringify(original),
      });

      // (a stale plan after merge is refused with exit 3, and removals without the approval label with
      // exit 6, by the same command: test/cli/apply-reviewed.test.ts)
    }, 600_000); // the plan job runs npm ci; the jobs after it link its install

    test('GitLab CI: plan with the Terraform report and a note on the MR, apply after merge, scheduled drift check', async () => {
      const base = mainSha();
      const head = branch('add-gl', declare('dr-gl'));
      const plan = await glJob('nautes-plan', head, {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '4',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
      });
      expect(plan.code).toBe(0);
      // the artifacts the job declares, and the report the MR widget reads
      expect(JSON.parse(readFileSync(join(jobDir(), 'plan.json'), 'utf8'))).toMatchObject({
        create: 1,
        update: 0,
        delete: 0,
      });
      expect(readFileSync(join(jobDir(), 'plan.md'), 'utf8')).toContain(
        '**Changed by this pull request (1):** `nautes-labs/dr-gl`',
      );
      expect(gitlab.comments.get('7!4')).toHaveLength(1);
      const merged = merge('add-gl');
      gitlab.merged.set(merged, { number: 4, head, labels: [] });
      const apply = await glJob('nautes-apply', merged, {
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
      });
      expect(apply.out).toContain('Applying the plan reviewed on merge request !4');
      expect(apply.code).toBe(0);
      expect((await onServer('dr-gl'))?.manifest_source.path).toBe('manifests/dr-gl');
      const drift = await glJob('nautes-drift', merged, {
        CI_PIPELINE_SOURCE: 'schedule',
        CI_COMMIT_BRANCH: 'main',
      });
      expect(drift.out).toContain('No drift');
      expect(drift.code).toBe(0);
    }, 600_000);
  });
});
