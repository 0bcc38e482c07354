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
    // team-b's env-c is on cluster "other"; team-a has no env-c: the name does not resolve, the check is skipped
    expect(
      (await save('team-b', 'rt-c', 'env-c', ['taken-c'], 'p3', '?insecure_skip_check=true'))
        .status,
    ).toBe(200);
    expect((await save('team-a', 'free', 'env-a', ['taken-c'], 'p4')).status).toBe(200);
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

  test('rule f: a runtime on a cluster that is not for deployments, without the "get cluster by runtime failed" prefix', async () => {
    const r = await save('team-a', 'on-pipes', 'env-pipe', [], 'p7');
    expect(r.json).toMatchObject({
      code: 500,
      reason: '',
      message: 'verify deployment runtime failed, err: cluster is not a deployment cluster',
    });
  });
});
