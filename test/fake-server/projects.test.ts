// Projects (nautes-api-resources.md 3): projects/<name>/<name>.yaml in default.project, over loopback HTTP.
import {
  DEVELOPER,
  GUEST,
  MAINTAINER,
  REPORTER,
  drDevBody,
  http,
  useFakeServer,
} from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/projects';
const one = (name: string): string => `${LIST}/${name}`;

describe('fake server: projects', () => {
  const ctx = useFakeServer();
  const call = (method: string, path: string, token = MAINTAINER, body?: string) =>
    http(ctx.server.url, method, path, { token, ...(body === undefined ? {} : { body }) });
  const repo = () => ctx.server.service.repoOf('nautes-labs');

  test('GET and list: {product (the URL string), name, language}; field_selector project_name; 404 for a missing one', async () => {
    expect((await call('GET', one('api-server'), REPORTER)).text).toBe(
      '{"product":"nautes-labs","name":"api-server","language":"go"}',
    );
    // by group id, the product is the URL string verbatim
    expect((await call('GET', '/api/v1/products/101/projects/api-server')).text).toBe(
      '{"product":"101","name":"api-server","language":"go"}',
    );
    expect((await call('GET', LIST)).text).toBe(
      '{"items":[{"product":"nautes-labs","name":"api-server","language":"go"}]}',
    );
    expect((await call('GET', `${LIST}?field_selector=project_name=api`)).json).toMatchObject({
      items: [{ name: 'api-server' }],
    });
    expect((await call('GET', `${LIST}?field_selector=project_name=zzz`)).text).toBe(
      '{"items":[]}',
    );
    expect((await call('GET', one('nope'))).json).toMatchObject({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
      message: 'the resource is not found',
    });
    const slash = await call('GET', `${LIST}/`);
    expect([slash.status, slash.headers.get('location')]).toEqual([301, LIST]);
    // a Guest cannot clone: 500
    expect((await call('GET', LIST, GUEST)).status).toBe(500);
  });

  test('save writes the file as the real server does; an unchanged save commits nothing; an update changes only language', async () => {
    const r = await call('POST', one('web'), MAINTAINER, '{"language":"typescript","extra":1}');
    expect(r.text).toBe('{"message":"Successfully saved web configuration"}');
    expect(await repo()?.show('projects/web/web.yaml')).toBe(
      [
        'apiVersion: nautes.resource.nautes.io/v1alpha1',
        'kind: Project',
        'metadata:',
        '  creationTimestamp: null',
        '  name: web',
        'spec:',
        '  language: typescript',
        '  product: product-101',
        '',
      ].join('\n'),
    );
    const [head] = (await repo()?.log()) ?? [];
    expect(head).toMatchObject({ author: 'alice', message: '[API] Save operator' });
    expect(head?.files.sort()).toEqual(['production/kustomization.yaml', 'projects/web/web.yaml']);
    const commits = (await repo()?.log())?.length;
    expect((await call('POST', one('web'), MAINTAINER, '{"language":"typescript"}')).status).toBe(
      200,
    );
    expect((await repo()?.log())?.length).toBe(commits);
    // language is always written, even empty
    expect((await call('POST', one('web'), MAINTAINER, '{}')).status).toBe(200);
    expect(await repo()?.show('projects/web/web.yaml')).toContain(
      '  language: ""\n  product: product-101\n',
    );
  });

  test('an empty body is 500 UNKNOWN; a bad skip flag names insecure_skip_check; a Developer cannot push', async () => {
    expect((await call('POST', one('web'), MAINTAINER, '')).json).toEqual({
      code: 500,
      reason: 'UNKNOWN',
      message: 'unknown request error',
      metadata: {},
    });
    expect(
      (await call('POST', `${one('web')}?insecure_skip_check=maybe`, MAINTAINER, '{}')).json,
    ).toMatchObject({
      code: 400,
      reason: 'CODEC',
      message:
        'parsing field "insecure_skip_check": strconv.ParseBool: parsing "maybe": invalid syntax',
    });
    const dev = await call('POST', one('web'), DEVELOPER, '{"language":"go"}');
    expect(dev.json).toMatchObject({ code: 500, reason: '' });
    expect((dev.json as { message: string }).message).toMatch(/^push data: /);
    expect(await repo()?.show('projects/web/web.yaml')).toBeUndefined();
    expect(
      (await call('POST', '/api/v1/products/nope/projects/web', MAINTAINER, '{}')).json,
    ).toMatchObject({
      code: 404,
      reason: 'GROUP_NOT_FOUND',
    });
  });

  test('delete: a missing one is a plain 500; references refuse it unless skipped (either spelling)', async () => {
    expect((await call('DELETE', one('nope'))).json).toMatchObject({
      code: 500,
      reason: '',
      message:
        'Project resource nope not found or invalid. Please check whether the resource exists under the default project',
    });
    // the code repo api-server belongs to the project api-server
    expect((await call('DELETE', one('api-server'))).json).toMatchObject({
      code: 500,
      reason: '',
      message:
        "during global validation, it was found that Project 'api-server' does not exist or is unavailable. Please check CodeRepo 'api-server' in directory 'code-repos/repo-201'",
    });
    // a runtime's projects_ref refuses it too
    await call('POST', one('web'), MAINTAINER, '{"language":"go"}');
    expect(
      (
        await call(
          'POST',
          '/api/v1/products/nautes-labs/deploymentruntimes/dr-web?insecure_skip_check=true',
          MAINTAINER,
          JSON.stringify(drDevBody({ projects_ref: ['web'] })),
        )
      ).status,
    ).toBe(200);
    expect((await call('DELETE', one('web'))).json).toMatchObject({
      code: 500,
      message:
        'the referenced project web by the deployment runtime dr-web does not exist while verifying the validity of the global template',
    });
    const r = await call('DELETE', `${one('web')}?insecureSkipCheck=true`);
    expect(r.text).toBe('{"message":"Successfully deleted web configuration"}');
    expect(await repo()?.show('projects/web/web.yaml')).toBeUndefined();
    expect(await repo()?.show('production/kustomization.yaml')).not.toContain('projects/web/');
  });
});
