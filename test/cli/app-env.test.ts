// The user's app (the code under review, in CI) runs without credentials: `nautes-cdktf plan` and `apply`
// synthesize it with the tokens removed and still use them against the API; `nautes-cdktf cdktf|cdktn`
// runs synth without them and the host command (which launches the provider) with them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NautesClient } from '../../lib/api';
import { appEnvironment, isCredentialVariable } from '../../lib/cli/app-env';
import { cdkRuns } from '../../lib/cli/commands/cdktf';
import { main } from '../../lib/cli/main';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, runtimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

jest.setTimeout(60_000);

/** Credentials a CI job may hold, each with a value the test looks for in what the app saw. */
const CREDENTIALS: Readonly<Record<string, string>> = {
  NAUTES_PLAN_TOKEN: 'plan-Zq3Rw7Tk1Lm5',
  GITHUB_TOKEN: 'ghs_Ap9Bq2Cr4Ds6Et8F',
  GH_TOKEN: 'gho_Gu1Hv3Iw5Jx7Ky9L',
  GITLAB_TOKEN: 'glpat-Mz2Na4Ob6Pc8Qd0R',
  CI_JOB_TOKEN: 'cijob-Se1Tf3Ug5Vh7Wi9',
  CI_JOB_JWT: 'eyJ.jwt.v0',
  CI_JOB_JWT_V2: 'eyJ.jwt.v2',
  CI_REGISTRY_PASSWORD: 'reg-Xj2Yk4Zl6Am8Bn0',
  CI_DEPLOY_PASSWORD: 'dep-Co1Dp3Eq5Fr7Gs9',
  ACTIONS_RUNTIME_TOKEN: 'art-Ht2Iu4Jv6Kw8Lx0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-My1Nz3Oa5Pb7Qc9',
  ACTIONS_CACHE_TOKEN: 'cache-Rd2Se4Tf6Ug8Vh0',
};
const KEPT = { NAUTES_API_SERVER: 'https://nautes.example.com', CI_JOB_ID: '42', HOME: '/home/ci' };

test('appEnvironment removes exactly the credentials and keeps everything else', () => {
  const env = {
    ...CREDENTIALS,
    ...KEPT,
    NAUTES_TOKEN: MAINTAINER,
    NAUTES_TOKEN_FILE: '/run/secrets/nautes',
    // removed too, by the ACTIONS_*TOKEN* rule (of no use without its token)
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example',
    github_token: 'lower case is another variable',
  };
  const out = appEnvironment(env);
  expect(out).toEqual({
    ...KEPT,
    github_token: 'lower case is another variable',
  });
  expect(env['NAUTES_TOKEN']).toBe(MAINTAINER);
  for (const name of [...Object.keys(CREDENTIALS), 'NAUTES_TOKEN', 'NAUTES_TOKEN_FILE'])
    expect(isCredentialVariable(name)).toBe(true);
});

describe('nautes-cdktf plan and apply synthesize the app without credentials', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let client: NautesClient;
  let dump: string;
  const run = async (env: NodeJS.ProcessEnv, ...argv: string[]) => {
    const io = captureIo(env, app.dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };
  /** What the app saw, and that no credential (by name or by value) was among it. */
  const sawNoCredential = (): Record<string, string> => {
    const text = readFileSync(dump, 'utf8');
    const seen = JSON.parse(text) as Record<string, string>;
    expect(Object.keys(seen).filter(isCredentialVariable)).toEqual([]);
    for (const value of [...Object.values(CREDENTIALS), MAINTAINER])
      expect(text).not.toContain(value);
    return seen;
  };

  beforeEach(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER, CREDENTIALS);
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    dump = join(app.dir, 'env-seen.json');
    app.write({
      runtimes: [runtimeDecl('dr-a')],
      inventories: [{ product: 'nautes-labs' }],
      dumpEnvTo: dump,
    });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
    app.cleanup();
  });

  test('plan and its base app: the app sees no token, the plan used it (one list call, the creates shown)', async () => {
    const base = join(app.dir, 'base');
    mkdirSync(base);
    for (const f of ['cdktf.json', 'app.ts'])
      writeFileSync(join(base, f), readFileSync(join(app.dir, f)));
    writeFileSync(
      join(base, 'spec.json'),
      JSON.stringify({ runtimes: [], dumpEnvTo: join(base, 'env-seen.json') }),
    );
    const before = server.requests.length;
    const plan = await run(app.env, 'plan', '--base-app-dir', base);
    expect(plan.err).toBe('');
    expect(plan.out).toContain('+ nautes-labs/dr-a will be created');
    expect(plan.code).toBe(2);
    expect(server.requests.slice(before).map((r) => r.route)).toEqual(['list']);
    const seen = sawNoCredential();
    expect(seen['NAUTES_API_SERVER']).toBe(server.url);
    const baseSeen = readFileSync(join(base, 'env-seen.json'), 'utf8');
    expect(Object.keys(JSON.parse(baseSeen) as object).filter(isCredentialVariable)).toEqual([]);
  });

  test('with the token in NAUTES_TOKEN_FILE: the app sees neither the file name nor the token; apply writes', async () => {
    const tokenFile = join(app.dir, 'nautes-token');
    writeFileSync(tokenFile, `${MAINTAINER}\n`);
    const env = { ...app.env, NAUTES_TOKEN: undefined, NAUTES_TOKEN_FILE: tokenFile };
    expect((await run(env, 'plan', '--out', 'plan.json')).code).toBe(2);
    expect(sawNoCredential()['NAUTES_TOKEN_FILE']).toBeUndefined();
    rmSync(dump);
    // apply plans the app again (synthesized again) before it sends anything
    const apply = await run(env, 'apply', '--plan', 'plan.json', '--auto-approve');
    expect(apply.out).toContain('Apply complete: 1 applied, 0 failed');
    expect(apply.code).toBe(0);
    sawNoCredential();
    expect((await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name)).toEqual([
      'dr-a',
    ]);
  });
});

describe('nautes-cdktf cdktf|cdktn: synth without credentials, the host command with them', () => {
  // a stand-in for the project's cdktf-cli / cdktn-cli: records each invocation (argv and environment)
  const STAND_IN = `
const { appendFileSync } = require('node:fs');
const argv = process.argv.slice(2);
appendFileSync(process.env.CDK_RECORD, JSON.stringify({ argv, env: process.env }) + '\\n');
process.exit(argv[0] === 'synth' && process.env.CDK_SYNTH_FAILS ? 1 : 0);
`;
  let dir: string;
  let record: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-cdk-env-'));
    record = join(dir, 'record.jsonl');
    for (const [pkg, bin] of [
      ['cdktf-cli', 'cdktf'],
      ['cdktn-cli', 'cdktn'],
    ] as const) {
      const at = join(dir, 'node_modules', pkg);
      mkdirSync(at, { recursive: true });
      writeFileSync(
        join(at, 'package.json'),
        JSON.stringify({ name: pkg, bin: { [bin]: 'cli.js' } }),
      );
      writeFileSync(join(at, 'cli.js'), STAND_IN);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const invoke = async (extra: NodeJS.ProcessEnv, ...argv: string[]) => {
    const env = {
      PATH: process.env['PATH'],
      HOME: dir,
      CDK_RECORD: record,
      NAUTES_API_SERVER: 'https://nautes.example.com',
      NAUTES_TOKEN: MAINTAINER,
      ...CREDENTIALS,
      ...extra,
    };
    const code = await main(argv, captureIo(env, dir));
    const calls = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[]; env: Record<string, string> });
    return {
      code,
      calls: calls.map((c) => ({
        argv: c.argv,
        credentials: Object.keys(c.env).filter(isCredentialVariable).sort(),
      })),
    };
  };
  const ALL = [...Object.keys(CREDENTIALS), 'NAUTES_TOKEN'].sort();

  test.each(['cdktf', 'cdktn'])(
    '%s deploy: synth (with -a and -o) without tokens, then deploy --skip-synth with them',
    async (cli) => {
      const r = await invoke(
        {},
        cli,
        'deploy',
        'stack-a',
        '-a',
        'node app.js',
        '--output=out',
        '--auto-approve',
      );
      expect(r.code).toBe(0);
      expect(r.calls).toEqual([
        { argv: ['synth', '-a', 'node app.js', '--output', 'out'], credentials: [] },
        {
          argv: [
            'deploy',
            'stack-a',
            '-a',
            'node app.js',
            '--output=out',
            '--auto-approve',
            '--skip-synth',
          ],
          credentials: ALL,
        },
      ]);
    },
  );

  test('a failed synth stops there; other commands run once without tokens', async () => {
    const failed = await invoke({ CDK_SYNTH_FAILS: '1' }, 'cdktf', 'diff');
    expect(failed.code).toBe(1);
    expect(failed.calls).toEqual([{ argv: ['synth'], credentials: [] }]);
    rmSync(record);
    const list = await invoke({}, 'cdktf', 'list');
    expect(list.code).toBe(0);
    expect(list.calls).toEqual([{ argv: ['list'], credentials: [] }]);
  });

  test('which command lines synthesize first', () => {
    for (const cmd of ['deploy', 'apply', 'diff', 'plan', 'destroy', 'output', 'outputs'])
      expect(cdkRuns([cmd]).map((s) => s.args[0])).toEqual(['synth', cmd]);
    expect(cdkRuns(['-a', 'node deploy', 'diff'])).toEqual([
      { args: ['synth', '-a', 'node deploy'], credentials: false },
      { args: ['-a', 'node deploy', 'diff', '--skip-synth'], credentials: true },
    ]);
    // already synthesized: one run, with the token (no app runs)
    expect(cdkRuns(['deploy', '--skip-synth'])).toEqual([
      { args: ['deploy', '--skip-synth'], credentials: true },
    ]);
    for (const other of [['synth'], ['get'], ['deploy', '--help'], ['--version']])
      expect(cdkRuns(other)).toEqual([{ args: other, credentials: false }]);
  });
});
