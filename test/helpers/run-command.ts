// Runs a command as a user would in a terminal: output of both streams, colours stripped, exit code.
import { spawnTracked } from './processes';

/** A finished command. */
export interface CommandRun {
  code: number;
  out: string;
}

/** Runs `cmd` (tracked: killed after the test if still running) and collects stdout and stderr. */
export function runCommand(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawnTracked(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    // cdktf colours its output even with NO_COLOR
    child.on('close', (code) =>
      resolve({ code: code ?? 1, out: out.replace(/\u001b\[[0-9;]*m/g, '') }),
    );
  });
}
