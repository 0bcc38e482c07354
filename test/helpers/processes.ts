// Every child process a test starts goes through here: it runs in its own process group, and the group is
// killed (SIGKILL) after the test (or, when started in beforeAll, after the file) whatever happened. The
// pids are also written to a file that Jest's global teardown reads, so nothing outlives `npm test`.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Tracked {
  readonly child: ChildProcess;
  /** true when started inside a test (killed after that test), false in beforeAll (killed after the file) */
  readonly inTest: boolean;
}

const tracked = new Set<Tracked>();

/** The file listing every tracked process group of this Jest run (read by test/setup/global-teardown.js). */
export function pidFile(): string {
  const dir = join(tmpdir(), 'nautes-test-pids');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${process.env['NAUTES_TEST_RUN'] ?? process.pid}.txt`);
}

function inTest(): boolean {
  return Boolean(expect.getState().currentTestName);
}

/** Starts a child in its own process group and tracks it. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    appendFileSync(pidFile(), `${child.pid}\n`);
    const entry: Tracked = { child, inTest: inTest() };
    // kept after the child exits: its group may still hold grandchildren (tofu, the provider)
    tracked.add(entry);
  }
  return child;
}

/** Kills a process group; true when it was still there. */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Kills the groups started in the current test (`scope: 'test'`) or all of them (`'file'`). */
export function killTracked(scope: 'test' | 'file'): void {
  for (const entry of [...tracked]) {
    if (scope === 'test' && !entry.inTest) continue;
    if (entry.child.pid !== undefined) killGroup(entry.child.pid);
    // stop the pipes from holding the event loop open
    entry.child.stdout?.destroy();
    entry.child.stderr?.destroy();
    entry.child.stdin?.destroy();
    entry.child.unref();
    tracked.delete(entry);
  }
}

/** True while a process exists (signal 0 probes without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
