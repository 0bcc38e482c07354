// Products (nautes-api-resources.md 2, 15.2): GitLab groups holding default.project, over loopback HTTP.
import { existsSync } from 'node:fs';
import { demoSeed, SeedSchema } from '../../lib/fake-server';
import {
  DEVELOPER,
  GUEST,
  MAINTAINER,
  OUTSIDER,
  REPORTER,
  http,
  useFakeServer,
} from '../helpers/fake-server';

const OWNER = 'solo-owner-token';
const NO_GROUPS = 'no-groups-token';
const PRODUCTS = '/api/v1/products';

/** The demo seed plus `solo` (only default.project; oscar its Owner, alice a maintainer) and a user who may not create groups. */
function seed(): ReturnType<typeof demoSeed> {
  const demo = demoSeed();
  return SeedSchema.parse({
    ...demo,
    users: [
      ...demo.users,
      { username: 'oscar', token: OWNER },
      { username: 'nina', token: NO_GROUPS, canCreateGroup: false },
    ],
    products: [
      ...demo.products,
      {
        path: 'solo',
        groupId: 150,
        defaultProjectId: 500,
        description: 'a lone product',
        members: { alice: 'maintainer', oscar: 'owner' },
      },
    ],
  });
}

const reply = (name: string, path = name, visibility = 'private', description = ''): string =>
  JSON.stringify({ name, git: { gitlab: { path, visibility, description }, github: null } });

describe('fake server: products', () => {
  const ctx = useFakeServer({ seed: seed() });
  const call = (method: string, path: string, token = MAINTAINER, body?: unknown) =>
    http(ctx.server.url, method, path, {
      token,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const create = (name: string, token = MAINTAINER, gitlab: Record<string, string> = {}) =>
    call('POST', `${PRODUCTS}/${name}`, token, {
      git: { gitlab: { path: name, visibility: 'private', ...gitlab } },
    });

  test('routes: the list with a trailing slash redirects; other methods and POST on the list are 404', async () => {
    const slash = await call('GET', `${PRODUCTS}/`);
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe(PRODUCTS);
    const one = await call('GET', `${PRODUCTS}/nautes-labs/`);
    expect(one.status).toBe(301);
    expect(one.headers.get('location')).toBe(`${PRODUCTS}/nautes-labs`);
    expect((await call('POST', PRODUCTS, MAINTAINER, {})).text).toBe('404 page not found\n');
    expect((await call('PUT', `${PRODUCTS}/nautes-labs`)).status).toBe(404);
  });

  test('GET shows the group; a Guest may read it (no clone); missing or invisible is 500 "there are no default projects ..."', async () => {
    for (const token of [MAINTAINER, REPORTER, GUEST]) {
      const r = await call('GET', `${PRODUCTS}/nautes-labs`, token);
      expect(r).toMatchObject({ status: 200, text: reply('nautes-labs') });
    }
    expect((await call('GET', `${PRODUCTS}/150`)).text).toBe(
      reply('solo', 'solo', 'private', 'a lone product'),
    );
    for (const [token, product] of [
      [OUTSIDER, 'nautes-labs'],
      [MAINTAINER, 'nope'],
    ] as const)
      expect((await call('GET', `${PRODUCTS}/${product}`, token)).json).toEqual({
        code: 500,
        reason: '',
        message: 'there are no default projects under this product',
        metadata: {},
      });
  });

  test("a new product: a top-level group (ids after the seed's, two sequences), the caller its Owner, default.project with README and a two-line kustomization", async () => {
    const r = await create('new-prod', MAINTAINER, { description: 'fresh' });
    expect(r).toMatchObject({ status: 200, text: '{"message":"Successfully saved"}' });
    // group ids continue after 150, project ids after 500: product-151
    expect((await call('GET', `${PRODUCTS}/151`)).text).toBe(
      reply('new-prod', 'new-prod', 'private', 'fresh'),
    );
    const repo = ctx.server.service.repoOf('new-prod');
    const log = (await repo?.log()) ?? [];
    expect(log.map((c) => [c.message, c.author, c.files])).toEqual([
      ['[API] Save operator', 'alice', ['production/kustomization.yaml']],
      ['Initial commit', 'alice', ['README.md']],
    ]);
    expect(await repo?.show('production/kustomization.yaml')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
    );
    expect(await repo?.show('README.md')).toBe('# default.project\n');
    // the Owner can push into it at once
    const project = await call('POST', `${PRODUCTS}/new-prod/projects/web`, MAINTAINER, {
      language: 'ts',
    });
    expect(project.status).toBe(200);
    expect(await repo?.show('projects/web/web.yaml')).toContain('  product: product-151\n');
    expect(await repo?.show('production/kustomization.yaml')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../projects/web/web.yaml\n',
    );
  });

  test('validation: 400 VALIDATOR without git or with a bad visibility; a path other than the product is 500', async () => {
    for (const body of ['', '{}', '{"git":null}'])
      expect((await call('POST', `${PRODUCTS}/x`, MAINTAINER, body)).json).toMatchObject({
        code: 400,
        reason: 'VALIDATOR',
        message: 'invalid SaveProductRequest.Git: value is required',
      });
    expect(
      (await call('POST', `${PRODUCTS}/x`, MAINTAINER, { git: { gitlab: { path: 'x' } } })).json,
    ).toMatchObject({
      code: 400,
      reason: 'VALIDATOR',
      message:
        'invalid SaveProductRequest.Git: embedded message failed validation | caused by: invalid Git.Gitlab: embedded message failed validation | caused by: invalid Gitlab.Visibility: value must be in list [public private]',
    });
    expect((await create('x', MAINTAINER, { path: 'y' })).json).toMatchObject({
      code: 500,
      reason: '',
      message:
        'when creating a GitLab group, the path must be consistent with the product name. the expected name is x, but it is currently y',
    });
    // git without gitlab: empty options, the group is created with name = path = product
    expect((await call('POST', `${PRODUCTS}/bare`, MAINTAINER, { git: {} })).status).toBe(200);
    expect((await call('GET', `${PRODUCTS}/bare`)).text).toBe(reply('bare'));
  });

  test("a user who may not create groups: 403 NO_AUTHORIZATION; a path taken by an invisible group: GitLab's 400 as a 500", async () => {
    expect((await create('mine', NO_GROUPS)).json).toMatchObject({
      code: 403,
      reason: 'NO_AUTHORIZATION',
      message:
        'no permission to create group, err: POST https://gitlab.nautes.local/api/v4/groups: 403 {message: 403 Forbidden}',
    });
    // nautes-labs is private and invisible to olga: not found, so "create", and GitLab refuses the path
    expect((await create('nautes-labs', OUTSIDER)).json).toMatchObject({
      code: 500,
      reason: '',
      message:
        'POST https://gitlab.nautes.local/api/v4/groups: 400 {path: [has already been taken]}',
    });
  });

  test('an update needs Owner (else the plain 500 go-gitlab text); without git.gitlab.name the name is reset to the product', async () => {
    expect((await create('nautes-labs')).json).toMatchObject({
      code: 500,
      reason: '',
      message: 'PUT https://gitlab.nautes.local/api/v4/groups/101: 403 {message: 403 Forbidden}',
    });
    expect((await create('solo', OWNER, { name: 'Solo Team', visibility: 'public' })).status).toBe(
      200,
    );
    expect((await call('GET', `${PRODUCTS}/solo`)).text).toBe(
      reply('Solo Team', 'solo', 'public', 'a lone product'),
    );
    const before = (await ctx.server.service.repoOf('solo')?.log())?.length;
    expect((await create('solo', OWNER, { visibility: 'public' })).status).toBe(200);
    expect((await call('GET', `${PRODUCTS}/solo`)).text).toBe(
      reply('solo', 'solo', 'public', 'a lone product'),
    );
    // default.project exists: nothing is committed
    expect((await ctx.server.service.repoOf('solo')?.log())?.length).toBe(before);
  });

  test('LIST: groups of the visible default.project projects, newest first, field_selector product_name', async () => {
    await create('new-prod');
    const names = async (token: string, query = ''): Promise<unknown> =>
      (
        (await call('GET', `${PRODUCTS}${query}`, token)).json as { items: Array<{ name: string }> }
      ).items.map((i) => i.name);
    expect(await names(MAINTAINER)).toEqual(['new-prod', 'solo', 'nautes-labs']);
    expect(await names(DEVELOPER)).toEqual(['nautes-labs']);
    expect(await names(OUTSIDER)).toEqual([]);
    expect(await names(MAINTAINER, '?field_selector=product_name=new')).toEqual(['new-prod']);
    expect((await call('GET', `${PRODUCTS}?field_selector=name=x`)).json).toMatchObject({
      code: 500,
      message: 'failed to get selector, the filter field name operator symbol = is not supported',
    });
    expect((await call('GET', `${PRODUCTS}/nautes-labs`, OUTSIDER)).status).toBe(500);
    expect((await call('GET', PRODUCTS, MAINTAINER)).text).toContain(reply('new-prod'));
  });

  test('DELETE: 404 for a missing group, 500 while code repos exist, 403 without Owner; else the whole group goes', async () => {
    expect((await call('DELETE', `${PRODUCTS}/nope`)).json).toEqual({
      code: 404,
      reason: 'GROUP_NOT_FOUND',
      message:
        'failed to get group, err: GET https://gitlab.nautes.local/api/v4/groups/nope: 404 {message: 404 Group Not Found}',
      metadata: {},
    });
    expect((await call('DELETE', `${PRODUCTS}/nautes-labs`)).json).toMatchObject({
      code: 500,
      reason: '',
      message: 'here are multiple project in nautes-labs, unable to delete',
    });
    expect((await call('DELETE', `${PRODUCTS}/solo`)).json).toMatchObject({
      code: 403,
      reason: 'NO_AUTHORIZATION',
      message:
        'no permission to delete group, err: DELETE https://gitlab.nautes.local/api/v4/groups/150: 403 {message: 403 Forbidden}',
    });
    const dir = ctx.server.service.repoOf('solo')?.dir;
    expect(dir).toBeDefined();
    expect((await call('DELETE', `${PRODUCTS}/solo`, OWNER)).text).toBe(
      '{"message":"Successfully deleted"}',
    );
    expect(existsSync(dir as string)).toBe(false);
    expect(ctx.server.service.repoOf('solo')).toBeUndefined();
    expect((await call('GET', `${PRODUCTS}/solo`, OWNER)).status).toBe(500);
    expect((await call('GET', `${PRODUCTS}/solo/projects`, OWNER)).json).toMatchObject({
      code: 404,
      reason: 'GROUP_NOT_FOUND',
    });
    // a product made through the API goes too, with everything in its default.project
    await create('new-prod');
    await call('POST', `${PRODUCTS}/new-prod/projects/web`, MAINTAINER, { language: 'ts' });
    expect((await call('DELETE', `${PRODUCTS}/new-prod`)).status).toBe(200);
    expect((await call('GET', PRODUCTS)).text).toBe(`{"items":[${reply('nautes-labs')}]}`);
  });
});

describe('fake server: products without a data dir', () => {
  const ctx = useFakeServer({ seed: seed(), inMemory: true });
  test('a new product gets an empty in-memory default.project', async () => {
    const r = await http(ctx.server.url, 'POST', `${PRODUCTS}/mem`, {
      token: MAINTAINER,
      body: '{"git":{"gitlab":{"visibility":"public"}}}',
    });
    expect(r.status).toBe(200);
    expect(ctx.server.service.treeOf('mem')?.size).toBe(0);
    expect(ctx.server.service.repoOf('mem')).toBeUndefined();
  });
});
