// When the app fails, the fast plan says why as the app's own tools said it: TypeScript's diagnostics with
// file:line of main.ts, or the whole construct error (path, field, value, what is allowed) with its code,
// exit 1, no stack trace unless --debug. The app is a real TypeScript project compiled by the real tsc (the
// scaffold's app command is "tsc && node main.js"), using the built constructs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../lib/cli/main';
import { captureIo } from '../helpers/streams';

jest.setTimeout(60_000);

const root = resolve(__dirname, '..', '..');
const tsc = join(root, 'node_modules', '.bin', 'tsc');

const MAIN = (body: string): string => `import { App, TerraformStack } from 'cdktf';
import { DeploymentRuntime } from ${JSON.stringify(join(root, 'dist', 'lib', 'cdktf'))};

const app = new App();
const stack = new TerraformStack(app, 'runtimes');
${body}
app.synth();
`;

describe('the fast plan shows the app failure', () => {
  let dir: string;
  beforeEach(() => {
    // inside the checkout (gitignored .nautes/), so that cdktf and constructs resolve from its node_modules
    mkdirSync(join(root, '.nautes'), { recursive: true });
    dir = mkdtempSync(join(root, '.nautes', 'app-failure-'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          strict: true,
          noUnusedLocals: true,
          skipLibCheck: true,
          types: [],
        },
        include: ['main.ts'],
      }),
    );
    writeFileSync(
      join(dir, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: `${tsc} -p . && node main.js` }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const plan = async (...flags: string[]) => {
    const io = captureIo(
      {
        NAUTES_API_SERVER: 'http://127.0.0.1:9',
        NAUTES_TOKEN: 'unused-token',
        PATH: process.env['PATH'],
      },
      dir,
    );
    const code = await main(['plan', ...flags], io);
    return { code, err: io.err() };
  };

  test('a TypeScript error: the diagnostics with file:line of main.ts', async () => {
    writeFileSync(
      join(dir, 'main.ts'),
      MAIN(`const port: number = 'eighty';\nvoid stack;\nvoid DeploymentRuntime;\nvoid port;`),
    );
    const r = await plan();
    expect(r.code).toBe(1);
    expect(r.err).toContain('[NAUTES_VALIDATION]');
    expect(r.err).toMatch(
      /TypeScript found 1 error\(s\):\n {2}main\.ts:6:7: error TS2322: Type 'string' is not assignable to type 'number'\./,
    );
  });

  test('a construct error: the whole message with its code and construct path, no stack trace', async () => {
    writeFileSync(
      join(dir, 'main.ts'),
      MAIN(`new DeploymentRuntime(stack, 'api', {
  product: 'nautes-labs',
  name: 'Bad_Name',
  codeRepo: 'api-server',
  manifestPath: 'deploy',
  environment: 'env-dev',
});`),
    );
    const r = await plan();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /the app failed \(exit 1\): \[NAUTES_VALIDATION\] .*runtimes\/api.*name.*Bad_Name/,
    );
    expect(r.err).not.toMatch(/^\s+at /m);
    const debug = await plan('--debug');
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/\n\s+at /);
  });
});
