// Ctrl-C (SIGINT to the process group) in the middle of `cdktf deploy` of 100 creates: OpenTofu's
// StopProvider is honoured, the state matches what the server holds, and a second deploy converges with
// no duplicates.
import { alive, spawnTracked } from '../helpers/processes';
import { readdirSync, readFileSync } from 'node:fs';
import { NautesClient } from '../../lib/api';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, projectPath, type RuntimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';

jest.setTimeout(300_000);

const paths = require('../../scripts/paths') as { cdktfBinary: string; tofuBinary: string };

/** The running `tofu apply` (cdktf runs it in a pseudo-terminal session of its own) and its process group. */
function findTofuApply(): { pid: number; pgid: number } | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0] === paths.tofuBinary && cmd.includes('apply')) {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { pid: Number(entry), pgid: Number(fields[2]) };
      }
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

describe('an interrupted deploy', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let client: NautesClient;
  beforeAll(async () => {
    // slow enough that the interrupt lands mid-apply
    server = await startFakeServer({ faults: { latencyMs: 150 } });
    app = new CdktfApp(server.url, MAINTAINER);
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  /**
   * The runtimes the server holds, read in-process: while a deploy (or what is left of an interrupted one)
   * is calling the server, a second HTTP client would collide with it as on a real Nautes.
   */
  const runtimeNames = (): string[] =>
    [...(server.service.treeOf('nautes-labs')?.values() ?? [])]
      .filter((f) => f.kind === 'DeploymentRuntime')
      .map((f) => f.metadata.name)
      .sort();

  afterAll(async () => {
    await client.close();
    await server.close();
    app.cleanup();
  });

  test('leaves state and server in agreement, and the next deploy converges without duplicates', async () => {
    const runtimes: RuntimeDecl[] = Array.from({ length: 100 }, (_, i) => ({
      id: `rt${i}`,
      product: 'nautes-labs',
      name: `rt-${i}`,
      codeRepo: 'api-server',
      manifestPath: `deploy/${i}`,
      environment: i % 2 ? 'env-dev' : 'env-test',
      namespaces: [`ns-${i}`],
    }));
    app.write({ runtimes });
    const child = spawnTracked(
      paths.cdktfBinary,
      ['deploy', '--auto-approve', '--skip-provider-lock'],
      { cwd: app.dir, env: app.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const closed = new Promise<void>((r) => child.on('close', () => r()));
    // interrupt once some creates have landed, as Ctrl-C does: SIGINT to the terminal's foreground group
    const deadline = Date.now() + 120_000;
    while (runtimeNames().length < 10 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const tofu = findTofuApply();
    expect(tofu).toBeDefined();
    process.kill(-(tofu?.pgid as number), 'SIGINT');
    while (alive(tofu?.pid as number)) await new Promise((r) => setTimeout(r, 100));
    await closed;
    expect(output).toMatch(/Interrupt received/);

    const onServer = runtimeNames();
    expect(onServer.length).toBeGreaterThanOrEqual(10);
    expect(onServer.length).toBeLessThan(100);
    const inState = app
      .state()
      .resources.filter((r) => r.type === 'nautes_deployment_runtime')
      // a resource whose create was cancelled stays in state with no instance
      .flatMap((r) => r.instances.map((i) => String(i.attributes['name'])))
      .sort();
    expect(inState).toEqual(onServer);

    const again = await app.cdktf('deploy', '--auto-approve');
    expect(again.code).toBe(0);
    const all = await client.listDeploymentRuntimes('nautes-labs');
    expect(all).toHaveLength(100);
    const log = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
    for (const r of runtimes)
      expect(log.filter((c) => c.files.includes(`runtimes/${r.name}.yaml`))).toHaveLength(1);
  });

  test('Ctrl-C to the whole process group of the deploy command, twice: the next deploy converges with no hand work', async () => {
    // a fresh product state: remove what the test above created
    const names = (await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name);
    for (const n of names) await client.deleteDeploymentRuntime('nautes-labs', n);
    app.write({ runtimes: [] });
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    const runtimes: RuntimeDecl[] = Array.from({ length: 60 }, (_, i) => ({
      id: `g${i}`,
      product: 'nautes-labs',
      name: `g-${i}`,
      codeRepo: 'api-server',
      manifestPath: `group/${i}`,
      environment: i % 2 ? 'env-dev' : 'env-test',
      namespaces: [`g-${i}`],
    }));
    app.write({ runtimes });
    for (const stopAt of [10, 30]) {
      // what a user's "npm run deploy" runs; the terminal sends SIGINT to its whole foreground group
      const child = spawnTracked(
        process.execPath,
        [projectPath('bin', 'nautes-cdktf.js'), 'cdktf', 'deploy', '--auto-approve'],
        { cwd: app.dir, env: app.env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout?.resume();
      child.stderr?.resume();
      const closed = new Promise<void>((r) => child.on('close', () => r()));
      const deadline = Date.now() + 120_000;
      while (runtimeNames().length < stopAt && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      process.kill(-(child.pid as number), 'SIGINT');
      await closed;
    }
    const beforeRerun = runtimeNames().length;
    expect(beforeRerun).toBeLessThan(60);
    const again = await app.cdktf('deploy', '--auto-approve');
    expect(again.stdout + again.stderr).not.toContain('Runtime Already Exists');
    expect(again.code).toBe(0);
    expect((await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name).sort()).toEqual(
      runtimes.map((r) => r.name).sort(),
    );
    const inState = app
      .state()
      .resources.filter((r) => r.type === 'nautes_deployment_runtime')
      .flatMap((r) => r.instances.map((i) => String(i.attributes['name'])));
    expect(inState.sort()).toEqual(runtimes.map((r) => r.name).sort());
    const log = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
    for (const r of runtimes)
      expect(log.filter((c) => c.files.includes(`runtimes/${r.name}.yaml`))).toHaveLength(1);
    expect((await app.cdktf('diff')).stdout).toContain('No changes');
  });
});
