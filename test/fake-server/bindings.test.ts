// Code repo bindings (nautes-api-resources.md 6): code-repos/repo-<pid>/<name>.yaml, over loopback HTTP.
import { demoSeed, SeedSchema } from '../../lib/fake-server';
import { DEVELOPER, MAINTAINER, drDevBody, http, useFakeServer } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/coderepobindings';
const one = (name: string): string => `${LIST}/${name}`;
const PREFIX = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';

/** The demo seed plus a product-level repo `shared-lib` (202) and a Nautes project `web`. */
function seed(): ReturnType<typeof demoSeed> {
  const demo = demoSeed();
  return SeedSchema.parse({
    ...demo,
    products: demo.products.map((p) => ({
      ...p,
      codeRepos: [...p.codeRepos, { path: 'shared-lib', name: 'Shared Lib', id: 202 }],
      projects: [...p.projects, { name: 'web' }],
    })),
  });
}

describe('fake server: code repo bindings', () => {
  const ctx = useFakeServer({ seed: seed() });
  const call = (method: string, path: string, token = MAINTAINER, body?: unknown) =>
    http(ctx.server.url, method, path, {
      token,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const repo = () => ctx.server.service.repoOf('nautes-labs');
  const bind = (name: string, body: Record<string, unknown>, query = '', token = MAINTAINER) =>
    call('POST', `${one(name)}${query}`, token, { permissions: 'readonly', ...body });

  test('save: the file (empty keys omitted, body product ignored), GET and list replies, field_selector', async () => {
    const r = await bind('b1', { coderepo: 'shared-lib', product: 'elsewhere' });
    expect(r).toMatchObject({
      status: 200,
      text: '{"message":"Successfully saved b1 configuration"}',
    });
    expect(await repo()?.show('code-repos/repo-202/b1.yaml')).toBe(
      [
        'apiVersion: nautes.resource.nautes.io/v1alpha1',
        'kind: CodeRepoBinding',
        'metadata:',
        '  creationTimestamp: null',
        '  name: b1',
        'spec:',
        '  codeRepo: repo-202',
        '  permissions: readonly',
        '  product: product-101',
        '',
      ].join('\n'),
    );
    // coderepo comes back as the GitLab project NAME
    const b1 =
      '{"product":"nautes-labs","name":"b1","projects":[],"permissions":"readonly","coderepo":"Shared Lib"}';
    expect((await call('GET', one('b1'))).text).toBe(b1);
    await bind('b2', { coderepo: 'api-server', projects: ['web'], permissions: 'readwrite' });
    expect(await repo()?.show('code-repos/repo-201/b2.yaml')).toContain(
      '  permissions: readwrite\n  product: product-101\n  projects:\n  - web\n',
    );
    const b2 =
      '{"product":"nautes-labs","name":"b2","projects":["web"],"permissions":"readwrite","coderepo":"api-server"}';
    // tree order: code-repos/repo-201 before repo-202
    expect((await call('GET', LIST)).text).toBe(`{"items":[${b2},${b1}]}`);
    expect((await call('GET', `${LIST}?field_selector=coderepo=Shared`)).text).toBe(
      `{"items":[${b1}]}`,
    );
    expect((await call('GET', `${LIST}?field_selector=projects.in=we`)).text).toBe(
      `{"items":[${b2}]}`,
    );
    expect((await call('GET', `${LIST}?field_selector=product=nautes`)).text).toContain(b1);
    expect((await call('GET', one('nope'))).json).toMatchObject({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
    });
    // an update replaces the spec: projects gone, the key omitted again
    await bind('b2', { coderepo: 'api-server' });
    expect(await repo()?.show('code-repos/repo-201/b2.yaml')).not.toContain('projects');
  });

  test('validation: permissions first, then coderepo (400 VALIDATOR); an empty body is 500 UNKNOWN after the group lookup', async () => {
    expect((await call('POST', one('b'), MAINTAINER, {})).json).toEqual({
      code: 400,
      reason: 'VALIDATOR',
      message: `${PREFIX}invalid SaveRequest_Body.Permissions: value must be in list [readonly readwrite]`,
      metadata: {},
    });
    expect(
      (await call('POST', one('b'), MAINTAINER, { permissions: 'readonly' })).json,
    ).toMatchObject({
      code: 400,
      reason: 'VALIDATOR',
      message: `${PREFIX}invalid SaveRequest_Body.Coderepo: value length must be at least 1 runes`,
    });
    expect((await call('POST', one('b'), MAINTAINER, '')).json).toMatchObject({
      code: 500,
      reason: 'UNKNOWN',
    });
    expect(
      (await call('POST', '/api/v1/products/nope/coderepobindings/b', MAINTAINER, '')).json,
    ).toMatchObject({ code: 404, reason: 'GROUP_NOT_FOUND' });
  });

  test('the repo must exist in GitLab: a plain 500 that insecure_skip_check does not skip', async () => {
    for (const q of ['', '?insecure_skip_check=true'])
      expect((await bind('b', { coderepo: 'nope' }, q)).json).toEqual({
        code: 500,
        reason: '',
        message:
          'failed to convert repository name nope to codeRepo name, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/nautes-labs%2Fnope: 404 {message: 404 Project Not Found} metadata = map[] cause = <nil>',
        metadata: {},
      });
  });

  test('NOT_ALLOWED_MODIFY: another repo under an existing name (per product, any directory), even skipped', async () => {
    await bind('b1', { coderepo: 'shared-lib' });
    for (const q of ['', '?insecure_skip_check=true'])
      expect((await bind('b1', { coderepo: 'api-server' }, q)).json).toEqual({
        code: 500,
        reason: 'NOT_ALLOWED_MODIFY',
        message:
          'It is not allowed to modify the authorized repository. If you want to change the authorized repository, please delete the authorization',
        metadata: {},
      });
    expect(await repo()?.show('code-repos/repo-201/b1.yaml')).toBeUndefined();
  });

  test('whole-tree rules 6.5; only insecure_skip_check (snake case) skips them; rights', async () => {
    const ghost = { coderepo: 'shared-lib', projects: ['ghost'] };
    for (const q of ['', '?insecureSkipCheck=true'])
      expect((await bind('b', ghost, q)).json).toMatchObject({
        code: 500,
        reason: '',
        message: 'project resource ghost does not exist or is invalid',
      });
    expect((await bind('b', ghost, '?insecure_skip_check=true')).status).toBe(200);
    // a repo in GitLab without its CodeRepo file (its save failed validation: the project stayed)
    const orphan = await call('POST', '/api/v1/products/nautes-labs/coderepos/orphan', MAINTAINER, {
      project: 'ghost',
      git: {},
    });
    expect(orphan.status).toBe(500);
    expect(
      (await bind('o', { coderepo: 'orphan' }, '?insecure_skip_check=false')).json,
    ).toMatchObject({
      code: 500,
      // the forced binding `b` is checked too: its project is still missing
      message: 'project resource ghost does not exist or is invalid',
    });
    await call('DELETE', `${one('b')}?insecure_skip_check=true`);
    expect((await bind('o', { coderepo: 'orphan' })).json).toMatchObject({
      code: 500,
      message:
        'the authorization repository repo-203 does not exist when checking CodeRepoBinding o',
    });
    expect(
      ((await bind('b1', { coderepo: 'shared-lib' }, '', DEVELOPER)).json as { message: string })
        .message,
    ).toMatch(/^push data: /);
  });

  test('runtime rule j reads API-made bindings; deleting the binding it needs is refused unless skipped', async () => {
    const dr = drDevBody({
      projects_ref: ['web'],
      manifest_source: { code_repo: 'shared-lib', target_revision: 'HEAD', path: 'deploy' },
    });
    const saveDr = () =>
      call('POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-web', MAINTAINER, dr);
    const refusal = {
      code: 500,
      reason: '',
      message:
        'verify deployment runtime failed, err: project web is illegal: not permitted to use repository repo-202',
    };
    expect((await saveDr()).json).toMatchObject(refusal);
    await bind('grant', { coderepo: 'shared-lib', projects: ['web'] });
    expect((await saveDr()).status).toBe(200);
    expect((await call('DELETE', one('grant'))).json).toMatchObject(refusal);
    expect((await call('DELETE', `${one('grant')}?insecureSkipCheck=true`)).json).toMatchObject(
      refusal,
    );
    expect((await call('DELETE', `${one('grant')}?insecure_skip_check=true`)).text).toBe(
      '{"message":"Successfully deleted grant configuration"}',
    );
    expect(await repo()?.show('code-repos/repo-202/grant.yaml')).toBeUndefined();
  });

  test('delete of a missing binding is the plain 500 "... not found or invalid ..."', async () => {
    expect((await call('DELETE', one('nope'))).json).toEqual({
      code: 500,
      reason: '',
      message:
        'CodeRepoBinding resource nope not found or invalid. Please check whether the resource exists under the default project',
      metadata: {},
    });
  });
});
