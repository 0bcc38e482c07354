// A loopback npm registry standing in for registry.npmjs.org: this package from the packed tarball, and every
// package of this repository's lockfile (same versions, same integrity) with its tarball read from the npm
// cache that `npm ci` filled. So `npx cdktf-provider-nautes ...` and a plain `npm install` run as a user
// types them, with an empty npm cache of their own and no network.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  link?: boolean;
  [key: string]: unknown;
}

/** The manifest fields npm resolves and installs with. */
const MANIFEST_FIELDS = [
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bin',
  'engines',
  'os',
  'cpu',
  'hasInstallScript',
  'license',
] as const;

/** A running registry. */
export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/` (for npm_config_registry). */
  readonly url: string;
  /** Tarball requests served (how many packages npm fetched). */
  readonly served: () => number;
  close(): Promise<void>;
}

/** Where cacache keeps the content of `integrity` (the first hash of the string). */
function cachedContent(cache: string, integrity: string): string {
  const [first = ''] = integrity.split(/\s+/);
  const dash = first.indexOf('-');
  const hex = Buffer.from(first.slice(dash + 1), 'base64').toString('hex');
  return join(
    cache,
    '_cacache',
    'content-v2',
    first.slice(0, dash),
    hex.slice(0, 2),
    hex.slice(2, 4),
    hex.slice(4),
  );
}

/** Orders `1.2.3` and `1.2.3-rc.1` versions (a release after its pre-releases). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number[], string] => {
    const [core = '', pre = ''] = v.split('-', 2);
    return [core.split('.').map(Number), pre];
  };
  const [ca, pa] = parse(a);
  const [cb, pb] = parse(b);
  for (let i = 0; i < 3; i++) if ((ca[i] ?? 0) !== (cb[i] ?? 0)) return (ca[i] ?? 0) - (cb[i] ?? 0);
  if (pa === pb) return 0;
  if (!pa) return 1;
  if (!pb) return -1;
  return pa < pb ? -1 : 1;
}

/** Starts the registry: `tarball` is this package as packed, `cache` the npm cache to read the others from. */
export async function startLocalRegistry(tarball: string, cache: string): Promise<LocalRegistry> {
  const root = join(__dirname, '..', '..');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  // name -> version -> manifest and the file holding its tarball
  const packages = new Map<
    string,
    Map<string, { manifest: Record<string, unknown>; file: string; integrity: string }>
  >();
  const add = (
    name: string,
    version: string,
    manifest: Record<string, unknown>,
    file: string,
    integrity: string,
  ): void => {
    const versions = packages.get(name) ?? new Map();
    versions.set(version, { manifest, file, integrity });
    packages.set(name, versions);
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.link || !entry.version || !entry.integrity) continue;
    const file = cachedContent(cache, entry.integrity);
    if (!existsSync(file)) continue; // another platform's optional binary, never fetched by npm ci
    const name =
      entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest: Record<string, unknown> = { name, version: entry.version };
    for (const f of MANIFEST_FIELDS) if (entry[f] !== undefined) manifest[f] = entry[f];
    // the lockfile marks bundled packages on the children (inBundle); the packument names them on the parent,
    // or npm would ask the registry for them
    const bundled = Object.keys(
      (entry['dependencies'] as Record<string, string> | undefined) ?? {},
    ).filter((d) => lock.packages[`${path}/node_modules/${d}`]?.['inBundle']);
    if (bundled.length) manifest['bundleDependencies'] = bundled;
    add(name, entry.version, manifest, file, entry.integrity);
  }
  const ours = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  ) as Record<string, unknown> & { name: string; version: string };
  const oursIntegrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  add(ours.name, ours.version, { ...ours }, tarball, oursIntegrity);

  let url = '';
  let served = 0;
  const tarballPath = (name: string, version: string): string =>
    `/${name}/-/${name.split('/').pop() as string}-${version}.tgz`;
  const files = new Map<string, string>();
  for (const [name, versions] of packages)
    for (const [version, v] of versions) files.set(tarballPath(name, version), v.file);

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    const file = files.get(path);
    if (file) {
      served++;
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': statSync(file).size,
      });
      createReadStream(file).pipe(res);
      return;
    }
    const versions = packages.get(path.slice(1));
    if (!versions) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
      return;
    }
    const sorted = [...versions.keys()].sort(compareVersions);
    const body = {
      name: path.slice(1),
      'dist-tags': { latest: sorted[sorted.length - 1] },
      versions: Object.fromEntries(
        [...versions].map(([version, v]) => [
          version,
          {
            ...v.manifest,
            dist: {
              tarball: `${url}${tarballPath(path.slice(1), version).slice(1)}`,
              integrity: v.integrity,
            },
          },
        ]),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    served: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
