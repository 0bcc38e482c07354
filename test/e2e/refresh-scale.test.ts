// 200 declared runtimes in 2 products: one `cdktf diff` refreshes from one list call per product and
// makes no per-runtime GET (requests counted in the server).
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, type RuntimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { multiProductSeed } from '../helpers/seeds';

jest.setTimeout(300_000);

describe('refresh of 200 runtimes in 2 products', () => {
  let server: FakeServer;
  let app: CdktfApp;
  beforeAll(async () => {
    server = await startFakeServer({ seed: multiProductSeed(2) });
    app = new CdktfApp(server.url, MAINTAINER);
  });
  afterAll(async () => {
    await server.close();
    app.cleanup();
  });

  test('deploys them, then a diff makes at most one list per product and no GET', async () => {
    const runtimes: RuntimeDecl[] = Array.from({ length: 200 }, (_, i) => ({
      id: `r${i}`,
      product: `p${i % 2}`,
      name: `r${i}`,
      codeRepo: 'app',
      manifestPath: `deploy/${i}`,
      environment: 'env',
      namespaces: [`ns-${i}`],
    }));
    app.write({ runtimes });
    const deploy = await app.cdktf('deploy', '--auto-approve');
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain('200 added');
    expect(
      server.service.treeOf('p0') &&
        [...(server.service.treeOf('p0')?.keys() ?? [])].filter((k) => k.startsWith('runtimes/')),
    ).toHaveLength(100);

    const before = server.requests.length;
    const diff = await app.cdktf('diff');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('No changes.');
    const seen = server.requests.slice(before);
    const lists = seen.filter((r) => r.route === 'list');
    expect(lists.length).toBeLessThanOrEqual(2);
    expect(lists.map((r) => r.path).sort()).toEqual([
      '/api/v1/products/p0/deploymentruntimes',
      '/api/v1/products/p1/deploymentruntimes',
    ]);
    expect(seen.filter((r) => r.route === 'get')).toHaveLength(0);
    expect(seen).toHaveLength(2);
  });
});
