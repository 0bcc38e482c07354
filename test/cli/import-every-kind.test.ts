// `nautes-cdktf import` of a product that holds every kind, against the local server: the code compiles
// (tsc, strict) against the packed package, and a synth of it plans no changes, both in the fast plan and
// in OpenTofu with our provider (every object imported, nothing to add, change or destroy).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { main } from '../../lib/cli/main';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, projectPath } from '../helpers/cdktf-app';
import { MAINTAINER, REPORTER } from '../helpers/fake-server';
import { packTarball } from '../helpers/pack';
import { everyKindProductSeed } from '../helpers/seeds';
import { captureIo } from '../helpers/streams';

jest.setTimeout(180_000);

/** The user's app: a stack with the provider that calls the generated function. */
const appSource = (fn: string) => (): string =>
  [
    "import { App, TerraformStack } from 'cdktf';",
    "import { NautesProvider } from 'cdktf-provider-nautes/cdktf';",
    `import { ${fn} } from './imported';`,
    'const app = new App();',
    "const stack = new TerraformStack(app, 'e2e');",
    "new NautesProvider(stack, 'nautes');",
    `const declared = ${fn}(stack);`,
    'void declared;',
    'app.synth();',
    '',
  ].join('\n');

/**
 * The TypeScript errors of `app.ts` and `imported.ts` compiled in a project of their own whose
 * node_modules holds the packed package (unpacked), with a user's strict settings; also where
 * `cdktf-provider-nautes/cdktf` resolved to.
 */
function compileAgainstPackage(
  packageDir: string,
  files: Record<string, string>,
): { errors: string[]; resolved: string | undefined } {
  // inside the checkout, so cdktf and constructs resolve from its node_modules; a package.json of its
  // own, so the package name is not this checkout's own (self-reference) but node_modules'
  // .nautes/ is not in a fresh clone
  mkdirSync(projectPath('.nautes'), { recursive: true });
  const dir = mkdtempSync(join(projectPath('.nautes'), 'import-compile-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"imported-app","private":true}\n');
    mkdirSync(join(dir, 'node_modules'));
    execFileSync('cp', ['-r', packageDir, join(dir, 'node_modules', 'cdktf-provider-nautes')]);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      types: [],
    };
    const program = ts.createProgram(
      Object.keys(files).map((f) => join(dir, f)),
      options,
    );
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    const resolved = ts.resolveModuleName(
      'cdktf-provider-nautes/cdktf',
      join(dir, 'app.ts'),
      options,
      ts.sys,
    ).resolvedModule?.resolvedFileName;
    return { errors, resolved: resolved?.replace(dir, '<project>') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('nautes-cdktf import of every kind', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let packDir: string;
  let packageDir: string;

  beforeAll(() => {
    packDir = mkdtempSync(join(tmpdir(), 'nautes-import-pack-'));
    execFileSync('tar', ['-xzf', packTarball(packDir), '-C', packDir]);
    packageDir = join(packDir, 'package');
  });
  afterAll(() => rmSync(packDir, { recursive: true, force: true }));

  beforeEach(async () => {
    const seed = everyKindProductSeed(2);
    // and a reporter of p0, who sees no tenant repository (clusters)
    server = await startFakeServer({
      seed: {
        ...seed,
        users: [...seed.users, { username: 'rita', token: REPORTER, canCreateGroup: false }],
        products: seed.products.map((p) =>
          p.path === 'p0' ? { ...p, members: { ...p.members, rita: 20 } } : p,
        ),
      },
    });
  });
  afterEach(async () => {
    await server.close();
    app?.cleanup();
  });

  const run = async (env: NodeJS.ProcessEnv, cwd: string, ...argv: string[]) => {
    const io = captureIo(env, cwd);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  test('writes every kind of the product; the code compiles against the packed package; synth and plan show no changes', async () => {
    app = new CdktfApp(server.url, MAINTAINER, {}, appSource('declareP1'));
    const before = server.requests.length;
    const imp = await run(app.env, app.dir, 'import', '--product', 'p1', '--out', 'imported.ts');
    expect(imp.err).toBe(
      'wrote 3 clusters, 1 product, 3 environments, 2 projects, 2 code repos, 1 code repo binding, 1 pipeline runtime, 1 deployment runtime of p1 to imported.ts\n',
    );
    expect(imp.code).toBe(0);
    // one GET of the product, one list per kind of it and of the clusters; nothing written
    expect(
      server.requests.slice(before).map((r) => `${r.method} ${r.resource} ${r.route}`),
    ).toEqual([
      'GET product get',
      'GET environment list',
      'GET project list',
      'GET coderepo list',
      'GET coderepobinding list',
      'GET projectpipelineruntime list',
      'GET deploymentruntime list',
      'GET cluster list',
    ]);
    const code = readFileSync(join(app.dir, 'imported.ts'), 'utf8');
    // the clusters of p1's environments only (not p0's, not the host nobody's environment names)
    expect([...code.matchAll(/new Cluster\(scope, '([^']+)'/g)].map((m) => m[1])).toEqual([
      'cluster-1',
      'pipeline-1',
      'vcluster-1',
    ]);
    expect(code).toContain(
      "  const env = new Environment(scope, 'env', {\n    product: p1,\n    name: 'env',\n    cluster: cluster1,\n",
    );
    expect(code).toContain(
      "    codeRepo: charts,\n    projects: [web],\n    permissions: 'readwrite',\n",
    );
    expect(code).toContain(
      "    projects: [app],\n    codeRepo: appCodeRepo,\n    targetRevision: 'main',\n    manifestPath: 'deploy/dev',\n    environment: env,\n",
    );
    expect(code).toContain("    hostCluster: 'host-1',");
    expect(code).toContain(
      "      { name: 'push', gitlab: { repoName: charts, revision: 'main', events: ['push_events'] } },",
    );
    expect(code).toContain('    environment: envCi,\n');
    expect(code).not.toMatch(/ssh_url|sshUrl|httpUrl|gitlab\.nautes\.local/);
    expect(code).toContain("    // kubeconfigFile: '<fill in: the kubeconfig file>',");

    const compiled = compileAgainstPackage(packageDir, {
      'app.ts': appSource('declareP1')(),
      'imported.ts': code,
    });
    expect(compiled).toEqual({
      errors: [],
      resolved: '<project>/node_modules/cdktf-provider-nautes/dist/lib/cdktf/index.d.ts',
    });

    // the fast plan (runtimes): no changes
    const fast = await run(app.env, app.dir, 'plan');
    expect(fast.out).toContain('No changes.');
    expect(fast.code).toBe(0);

    // synth, then OpenTofu with our provider: every object imported, nothing else planned
    const synth = spawnSync(process.execPath, [projectPath('scripts', 'run-app.js'), 'app.ts'], {
      cwd: app.dir,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      encoding: 'utf8',
    });
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const init = await app.tofu('init', '-no-color', '-input=false');
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const planned = server.requests.length;
    const plan = await app.tofu('plan', '-no-color', '-input=false');
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Plan: 14 to import, 0 to add, 0 to change, 0 to destroy.');
    expect(plan.stdout).not.toMatch(
      /will be (created|updated|destroyed|replaced)|must be replaced/,
    );
    // read from one list per kind and product: no GET of any object
    expect(server.requests.slice(planned).filter((r) => r.route !== 'list')).toEqual([]);

    // the check can fail: without the display name, the product's would be reset to its name
    writeFileSync(
      join(app.dir, 'imported.ts'),
      code.replace("    displayName: 'Product 1',\n", ''),
    );
    expect(
      spawnSync(process.execPath, [projectPath('scripts', 'run-app.js'), 'app.ts'], {
        cwd: app.dir,
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      }).status,
    ).toBe(0);
    const edited = await app.tofu('plan', '-no-color', '-input=false');
    expect(edited.stdout).toContain('Plan: 14 to import, 0 to add, 1 to change, 0 to destroy.');
    expect(edited.stdout).toMatch(/~ display_name += "Product 1" -> "p1"/);
  });

  test('without read rights on the clusters: a note, environments name their cluster as text, and the code compiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautes-import-'));
    try {
      const env = { NAUTES_API_SERVER: server.url, NAUTES_TOKEN: REPORTER };
      const imp = await run(env, dir, 'import', '--product', 'p0', '--function', 'adopt');
      expect(imp.code).toBe(0);
      expect(imp.err).toContain(
        'note: the clusters could not be read (NAUTES_API_PROJECT_NOT_FOUND: the token may lack read rights there), so "cluster-0", "pipeline-0", "vcluster-0" are named as text, not declared',
      );
      expect(imp.out).toContain("    cluster: 'cluster-0',");
      expect(imp.out).not.toContain('new Cluster(');
      expect(imp.out).toContain('export function adopt(scope: Construct) {');
      expect(
        compileAgainstPackage(packageDir, {
          'app.ts': appSource('adopt')(),
          'imported.ts': imp.out,
        }).errors,
      ).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails clearly for a product that is not there, and for a bad --function', async () => {
    const env = { NAUTES_API_SERVER: server.url, NAUTES_TOKEN: MAINTAINER };
    const missing = await run(env, tmpdir(), 'import', '--product', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      'product "nope" does not exist on the Nautes server, or this token cannot see it',
    );
    expect(missing.out).toBe('');
    const bad = await run(env, tmpdir(), 'import', '--product', 'p0', '--function', 'no-dash');
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('--function must be a TypeScript identifier');
    const reserved = await run(env, tmpdir(), 'import', '--product', 'p0', '--function', 'default');
    expect(reserved.code).toBe(64);
    expect(reserved.err).toContain('not a reserved word or "scope", got default');
  });
});
