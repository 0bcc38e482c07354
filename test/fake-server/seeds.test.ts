// The seeds a user can start the local server with: the example file shipped in the package, the
// built-in `demo` and `demo-3`, and what `fake-server --help` says about their users.
import { readFileSync } from 'node:fs';
import { main } from '../../lib/cli/main';
import { demoSeed, loadSeed, startFakeServer, type FakeServer } from '../../lib/fake-server';
import { projectPath } from '../helpers/cdktf-app';
import { DEVELOPER, MAINTAINER, REPORTER, drDevBody, http } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

const runtimes = (product: string): string => `/api/v1/products/${product}/deploymentruntimes`;

describe('the example seed file (examples/seed.yaml)', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer({ seed: loadSeed(projectPath('examples', 'seed.yaml')) });
  });
  afterAll(() => server.close());

  test('is shipped in the package', () => {
    const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as {
      files: string[];
    };
    expect(pkg.files).toEqual(expect.arrayContaining(['examples/', 'docs/local-server.md']));
  });

  test('serves its seeded runtime, the product read back by its group name', async () => {
    const r = await http(server.url, 'GET', `${runtimes('payments')}/gateway-dev`, {
      token: 'local-reporter-token',
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      product: 'Payments',
      name: 'gateway-dev',
      projects_ref: ['gateway'],
      manifest_source: { code_repo: 'gateway', target_revision: 'main', path: 'deploy/dev' },
      destination: { environment: 'env-dev', namespaces: ['gateway-dev'] },
      account: '',
    });
  });

  test('serves its seeded pipeline runtime, on the pipeline cluster', async () => {
    const r = await http(
      server.url,
      'GET',
      '/api/v1/products/payments/projectpipelineruntimes/gateway-ci',
      { token: 'local-reporter-token' },
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      name: 'gateway-ci',
      project: 'gateway',
      pipeline_source: 'gateway',
      pipelines: [{ name: 'build', label: '', path: 'pipelines/build.yaml' }],
      destination: { environment: 'env-ci', namespace: '' },
    });
  });

  test('lets a developer push (pushAccessLevel: developer), through the binding, and not a reporter', async () => {
    const body = JSON.stringify({
      projects_ref: ['gateway'],
      manifest_source: { code_repo: 'shared-charts', target_revision: 'main', path: 'charts/gw' },
      destination: { environment: 'env-prod', namespaces: ['gateway'] },
    });
    const path = `${runtimes('payments')}/gateway-prod`;
    expect(
      (await http(server.url, 'POST', path, { token: 'local-reporter-token', body })).status,
    ).toBe(500);
    const saved = await http(server.url, 'POST', path, { token: 'local-developer-token', body });
    expect([saved.status, saved.text]).toEqual([
      200,
      expect.stringContaining('Successfully saved'),
    ]);
  });
});

describe('built-in seeds', () => {
  test('demo-3 has three products, with rights that differ per product', async () => {
    const server = await startFakeServer({ seed: loadSeed('demo-3'), inMemory: true });
    try {
      for (const product of ['nautes-labs', 'shop', 'billing'])
        expect((await http(server.url, 'GET', runtimes(product), { token: REPORTER })).text).toBe(
          '{"items":[]}',
        );
      const repoOf: Record<string, string> = {
        'nautes-labs': 'api-server',
        shop: 'storefront',
        billing: 'invoices',
      };
      const save = async (
        product: string,
        env: string,
        token: string,
        ns = `ns-${product}`,
      ): Promise<number> =>
        (
          await http(server.url, 'POST', `${runtimes(product)}/dr-${product}`, {
            token,
            body: JSON.stringify(
              drDevBody({
                projects_ref: [],
                manifest_source: { code_repo: repoOf[product], target_revision: 'HEAD', path: 'm' },
                destination: { environment: env, namespaces: [ns] },
              }),
            ),
          })
        ).status;
      // dave: developer in nautes-labs (Maintainer pushes), maintainer in shop, developer in billing (developers push)
      expect(await save('nautes-labs', 'env-dev', DEVELOPER)).toBe(500);
      expect(await save('shop', 'env-prod', DEVELOPER)).toBe(200);
      expect(await save('billing', 'env-dev', DEVELOPER)).toBe(200);
      // a change (a save that changes nothing pushes nothing, and answers 200 even to a reporter)
      expect(await save('billing', 'env-dev', REPORTER, 'ns-other')).toBe(500);
      expect(await save('billing', 'env-dev', REPORTER)).toBe(200);
      expect(await save('nautes-labs', 'env-dev', MAINTAINER)).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('a name that is no built-in seed is read as a file, never looked up on a prototype', () => {
    for (const name of ['toString', 'constructor', '__proto__'])
      expect(() => loadSeed(name)).toThrow(/ENOENT/);
  });
});

describe('fake-server --help', () => {
  test('lists every demo user with its role in nautes-labs and its token', async () => {
    const io = captureIo({});
    expect(await main(['fake-server', '--help'], io)).toBe(0);
    const seed = demoSeed();
    const roles: Record<string, string> = {
      alice: 'maintainer',
      dave: 'developer',
      rita: 'reporter',
      gus: 'guest',
      olga: 'not a member',
    };
    expect(seed.users.map((u) => u.username).sort()).toEqual(Object.keys(roles).sort());
    for (const u of seed.users)
      expect(io.out()).toMatch(
        new RegExp(`^ {2}${u.username} +${roles[u.username]} +${u.token}$`, 'm'),
      );
    expect(io.out()).toContain('demo-3');
  });
});
