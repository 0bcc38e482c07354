// Environments (nautes-api-resources.md 4): envs/<name>.yaml in default.project, over loopback HTTP.
import {
  DEVELOPER,
  MAINTAINER,
  REPORTER,
  drDevBody,
  http,
  useFakeServer,
} from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/environments';
const one = (name: string): string => `${LIST}/${name}`;
const PREFIX = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';

describe('fake server: environments', () => {
  const ctx = useFakeServer();
  const call = (method: string, path: string, token = MAINTAINER, body?: string) =>
    http(ctx.server.url, method, path, { token, ...(body === undefined ? {} : { body }) });
  const repo = () => ctx.server.service.repoOf('nautes-labs');

  test('GET and list: {product (the group name), name, cluster, env_type}; field_selector cluster and env_type', async () => {
    const dev =
      '{"product":"nautes-labs","name":"env-dev","cluster":"cluster-dev","env_type":"development"}';
    expect((await call('GET', one('env-dev'), REPORTER)).text).toBe(dev);
    expect((await call('GET', '/api/v1/products/101/environments/env-dev')).text).toBe(dev);
    const list = (await call('GET', LIST)).json as { items: Array<{ name: string }> };
    expect(list.items.map((e) => e.name)).toEqual(['env-dev', 'env-test']);
    expect((await call('GET', `${LIST}?field_selector=cluster=test`)).json).toMatchObject({
      items: [{ name: 'env-test' }],
    });
    expect((await call('GET', `${LIST}?field_selector=env_type=devel`)).text).toBe(
      `{"items":[${dev}]}`,
    );
    expect((await call('GET', one('nope'))).json).toMatchObject({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
    });
  });

  test('save writes envs/<name>.yaml (cluster, envType, product); env_type or envType', async () => {
    const r = await call(
      'POST',
      one('env-pipe'),
      MAINTAINER,
      '{"cluster":"cluster-pipeline","envType":"pipeline"}',
    );
    expect(r.text).toBe('{"message":"Successfully saved env-pipe configuration"}');
    expect(await repo()?.show('envs/env-pipe.yaml')).toBe(
      [
        'apiVersion: nautes.resource.nautes.io/v1alpha1',
        'kind: Environment',
        'metadata:',
        '  creationTimestamp: null',
        '  name: env-pipe',
        'spec:',
        '  cluster: cluster-pipeline',
        '  envType: pipeline',
        '  product: product-101',
        '',
      ].join('\n'),
    );
    expect(
      (
        await call(
          'POST',
          one('env-pipe'),
          MAINTAINER,
          '{"cluster":"cluster-pipeline","env_type":"ci"}',
        )
      ).status,
    ).toBe(200);
    expect(await repo()?.show('envs/env-pipe.yaml')).toContain('  envType: ci\n');
    const dev = await call(
      'POST',
      `${one('env-x')}?insecure_skip_check=1`,
      DEVELOPER,
      '{"cluster":"c","env_type":"t"}',
    );
    expect((dev.json as { message: string }).message).toMatch(/^push data: /);
  });

  test('validation: cluster then env_type (400 VALIDATOR); an empty body is 500 UNKNOWN', async () => {
    expect((await call('POST', one('e'), MAINTAINER, '{}')).json).toMatchObject({
      code: 400,
      reason: 'VALIDATOR',
      message: `${PREFIX}invalid SaveRequest_Body.Cluster: value length must be at least 1 runes`,
    });
    expect((await call('POST', one('e'), MAINTAINER, '{"cluster":"c"}')).json).toMatchObject({
      code: 400,
      reason: 'VALIDATOR',
      message: `${PREFIX}invalid SaveRequest_Body.EnvType: value length must be at least 1 runes`,
    });
    expect((await call('POST', one('e'), MAINTAINER, '')).json).toMatchObject({
      code: 500,
      reason: 'UNKNOWN',
      message: 'unknown request error',
    });
  });

  test('whole-tree rules: the cluster must exist (skippable); one cluster per environment, typo included', async () => {
    const ghost = '{"cluster":"ghost","env_type":"dev"}';
    expect((await call('POST', one('env-ghost'), MAINTAINER, ghost)).json).toMatchObject({
      code: 500,
      reason: '',
      message:
        "during global validation, it was found that Cluster 'ghost' does not exist or is unavailable. Please check Environment 'env-ghost' in directory 'envs'err: clusters.nautes.resource.nautes.io \"ghost\" not found",
    });
    expect(
      (await call('POST', one('env-dup'), MAINTAINER, '{"cluster":"cluster-dev","env_type":"dev"}'))
        .json,
    ).toMatchObject({
      code: 500,
      reason: '',
      message:
        'duplicate reference cluster resources sbetween resource env-dev and resource env-dup',
    });
    expect(
      (await call('POST', `${one('env-ghost')}?insecure_skip_check=true`, MAINTAINER, ghost))
        .status,
    ).toBe(200);
    expect(await repo()?.show('envs/env-ghost.yaml')).toContain('cluster: ghost');
  });

  test('delete: missing is 500 UNKNOWN; referenced by a runtime is refused even when skipped; else the file goes', async () => {
    expect((await call('DELETE', one('nope'))).json).toMatchObject({
      code: 500,
      reason: 'UNKNOWN',
    });
    await call(
      'POST',
      '/api/v1/products/nautes-labs/deploymentruntimes/dr-dev',
      MAINTAINER,
      JSON.stringify(drDevBody()),
    );
    for (const q of ['', '?insecure_skip_check=true', '?insecureSkipCheck=true'])
      expect((await call('DELETE', `${one('env-dev')}${q}`)).json).toMatchObject({
        code: 500,
        reason: '',
        message: 'environment referenced by [deploymentRuntime/dr-dev], not allowed to be deleted',
      });
    const r = await call('DELETE', one('env-test'));
    expect(r.text).toBe('{"message":"Successfully deleted env-test configuration"}');
    expect(await repo()?.show('envs/env-test.yaml')).toBeUndefined();
    expect(await repo()?.show('production/kustomization.yaml')).not.toContain('env-test');
  });
});
