// The KindStore over the client against the local Nautes server: the server's odd answers for missing
// objects read as "not there", and a save of each kind reads back as written.
import { NautesClient, createKindStore } from '../../lib/api';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { ENVIRONMENT_KIND, PRODUCT_KIND, PROJECT_KIND } from '../../lib/model';
import { MAINTAINER } from '../helpers/fake-server';

describe('createKindStore', () => {
  let server: FakeServer;
  let client: NautesClient;
  beforeEach(async () => {
    server = await startFakeServer();
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  test("a missing product (the server's GET answers 500) reads as null; a saved one as written", async () => {
    const store = createKindStore(client);
    expect(await store.get(PRODUCT_KIND, { name: 'acme' })).toBeNull();
    await store.save(
      PRODUCT_KIND,
      { name: 'acme', displayName: 'ACME', visibility: 'private', description: '' },
      { insecureSkipCheck: false },
    );
    expect(await store.get(PRODUCT_KIND, { name: 'acme' })).toEqual({
      name: 'acme',
      displayName: 'ACME',
      visibility: 'private',
      description: '',
    });
    expect((await store.list(PRODUCT_KIND, undefined)).map((p) => p['name'])).toContain('acme');
  });

  test('an environment deleted twice: the second delete (a 500 UNKNOWN on the server) counts as done', async () => {
    const store = createKindStore(client);
    const env = {
      product: 'nautes-labs',
      name: 'env-extra',
      cluster: 'cluster-pipeline',
      envType: 'ci',
    };
    await store.save(ENVIRONMENT_KIND, env, { insecureSkipCheck: false });
    expect(await store.get(ENVIRONMENT_KIND, env)).toEqual(env);
    await store.delete(ENVIRONMENT_KIND, env, { insecureSkipCheck: false });
    await expect(
      store.delete(ENVIRONMENT_KIND, env, { insecureSkipCheck: false }),
    ).resolves.toBeUndefined();
    expect(await store.get(ENVIRONMENT_KIND, env)).toBeNull();
  });

  test('a refused delete is still an error: a project that a runtime uses', async () => {
    const store = createKindStore(client);
    await expect(
      store.delete(
        PROJECT_KIND,
        { product: 'nautes-labs', name: 'api-server' },
        { insecureSkipCheck: false },
      ),
    ).rejects.toMatchObject({ status: 500 });
  });
});
