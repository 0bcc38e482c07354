// nautes-cdktf plan / apply / import against the local Nautes server over HTTP, with a real synthesized app.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { NautesClient } from '../../lib/api';
import { main } from '../../lib/cli/main';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, projectPath, type RuntimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER, REPORTER } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

jest.setTimeout(60_000);

const decl = (name: string, o: Partial<RuntimeDecl> = {}): RuntimeDecl => ({
  id: name,
  product: 'nautes-labs',
  name,
  projects: ['api-server'],
  codeRepo: 'api-server',
  manifestPath: `manifests/${name}`,
  environment: 'env-dev',
  namespaces: [name],
  ...o,
});

describe('nautes-cdktf plan, apply and import', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let client: NautesClient;
  const run = async (...argv: string[]) => {
    const io = captureIo(app.env, app.dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  /** Brings the server to what the app declares (the starting point of tests that need one). */
  const deploy = async (): Promise<void> => {
    expect((await run('plan', '--out', 'deploy.json')).code).toBe(2);
    expect((await run('apply', '--plan', 'deploy.json', '--auto-approve')).code).toBe(0);
  };

  // a fresh server and app per test: no test sees what another wrote
  beforeEach(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    app.write({
      runtimes: [decl('dr-a'), decl('dr-b', { environment: 'env-test' })],
      inventories: [{ product: 'nautes-labs' }],
    });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
    app.cleanup();
  });

  test('plan shows the creates (exit 2) with one list call; apply creates them; the next plan exits 0', async () => {
    const before = server.requests.length;
    const plan = await run('plan', '--out', 'plan.json');
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('+ nautes-labs/dr-a will be created');
    expect(plan.out).toContain(
      'Plan: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.',
    );
    expect(server.requests.slice(before).map((r) => r.route)).toEqual(['list']);

    const apply = await run('apply', '--plan', 'plan.json', '--auto-approve');
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('Apply complete: 2 applied, 0 failed');
    expect(apply.err).toContain('[2/2]');
    expect((await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name)).toEqual([
      'dr-a',
      'dr-b',
    ]);

    const again = await run('plan');
    expect(again.code).toBe(0);
    expect(again.out).toContain('No changes.');
  });

  test('a field changed remotely shows as drift; an undeclared runtime shows as an orphan', async () => {
    await deploy();
    const b = await client.getDeploymentRuntime('nautes-labs', 'dr-b');
    await client.saveDeploymentRuntime('nautes-labs', 'dr-b', {
      ...b,
      destination: { ...b.destination, namespaces: ['moved'] },
    });
    await client.saveDeploymentRuntime('nautes-labs', 'dr-stray', {
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'stray' },
      destination: { environment: 'env-dev' },
    });
    const plan = await run('plan', '--format', 'markdown');
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('| `namespaces` | `["moved"]` | `["dr-b"]` |');
    expect(plan.out).toContain(
      '**Unmanaged runtimes (1, not declared in code):** `nautes-labs/dr-stray`',
    );
    const json = JSON.parse((await run('plan', '--format', 'json')).out);
    expect(json.orphans.map((o: { id: string }) => o.id)).toEqual(['nautes-labs/dr-stray']);
    expect(
      json.resourceChanges.find((c: { id: string }) => c.id === 'nautes-labs/dr-b').actions,
    ).toEqual(['update']);
  });

  test('CI outputs: GitLab report (and plan.json as one), the step summary, a comment marker naming app and stacks', async () => {
    const gitlab = await run('plan', '--format', 'gitlab');
    const report = JSON.parse(gitlab.out) as Record<string, number>;
    expect(Object.keys(report)).toEqual(['create', 'update', 'delete']);
    const json = JSON.parse((await run('plan', '--format', 'json')).out) as Record<
      string,
      unknown
    > & { summary: Record<string, number> };
    // the same three counts at the top of plan.json: a replace counts as one create and one delete
    expect({ create: json['create'], update: json['update'], delete: json['delete'] }).toEqual(
      report,
    );
    expect(report).toEqual({
      create: json.summary['create']! + json.summary['replace']!,
      update: json.summary['update'],
      delete: json.summary['delete']! + json.summary['replace']!,
    });
    writeFileSync(join(app.dir, 'summary.md'), '# earlier step\n');
    const md = await run('plan', '--format', 'markdown', '--summary-file', 'summary.md');
    const marker = md.out.split('\n')[0];
    expect(marker).toBe(`<!-- nautes-cdktf plan app=${app.dir.split('/').pop()} stacks=e2e -->`);
    expect(md.out).toMatch(/Plan `[0-9a-f]{12}` against `http:\/\/127\.0\.0\.1:\d+`/);
    const summary = readFileSync(join(app.dir, 'summary.md'), 'utf8');
    expect(summary.startsWith('# earlier step\n<!-- nautes-cdktf plan app=')).toBe(true);
  });

  test('apply refuses a stale plan with exit 3 and writes nothing', async () => {
    expect((await run('plan', '--out', 'stale.json')).code).toBe(2);
    await client.saveDeploymentRuntime('nautes-labs', 'dr-late', {
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'late' },
      destination: { environment: 'env-dev' },
    });
    const commits = (await server.service.repoOf('nautes-labs')?.log())?.length;
    const apply = await run('apply', '--plan', 'stale.json', '--auto-approve');
    expect(apply.code).toBe(3);
    expect(apply.err).toContain('NAUTES_STALE_PLAN');
    expect(apply.err).toContain('changed since the plan was made');
    expect((await server.service.repoOf('nautes-labs')?.log())?.length).toBe(commits);
  });

  test('apply with a reporter token fails clearly and reports every change', async () => {
    await deploy();
    const b = await client.getDeploymentRuntime('nautes-labs', 'dr-b');
    await client.saveDeploymentRuntime('nautes-labs', 'dr-b', { ...b, account: 'by-hand' });
    expect((await run('plan', '--out', 'rights.json')).code).toBe(2);
    const io = captureIo({ ...app.env, NAUTES_TOKEN: REPORTER }, app.dir);
    const code = await main(['apply', '--plan', 'rights.json', '--auto-approve'], io);
    expect(code).toBe(1);
    expect(io.err()).toContain("needs push rights on `main` of the product's default.project");
    expect(io.out()).toContain('0 applied, 1 failed');
  });

  test('apply without --auto-approve and without a terminal refuses', async () => {
    expect((await run('plan', '--out', 'confirm.json')).code).toBe(2);
    const apply = await run('apply', '--plan', 'confirm.json');
    expect(apply.code).toBe(64);
    expect(apply.err).toContain('pass --auto-approve');
  });

  test('bad input gets a clear error and exit code, never a stack trace', async () => {
    writeFileSync(join(app.dir, 'broken.json'), '{"formatVersion":"1.1"');
    const broken = await run('apply', '--plan', 'broken.json', '--auto-approve');
    expect(broken.code).toBe(3);
    expect(broken.err).toMatch(
      /broken.json is not the plan that was written and reviewed \(cannot read broken.json: not JSON/,
    );
    expect(broken.err).not.toMatch(/\n\s+at /);
    expect((await run('plan', '--format', 'yaml')).code).toBe(64);
    expect((await run('nope')).code).toBe(64);
    const noToken = captureIo({ ...app.env, NAUTES_TOKEN: '' }, app.dir);
    expect(await main(['plan'], noToken)).toBe(1);
    expect(noToken.err()).toContain('NAUTES_API_UNAUTHORIZED');
  });

  test('import writes code that compiles and plans to no changes', async () => {
    await deploy();
    const dir = projectPath('.nautes', `import-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const imp = await run(
        'import',
        '--product',
        'nautes-labs',
        '--out',
        join(dir, 'runtimes.ts'),
      );
      expect(imp.code).toBe(0);
      expect(readFileSync(join(dir, 'runtimes.ts'), 'utf8')).toContain(
        'export function declareNautesLabs(scope: Construct)',
      );
      writeFileSync(
        join(dir, 'app.ts'),
        [
          "import { App, TerraformStack } from 'cdktf';",
          "import { NautesProvider, RuntimeInventory } from 'cdktf-provider-nautes/cdktf';",
          "import { declareNautesLabs } from './runtimes';",
          'const app = new App();',
          "const stack = new TerraformStack(app, 'adopted');",
          "new NautesProvider(stack, 'nautes');",
          'declareNautesLabs(stack);',
          "new RuntimeInventory(stack, 'inventory', { product: 'nautes-labs' });",
          'app.synth();',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'cdktf.json'),
        JSON.stringify({
          language: 'typescript',
          app: `node ${projectPath('scripts', 'run-app.js')} app.ts`,
        }),
      );
      const program = ts.createProgram([join(dir, 'app.ts')], {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        target: ts.ScriptTarget.ES2022,
        skipLibCheck: true,
        types: [],
      });
      const errors = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
      const io = captureIo(app.env, dir);
      expect(await main(['plan'], io)).toBe(0);
      expect(io.out()).toContain('No changes.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('importExisting() of a runtime that is not on the server: an error naming the construct, nothing planned', async () => {
    app.write({ runtimes: [decl('dr-ghost', { importExisting: true })], inventories: [] });
    const r = await run('plan');
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('Cannot import a runtime that does not exist');
    expect(r.out + r.err).toMatch(
      /e2e\/dr-ghost\S* calls importExisting\(\), but product "nautes-labs" has no runtime "dr-ghost" on the server.*remove importExisting\(\)/,
    );
    expect(r.out + r.err).not.toContain('will be created');
  });
});
