// `nautes-cdktf cli-config [--out FILE]`: the user's Terraform/OpenTofu CLI configuration plus our mirror.
import { resolve } from 'node:path';
import { writeCliConfig } from '../hosts/cli-config';
import { flagString, parseArgs } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';

export const CLI_CONFIG_HELP = `Usage: nautes-cdktf cli-config [--out FILE]

Writes a Terraform/OpenTofu CLI configuration that installs the Nautes provider (nautes-labs/nautes) from
this package's filesystem mirror, offline, on Terraform >= 1.5 and OpenTofu >= 1.6, and prints its path.
Use it with: export TF_CLI_CONFIG_FILE=$(npx nautes-cdktf cli-config)

Your own configuration is kept (credentials, plugin_cache_dir, other mirrors): it is read from
TF_CLI_CONFIG_FILE, else ~/.terraformrc, else ~/.tofurc. Only provider_installation is merged: the
mirror is added for */nautes-labs/*, and your direct and network_mirror methods exclude it.

Options:
  --out FILE   where to write it (default: ~/.cache/nautes-cdktf/cli-<content hash>.tfrc)
`;

export async function runCliConfig(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['out']);
  const out = flagString(args, 'out');
  io.stdout.write(`${writeCliConfig(io.env, out ? resolve(io.cwd, out) : undefined)}\n`);
  return EXIT.OK;
}
