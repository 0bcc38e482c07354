// cdktf 0.21 (ink) redraws a spinner many times a second unless it runs in CI; a CI log fills with those
// frames. `nautes-cdktf cdktf` sets CI=1 for cdktf when its output goes to a log, not a terminal: no frame
// reaches the log, with CI set or not. (Counted on `cdktf synth` of a one-stack app, the cheapest command
// that shows the spinner.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../helpers/run-command';

const root = join(__dirname, '..', '..');
const FRAME = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const frames = (out: string): number => out.split('\n').filter((l) => FRAME.test(l)).length;

describe('cdktf output in a log', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-quiet-'));
    writeFileSync(
      join(dir, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: 'node main.js', sendCrashReports: 'false' }),
    );
    writeFileSync(
      join(dir, 'main.js'),
      `const { App, TerraformStack } = require(${JSON.stringify(join(root, 'node_modules', 'cdktf'))});\n` +
        "const app = new App();\nnew TerraformStack(app, 'quiet');\napp.synth();\n",
    );
    // no CI variable: what a plain `npm run plan > log` or a CI system that does not set it gives
    env = { PATH: process.env['PATH'], HOME: dir, CHECKPOINT_DISABLE: '1' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('cdktf itself, without CI, writes spinner frames into the log (what this guards against)', async () => {
    const r = await runCommand(
      process.execPath,
      [join(root, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf'), 'synth'],
      dir,
      env,
    );
    expect(r.code).toBe(0);
    expect(frames(r.out)).toBeGreaterThan(0);
  }, 120_000);

  test.each([
    ['without CI', {}],
    ['with CI=true', { CI: 'true' }],
  ])(
    'nautes-cdktf cdktf synth %s: no spinner frame in the log',
    async (_label, extra) => {
      const r = await runCommand(
        process.execPath,
        [join(root, 'bin', 'nautes-cdktf.js'), 'cdktf', 'synth'],
        dir,
        { ...env, ...extra },
      );
      expect(r.out).toContain('Generated Terraform code for the stacks: quiet');
      expect(r.code).toBe(0);
      expect(frames(r.out)).toBe(0);
    },
    120_000,
  );
});
