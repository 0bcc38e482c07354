// Where this installed package keeps its provider mirror. Found from this file, so it works wherever npm put
// the package (node_modules of a user's repo, a global install, or this checkout).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Hostnames the mirror serves the provider under (`nautes-labs/nautes` means one or the other by host). */
export const MIRROR_HOSTS = ['registry.opentofu.org', 'registry.terraform.io'] as const;
/** Platforms the mirror lays the provider out for. */
export const MIRROR_PLATFORMS = [
  'linux_amd64',
  'linux_arm64',
  'darwin_amd64',
  'darwin_arm64',
] as const;

let root: string | undefined;

/** The package root: the nearest folder above this file with our package.json (looked up once). */
export function packageRoot(): string {
  root ??= findPackageRoot(__dirname);
  return root;
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
        'cdktf-provider-nautes'
    )
      return dir;
    if (dirname(dir) === dir)
      throw new Error(`cannot find the cdktf-provider-nautes package above ${from}`);
  }
}

/** The filesystem mirror inside the package. */
export function mirrorDir(): string {
  return join(packageRoot(), 'dist', 'mirror');
}
