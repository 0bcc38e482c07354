// Which command `nautes-cdktf cdktf|cdktn` hands to the CDK: every stack when none is named (deploy and
// destroy '*', diff once per stack after one synth), the named one as typed, and the demo apart from the
// real stacks (its own output folder and state). The CDK is stood in for by a recorder of the calls.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namedStacks, runEveryStack } from '../../lib/cli/commands/every-stack';
import { captureIo } from '../helpers/streams';

describe('every stack by default', () => {
  let dir: string;
  let calls: Array<{ argv: readonly string[]; env: Readonly<Record<string, string | undefined>> }>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-every-'));
    calls = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A CDK that records its calls; synth writes a manifest with `stacks`. */
  const cdk =
    (stacks: string[]) =>
    async (argv: readonly string[], io: { env: Readonly<Record<string, string | undefined>> }) => {
      calls.push({ argv, env: io.env });
      const args = argv[0] === '--demo' ? argv.slice(1) : argv;
      if (args[0] === 'synth') {
        const o = args.indexOf('--output');
        const out = o >= 0 ? (args[o + 1] as string) : join(dir, 'cdktf.out');
        mkdirSync(out, { recursive: true });
        writeFileSync(
          join(out, 'manifest.json'),
          JSON.stringify({ stacks: Object.fromEntries(stacks.map((s) => [s, {}])) }),
        );
      }
      return 0;
    };

  test('stack names among the options', () => {
    expect(namedStacks(['--auto-approve', 'runtimes'])).toEqual(['runtimes']);
    expect(namedStacks(['--var', 'a=1', '-o', 'out', '--parallelism', '2'])).toEqual([]);
    expect(namedStacks(['--output=out', 'a', 'b'])).toEqual(['a', 'b']);
  });

  test("deploy and destroy without a name: '*'; with one: as typed", async () => {
    const io = captureIo({ CI: 'true' }, dir);
    await runEveryStack(['deploy', '--auto-approve'], io, cdk(['a', 'b']));
    await runEveryStack(['destroy', '--auto-approve', 'b'], io, cdk(['a', 'b']));
    expect(calls.map((c) => c.argv)).toEqual([
      ['deploy', '--auto-approve', '*'],
      ['destroy', '--auto-approve', 'b'],
    ]);
  });

  test('diff without a name: one synth, then one diff per stack without synthesizing again', async () => {
    const io = captureIo({ CI: 'true' }, dir);
    expect(await runEveryStack(['diff'], io, cdk(['a', 'b']))).toBe(0);
    expect(calls.map((c) => c.argv)).toEqual([
      ['synth'],
      ['diff', '--skip-synth', 'a'],
      ['diff', '--skip-synth', 'b'],
    ]);
    expect(io.err()).toBe('\n== diff a ==\n\n== diff b ==\n');
  });

  test('the demo: its own output folder and state dir; a log without CI gets CI=1', async () => {
    const io = captureIo({}, dir);
    await runEveryStack(['--demo', 'deploy', '--auto-approve'], io, cdk(['runtimes']));
    expect(calls[0]?.argv).toEqual([
      '--demo',
      'deploy',
      '--auto-approve',
      '--output',
      join(dir, '.nautes-demo', 'cdktf.out'),
      '*',
    ]);
    expect(calls[0]?.env['NAUTES_STATE_DIR']).toBe(join(dir, '.nautes-demo'));
    expect(calls[0]?.env['CI']).toBe('1');
  });
});
