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
      '?insecure_skip_check=true&insecure_skip_check=false',
      JSON.stringify(drDevBody()),
      'application/json',
      'too many values for field "insecureSkipCheck": true, false',
    ],
    [
      'the proto spelling given twice',
      '?insecureSkipCheck=1&insecureSkipCheck=1',
      JSON.stringify(drDevBody()),
      'application/json',
      'too many values for field "insecureSkipCheck": 1, 1',
    ],
    [
      'a bad bool under the other spelling, beside a good one',
      '?insecure_skip_check=true&insecureSkipCheck=nah',
      JSON.stringify(drDevBody()),
      'application/json',
      'parsing field "insecureSkipCheck": strconv.ParseBool: parsing "nah": invalid syntax',
    ],
    [
      'a body.* field given twice',
      '?body.account=a&body.account=b',
      JSON.stringify(drDevBody()),
      'application/json',
      'too many values for field "account": a, b',
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
    // yaml.v3 into the Go struct: the keys are the Go field names in lower case
    const yaml =
      'manifestsource:\n  coderepo: api-server\n  targetrevision: HEAD\n  path: from-yaml\ndestination:\n  environment: env-dev\n  namespaces: [y1]\n';
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

  describe('the skip flag and other query fields, key by key as kratos binds them', () => {
    // env-nowhere exists in no tree: a validated save fails with RESOURCE_NOT_EXIST, a skipped one saves
    const body = JSON.stringify(
      drDevBody({ destination: { environment: 'env-nowhere', namespaces: [] } }),
    );
    const statusOf = async (query: string): Promise<number> => (await save(query, body)).status;

    test('two spellings given once each are two keys, no error: insecure_skip_check is bound last', async () => {
      expect(await statusOf('?insecure_skip_check=true&insecureSkipCheck=false')).toBe(200);
      expect(await statusOf('?insecureSkipCheck=true&insecure_skip_check=false')).toBe(500);
    });

    test('an empty value sets nothing; a [] suffix is the same field', async () => {
      expect(await statusOf('?insecure_skip_check=&insecureSkipCheck=true')).toBe(200);
      expect(await statusOf('?insecure_skip_check[]=true')).toBe(200);
      expect(await statusOf('?insecure_skip_check=')).toBe(500);
      const twice = await save('?insecure_skip_check[]=1&insecure_skip_check[]=0', body);
      expect(twice.json).toMatchObject({
        code: 400,
        reason: 'CODEC',
        message: 'too many values for field "insecureSkipCheck": 1, 0',
      });
    });

    test('a delete binds the flag the same way', async () => {
      const r = await http(
        ctx.server.url,
        'DELETE',
        `${LIST}/dr-dec?insecureSkipCheck=true&insecureSkipCheck=false`,
        { token: MAINTAINER },
      );
      expect(r.json).toMatchObject({
        code: 400,
        reason: 'CODEC',
        message: 'too many values for field "insecureSkipCheck": true, false',
      });
    });

    test('the path fields are query fields too: a value there changes nothing, given twice it is 400 CODEC', async () => {
      expect(await statusOf('?insecure_skip_check=true&productName=elsewhere')).toBe(200);
      const get = await http(
        ctx.server.url,
        'GET',
        `${LIST}/dr-dec?deploymentruntime_name=a&deploymentruntime_name=b`,
        { token: MAINTAINER },
      );
      expect(get.json).toMatchObject({
        code: 400,
        reason: 'CODEC',
        message: 'too many values for field "deploymentruntimeName": a, b',
      });
      const list = await http(ctx.server.url, 'GET', `${LIST}?product_name=x&product_name=y`, {
        token: MAINTAINER,
      });
      expect(list.json).toMatchObject({
        code: 400,
        message: 'too many values for field "productName": x, y',
      });
      // a list request has no runtime name: an unknown key, ignored
      expect(
        (
          await http(
            ctx.server.url,
            'GET',
            `${LIST}?deploymentruntimeName=a&deploymentruntimeName=b`,
            {
              token: MAINTAINER,
            },
          )
        ).status,
      ).toBe(200);
    });

    test('field_selector given twice is 400 CODEC, even on an empty product', async () => {
      const r = await http(ctx.server.url, 'GET', `${LIST}?field_selector=a&field_selector=b`, {
        token: MAINTAINER,
      });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({
        code: 400,
        reason: 'CODEC',
        message: 'too many values for field "field_selector": a, b',
      });
    });
  });

  describe('YAML bodies: yaml.v3 into the Go struct', () => {
    const post = (name: string, yaml: string) =>
      http(ctx.server.url, 'POST', `${LIST}/${name}?insecure_skip_check=true`, {
        token: MAINTAINER,
        body: yaml,
        contentType: 'application/yaml',
      });

    test('the JSON names are unknown keys: manifest_source is ignored (400 VALIDATOR)', async () => {
      const r = await post(
        'dr-y1',
        'manifest_source:\n  code_repo: api-server\n  target_revision: HEAD\n  path: p\ndestination:\n  environment: env-dev\n',
      );
      expect(r.json).toMatchObject({
        code: 400,
        reason: 'VALIDATOR',
        message: expect.stringContaining('SaveRequest_Body.ManifestSource: value is required'),
      });
    });

    test('any scalar goes into a string field as written; projectsref is read', async () => {
      const r = await post(
        'dr-y2',
        'projectsref: [api-server]\nmanifestsource: {coderepo: api-server, targetrevision: 1.10, path: p}\ndestination: {environment: env-dev, namespaces: [ns-a, 7]}\naccount: true\n',
      );
      expect(r.status).toBe(200);
      const got = await http(ctx.server.url, 'GET', `${LIST}/dr-y2`, { token: MAINTAINER });
      expect(got.json).toMatchObject({
        projects_ref: ['api-server'],
        manifest_source: { target_revision: '1.10' },
        destination: { namespaces: ['ns-a', '7'] },
        account: 'true',
      });
    });

    test('a null document leaves Body nil (500 UNKNOWN); a wrong kind is a yaml.v3 type error', async () => {
      expect((await post('dr-y3', 'null\n')).json).toMatchObject({
        code: 500,
        reason: 'UNKNOWN',
      });
      expect((await post('dr-y3', 'destination: env-dev\naccount: [a]\n')).json).toMatchObject({
        code: 400,
        reason: 'CODEC',
        message:
          'body unmarshal yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `env-dev` into v1.DeploymentRuntimesDestination\n  line 2: cannot unmarshal !!seq into string',
      });
      expect((await post('dr-y3', 'account: a\nx: 1\nx: 2\naccount: b\n')).json).toMatchObject({
        code: 400,
        reason: 'CODEC',
        message:
          'body unmarshal yaml: unmarshal errors:\n  line 4: field account already set in type v1.SaveRequest_Body',
      });
    });
  });
});
