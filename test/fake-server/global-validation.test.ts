// Rules of the global validation as corrected in nautes-api.md 11.4 and 11.5: rule i counts only explicit
// namespaces and resolves other products' environments by name in this product's tree.
import { SeedSchema, startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER, http } from '../helpers/fake-server';

const product = (path: string, groupId: number, envs: Array<[string, string]>) => ({
  path,
  groupId,
  defaultProjectId: groupId + 1000,
  members: { alice: 'maintainer' },
  codeRepos: [{ path: 'app', id: groupId + 2000, project: 'app' }],
  projects: [{ name: 'app' }],
  environments: envs.map(([name, cluster]) => ({ name, cluster })),
});

describe('local server: rule i and validation messages', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer({
      sameSecondCollisions: false,
      seed: SeedSchema.parse({
        users: [{ username: 'alice', email: 'alice@nautes.local', token: MAINTAINER }],
        clusters: [
          { name: 'shared' },
          { name: 'other' },
          { name: 'other2' },
          { name: 'pipes', workerType: 'pipeline' },
        ],
        products: [
          product('team-a', 1, [
            ['env-a', 'shared'],
            ['env-b', 'other2'],
            ['env-pipe', 'pipes'],
          ]),
          product('team-b', 2, [
            ['env-b', 'shared'],
            ['env-c', 'other'],
          ]),
        ],
      }),
    });
  });
  afterAll(() => server.close());
  const save = (
    p: string,
    name: string,
    env: string,
    namespaces: string[],
    path = name,
    query = '',
  ) =>
    http(server.url, 'POST', `/api/v1/products/${p}/deploymentruntimes/${name}${query}`, {
      token: MAINTAINER,
      body: JSON.stringify({
        manifest_source: { code_repo: 'app', target_revision: 'HEAD', path },
        destination: { environment: env, namespaces },
      }),
    });

  test('a runtime without namespaces claims none (no default to its name)', async () => {
    // team-b's runtime names an environment "env-a", which team-a's tree resolves to cluster "shared"
    expect(
      (await save('team-b', 'rt-b', 'env-a', [], 'p1', '?insecure_skip_check=true')).status,
    ).toBe(200);
    expect((await save('team-a', 'ok', 'env-a', ['rt-b'], 'p2')).status).toBe(200);
  });

  test("an explicit namespace of another product's runtime on the same cluster is refused, its environment resolved in this product", async () => {
    // team-b's env-b resolves, in team-a's tree, to team-a's env-b, whose cluster is not "shared": no clash
    expect(
      (await save('team-b', 'rt-b2', 'env-b', ['taken-b'], 'p5', '?insecure_skip_check=true'))
        .status,
    ).toBe(200);
    expect((await save('team-a', 'also-free', 'env-a', ['taken-b'], 'p6')).status).toBe(200);
    // an explicit namespace on an environment that resolves to the same cluster: refused
    expect(
      (await save('team-b', 'rt-clash', 'env-a', ['clash'], 'p8', '?insecure_skip_check=true'))
        .status,
    ).toBe(200);
    const clash = await save('team-a', 'mine', 'env-a', ['clash'], 'p9');
    expect(clash.json).toMatchObject({
      code: 500,
      reason: '',
      message: 'verify deployment runtime failed, err: namespaces [clash] is used by other product',
    });
  });

  test('one runtime anywhere whose environment this tree lacks turns the namespace check off for every runtime', async () => {
    // team-b's env-c: team-a has no env-c, so the real validate client fails to resolve it, and
    // getUsedNamespacesInCluster's error is thrown away with everything it had computed
    expect(
      (await save('team-b', 'rt-c', 'env-c', ['taken-c'], 'p3', '?insecure_skip_check=true'))
        .status,
    ).toBe(200);
    // "clash" is still used by team-b's rt-clash on team-a's cluster "shared", and yet no check runs
    expect((await save('team-a', 'mine', 'env-a', ['clash'], 'p9')).status).toBe(200);
    expect((await save('team-a', 'free', 'env-a', ['taken-c'], 'p4')).status).toBe(200);
  });

  test('rule f: a runtime on a cluster that is not for deployments, without the "get cluster by runtime failed" prefix', async () => {
    const r = await save('team-a', 'on-pipes', 'env-pipe', [], 'p7');
    expect(r.json).toMatchObject({
      code: 500,
      reason: '',
      message: 'verify deployment runtime failed, err: cluster is not a deployment cluster',
    });
  });
});

describe('local server: two environments of a product on one cluster, and the order of rule e (nautes-api.md 2.2, 11.5)', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer({
      sameSecondCollisions: false,
      seed: SeedSchema.parse({
        users: [{ username: 'alice', email: 'alice@nautes.local', token: MAINTAINER }],
        clusters: [{ name: 'c1' }, { name: 'c2' }],
        products: [product('team', 1, [['env-b', 'c1']])],
      }),
    });
  });
  afterEach(() => server.close());
  const runtimes = '/api/v1/products/team/deploymentruntimes';
  const saveEnv = (name: string, cluster: string, query = '') =>
    http(server.url, 'POST', `/api/v1/products/team/environments/${name}${query}`, {
      token: MAINTAINER,
      body: JSON.stringify({ cluster, env_type: 'development' }),
    });
  const saveRuntime = (name: string, path: string, query = '', projects: string[] = []) =>
    http(server.url, 'POST', `${runtimes}/${name}${query}`, {
      token: MAINTAINER,
      body: JSON.stringify({
        projects_ref: projects,
        manifest_source: { code_repo: 'app', target_revision: 'HEAD', path },
        destination: { environment: 'env-b', namespaces: [] },
      }),
    });
  const shared = (a: string, b: string) => ({
    code: 500,
    reason: '',
    message: `duplicate reference cluster resources sbetween resource ${a} and resource ${b}`,
  });

  test('a new environment on a taken cluster is named last; once in the tree, every runtime save and delete fails on it', async () => {
    // env-a sorts before env-b, but the loader appended the new node after the files it read
    expect((await saveEnv('env-a', 'c1')).json).toMatchObject(shared('env-b', 'env-a'));
    expect((await saveEnv('env-a', 'c1', '?insecure_skip_check=true')).status).toBe(200);
    // read back from the repository, both are files: node order is name order
    expect((await saveRuntime('rt', 'p')).json).toMatchObject(shared('env-a', 'env-b'));
    expect((await saveRuntime('rt', 'p', '?insecure_skip_check=true')).status).toBe(200);
    expect(
      (await http(server.url, 'DELETE', `${runtimes}/rt`, { token: MAINTAINER })).json,
    ).toMatchObject(shared('env-a', 'env-b'));
    // moving env-a to its own cluster mends the tree
    expect((await saveEnv('env-a', 'c2')).status).toBe(200);
    expect((await saveRuntime('rt2', 'p2')).status).toBe(200);
  });

  test('rule e names the first duplicate pair in node order, a new runtime last, an updated one in its place', async () => {
    expect((await saveRuntime('dup-b', 'same')).status).toBe(200);
    expect((await saveRuntime('dup-a', 'elsewhere')).status).toBe(200);
    const dup = (a: string, b: string) => ({
      code: 500,
      reason: '',
      message: `duplicate reference found between resource ${a} and resource ${b}`,
    });
    // an update keeps the file where it is: dup-a comes first by name
    expect((await saveRuntime('dup-a', 'same')).json).toMatchObject(dup('dup-a', 'dup-b'));
    // a new runtime is appended: last, although "dup-0" sorts first
    expect((await saveRuntime('dup-0', 'same')).json).toMatchObject(dup('dup-b', 'dup-0'));
  });

  test("rule e is one pass over all pairs inside each runtime's check: it fails at the first runtime, before a later one's own rules", async () => {
    // pb and pc are duplicates; pc also names a project that does not exist (its rule b)
    expect((await saveRuntime('pb', 'x', '?insecure_skip_check=true')).status).toBe(200);
    expect((await saveRuntime('pc', 'x', '?insecure_skip_check=true', ['ghost'])).status).toBe(200);
    expect((await saveRuntime('zz', 'y')).json).toMatchObject({
      code: 500,
      reason: '',
      message: 'duplicate reference found between resource pb and resource pc',
    });
  });
});
