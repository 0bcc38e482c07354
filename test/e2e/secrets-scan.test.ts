// Runs the whole user flow with a distinctive token and scans every file and stream it produced
// (cdk.tf.json, state, plan.json, markdown, provider and OpenTofu trace logs, errors, the server's git
// history) for the token. Zero hits allowed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from '../../lib/cli/main';
import { demoSeed, startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, type RuntimeDecl } from '../helpers/cdktf-app';
import { captureIo } from '../helpers/streams';

jest.setTimeout(240_000);

const TOKEN = 'glpat-SECRET-5c1e9a7d2b4f8e60';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...filesUnder(p));
    else if (st.isFile() && st.size < 50_000_000) out.push(p);
  }
  return out;
}

describe('the token never leaks', () => {
  let server: FakeServer;
  let app: CdktfApp;
  const streams: Array<[string, string]> = [];
  beforeAll(async () => {
    const seed = demoSeed();
    seed.users = seed.users.map((u) => (u.username === 'alice' ? { ...u, token: TOKEN } : u));
    server = await startFakeServer({ seed });
    app = new CdktfApp(server.url, TOKEN, {
      TF_LOG: 'trace',
      TF_LOG_PATH: 'tofu-trace.log',
      NAUTES_PROVIDER_LOG: 'provider.log',
    });
  });
  afterAll(async () => {
    await server.close();
    app.cleanup();
  });

  test('in files, streams, logs, errors and the git history of a whole flow', async () => {
    const dr = (name: string, o: Partial<RuntimeDecl> = {}): RuntimeDecl => ({
      id: name,
      product: 'nautes-labs',
      name,
      codeRepo: 'api-server',
      manifestPath: `m/${name}`,
      environment: 'env-dev',
      ...o,
    });
    app.write({
      runtimes: [dr('dr-a'), dr('dr-b', { skipChecks: { reason: 'checking the scan' } })],
      inventories: [{ product: 'nautes-labs' }],
    });
    const record = (
      label: string,
      r: { stdout?: string; stderr?: string; out?: string; err?: string },
    ): void => {
      streams.push(
        [`${label} stdout`, r.stdout ?? r.out ?? ''],
        [`${label} stderr`, r.stderr ?? r.err ?? ''],
      );
    };
    record('cdktf deploy', await app.cdktf('deploy', '--auto-approve'));
    record('cdktf diff', await app.cdktf('diff'));
    for (const format of ['text', 'json', 'markdown']) {
      const io = captureIo(app.env, app.dir);
      await main(['plan', '--format', format, '--out', `plan-${format}.json`], io);
      record(`plan ${format}`, { out: io.out(), err: io.err() });
    }
    writeFileSync(
      join(app.dir, 'comment.md'),
      streams.find(([l]) => l === 'plan markdown stdout')?.[1] ?? '',
    );
    const apply = captureIo(app.env, app.dir);
    await main(['apply', '--plan', 'plan-json.json', '--auto-approve'], apply);
    record('apply', { out: apply.out(), err: apply.err() });
    const imp = captureIo(app.env, app.dir);
    await main(['import', '--product', 'nautes-labs', '--out', 'imported.ts'], imp);
    record('import', { out: imp.out(), err: imp.err() });
    // failures: a wrong product, a reporter's write, a bad plan file
    const wrong = captureIo(app.env, app.dir);
    await main(['import', '--product', 'no-such-product'], wrong);
    record('error: unknown product', { out: wrong.out(), err: wrong.err() });
    expect(wrong.err()).toContain('product "no-such-product" does not exist on the Nautes server');
    const plainHttp = captureIo(
      { ...app.env, NAUTES_API_SERVER: 'http://nautes.example.com' },
      app.dir,
    );
    await main(['plan', '--no-synth'], plainHttp);
    record('error: plain http', { out: plainHttp.out(), err: plainHttp.err() });
    expect(plainHttp.err()).toContain('refusing to send the token over plain HTTP');
    record('cdktf destroy', await app.cdktf('destroy', '--auto-approve'));

    const files = filesUnder(app.dir);
    expect(files.some((f) => f.endsWith('cdk.tf.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('terraform.e2e.tfstate'))).toBe(true);
    expect(files.some((f) => f.endsWith('tofu-trace.log'))).toBe(true);
    expect(files.some((f) => f.endsWith('provider.log'))).toBe(true);
    const gitDir = join(server.dataDir as string, 'nautes-labs', 'default.project');
    const history = execFileSync('git', ['log', '-p', '--all', '--format=%an %ae %cn %ce %B'], {
      cwd: gitDir,
      encoding: 'utf8',
    });

    const hits: string[] = [];
    for (const f of files) if (readFileSync(f).includes(TOKEN)) hits.push(f);
    for (const [label, text] of streams) if (text.includes(TOKEN)) hits.push(label);
    if (history.includes(TOKEN)) hits.push('git history');
    expect(hits).toEqual([]);
    // the scan did look at real material
    expect(files.length).toBeGreaterThan(10);
    expect(streams.map(([, t]) => t.length).reduce((a, b) => a + b, 0)).toBeGreaterThan(5000);
  });
});
