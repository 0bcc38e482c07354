// Bodies, queries and selectors decoded as the real server decodes them (nautes-api.md 11.3, 11.6, 11.9).
import { MAINTAINER, drDevBody, http, useFakeServer } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';

describe('local server: bodies, queries and selectors', () => {
  const ctx = useFakeServer();
  const save = (query: string, body: string, contentType = 'application/json') =>
    http(ctx.server.url, 'POST', `${LIST}/dr-dec${query}`, {
      token: MAINTAINER,
      body,
      contentType,
    });

  test.each([
    [
      'the Content-Type subtype is matched case-sensitively',
      '',
      JSON.stringify(drDevBody()),
      'application/JSON',
      'unregister Content-Type: application/JSON',
    ],
    [
      'a null body',
      '',
      'null',
      'application/json',
      'body unmarshal proto: syntax error (line 1:1): unexpected token null',
    ],
    [
      'a null inside a string list',
      '',
      JSON.stringify(drDevBody({ projects_ref: ['api-server', null] })),
      'application/json',
      'invalid value for string type: null',
    ],
    [
      'a query key given twice',
      '?insecure_skip_check=true&insecureSkipCheck=false',
      JSON.stringify(drDevBody()),
      'application/json',
      'parsing field "insecureSkipCheck": too many values',
    ],
    [
      'a bad bool',
      '?insecure_skip_check=maybe',
      JSON.stringify(drDevBody()),
      'application/json',
      'parsing field "insecureSkipCheck": strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ])('%s: 400 CODEC', async (_label, query, body, contentType, message) => {
    const r = await save(query, body, contentType);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      code: 400,
      reason: 'CODEC',
      message: expect.stringContaining(message),
    });
  });

  test.each([
    [
      'a key given twice',
      '{"account":"a","account":"b","manifest_source":{"code_repo":"api-server","target_revision":"HEAD","path":"m"},"destination":{"environment":"env-dev"}}',
      'duplicate field "account"',
    ],
    [
      'one field under both spellings',
      '{"projects_ref":[],"projectsRef":[],"manifest_source":{"code_repo":"api-server","target_revision":"HEAD","path":"m"},"destination":{"environment":"env-dev"}}',
      'duplicate field "projectsRef"',
    ],
  ])('%s: 400 CODEC', async (_label, body, message) => {
    const r = await save('', body);
    expect(r.json).toMatchObject({
      code: 400,
      reason: 'CODEC',
      message: expect.stringContaining(message),
    });
  });

  test('a YAML body and a form body are decoded and saved', async () => {
    const yaml =
      'manifest_source:\n  code_repo: api-server\n  target_revision: HEAD\n  path: from-yaml\ndestination:\n  environment: env-dev\n  namespaces: [y1]\n';
    expect(
      (
        await http(ctx.server.url, 'POST', `${LIST}/dr-yaml?insecure_skip_check=true`, {
          token: MAINTAINER,
          body: yaml,
          contentType: 'application/yaml',
        })
      ).status,
    ).toBe(200);
    const form =
      'manifest_source.code_repo=api-server&manifest_source.target_revision=HEAD&manifest_source.path=from-form&destination.environment=env-dev&destination.namespaces=f1&destination.namespaces=f2';
    expect(
      (
        await http(ctx.server.url, 'POST', `${LIST}/dr-form?insecure_skip_check=true`, {
          token: MAINTAINER,
          body: form,
          contentType: 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(200);
    const got = await http(ctx.server.url, 'GET', `${LIST}/dr-form`, { token: MAINTAINER });
    expect(got.json).toMatchObject({
      manifest_source: { path: 'from-form' },
      destination: { namespaces: ['f1', 'f2'] },
    });
    expect(
      (await http(ctx.server.url, 'GET', `${LIST}/dr-yaml`, { token: MAINTAINER })).json,
    ).toMatchObject({
      manifest_source: { path: 'from-yaml' },
      destination: { namespaces: ['y1'] },
    });
    // curl -d without -H: a form body without the required fields fails validation
    const bare = await http(ctx.server.url, 'POST', `${LIST}/dr-bare`, {
      token: MAINTAINER,
      body: '{"a":1}',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(bare.json).toMatchObject({ code: 400, reason: 'VALIDATOR' });
  });

  test('code_repo is a project path: the numeric id of an existing repo is a missing repo (500)', async () => {
    const r = await http(ctx.server.url, 'POST', `${LIST}/dr-numeric`, {
      token: MAINTAINER,
      body: JSON.stringify(
        drDevBody({ manifest_source: { code_repo: '201', target_revision: 'HEAD', path: 'n' } }),
      ),
    });
    expect(r.json).toMatchObject({
      code: 500,
      reason: '',
      message: expect.stringMatching(
        /^failed to get repository 201, err: error: code = 404 reason = PROJECT_NOT_FOUND/,
      ),
    });
  });

  test('body.* query keys override the body', async () => {
    const r = await http(
      ctx.server.url,
      'POST',
      `${LIST}/dr-override?insecure_skip_check=true&body.account=from-query&body.manifest_source.path=q`,
      { token: MAINTAINER, body: JSON.stringify(drDevBody({ account: 'from-body' })) },
    );
    expect(r.status).toBe(200);
    expect(
      (await http(ctx.server.url, 'GET', `${LIST}/dr-override`, { token: MAINTAINER })).json,
    ).toMatchObject({ account: 'from-query', manifest_source: { path: 'q' } });
  });

  test('Accept: application/yaml gets a YAML reply, errors included', async () => {
    await http(ctx.server.url, 'POST', `${LIST}/dr-override?insecure_skip_check=true`, {
      token: MAINTAINER,
      body: JSON.stringify(drDevBody({ account: 'from-query' })),
    });
    const r = await http(ctx.server.url, 'GET', `${LIST}/dr-override`, {
      token: MAINTAINER,
      headers: { accept: 'application/yaml' },
    });
    expect(r.headers.get('content-type')).toBe('application/yaml');
    expect(r.text).toContain('account: from-query\n');
    const missing = await http(ctx.server.url, 'GET', `${LIST}/nope`, {
      token: MAINTAINER,
      headers: { accept: 'application/yaml' },
    });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('reason: RESOURCE_NOT_FOUND\n');
  });

  test('selectors: fieldSelector is ignored, keys are not trimmed, a second "=" and any bad term fail with 500', async () => {
    expect((await save('', JSON.stringify(drDevBody()))).status).toBe(200);
    const q = (query: string) =>
      http(ctx.server.url, 'GET', `${LIST}?${query}`, { token: MAINTAINER });
    const ignored = await q(
      `fieldSelector=${encodeURIComponent('manifest_source.code_repo=nothing')}`,
    );
    const all = await q('');
    expect((ignored.json as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(ignored.json).toEqual(all.json);
    expect(
      (await q(`field_selector=${encodeURIComponent(' manifest_source.code_repo=api')}`)).status,
    ).toBe(500);
    expect(
      (await q(`field_selector=${encodeURIComponent('manifest_source.code_repo=a=b')}`)).status,
    ).toBe(500);
    // the first term does not match, the second is bad: still a 500 (all terms are parsed first)
    expect(
      (
        await q(
          `field_selector=${encodeURIComponent('manifest_source.code_repo=nothing,projects_ref.in')}`,
        )
      ).json,
    ).toMatchObject({
      code: 500,
      message: 'this operation symbol is not supported: projects_ref.in',
    });
  });
});
