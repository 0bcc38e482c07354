// Teams share state in PostgreSQL (OpenTofu's pg backend): two deploys at once, one fails on the state
// lock, nothing is corrupted, and the server ends with exactly the declared runtimes.
import { NautesClient } from '../../lib/api';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, type RuntimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { startPostgres, type Postgres } from '../helpers/postgres';

jest.setTimeout(300_000);

describe('shared state in PostgreSQL', () => {
  let pg: Postgres;
  let server: FakeServer;
  let first: CdktfApp;
  let second: CdktfApp;
  let client: NautesClient;
  beforeAll(async () => {
    pg = await startPostgres();
    // one slow write keeps the first deploy inside its apply (holding the lock) while the second starts
    server = await startFakeServer({
      faults: { rules: [{ action: 'stall', method: 'POST', stallMs: 12_000, times: 1 }] },
    });
    first = new CdktfApp(server.url, MAINTAINER, { E2E_PG_CONN: pg.connStr });
    second = new CdktfApp(server.url, MAINTAINER, { E2E_PG_CONN: pg.connStr });
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
    first?.cleanup();
    second?.cleanup();
    pg?.stop();
  });

  test('a second deploy during the first fails on the lock; both then agree with the server', async () => {
    const runtimes: RuntimeDecl[] = Array.from({ length: 8 }, (_, i) => ({
      id: `rt${i}`,
      product: 'nautes-labs',
      name: `shared-${i}`,
      codeRepo: 'api-server',
      manifestPath: `s/${i}`,
      environment: 'env-dev',
      namespaces: [`shared-${i}`],
    }));
    first.write({ runtimes });
    second.write({ runtimes });
    const a = first.cdktf('deploy', '--auto-approve');
    // start the second once the first is applying (it holds the lock from plan to the end of apply)
    const deadline = Date.now() + 120_000;
    while (!server.requests.some((r) => r.route === 'save') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const b = await second.cdktf('deploy', '--auto-approve');
    const resultA = await a;
    expect(resultA.code).toBe(0);
    expect({
      code: b.code,
      lockError: /Error acquiring the state lock/.test(b.stdout + b.stderr),
    }).toEqual({ code: 1, lockError: true });

    expect((await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name).sort()).toEqual(
      runtimes.map((r) => r.name).sort(),
    );
    // the state is whole: both projects plan no changes against it
    for (const app of [first, second]) {
      const diff = await app.cdktf('diff');
      expect(diff.code).toBe(0);
      expect(diff.stdout).toContain('No changes.');
    }
    const list = await second.tofu('state', 'list');
    expect(list.stdout.trim().split('\n').sort()).toEqual(
      runtimes.map((r) => `nautes_deployment_runtime.${r.id}_runtime`).sort(),
    );
    // and each runtime was created once
    const log = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
    for (const r of runtimes)
      expect(log.filter((c) => c.files.includes(`runtimes/${r.name}.yaml`))).toHaveLength(1);
  });
});
