// `nautes-cdktf cli-config [--out FILE]`: the user's Terraform/OpenTofu CLI configuration plus our mirror.
import { resolve } from 'node:path';
import { writeCliConfig } from '../hosts/cli-config';
import { ensureProviderLocked } from '../hosts/lock-file';
import { flagString, parseArgs } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';

export const CLI_CONFIG_HELP = `Usage: nautes-cdktf cli-config [--out FILE] [--lock DIR]

Writes a Terraform/OpenTofu CLI configuration that installs the Nautes provider (nautes-labs/nautes) from
this package's filesystem mirror, offline, on Terraform >= 1.5 and OpenTofu >= 1.6, and prints its path.
Use it with: export TF_CLI_CONFIG_FILE=$(npx nautes-cdktf cli-config --lock .)

Your own configuration is kept (credentials, plugin_cache_dir, other mirrors): it is read from
TF_CLI_CONFIG_FILE, else ~/.terraformrc, else ~/.tofurc. Only provider_installation is merged: the
mirror is added for */nautes-labs/*, and your direct and network_mirror methods exclude it.

Options:
  --out FILE   where to write it (default: ~/.cache/nautes-cdktf/cli-<content hash>.tfrc)
  --lock DIR   also add the provider to DIR/.terraform.lock.hcl with its hashes for all four platforms
               (linux and darwin, amd64 and arm64), unless the file lists it already: the first
               "terraform init" / "tofu init" then warns of no "Incomplete lock file information", and
               the lock file works on every platform. Nothing is downloaded.
`;

export async function runCliConfig(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['out', 'lock']);
  const out = flagString(args, 'out');
  const lock = flagString(args, 'lock');
  // stdout is the path only (it is used as $(...)): what the lock step did goes to stderr
  if (lock) {
    const added = ensureProviderLocked(resolve(io.cwd, lock));
    io.stderr.write(
      added.length
        ? `nautes-cdktf: locked ${added.join(', ')} for all four platforms in ${resolve(io.cwd, lock, '.terraform.lock.hcl')}\n`
        : `nautes-cdktf: ${resolve(io.cwd, lock, '.terraform.lock.hcl')} lists the provider already\n`,
    );
  }
  io.stdout.write(`${writeCliConfig(io.env, out ? resolve(io.cwd, out) : undefined)}\n`);
  return EXIT.OK;
}
