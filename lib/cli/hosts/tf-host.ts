// `nautes-tf-host`: what cdktf runs as TERRAFORM_BINARY_NAME. It passes every command through to the real
// host (OpenTofu or Terraform, NAUTES_TF_HOST) but one: `providers lock` ignores the CLI configuration's
// mirrors and asks the origin registry, which knows nothing of this provider. So our provider is locked
// from the package's mirror for all four platforms, and any other provider as cdktf asked. Before `init`, the
// lock file gets our provider's hashes of all four platforms when it lacks them (lib/cli/hosts/lock-file.ts):
// the host's first init then records no "Incomplete lock file information". The lock file that counts is the
// project's, beside cdktf.json (lib/cli/hosts/project-lock.ts): copied in before init, written back after.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureProviderLocked, ourAddresses } from './lock-file';
import { MIRROR_PLATFORMS, mirrorDir } from './package-layout';
import { projectRootOf, saveProjectLock, seedStackLock } from './project-lock';

const OURS = /(^|\/)nautes-labs\/nautes$/;

function run(binary: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: 'inherit', env });
    // Ctrl-C reaches the host through the terminal's process group; a SIGTERM sent to us is passed on
    const forward = (): void => void child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    process.on('SIGINT', () => undefined);
    child.on('error', (e) => {
      process.stderr.write(`nautes-tf-host: cannot run ${binary}: ${e.message}\n`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 + 15 : 1));
    });
  });
}

/** The provider sources the configuration in `cwd` requires (cdktf writes cdk.tf.json). */
function requiredSources(cwd: string): string[] {
  const file = join(cwd, 'cdk.tf.json');
  if (!existsSync(file)) return [];
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    terraform?: { required_providers?: Record<string, { source?: string }> };
  };
  return Object.values(doc.terraform?.required_providers ?? {})
    .map((p) => p.source ?? '')
    .filter(Boolean);
}

/** Runs one host command; resolves with its exit code. */
export async function runTfHost(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  const host = env['NAUTES_TF_HOST'];
  if (!host) {
    process.stderr.write(
      'nautes-tf-host: NAUTES_TF_HOST is not set (run through "nautes-cdktf cdktf ...", which sets it)\n',
    );
    return 2;
  }
  const [cmd, sub] = argv;
  // only a stack folder of a cdktf project (cdk.tf.json there, cdktf.json above) has a project lock file
  const root = existsSync(join(cwd, 'cdk.tf.json')) ? projectRootOf(cwd) : undefined;
  const locks = cmd === 'init' || (cmd === 'providers' && sub === 'lock');
  if (root && locks) seedStackLock(cwd, root);
  if (cmd === 'init') {
    const addresses = ourAddresses(requiredSources(cwd));
    if (addresses.length) ensureProviderLocked(cwd, addresses);
  }
  const code = await runLocking(host, argv, env, cwd);
  if (root && locks && code === 0 && saveProjectLock(cwd, root))
    process.stderr.write(`nautes-tf-host: updated ${join(root, '.terraform.lock.hcl')}\n`);
  return code;
}

async function runLocking(
  host: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  const explicitMirror = rest.some((a) => /^-(fs|net)-mirror/.test(a));
  if (cmd !== 'providers' || sub !== 'lock' || explicitMirror) return run(host, argv, env);

  const flags = rest.filter((a) => a.startsWith('-') && !a.startsWith('-platform'));
  const named = rest.filter((a) => !a.startsWith('-'));
  const sources = named.length ? named : requiredSources(cwd);
  const ours = sources.filter((s) => OURS.test(s));
  const others = sources.filter((s) => !OURS.test(s));
  if (ours.length) {
    const code = await run(
      host,
      [
        'providers',
        'lock',
        `-fs-mirror=${mirrorDir()}`,
        ...MIRROR_PLATFORMS.map((p) => `-platform=${p}`),
        ...flags,
        ...ours,
      ],
      env,
    );
    if (code !== 0) return code;
  }
  if (others.length || !ours.length)
    return run(
      host,
      ['providers', 'lock', ...rest.filter((a) => a.startsWith('-')), ...others],
      env,
    );
  return 0;
}
