// End to end: the real cdktf CLI and OpenTofu drive our provider against the local Nautes server, for
// what only a real host shows beyond the lifecycle of test/e2e/user-repo.test.ts: drift made on the server
// in the refresh, a replacement, the inventory's prune, and `tofu import`. Each test has its own server
// and app (it runs alone and in any order); the plans themselves are proven in test/tfplugin/.
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

  beforeEach(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
    app.cleanup();
  });

  test('deploy; drift made on the server shows in one refresh and is put back; a replacement; prune; destroy', async () => {
    app.write({ runtimes: [dev(), test_()], inventories: [{ product: 'nautes-labs' }] });
    const deploy = await app.cdktf('deploy', '--auto-approve');
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(await names()).toEqual(['dr-dev', 'dr-test']);
    expect(await server.service.repoOf('nautes-labs')?.show('runtimes/dr-dev.yaml')).toContain(
      'codeRepo: repo-201',
    );
    const { result: same, routes } = await requestsDuring(() => app.cdktf('diff'));
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No changes.');
    // refresh reads one list per product, never one GET per runtime
    expect(routes.filter((r) => r === 'list')).toHaveLength(1);
    expect(routes.filter((r) => r === 'get')).toHaveLength(0);

    // on the server: one runtime deleted, a field of the other changed, one made that nobody declares
    await client.deleteDeploymentRuntime('nautes-labs', 'dr-test');
    const current = await client.getDeploymentRuntime('nautes-labs', 'dr-dev');
    await client.saveDeploymentRuntime('nautes-labs', 'dr-dev', {
      ...current,
      manifest_source: { ...current.manifest_source, target_revision: 'hotfix' },
    });
    await client.saveDeploymentRuntime('nautes-labs', 'dr-stray', body());
    const drift = await app.cdktf('diff');
    expect(drift.stdout).toMatch(/target_revision\s+= "hotfix" -> "HEAD"/);
    expect(drift.stdout).toMatch(/nautes_deployment_runtime\.dr-test_runtime.* will be created/);
    expect(drift.stdout + drift.stderr).toContain('Unmanaged Runtimes Found');
    expect(drift.stdout + drift.stderr).toContain('dr-stray');

    // the code now moves dr-dev to another environment (a replacement) and prunes
    const commitsBefore = (await server.service.repoOf('nautes-labs')?.log())?.length ?? 0;
    app.write({
      runtimes: [
        dev({ environment: 'env-test', manifestPath: 'manifests/dev-on-test' }),
        test_({ namespaces: ['dr-test', 'dr-test-extra'] }),
      ],
      inventories: [{ product: 'nautes-labs', prune: true }],
    });
    const plan = await app.cdktf('diff');
    expect(plan.stdout).toMatch(/environment\s+= "env-dev" -> "env-test" # forces replacement/);
    expect(plan.stdout).toMatch(/unmanaged\s+= \[\s+- "dr-stray",\s+\]/);
    expect((await app.cdktf('deploy', '--auto-approve')).code).toBe(0);
    expect(await names()).toEqual(['dr-dev', 'dr-test']);
    const dr = await client.getDeploymentRuntime('nautes-labs', 'dr-dev');
    expect(dr.destination.environment).toBe('env-test');
    expect(dr.manifest_source.target_revision).toBe('HEAD');
    expect(
      (await client.getDeploymentRuntime('nautes-labs', 'dr-test')).destination.namespaces,
    ).toEqual(['dr-test', 'dr-test-extra']);
    // the replacement is a delete, then a create: two commits touching its file (and one for dr-test,
    // one for the prune of dr-stray)
    const log = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
    expect(log.length - commitsBefore).toBe(4);
    // the token appears nowhere in cdk.tf.json, the state or the output
    const everything = app.synthesized() + JSON.stringify(app.state());
    expect(everything + plan.stdout + plan.stderr).not.toContain(MAINTAINER);

    const destroy = await app.cdktf('destroy', '--auto-approve');
    expect(destroy.code).toBe(0);
    expect(await names()).toEqual([]);
    expect(app.state().resources).toEqual([]);
  });

  test('a create over an existing runtime with other values is refused; tofu import adopts it, then no changes', async () => {
    await client.saveDeploymentRuntime(
      'nautes-labs',
      'dr-imported',
      body({
        destination: { environment: 'env-dev', namespaces: ['imported'] },
        manifest_source: { code_repo: 'api-server', target_revision: 'v1', path: 'imp' },
      }),
    );
    const imported = dev({
      id: 'dr-imported',
      name: 'dr-imported',
      namespaces: ['imported'],
      targetRevision: 'v1',
      manifestPath: 'imp',
    });
    // declared with other values, creating it would silently take it over: the provider refuses and says
    // how to import (a runtime with exactly the declared values is adopted: an interrupted earlier apply)
    app.write({ runtimes: [{ ...imported, targetRevision: 'v2' }] });
    const refused = await app.cdktf('deploy', '--auto-approve');
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('Runtime Already Exists');
    app.write({ runtimes: [imported] });
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
});
