// The lock file without warnings: before the first init, our provider is locked from the package's mirror
// for all four platforms, so OpenTofu and Terraform (offline: no network namespace when `unshare` can make
// one) record no "Incomplete lock file information" and the lock file works on every platform.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockBlock, packageHash } from '../../../lib/cli/hosts/lock-file';
import { MIRROR_PLATFORMS } from '../../../lib/cli/hosts/package-layout';
import { availableHosts, runHost, type HostBinary } from '../../helpers/hosts';
import { runCommand } from '../../helpers/run-command';

const paths = require('../../../scripts/paths') as {
  root: string;
  version: string;
  packageDir: (host: string, platform: string) => string;
};

const BIN = join(paths.root, 'bin', 'nautes-cdktf.js');
const TF_HOST = join(paths.root, 'bin', 'nautes-tf-host.js');
const canIsolate = ((): boolean => {
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The hash of each platform's package under the host's default registry. */
function platformHashes(registry: string): string[] {
  return MIRROR_PLATFORMS.map((p) => packageHash(paths.packageDir(registry, p)));
}

/** The hashes the lock file lists for `address`. */
function lockedHashes(lock: string, address: string): string[] {
  const block = lock.split(`provider "${address}" {`)[1]?.split('\n}')[0] ?? '';
  return [...block.matchAll(/"(h1:[^"]+|zh:[^"]+)"/g)].map((m) => m[1] as string).sort();
}

describe('lock file from the mirror', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the block lists one hash per platform, each the hash of that platform package', () => {
    const hashes = platformHashes('registry.opentofu.org');
    expect(new Set(hashes).size).toBe(4);
    const block = lockBlock('registry.opentofu.org/nautes-labs/nautes') ?? '';
    expect(block).toContain(`version = "${paths.version}"`);
    expect(lockedHashes(block, 'registry.opentofu.org/nautes-labs/nautes')).toEqual(
      [...hashes].sort(),
    );
  });

  const hosts = availableHosts();
  const env = (home: string): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  });
  const offline = (host: HostBinary): HostBinary =>
    canIsolate ? { product: host.product, binary: 'unshare' } : host;
  const offlineArgs = (host: HostBinary, args: string[]): string[] =>
    canIsolate ? ['-n', host.binary, ...args] : args;

  test.each(hosts.map((h) => [h.product, h] as const))(
    '%s: plain HCL with cli-config --lock: the first init offline warns of nothing; the lock covers four platforms',
    async (_name, host) => {
      const registry =
        host.product === 'OpenTofu' ? 'registry.opentofu.org' : 'registry.terraform.io';
      writeFileSync(
        join(dir, 'main.tf'),
        'terraform {\n  required_providers {\n    nautes = { source = "nautes-labs/nautes" }\n  }\n}\n',
      );
      const home = join(dir, 'home');
      const config = await runCommand(process.execPath, [BIN, 'cli-config', '--lock', '.'], dir, {
        ...env(home),
      });
      expect(config.code).toBe(0);
      const cliConfig = config.out.split('\n').find((l) => l.endsWith('.tfrc')) ?? '';
      expect(config.out).toContain('locked registry.opentofu.org/nautes-labs/nautes');
      const init = await runHost(offline(host), offlineArgs(host, ['init', '-no-color']), dir, {
        ...env(home),
        TF_CLI_CONFIG_FILE: cliConfig,
      });
      const out = init.stdout + init.stderr;
      expect(out).toContain('Installed nautes-labs/nautes');
      expect(init.code).toBe(0);
      expect(out).not.toContain('Incomplete lock file information');
      const lock = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
      expect(lockedHashes(lock, `${registry}/nautes-labs/nautes`)).toEqual(
        [...platformHashes(registry)].sort(),
      );
      // the host keeps only the address it uses
      expect(lock.match(/^provider "/gm)).toHaveLength(1);
    },
  );

  test.each(hosts.map((h) => [h.product, h] as const))(
    '%s: the cdktf route (nautes-tf-host init of a cdk.tf.json) warns of nothing offline',
    async (_name, host) => {
      writeFileSync(
        join(dir, 'cdk.tf.json'),
        JSON.stringify({
          terraform: {
            required_providers: {
              nautes: {
                source: 'registry.opentofu.org/nautes-labs/nautes',
                version: paths.version,
              },
            },
          },
        }),
      );
      const home = join(dir, 'home');
      const config = await runCommand(process.execPath, [BIN, 'cli-config'], dir, env(home));
      const init = await runHost(
        offline({ product: host.product, binary: process.execPath }),
        offlineArgs({ product: host.product, binary: process.execPath }, [
          TF_HOST,
          'init',
          '-no-color',
        ]),
        dir,
        { ...env(home), TF_CLI_CONFIG_FILE: config.out.trim(), NAUTES_TF_HOST: host.binary },
      );
      const out = init.stdout + init.stderr;
      expect(init.code).toBe(0);
      expect(out).not.toContain('Incomplete lock file information');
      const lock = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
      expect(lockedHashes(lock, 'registry.opentofu.org/nautes-labs/nautes')).toEqual(
        [...platformHashes('registry.opentofu.org')].sort(),
      );
    },
  );

  test('a cdktf project: the lock file is the project one beside cdktf.json, kept across a deleted cdktf.out and an upgrade', async () => {
    const host = hosts.find((h) => h.product === 'OpenTofu') ?? hosts[0];
    if (!host) throw new Error('no host');
    const address = 'registry.opentofu.org/nautes-labs/nautes';
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'node main.js' }));
    const stack = join(dir, 'cdktf.out', 'stacks', 'runtimes');
    const synth = (): void => {
      mkdirSync(stack, { recursive: true });
      writeFileSync(
        join(stack, 'cdk.tf.json'),
        JSON.stringify({
          terraform: {
            required_providers: { nautes: { source: address, version: paths.version } },
          },
        }),
      );
    };
    const home = join(dir, 'home');
    const config = await runCommand(process.execPath, [BIN, 'cli-config'], dir, env(home));
    const init = async () => {
      const tfHost = { product: host.product, binary: process.execPath };
      const r = await runHost(
        offline(tfHost),
        offlineArgs(tfHost, [TF_HOST, 'init', '-no-color']),
        stack,
        {
          ...env(home),
          TF_CLI_CONFIG_FILE: config.out.trim(),
          NAUTES_TF_HOST: host.binary,
        },
      );
      expect(r.stdout + r.stderr).not.toContain('Incomplete lock file information');
      expect(r.code).toBe(0);
      return r;
    };
    synth();
    const first = await init();
    expect(first.stderr).toContain(`updated ${join(dir, '.terraform.lock.hcl')}`);
    const project = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
    expect(lockedHashes(project, address)).toEqual(
      [...platformHashes('registry.opentofu.org')].sort(),
    );
    // the build folder goes: the next init starts from the project lock file and leaves it as it was
    rmSync(join(dir, 'cdktf.out'), { recursive: true, force: true });
    synth();
    const again = await init();
    expect(again.stderr).not.toContain('updated');
    expect(readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8')).toBe(project);
    expect(lockedHashes(readFileSync(join(stack, '.terraform.lock.hcl'), 'utf8'), address)).toEqual(
      lockedHashes(project, address),
    );
    // a pin of another version (this package was upgraded since) is locked afresh from the mirror, and
    // another stack's provider in the project lock file stays
    const other =
      'provider "registry.opentofu.org/hashicorp/null" {\n  version = "3.2.2"\n  hashes = [\n    "h1:zT1ZbegaAYHwQa+QwIFugArWikRJI9dqohj8xb0GY88=",\n  ]\n}\n';
    writeFileSync(
      join(dir, '.terraform.lock.hcl'),
      `${project.replace(/version(\s*)= "[^"]+"/, 'version$1= "0.0.1"')}\n${other}`,
    );
    rmSync(join(dir, 'cdktf.out'), { recursive: true, force: true });
    synth();
    await init();
    const upgraded = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
    expect(upgraded).toMatch(new RegExp(`version\\s*= "${paths.version.replace(/\./g, '\\.')}"`));
    expect(upgraded).not.toContain('0.0.1');
    expect(upgraded).toContain(other);
    expect(existsSync(join(stack, '.terraform.lock.hcl'))).toBe(true);
  });
});
