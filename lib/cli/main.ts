// The `nautes-cdktf` entry: process in, exit code out. The only CLI file that touches `process`.
import { NautesError } from '../errors';
import { redactorForEnv } from '../internal/redact';
import { UsageError } from './arguments';
import { APPLY_HELP, runApply } from './commands/apply';
import { CDKTF_HELP, CDKTN_HELP, runCdktf, runCdktn } from './commands/cdktf';
import { CLI_CONFIG_HELP, runCliConfig } from './commands/cli-config';
import { COMMENT_HELP, runComment } from './commands/comment';
import { FAKE_SERVER_HELP, runFakeServer } from './commands/fake-server';
import { IMPORT_HELP, runImport } from './commands/import';
import { INIT_HELP, runInit } from './commands/init';
import { PLAN_HELP, runPlan } from './commands/plan';
import { runEveryStack } from './commands/every-stack';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';

const HELP = `Usage: nautes-cdktf <command> [options]

Manage Nautes deployment runtimes declared with CDKTF (or cdktn, its maintained continuation).

Commands:
  plan          plan the runtimes of a CDKTF app against the Nautes API (text, plan.json, PR markdown)
  apply         apply exactly a reviewed plan: a plan.json, or (--reviewed) the one on the merged PR/MR
  import        generate code (with import blocks) for everything a product already has
  comment       post the plan comment on a GitHub PR or GitLab MR, or update it in place
  init          scaffold a new infrastructure repository (package.json, tsconfig, cdktf.json, main.ts)
  cdktf         run your project's cdktf CLI with the provider mirror and host set up (--demo: local server)
  cdktn         the same for a project on cdktn (cdktn-cli, Node >= 22.19)
  cli-config    write a Terraform/OpenTofu CLI configuration = yours + the provider mirror; print its path
  fake-server   run the local Nautes API server (demo seed by default)

Run "nautes-cdktf <command> --help" for a command's options.
Environment: NAUTES_API_SERVER, NAUTES_TOKEN or NAUTES_TOKEN_FILE, NAUTES_CA_CERT.
`;

type Command = { help: string; run: (argv: readonly string[], io: CliIo) => Promise<number> };
const COMMANDS: Record<string, Command> = {
  plan: { help: PLAN_HELP, run: runPlan },
  apply: { help: APPLY_HELP, run: runApply },
  import: { help: IMPORT_HELP, run: runImport },
  init: { help: INIT_HELP, run: runInit },
  comment: { help: COMMENT_HELP, run: runComment },
  // diff, deploy and destroy without a stack name: every stack of the app
  cdktf: { help: CDKTF_HELP, run: (argv, io) => runEveryStack(argv, io, runCdktf) },
  cdktn: { help: CDKTN_HELP, run: (argv, io) => runEveryStack(argv, io, runCdktn) },
  'cli-config': { help: CLI_CONFIG_HELP, run: runCliConfig },
  'fake-server': { help: FAKE_SERVER_HELP, run: runFakeServer },
};

/** Runs the CLI with the given arguments; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr.write(`nautes-cdktf: unknown command "${name}"\n\n${HELP}`);
    return EXIT.USAGE;
  }
  // cdktf's own options (including its --help) pass through
  if (name !== 'cdktf' && name !== 'cdktn' && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout.write(cmd.help);
    return EXIT.OK;
  }
  const redactor = io.redactor ?? redactorForEnv(io.env);
  try {
    return await cmd.run(rest, { ...io, redactor });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`nautes-cdktf ${name}: ${e.message}\n\n${cmd.help}`);
      return EXIT.USAGE;
    }
    const code = NautesError.isNautesError(e) ? ` [${e.code}]` : '';
    io.stderr.write(
      `nautes-cdktf ${name}: error${code}: ${redactor.redact(e instanceof Error ? e.message : String(e))}\n`,
    );
    const refusedPlan = [
      'NAUTES_STALE_PLAN',
      'NAUTES_PLAN_EDITED',
      'NAUTES_PLAN_MISMATCH',
      'NAUTES_PLAN_NOT_APPLICABLE',
      'NAUTES_REVIEW_MISSING',
      'NAUTES_REVIEW_COMMENT_REFUSED',
    ];
    if (NautesError.isNautesError(e) && e.code === 'NAUTES_REMOVALS_NOT_APPROVED')
      return EXIT.REMOVALS_NOT_APPROVED;
    return NautesError.isNautesError(e) && refusedPlan.includes(e.code)
      ? EXIT.STALE_PLAN
      : EXIT.ERROR;
  }
}

/** Runs `main` on the real process. */
export function runCli(): void {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    execPath: process.execPath,
    nodeVersion: process.versions.node,
    // Ctrl-C and a SIGTERM (a CI job cancelled) both stop new changes and end with the summary
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
    },
    cwd: process.cwd(),
    waitForStopSignal: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `nautes-cdktf: internal error: ${redactorForEnv(process.env).redact(String(e))}\n`,
      );
      process.exitCode = EXIT.ERROR;
    },
  );
}
