// Code repos (nautes-api-resources.md 5, 15.2): GitLab projects plus code-repos/repo-<pid>/repo-<pid>.yaml,
// over loopback HTTP.
import { demoSeed, SeedSchema } from '../../lib/fake-server';
import {
  DEVELOPER,
  MAINTAINER,
  OUTSIDER,
  drDevBody,
  http,
  useFakeServer,
} from '../helpers/fake-server';

const OWNER = 'owner-token';
const LIST = '/api/v1/products/nautes-labs/coderepos';
const one = (name: string): string => `${LIST}/${name}`;
const PREFIX = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';

/** The demo seed plus oscar, Owner of nautes-labs (a GitLab project delete needs Owner). */
function seed(extra: Record<string, unknown> = {}): ReturnType<typeof demoSeed> {
  const demo = demoSeed();
  return SeedSchema.parse({
    ...demo,
    users: [...demo.users, { username: 'oscar', token: OWNER }],
    products: demo.products.map((p) => ({ ...p, members: { ...p.members, oscar: 'owner' } })),
    ...extra,
  });
}

const gitlab = (path: string, name = path, visibility = 'private', description = '') => ({
  name,
  path,
  visibility,
  description,
  ssh_url_to_repo: `git@gitlab.nautes.local:nautes-labs/${path}.git`,
  http_url_to_repo: `https://gitlab.nautes.local/nautes-labs/${path}.git`,
});

describe('fake server: code repos', () => {
  const ctx = useFakeServer({ seed: seed() });
  const call = (method: string, path: string, token = MAINTAINER, body?: unknown) =>
    http(ctx.server.url, method, path, {
      token,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const repo = () => ctx.server.service.repoOf('nautes-labs');
  const save = (name: string, body: Record<string, unknown> = {}, token = MAINTAINER, query = '') =>
    call('POST', `${one(name)}${query}`, token, {
      git: { gitlab: { visibility: 'private' } },
      ...body,
    });

  test('a new repo: a GitLab project (id 202, after the seed), the file rewritten fresh, GET and list', async () => {
    const r = await save('web', {
      project: 'api-server',
      webhook: { events: ['push_events'] },
      deployment_runtime: true,
      git: { gitlab: { visibility: 'public', description: 'the site' } },
    });
    expect(r).toMatchObject({
      status: 200,
      text: '{"message":"Successfully saved web configuration"}',
    });
    expect(await repo()?.show('code-repos/repo-202/repo-202.yaml')).toBe(
      [
        'apiVersion: nautes.resource.nautes.io/v1alpha1',
        'kind: CodeRepo',
        'metadata:',
        '  creationTimestamp: null',
        '  name: repo-202',
        'spec:',
        '  codeRepoProvider: gitlab',
        '  deploymentRuntime: true',
        '  pipelineRuntime: false',
        '  product: product-101',
        '  project: api-server',
        '  repoName: web',
        '  webhook:',
        '    events:',
        '    - push_events',
        '',
      ].join('\n'),
    );
    const web = {
      product: 'nautes-labs',
      name: 'web',
      project: 'api-server',
      webhook: { events: ['push_events'] },
      deployment_runtime: true,
      pipeline_runtime: false,
      git: { gitlab: gitlab('web', 'web', 'public', 'the site'), github: null },
    };
    expect((await call('GET', one('web'))).text).toBe(JSON.stringify(web));
    // the seeded repo's file has no webhook: {"events":[]}
    expect((await call('GET', one('api-server'))).json).toMatchObject({
      webhook: { events: [] },
      git: { gitlab: gitlab('api-server'), github: null },
    });
    // list: GitLab order (newest first), product = the URL string
    const list = (await call('GET', '/api/v1/products/101/coderepos')).json as {
      items: Array<{ name: string; product: string }>;
    };
    expect(list.items.map((i) => [i.name, i.product])).toEqual([
      ['web', '101'],
      ['api-server', '101'],
    ]);
    // an empty events list: webhook null in the file
    expect((await save('web', { webhook: { events: [] } })).status).toBe(200);
    expect(await repo()?.show('code-repos/repo-202/repo-202.yaml')).toContain('  webhook: null\n');
    expect(await repo()?.show('code-repos/repo-202/repo-202.yaml')).toContain('  project: ""\n');
  });

  test('validation: git required, visibility in the list (400 VALIDATOR); empty body 500 UNKNOWN; the path rule; an unknown product', async () => {
    expect((await call('POST', one('x'), MAINTAINER, {})).json).toEqual({
      code: 400,
      reason: 'VALIDATOR',
      message: `${PREFIX}invalid SaveRequest_Body.Git: value is required`,
      metadata: {},
    });
    expect((await call('POST', one('x'), MAINTAINER, { git: { gitlab: {} } })).json).toMatchObject({
      code: 400,
      reason: 'VALIDATOR',
      message: `${PREFIX}invalid SaveRequest_Body.Git: embedded message failed validation | caused by: invalid Git.Gitlab: embedded message failed validation | caused by: invalid Gitlab.Visibility: value must be in list [public private]`,
    });
    expect((await call('POST', one('x'), MAINTAINER, '')).json).toMatchObject({
      code: 500,
      reason: 'UNKNOWN',
      message: 'unknown request error',
    });
    for (const gitlabOptions of [{ path: 'y' }, { name: 'y' }])
      expect(
        (await save('x', { git: { gitlab: { visibility: 'private', ...gitlabOptions } } })).json,
      ).toMatchObject({
        code: 500,
        reason: '',
        message: 'the name of the codeRepo resource must be the same as the repository path',
      });
    expect(
      (await call('POST', '/api/v1/products/nope/coderepos/x', MAINTAINER, { git: {} })).json,
    ).toMatchObject({
      code: 404,
      reason: 'GROUP_NOT_FOUND',
    });
  });

  test('the GitLab project is made before validation and kept when it fails; whole-tree rules 5.6', async () => {
    const ghost = await save('orphan', { project: 'ghost' });
    expect(ghost.json).toMatchObject({
      code: 500,
      reason: '',
      message:
        "during global validation, it was found that Project 'ghost' does not exist or is unavailable. Please check CodeRepo 'orphan' in directory 'code-repos/repo-202'",
    });
    // in GitLab, not in the tree: GET finds the project, then no file
    expect((await call('GET', one('orphan'))).json).toMatchObject({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
      message: 'the resource is not found',
    });
    expect(await repo()?.show('code-repos/repo-202/repo-202.yaml')).toBeUndefined();
    expect(
      (await save('hooks', { webhook: { events: ['push_events', 'wiki_events'] } })).json,
    ).toMatchObject({
      code: 500,
      message:
        'invalid webhook wiki_events please refer to gitlab api documentation: https://docs.gitlab.com/ee/api/projects.html#edit-project-hook',
    });
    // skipped: the same save goes through
    expect(
      (await save('orphan', { project: 'ghost' }, MAINTAINER, '?insecureSkipCheck=true')).status,
    ).toBe(200);
    expect(await repo()?.show('code-repos/repo-202/repo-202.yaml')).toContain('project: ghost');
    // a product delete is refused while the group holds code repos made through the API too
    expect((await call('DELETE', '/api/v1/products/nautes-labs', OWNER)).json).toMatchObject({
      code: 500,
      message: 'here are multiple project in nautes-labs, unable to delete',
    });
  });

  test('rights: a Developer creates the GitLab project, then the push is refused; the retry needs Maintainer for the edit', async () => {
    const first = await save('dev-repo', {}, DEVELOPER);
    expect((first.json as { message: string }).message).toMatch(/^push data: /);
    expect((await call('GET', one('dev-repo'))).json).toMatchObject({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
    });
    expect((await save('dev-repo', {}, DEVELOPER)).json).toMatchObject({
      code: 500,
      reason: '',
      message: 'PUT https://gitlab.nautes.local/api/v4/projects/202: 403 {message: 403 Forbidden}',
    });
    expect((await save('dev-repo')).status).toBe(200);
    expect((await call('POST', one('x'), OUTSIDER, { git: {} })).json).toMatchObject({
      code: 404,
      reason: 'GROUP_NOT_FOUND',
    });
  });

  test('an edit: the display name is reset to the path when omitted; an empty description never clears; list needs name = path', async () => {
    await save('web', { git: { gitlab: { visibility: 'private', description: 'kept' } } });
    await save('web', { git: { gitlab: { name: 'web', path: 'web', visibility: 'private' } } });
    expect((await call('GET', one('web'))).json).toMatchObject({
      git: { gitlab: gitlab('web', 'web', 'private', 'kept') },
    });
    // a display name other than the path needs an explicit path too
    await save('web', { git: { gitlab: { name: 'Web App', path: 'web', visibility: 'private' } } });
    expect((await call('GET', one('web'))).json).toMatchObject({
      git: { gitlab: { name: 'Web App' } },
    });
    const names = async (): Promise<string[]> =>
      ((await call('GET', LIST)).json as { items: Array<{ name: string }> }).items.map(
        (i) => i.name,
      );
    expect(await names()).toEqual(['api-server']);
    await save('web');
    expect((await call('GET', one('web'))).json).toMatchObject({
      git: { gitlab: { name: 'web' } },
    });
    expect(await names()).toEqual(['web', 'api-server']);
  });

  test('GET: a repo missing in GitLab is 404 PROJECT_NOT_FOUND, before any group lookup', async () => {
    for (const path of [one('nope'), '/api/v1/products/nope/coderepos/api-server'])
      expect((await call('GET', path)).json).toMatchObject({
        code: 404,
        reason: 'PROJECT_NOT_FOUND',
        message: expect.stringMatching(
          /^failed to get project, err: GET https:\/\/gitlab\.nautes\.local\/api\/v4\/projects\/.*404 \{message: 404 Project Not Found\}$/,
        ),
      });
  });

  test('field_selector: project (substring), deployment_runtime and pipeline_runtime (booleans)', async () => {
    await save('web', { pipeline_runtime: true });
    const names = async (q: string): Promise<unknown> =>
      (
        (await call('GET', `${LIST}?field_selector=${q}`)).json as {
          items?: Array<{ name: string }>;
        }
      ).items?.map((i) => i.name);
    expect(await names('project=api')).toEqual(['api-server']);
    expect(await names('pipeline_runtime=true')).toEqual(['web']);
    expect(await names('deployment_runtime=0')).toEqual(['web', 'api-server']);
    expect((await call('GET', `${LIST}?field_selector=pipeline_runtime=yes`)).json).toMatchObject({
      code: 500,
      message: 'match value must be a Boolean value: yes',
    });
  });

  test('DELETE: missing in GitLab is 200 doing nothing; no file is 404 NODE_NOT_FOUND; references refuse it unless skipped; then the GitLab project goes (Owner)', async () => {
    const before = (await repo()?.log())?.length;
    expect((await call('DELETE', one('nope'))).text).toBe(
      '{"message":"Successfully deleted nope configuration"}',
    );
    expect((await repo()?.log())?.length).toBe(before);
    await save('orphan', { project: 'ghost' });
    expect((await call('DELETE', one('orphan'), OWNER)).json).toEqual({
      code: 404,
      reason: 'NODE_NOT_FOUND',
      message: 'failed to get coderepo of repository repo-202',
      metadata: {},
    });
    expect(
      (
        await call(
          'POST',
          '/api/v1/products/nautes-labs/deploymentruntimes/dr-dev',
          MAINTAINER,
          drDevBody(),
        )
      ).status,
    ).toBe(200);
    expect((await call('DELETE', one('api-server'), OWNER)).json).toMatchObject({
      code: 500,
      reason: 'RESOURCE_NOT_EXIST',
    });
    // skipped, by a Maintainer: the file goes, then GitLab refuses the project delete (Owner)
    expect((await call('DELETE', `${one('api-server')}?insecure_skip_check=true`)).json).toEqual({
      code: 500,
      reason: '',
      message:
        'DELETE https://gitlab.nautes.local/api/v4/projects/201: 403 {message: 403 Forbidden}',
      metadata: {},
    });
    expect(await repo()?.show('code-repos/repo-201/repo-201.yaml')).toBeUndefined();
    expect((await call('GET', one('api-server'))).json).toMatchObject({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
    });
    // the tree is broken now (dr-dev names repo-201): an unskipped save keeps its new GitLab project only
    expect((await save('web', {}, OWNER)).json).toMatchObject({
      code: 500,
      reason: 'RESOURCE_NOT_EXIST',
    });
    expect((await save('web', {}, OWNER, '?insecure_skip_check=true')).status).toBe(200);
    expect((await call('DELETE', `${one('web')}?insecure_skip_check=1`, OWNER)).text).toBe(
      '{"message":"Successfully deleted web configuration"}',
    );
    expect(await repo()?.show('code-repos/repo-203/repo-203.yaml')).toBeUndefined();
    expect((await call('GET', one('web'))).json).toMatchObject({
      code: 404,
      reason: 'PROJECT_NOT_FOUND',
    });
  });
});

describe('fake server: code repos without a CodeRepoProvider', () => {
  const ctx = useFakeServer({ seed: seed({ codeRepoProviders: [] }) });
  test('the file names no provider; the whole-tree rule refuses every repo, the seeded one first (unless skipped)', async () => {
    const call = (q = '') =>
      http(ctx.server.url, 'POST', `${one('web')}${q}`, { token: MAINTAINER, body: '{"git":{}}' });
    expect((await call()).json).toMatchObject({
      code: 500,
      message:
        'codeRepoProvider gitlab is an invalid resource, err: coderepoproviders.nautes.resource.nautes.io "gitlab" not found',
    });
    expect((await call('?insecure_skip_check=true')).status).toBe(200);
    expect(
      await ctx.server.service.repoOf('nautes-labs')?.show('code-repos/repo-202/repo-202.yaml'),
    ).toContain('  codeRepoProvider: ""\n');
  });
});
