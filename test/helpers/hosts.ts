// The Terraform-protocol hosts the e2e tests run: OpenTofu from npm always, HashiCorp Terraform when it is on
// PATH (it is on the CI machines). Each runs in a temp dir with the package's CLI configuration.
import { execFileSync } from 'node:child_process';
import { spawnTracked } from './processes';

const paths = require('../../scripts/paths') as { tofuBinary: string };

/** One host binary. */
export interface HostBinary {
  /** "OpenTofu" or "Terraform" */
  readonly product: string;
  readonly binary: string;
}

/** The hosts to test with: OpenTofu, and Terraform when `terraform` is on PATH. */
export function availableHosts(): HostBinary[] {
  const hosts: HostBinary[] = [{ product: 'OpenTofu', binary: paths.tofuBinary }];
  try {
    const path = execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim();
    if (path) hosts.push({ product: 'Terraform', binary: path });
  } catch {
    // not on PATH: the Terraform cases are reported as not run by the test that asks
  }
  return hosts;
}

export interface HostRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a host command in `cwd` with `env`; the child is tracked and killed after the test. */
export function runHost(
  host: HostBinary,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<HostRun> {
  return new Promise((resolve) => {
    const child = spawnTracked(host.binary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
