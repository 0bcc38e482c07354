// Contract suite of the local Nautes server: status codes, bodies, resource files, git history, rights.
import {
  COMMIT_MESSAGE,
  SeedSchema,
  startFakeServer,
  type FakeServer,
} from '../../lib/fake-server';
import {
  DEVELOPER,
  GUEST,
  MAINTAINER,
  OUTSIDER,
  REPORTER,
  drDevBody,
  http,
  useFakeServer,
} from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';
const one = (name: string): string => `${LIST}/${name}`;

describe('fake server: deployment-runtime routes', () => {
  const ctx = useFakeServer();
  const save = (
    name: string,
    body: unknown,
    token = MAINTAINER,
    query = '',
  ): ReturnType<typeof http> =>
    http(ctx.server.url, 'POST', one(name) + query, { token, body: JSON.stringify(body) });

  test('lists an empty product as {"items":[]}', async () => {
    const r = await http(ctx.server.url, 'GET', LIST, { token: MAINTAINER });
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"items":[]}');
    expect(r.headers.get('content-type')).toBe('application/json');
  });

  test('saves the seed example and writes runtimes/dr-dev.yaml as the real server does', async () => {
    const r = await save('dr-dev', drDevBody());
    expect(r).toMatchObject({
      status: 200,
      json: { message: 'Successfully saved dr-dev configuration' },
    });
    const repo = ctx.server.service.repoOf('nautes-labs');
    expect(await repo?.show('runtimes/dr-dev.yaml')).toBe(
      [
        'apiVersion: nautes.resource.nautes.io/v1alpha1',
        'kind: DeploymentRuntime',
        'metadata:',
        '  creationTimestamp: null',
        '  name: dr-dev',
        // a validated save writes the namespace (nautes-api.md 11.9, correcting 5.2)
        '  namespace: product-101',
        'spec:',
        '  destination:',
        '    environment: env-dev',
        '    namespaces:',
        '    - dr-dev',
        '  manifestSource:',
        '    codeRepo: repo-201',
        '    path: manifests/development',
        '    targetRevision: HEAD',
        '  product: product-101',
        '  projectsRef:',
        '  - api-server',
        '',
      ].join('\n'),
    );
    const [head] = (await repo?.log()) ?? [];
    expect(head).toMatchObject({
      author: 'alice',
      email: 'alice@nautes.local',
      message: COMMIT_MESSAGE,
    });
    expect(head?.files.sort()).toEqual(['production/kustomization.yaml', 'runtimes/dr-dev.yaml']);
    expect(await repo?.show('production/kustomization.yaml')).toContain(
      '- ../runtimes/dr-dev.yaml',
    );
  });

  test('gets and lists every field, empty ones included, in the server key order', async () => {
    await save('dr-dev', drDevBody());
    const expected =
      '{"product":"nautes-labs","name":"dr-dev","projects_ref":["api-server"],"manifest_source":{"code_repo":"api-server","target_revision":"HEAD","path":"manifests/development"},"destination":{"environment":"env-dev","namespaces":["dr-dev"]},"account":""}';
    expect((await http(ctx.server.url, 'GET', one('dr-dev'), { token: MAINTAINER })).text).toBe(
      expected,
    );
    expect((await http(ctx.server.url, 'GET', LIST, { token: REPORTER })).text).toBe(
      `{"items":[${expected}]}`,
    );
  });

  test('accepts proto field names, ignores unknown keys, and writes null namespaces and omits empty account', async () => {
    const r = await save('dr-alt', {
      projectsRef: [],
      manifestSource: { CodeRepo: 'api-server', TargetRevision: 'main', Path: 'deploy/alt' },
      destination: { environment: 'env-dev' },
      surprise: 1,
    });
    expect(r.status).toBe(200);
    const yaml = await ctx.server.service.repoOf('nautes-labs')?.show('runtimes/dr-alt.yaml');
    expect(yaml).toContain('    namespaces: null\n');
    expect(yaml).not.toContain('account');
    expect(yaml).not.toContain('projectsRef');
  });

  test('a save that changes nothing commits nothing and still answers 200', async () => {
    const repo = ctx.server.service.repoOf('nautes-labs');
    expect((await save('dr-dev', drDevBody())).status).toBe(200);
    const before = (await repo?.log())?.length;
    expect((await save('dr-dev', drDevBody())).status).toBe(200);
    expect((await repo?.log())?.length).toBe(before);
  });

  test.each([
    [
      'no Content-Type',
      { contentType: null, body: '{}' },
      400,
      'CODEC',
      'unregister Content-Type: ',
    ],
    [
      'an unregistered Content-Type',
      { contentType: 'text/plain', body: '{}' },
      400,
      'CODEC',
      'unregister Content-Type: text/plain',
    ],
    ['malformed JSON', { body: '{"manifest_source":' }, 400, 'CODEC', 'body unmarshal'],
    ['a wrong JSON type', { body: '{"destination":"env-dev"}' }, 400, 'CODEC', 'body unmarshal'],
    [
      'no manifest_source',
      { body: '{"destination":{"environment":"env-dev"}}' },
      400,
      'VALIDATOR',
      'invalid SaveRequest_Body.ManifestSource: value is required',
    ],
    [
      'an empty code_repo',
      {
        body: JSON.stringify(
          drDevBody({ manifest_source: { code_repo: '', target_revision: 'HEAD', path: 'x' } }),
        ),
      },
      400,
      'VALIDATOR',
      'invalid ManifestSource.CodeRepo: value length must be at least 1 runes',
    ],
    [
      'an empty environment',
      { body: JSON.stringify(drDevBody({ destination: { environment: '' } })) },
      400,
      'VALIDATOR',
      'invalid DeploymentRuntimesDestination.Environment',
    ],
    ['an empty body', { body: '' }, 500, 'UNKNOWN', 'unknown request error'],
    [
      'no destination',
      { body: JSON.stringify({ manifest_source: drDevBody()['manifest_source'] }) },
      500,
      'UNKNOWN',
      'unknown request error',
    ],
  ])('rejects a save with %s', async (_label, opts, status, reason, message) => {
    const r = await http(ctx.server.url, 'POST', one('dr-bad'), {
      token: MAINTAINER,
      ...(opts as { body: string; contentType?: string | null }),
    });
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ code: status, reason, metadata: {} });
    expect((r.json as { message: string }).message).toContain(message);
  });

  test('validation (400) comes before the token check (500)', async () => {
    const r = await http(ctx.server.url, 'POST', one('x'), {
      body: '{"destination":{"environment":"e"}}',
    });
    expect(r.status).toBe(400);
  });

  test('a bad query bool is 400 CODEC', async () => {
    const r = await save('dr-dev', drDevBody(), MAINTAINER, '?insecure_skip_check=maybe');
    expect(r).toMatchObject({ status: 400, json: { reason: 'CODEC' } });
  });

  test.each([
    ['GET one', 'GET', one('nope'), 404, 'RESOURCE_NOT_FOUND', 'the resource is not found'],
    [
      'DELETE one',
      'DELETE',
      one('nope'),
      500,
      '',
      'DeploymentRuntime resource nope not found or invalid',
    ],
    [
      'list of an unknown product',
      'GET',
      '/api/v1/products/nope/deploymentruntimes',
      404,
      'GROUP_NOT_FOUND',
      'Group Not Found',
    ],
    [
      'get in an unknown product',
      'GET',
      '/api/v1/products/nope/deploymentruntimes/x',
      404,
      'GROUP_NOT_FOUND',
      'failed to get group, err: ',
    ],
  ])(
    'answers %s of a missing thing as the real server does',
    async (_l, method, path, status, reason, message) => {
      const r = await http(ctx.server.url, method, path, { token: MAINTAINER });
      expect(r.status).toBe(status);
      expect(r.json).toMatchObject({ code: status, reason });
      expect((r.json as { message: string }).message).toContain(message);
    },
  );

  test('a missing token is 500 "token is not found"; an unknown one carries GitLab\'s 401 text', async () => {
    expect((await http(ctx.server.url, 'GET', LIST)).json).toEqual({
      code: 500,
      reason: '',
      message: 'token is not found',
      metadata: {},
    });
    const bad = await http(ctx.server.url, 'GET', LIST, { token: 'wrong' });
    expect(bad.status).toBe(500);
    expect((bad.json as { message: string }).message).toContain('401 {message: 401 Unauthorized}');
  });

  test('a bare token without "Bearer" also works', async () => {
    const r = await http(ctx.server.url, 'GET', LIST, { headers: { authorization: MAINTAINER } });
    expect(r.status).toBe(200);
  });

  test('unknown routes and methods are 404 text/plain; a trailing slash redirects', async () => {
    const put = await http(ctx.server.url, 'PUT', one('dr-dev'), { token: MAINTAINER });
    expect(put).toMatchObject({ status: 404, text: '404 page not found\n' });
    expect(put.headers.get('content-type')).toContain('text/plain');
    const slash = await http(ctx.server.url, 'GET', `${LIST}/`, { token: MAINTAINER });
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe(LIST);
  });

  test('a code repo missing from the group is 500 even with insecure_skip_check', async () => {
    const body = drDevBody({
      manifest_source: { code_repo: 'ghost', target_revision: 'HEAD', path: 'x' },
    });
    for (const q of ['', '?insecure_skip_check=true']) {
      const r = await save('dr-ghost', body, MAINTAINER, q);
      expect(r.status).toBe(500);
      expect(r.json).toMatchObject({ reason: '' });
      expect((r.json as { message: string }).message).toMatch(
        /^failed to get repository ghost, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: .*404/,
      );
    }
  });

  test('global validation rejects a missing environment (RESOURCE_NOT_EXIST); insecure_skip_check commits it', async () => {
    const body = drDevBody({ destination: { environment: 'env-prod', namespaces: [] } });
    const r = await save('dr-prod', body);
    expect(r).toMatchObject({ status: 500, json: { reason: 'RESOURCE_NOT_EXIST' } });
    expect((r.json as { message: string }).message).toContain(
      "env-prod 'Environment' does not exist",
    );
    const forced = await save('dr-prod', body, MAINTAINER, '?insecure_skip_check=true');
    expect(forced.status).toBe(200);
    expect(await ctx.server.service.repoOf('nautes-labs')?.show('runtimes/dr-prod.yaml')).toContain(
      'environment: env-prod',
    );
  });

  test('one broken runtime blocks every other validated save and delete until skipped', async () => {
    // dr-dev is valid; dr-prod names an environment that does not exist (committed with the skip)
    await save('dr-dev', drDevBody());
    const broken = drDevBody({ destination: { environment: 'env-prod', namespaces: [] } });
    expect((await save('dr-prod', broken, MAINTAINER, '?insecure_skip_check=true')).status).toBe(
      200,
    );
    const r = await save(
      'dr-other',
      drDevBody({ destination: { environment: 'env-test', namespaces: ['other'] } }),
    );
    expect(r.status).toBe(500);
    // deleting another runtime validates what remains, which still holds the broken one
    expect(
      (await http(ctx.server.url, 'DELETE', one('dr-dev'), { token: MAINTAINER })).status,
    ).toBe(500);
    expect(
      (
        await http(ctx.server.url, 'DELETE', one('dr-prod') + '?insecure_skip_check=1', {
          token: MAINTAINER,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await save(
          'dr-other',
          drDevBody({ destination: { environment: 'env-test', namespaces: ['other'] } }),
        )
      ).status,
    ).toBe(200);
  });

  test.each([
    [
      'a missing project reference',
      {
        projects_ref: ['ghost'],
        manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'b' },
      },
      '',
      'the referenced project ghost by the deployment runtime dr-x does not exist',
    ],
    [
      'a duplicate destination (rule e)',
      {
        manifest_source: {
          code_repo: 'api-server',
          target_revision: 'HEAD',
          path: 'manifests/development',
        },
      },
      '',
      'duplicate reference found between resource dr-dev and resource dr-x',
    ],
    [
      'a component namespace (rule g)',
      {
        destination: { environment: 'env-test', namespaces: ['argocd'] },
        manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'g' },
      },
      '',
      'can not use component namespace argocd',
    ],
  ])('global validation rejects %s with a plain 500', async (_l, overrides, reason, message) => {
    await save('dr-dev', drDevBody());
    const r = await save('dr-x', drDevBody(overrides));
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ reason });
    expect((r.json as { message: string }).message).toContain(message);
  });

  test('deletes a runtime, removing its file in a new commit', async () => {
    await save(
      'dr-alt',
      drDevBody({
        manifest_source: { code_repo: 'api-server', target_revision: 'main', path: 'deploy/alt' },
      }),
    );
    const r = await http(ctx.server.url, 'DELETE', one('dr-alt'), { token: MAINTAINER });
    expect(r).toMatchObject({
      status: 200,
      json: { message: 'Successfully deleted dr-alt configuration' },
    });
    const repo = ctx.server.service.repoOf('nautes-labs');
    expect(await repo?.show('runtimes/dr-alt.yaml')).toBeUndefined();
    const [head] = (await repo?.log()) ?? [];
    expect(head).toMatchObject({
      message: COMMIT_MESSAGE,
      files: expect.arrayContaining(['runtimes/dr-alt.yaml']),
    });
  });

  test('field_selector filters by code repo and projects_ref; destination and camelCase keys fail with 500', async () => {
    await save('dr-dev', drDevBody());
    await save(
      'dr-other',
      drDevBody({ destination: { environment: 'env-test', namespaces: ['other'] } }),
    );
    await save(
      'dr-alt',
      drDevBody({
        projects_ref: [],
        manifest_source: { code_repo: 'api-server', target_revision: 'main', path: 'deploy/alt' },
      }),
    );
    const q = (s: string): Promise<{ status: number; json: unknown }> =>
      http(ctx.server.url, 'GET', `${LIST}?field_selector=${encodeURIComponent(s)}`, {
        token: MAINTAINER,
      });
    expect(
      ((await q('manifest_source.code_repo=api')).json as { items: unknown[] }).items.length,
    ).toBeGreaterThan(0);
    expect(
      ((await q('manifest_source.code_repo=nothing')).json as { items: unknown[] }).items,
    ).toEqual([]);
    expect(
      (
        (await q('projects_ref.in=api-server')).json as { items: Array<{ name: string }> }
      ).items.map((i) => i.name),
    ).toEqual(['dr-dev', 'dr-other']);
    expect((await q('destination=env-dev')).status).toBe(500);
    const camel = await q('manifestSource.codeRepo=api-server');
    expect(camel.status).toBe(500);
    expect((camel.json as { message: string }).message).toContain(
      'operator symbol = is not supported',
    );
  });
});

describe('fake server: GitLab rights matrix', () => {
  const ctx = useFakeServer();
  const cases: Array<[string, string, Record<'list' | 'get' | 'save' | 'delete', number>]> = [
    ['outsider', OUTSIDER, { list: 404, get: 404, save: 404, delete: 404 }],
    ['guest', GUEST, { list: 500, get: 500, save: 500, delete: 500 }],
    ['reporter', REPORTER, { list: 200, get: 200, save: 500, delete: 500 }],
    ['developer', DEVELOPER, { list: 200, get: 200, save: 500, delete: 500 }],
    ['maintainer', MAINTAINER, { list: 200, get: 200, save: 200, delete: 200 }],
  ];
  test.each(cases)('a %s gets the statuses GitLab would allow', async (_who, token, expected) => {
    const base = ctx.server.url;
    // set up as the maintainer, so that get and delete have something to find
    await http(base, 'POST', one('dr-rights'), {
      token: MAINTAINER,
      body: JSON.stringify(drDevBody()),
    });
    const got = {
      list: (await http(base, 'GET', LIST, { token })).status,
      get: (await http(base, 'GET', one('dr-rights'), { token })).status,
      save: (
        await http(base, 'POST', one('dr-rights'), {
          token,
          body: JSON.stringify(drDevBody({ account: `by-${_who}` })),
        })
      ).status,
      delete: (await http(base, 'DELETE', one('dr-rights'), { token })).status,
    };
    expect(got).toEqual(expected);
  });

  test('a refused push names the protected branch and leaves the file untouched', async () => {
    await http(ctx.server.url, 'POST', one('dr-keep'), {
      token: MAINTAINER,
      body: JSON.stringify(
        drDevBody({ destination: { environment: 'env-test', namespaces: ['keep'] } }),
      ),
    });
    const r = await http(ctx.server.url, 'POST', one('dr-keep'), {
      token: DEVELOPER,
      body: JSON.stringify(
        drDevBody({ destination: { environment: 'env-test', namespaces: ['changed'] } }),
      ),
    });
    expect(r.status).toBe(500);
    expect((r.json as { message: string }).message).toMatch(/^push data: .*protected branches/s);
    const got = await http(ctx.server.url, 'GET', one('dr-keep'), { token: MAINTAINER });
    expect((got.json as { destination: { namespaces: string[] } }).destination.namespaces).toEqual([
      'keep',
    ]);
  });
});

describe("fake server: a developer's save that changes nothing (nautes-api.md 2.1 step 15, 11.9)", () => {
  const ctx = useFakeServer();
  const as = (token: string, name: string, query = '', body = drDevBody()) =>
    http(ctx.server.url, 'POST', one(name) + query, { token, body: JSON.stringify(body) });
  const commits = async (): Promise<number> =>
    (await ctx.server.service.repoOf('nautes-labs')?.log())?.length ?? 0;

  test('nothing to commit means nothing to push: 200 for a developer or a reporter, no commit', async () => {
    expect((await as(MAINTAINER, 'dr-noop')).status).toBe(200);
    const before = await commits();
    for (const token of [DEVELOPER, REPORTER]) {
      expect((await as(token, 'dr-noop')).json).toEqual({
        message: 'Successfully saved dr-noop configuration',
      });
      // a skipped save keeps the metadata: no change either
      expect((await as(token, 'dr-noop', '?insecure_skip_check=true')).status).toBe(200);
    }
    expect(await commits()).toBe(before);
    // a guest cannot even clone; a delete always changes something
    expect((await as(GUEST, 'dr-noop')).status).toBe(500);
    expect(
      (await http(ctx.server.url, 'DELETE', one('dr-noop'), { token: DEVELOPER })).status,
    ).toBe(500);
  });

  test('a file saved with insecure_skip_check has no namespace: the same spec validated writes one, so the push is refused', async () => {
    expect((await as(MAINTAINER, 'dr-bare', '?insecure_skip_check=true')).status).toBe(200);
    const before = await commits();
    expect((await as(DEVELOPER, 'dr-bare', '?insecure_skip_check=true')).status).toBe(200);
    const validated = await as(DEVELOPER, 'dr-bare');
    expect(validated.status).toBe(500);
    expect((validated.json as { message: string }).message).toMatch(/^push data: /);
    expect(await commits()).toBe(before);
  });
});

describe('fake server: a runtime whose code repo is gone from GitLab (nautes-api.md 2.4, 11.9)', () => {
  let server: FakeServer;
  const base = '/api/v1/products/p/deploymentruntimes';
  const runtime = (name: string, codeRepo: string) => ({
    name,
    manifest_source: { code_repo: codeRepo, target_revision: 'HEAD', path: name },
    destination: { environment: 'env-dev', namespaces: [] },
  });
  beforeAll(async () => {
    server = await startFakeServer({
      sameSecondCollisions: false,
      seed: SeedSchema.parse({
        users: [{ username: 'alice', token: MAINTAINER }],
        clusters: [{ name: 'c1' }],
        products: [
          {
            path: 'p',
            groupId: 7,
            defaultProjectId: 8,
            members: { alice: 'owner' },
            codeRepos: [
              { path: 'app', id: 9, project: 'app' },
              { path: 'gone', id: 10, project: 'app' },
            ],
            projects: [{ name: 'app' }],
            environments: [{ name: 'env-dev', cluster: 'c1' }],
            runtimes: [runtime('a-fine', 'app'), runtime('b-gone', 'gone')],
          },
        ],
      }),
    });
    // the GitLab project goes (the Owner deletes the code repo, forced past the runtime that uses it)
    const deleted = await http(
      server.url,
      'DELETE',
      '/api/v1/products/p/coderepos/gone?insecure_skip_check=true',
      {
        token: MAINTAINER,
      },
    );
    expect(deleted.status).toBe(200);
  });
  afterAll(() => server.close());

  const gone =
    'failed to convert codeRepo name repo-10 to repository name, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/10: 404 {message: 404 Project Not Found} metadata = map[] cause = <nil>';

  test('the whole list fails with a plain 500, whatever the selector', async () => {
    for (const query of ['', '?field_selector=manifest_source.code_repo%3Dapp']) {
      const r = await http(server.url, 'GET', base + query, { token: MAINTAINER });
      expect(r.status).toBe(500);
      expect(r.json).toEqual({ code: 500, reason: '', message: gone, metadata: {} });
    }
  });

  test('a GET of that runtime fails the same way; the other runtime still reads', async () => {
    expect((await http(server.url, 'GET', `${base}/b-gone`, { token: MAINTAINER })).json).toEqual({
      code: 500,
      reason: '',
      message: gone,
      metadata: {},
    });
    expect(
      (await http(server.url, 'GET', `${base}/a-fine`, { token: MAINTAINER })).json,
    ).toMatchObject({ name: 'a-fine', manifest_source: { code_repo: 'app' } });
  });

  test('a delete does not look the repo up: it goes, and the list reads again', async () => {
    expect((await http(server.url, 'DELETE', `${base}/b-gone`, { token: MAINTAINER })).status).toBe(
      200,
    );
    expect((await http(server.url, 'GET', base, { token: MAINTAINER })).status).toBe(200);
  });
});
