// `nautes-cdktf cdktf|cdktn diff|deploy|destroy` with no stack named: every stack of the app. cdktf and
// cdktn refuse "Found more than one stack, please specify a target stack" as soon as an app has two;
// deploy and destroy take the glob '*' (in dependency order), diff takes one stack, so the app is
// synthesized once and each stack diffed in turn. With a stack named, the command passes through as typed.
// `--demo` also points the app's state at .nautes-demo/ (NAUTES_STATE_DIR, read by the scaffold's main.ts),
// so a trial run never touches the state of the real stacks. Output to a log (not a terminal) gets CI=1:
// cdktf and cdktn then print no spinner frames (ink redraws them dozens of times a second otherwise).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIo } from '../io';

type Runner = (argv: readonly string[], io: CliIo) => Promise<number>;

/** The commands that synthesize and run the host for stacks. */
const CDK_COMMANDS = new Set(['synth', 'diff', 'plan', 'deploy', 'apply', 'destroy']);

/** cdktf/cdktn options of diff, deploy and destroy that take a value (the next argument, unless `=`). */
const VALUED = new Set([
  '-a',
  '--app',
  '-o',
  '--output',
  '--outputs-file',
  '--parallelism',
  '--terraform-parallelism',
  '--var',
  '--var-file',
  '--log-level',
  '--log-file-directory',
  '--experimental-provider-schema-cache-path',
]);

/** The positional arguments (stack names) among a command's arguments. */
export function namedStacks(args: readonly string[]): string[] {
  const named: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      named.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      if (VALUED.has(a)) i++;
      continue;
    }
    named.push(a);
  }
  return named;
}

/** The output directory the command synthesizes into (cdktf's `-o`, default cdktf.out). */
function outputDir(args: readonly string[], cwd: string): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-o' || a === '--output') return resolve(cwd, args[i + 1] ?? 'cdktf.out');
    if (a.startsWith('--output=')) return resolve(cwd, a.slice('--output='.length));
  }
  return resolve(cwd, 'cdktf.out');
}

/** The options of a diff that synth takes too: which app, which output directory. */
function synthOptions(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (['-a', '--app', '-o', '--output'].includes(a)) kept.push(a, ...args.slice(i + 1, i + 2));
    else if (/^--(app|output)=/.test(a)) kept.push(a);
  }
  return kept;
}

/** The stacks of the synthesized app, in the order of its manifest. */
function synthesizedStacks(dir: string): string[] {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { stacks?: Record<string, unknown> };
  return Object.keys(manifest.stacks ?? {});
}

/** Runs `run` (the cdktf or cdktn pass-through) for every stack when the command names none. */
export async function runEveryStack(
  argv: readonly string[],
  io: CliIo,
  run: Runner,
): Promise<number> {
  const demo = argv[0] === '--demo';
  const args = demo ? argv.slice(1) : [...argv];
  const ioFor: CliIo = {
    ...io,
    env: {
      ...io.env,
      ...(demo ? { NAUTES_STATE_DIR: join(io.cwd, '.nautes-demo') } : {}),
      ...(io.env['CI'] === undefined && !io.stdout.isTTY ? { CI: '1' } : {}),
    },
  };
  const [command, ...given] = args;
  // the demo synthesizes into .nautes-demo/ too: the host's working folder of a stack records its backend,
  // and the real stack's (in cdktf.out/) must not be switched to the demo's state and back
  const ownOutput = given.some((a) => a === '-o' || a === '--output' || a.startsWith('--output='));
  const rest =
    demo && !ownOutput && command !== undefined && CDK_COMMANDS.has(command)
      ? [...given, '--output', join(io.cwd, '.nautes-demo', 'cdktf.out')]
      : given;
  const all = command !== undefined && namedStacks(rest).length === 0;
  const withDemo = (a: readonly string[]): string[] => (demo ? ['--demo', ...a] : [...a]);
  if (all && (command === 'deploy' || command === 'destroy'))
    return run(withDemo([command, ...rest, '*']), ioFor);
  if (!all || command !== 'diff')
    return run(withDemo([...(command ? [command] : []), ...rest]), ioFor);
  // diff: synthesize once, then one diff per stack (without synthesizing again)
  const synth = await run(withDemo(['synth', ...synthOptions(rest)]), ioFor);
  if (synth !== 0) return synth;
  const stacks = synthesizedStacks(outputDir(rest, io.cwd));
  if (stacks.length <= 1) return run(withDemo(['diff', ...rest, '--skip-synth']), ioFor);
  let worst = 0;
  for (const stack of stacks) {
    io.stderr.write(`\n== ${command} ${stack} ==\n`);
    const code = await run(withDemo(['diff', ...rest, '--skip-synth', stack]), ioFor);
    if (code !== 0 && worst === 0) worst = code;
  }
  return worst;
}
