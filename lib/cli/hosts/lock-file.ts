// The dependency lock file entry of our provider, written from the package's mirror before the host's first
// `init`. A host that installs from a filesystem mirror can only hash the package of the platform it runs on
// and then warns "Incomplete lock file information"; its advice (`providers lock`) asks the public registry.
// When the lock file already lists hashes beyond the local one, both hosts keep them and do not warn.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MIRROR_HOSTS, MIRROR_PLATFORMS, mirrorDir } from './package-layout';

/** The lock file name both hosts use. */
export const LOCK_FILE = '.terraform.lock.hcl';
/** Our provider's addresses, by the host's default registry (`nautes-labs/nautes` means either). */
export const PROVIDER_ADDRESSES = MIRROR_HOSTS.map((h) => `${h}/nautes-labs/nautes`);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/**
 * The `h1:` hash the hosts record for an unpacked provider package (Go's dirhash "Hash1": a SHA-256 over
 * the sorted lines "<sha256 hex>  <relative path>" of every file).
 */
export function packageHash(dir: string): string {
  const lines = filesUnder(dir)
    .map((f) => relative(dir, f).split(sep).join('/'))
    .sort()
    .map(
      (name) =>
        `${createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex')}  ${name}\n`,
    );
  return `h1:${createHash('sha256').update(lines.join('')).digest('base64')}`;
}

/** The versions the mirror holds for `address`, each with the hash of every platform package. */
export function mirroredHashes(
  address: string,
  mirror: string = mirrorDir(),
): { version: string; hashes: string[] }[] {
  const dir = join(mirror, ...address.split('/'));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((version) => ({
      version,
      hashes: [
        ...new Set(
          MIRROR_PLATFORMS.filter((p) => existsSync(join(dir, version, p))).map((p) =>
            packageHash(join(dir, version, p)),
          ),
        ),
      ].sort(),
    }))
    .filter((v) => v.hashes.length);
}

/** The lock file block of `address` (the newest mirrored version), or undefined if it is not mirrored. */
export function lockBlock(address: string, mirror: string = mirrorDir()): string | undefined {
  const newest = mirroredHashes(address, mirror).at(-1);
  if (!newest) return undefined;
  return [
    `provider "${address}" {`,
    `  version = "${newest.version}"`,
    '  hashes = [',
    ...newest.hashes.map((h) => `    "${h}",`),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/**
 * Adds our provider to `<dir>/.terraform.lock.hcl` for every address in `addresses` the file does not list
 * yet (the file is created when missing; entries already there, ours or not, are left as they are).
 * Returns the addresses added.
 */
export function ensureProviderLocked(
  dir: string,
  addresses: readonly string[] = PROVIDER_ADDRESSES,
  mirror: string = mirrorDir(),
): string[] {
  const file = join(dir, LOCK_FILE);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const added: string[] = [];
  let text = before;
  for (const address of addresses) {
    if (text.includes(`provider "${address}"`)) continue;
    const block = lockBlock(address, mirror);
    if (!block) continue;
    text = `${text}${text && !text.endsWith('\n\n') ? (text.endsWith('\n') ? '\n' : '\n\n') : ''}${block}`;
    added.push(address);
  }
  if (added.length) {
    if (!before)
      text = `# Written by cdktf-provider-nautes from its provider mirror (all four platforms); the host keeps\n# it up to date from here on. Commit it.\n\n${text}`;
    writeFileSync(file, text);
  }
  return added;
}

/** Fully qualified addresses of our provider among `sources` (a short `nautes-labs/nautes` means both). */
export function ourAddresses(sources: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of sources.map((x) => x.toLowerCase())) {
    if (s === 'nautes-labs/nautes') PROVIDER_ADDRESSES.forEach((a) => out.add(a));
    else if (PROVIDER_ADDRESSES.includes(s)) out.add(s);
  }
  return [...out];
}
