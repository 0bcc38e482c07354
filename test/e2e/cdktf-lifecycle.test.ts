// End to end: the real cdktf CLI and OpenTofu drive our provider against the local Nautes server.
import { NautesClient, type SaveBody } from '../../lib/api';
import type { FakeServer } from '../../lib/fake-server';
import { startFakeServer } from '../../lib/fake-server';
import { CdktfApp, type RuntimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';

jest.setTimeout(180_000);

const dev = (o: Partial<RuntimeDecl> = {}): RuntimeDecl => ({
  id: 'dr-dev',
  product: 'nautes-labs',
  name: 'dr-dev',
  projects: ['api-server'],
  codeRepo: 'api-server',
  manifestPath: 'manifests/development',
  environment: 'env-dev',
  namespaces: ['dr-dev'],
  ...o,
});
const test_ = (o: Partial<RuntimeDecl> = {}): RuntimeDecl =>
  dev({
    id: 'dr-test',
    name: 'dr-test',
    manifestPath: 'manifests/test',
    environment: 'env-test',
    namespaces: ['dr-test'],
    ...o,
  });

const body = (o: Partial<SaveBody> = {}): SaveBody => ({
  projects_ref: ['api-server'],
  manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'manifests/other' },
  destination: { environment: 'env-test', namespaces: ['other'] },
  ...o,
});

describe('cdktf deploy through OpenTofu and the Nautes provider', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let client: NautesClient;
  const names = async (): Promise<string[]> =>
    (await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name);
  const requestsDuring = async <T>(
    run: () => Promise<T>,
  ): Promise<{ result: T; routes: string[] }> => {
    const before = server.requests.length;
    const result = await run();
    return { result, routes: server.requests.slice(before).map((r) => r.route) };
  };

  beforeAll(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
    app.cleanup();
  });

  test('creates the declared runtimes, then plans no changes', async () => {
    app.write({ runtimes: [dev(), test_()], inventories: [{ product: 'nautes-labs' }] });
    const deploy = await app.cdktf('deploy', '--auto-approve');
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(await names()).toEqual(['dr-dev', 'dr-test']);
    expect(await server.service.repoOf('nautes-labs')?.show('runtimes/dr-dev.yaml')).toContain(
      'codeRepo: repo-201',
    );

    const { result: diff, routes } = await requestsDuring(() => app.cdktf('diff'));
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('No changes.');
    // refresh reads one list per product, never one GET per runtime
    expect(routes.filter((r) => r === 'list')).toHaveLength(1);
    expect(routes.filter((r) => r === 'get')).toHaveLength(0);
  });

  test('updates namespaces in place', async () => {
    app.write({
      runtimes: [dev({ namespaces: ['dr-dev', 'dr-dev-extra'] }), test_()],
      inventories: [{ product: 'nautes-labs' }],
    });
    const diff = await app.cdktf('diff');
    expect(diff.stdout).toContain('will be updated in-place');
    expect(diff.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    expect(
      (await client.getDeploymentRuntime('nautes-labs', 'dr-dev')).destination.namespaces,
    ).toEqual(['dr-dev', 'dr-dev-extra']);
  });

  test('a destination change shows and performs a replacement', async () => {
    const commitsBefore = (await server.service.repoOf('nautes-labs')?.log())?.length ?? 0;
    app.write({
      runtimes: [
        dev({
          environment: 'env-test',
          namespaces: ['dr-dev'],
          manifestPath: 'manifests/dev-on-test',
        }),
        test_(),
      ],
      inventories: [{ product: 'nautes-labs' }],
    });
    const diff = await app.cdktf('diff');
    expect(diff.stdout).toMatch(/environment\s+= "env-dev" -> "env-test" # forces replacement/);
    expect(diff.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    expect(
      (await client.getDeploymentRuntime('nautes-labs', 'dr-dev')).destination.environment,
    ).toBe('env-test');
    const log = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
    // delete, then create: two commits touching the runtime file
    expect(log.length - commitsBefore).toBe(2);
  });

  test('a runtime deleted remotely is recreated', async () => {
    await client.deleteDeploymentRuntime('nautes-labs', 'dr-test');
    const diff = await app.cdktf('diff');
    expect(diff.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    expect(await names()).toContain('dr-test');
  });

  test('a field changed remotely shows as drift and is put back', async () => {
    const current = await client.getDeploymentRuntime('nautes-labs', 'dr-test');
    await client.saveDeploymentRuntime('nautes-labs', 'dr-test', {
      ...current,
      manifest_source: { ...current.manifest_source, target_revision: 'hotfix' },
    });
    const diff = await app.cdktf('diff');
    expect(diff.stdout).toMatch(/target_revision\s+= "hotfix" -> "HEAD"/);
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    expect(
      (await client.getDeploymentRuntime('nautes-labs', 'dr-test')).manifest_source.target_revision,
    ).toBe('HEAD');
  });

  test('the inventory reports an undeclared runtime and prunes it with prune: true', async () => {
    await client.saveDeploymentRuntime('nautes-labs', 'dr-stray', body());
    const diff = await app.cdktf('diff');
    expect(diff.stdout + diff.stderr).toContain('Unmanaged Runtimes Found');
    expect(diff.stdout + diff.stderr).toContain('dr-stray');
    expect(await names()).toContain('dr-stray');

    app.write({
      runtimes: [
        dev({
          environment: 'env-test',
          namespaces: ['dr-dev'],
          manifestPath: 'manifests/dev-on-test',
        }),
        test_(),
      ],
      inventories: [{ product: 'nautes-labs', prune: true }],
    });
    const pruneDiff = await app.cdktf('diff');
    expect(pruneDiff.stdout).toMatch(/unmanaged\s+= \[\s+- "dr-stray",\s+\]/);
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    expect(await names()).toEqual(['dr-dev', 'dr-test']);
  });

  test('tofu import adopts an existing runtime, then no changes', async () => {
    await client.saveDeploymentRuntime(
      'nautes-labs',
      'dr-imported',
      body({
        destination: { environment: 'env-dev', namespaces: ['imported'] },
        manifest_source: { code_repo: 'api-server', target_revision: 'v1', path: 'imp' },
      }),
    );
    const spec = {
      runtimes: [
        dev({
          environment: 'env-test',
          namespaces: ['dr-dev'],
          manifestPath: 'manifests/dev-on-test',
        }),
        test_(),
        dev({
          id: 'dr-imported',
          name: 'dr-imported',
          environment: 'env-dev',
          namespaces: ['imported'],
          targetRevision: 'v1',
          manifestPath: 'imp',
        }),
      ],
      inventories: [{ product: 'nautes-labs' }],
    };
    // declared with other values, creating it would silently take it over: the provider refuses and says
    // how to import (a runtime with exactly the declared values is adopted: an interrupted earlier apply)
    app.write({
      ...spec,
      runtimes: spec.runtimes.map((r) =>
        r.name === 'dr-imported' ? { ...r, targetRevision: 'v2' } : r,
      ),
    });
    const refused = await app.cdktf('deploy', '--auto-approve');
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('Runtime Already Exists');
    app.write(spec);
    expect((await app.cdktf('synth')).code).toBe(0);
    const imp = await app.tofu(
      'import',
      '-no-color',
      'nautes_deployment_runtime.dr-imported_runtime',
      'nautes-labs/dr-imported',
    );
    expect(imp.stdout).toContain('Import successful');
    const diff = await app.cdktf('diff');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('No changes.');
  });

  test('the token appears nowhere in cdk.tf.json, the state or the output', async () => {
    const everything = app.synthesized() + JSON.stringify(app.state());
    expect(everything).not.toContain(MAINTAINER);
    const diff = await app.cdktf('diff');
    expect(diff.stdout + diff.stderr).not.toContain(MAINTAINER);
  });

  test('destroy removes everything', async () => {
    const destroy = await app.cdktf('destroy', '--auto-approve');
    expect(destroy.code).toBe(0);
    expect(await names()).toEqual([]);
    expect(app.state().resources).toEqual([]);
  });
});
