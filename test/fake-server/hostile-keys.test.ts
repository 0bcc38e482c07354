// Form bodies and `body.*` query keys are bound by field path; hostile keys (`__proto__`, `constructor`,
// `toString`, ...) must never reach a prototype or grant anyone a right. A seeded fuzz over loopback HTTP,
// with the server in this process so that Object.prototype itself can be checked afterwards.
import { SeedSchema, demoSeed, startFakeServer, type FakeServer } from '../../lib/fake-server';
import {
  DEVELOPER,
  GUEST,
  MAINTAINER,
  OUTSIDER,
  REPORTER,
  drDevBody,
  http,
} from '../helpers/fake-server';
import { seededRandom } from '../helpers/seeded-random';

const FORM = 'application/x-www-form-urlencoded';
const PRODUCTS = ['nautes-labs', 'open-lab'] as const;
const TOKENS = { outsider: OUTSIDER, guest: GUEST, reporter: REPORTER, developer: DEVELOPER };

/** The demo seed plus a public product, where an outsider can read but must not push. */
function seed(): ReturnType<typeof demoSeed> {
  const demo = demoSeed();
  return SeedSchema.parse({
    ...demo,
    products: [
      ...demo.products,
      {
        path: 'open-lab',
        groupId: 102,
        defaultProjectId: 300,
        visibility: 'public',
        members: { alice: 'maintainer', rita: 'reporter' },
        codeRepos: [{ path: 'api-server', id: 301, project: 'api-server' }],
        projects: [{ name: 'api-server' }],
        environments: [{ name: 'env-dev', cluster: 'cluster-test' }],
      },
    ],
  });
}

const SEGMENTS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineSetter__',
  'olga',
  'members',
  'pushAccessLevel',
  'visibility',
  'projects_ref',
  'projects_ref[]',
  '__proto__[]',
  'manifest_source',
  'manifestSource',
  'code_repo',
  'path',
  'destination',
  'environment',
  'namespaces',
  'account',
  '',
];
// the keys that polluted Object.prototype before the fix, always in the mix
const KNOWN_BAD = [
  '__proto__.olga',
  '__proto__.members',
  'constructor.prototype.olga',
  'destination.__proto__.olga',
  'manifest_source.constructor.prototype.olga',
  '__proto__.__proto__.olga',
  'projects_ref.__proto__.olga',
];
const VALUES = ['50', '40', 'maintainer', 'owner', 'public', '', 'x', '{"olga":50}', '__proto__'];

/** The probe runtime's body: one namespace per product (rule i forbids sharing one across products). */
const probe = (product: string, account = ''): string =>
  JSON.stringify(
    drDevBody({ account, destination: { environment: 'env-dev', namespaces: [`ns-${product}`] } }),
  );

/** The status every user gets for list, get, save and delete, in every product. */
async function rights(server: FakeServer): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const product of PRODUCTS)
    for (const [who, token] of Object.entries(TOKENS)) {
      const base = `/api/v1/products/${product}/deploymentruntimes`;
      const body = probe(product, `by-${who}`);
      out[`${who}@${product}`] = [
        (await http(server.url, 'GET', base, { token })).status,
        (await http(server.url, 'GET', `${base}/dr-probe`, { token })).status,
        (await http(server.url, 'POST', `${base}/dr-probe`, { token, body })).status,
        (await http(server.url, 'DELETE', `${base}/dr-probe`, { token })).status,
      ];
    }
  return out;
}

describe('local server: hostile form and query keys', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer({ seed: seed() });
    // a runtime for get and delete to find
    for (const product of PRODUCTS) {
      const r = await http(
        server.url,
        'POST',
        `/api/v1/products/${product}/deploymentruntimes/dr-probe`,
        { token: MAINTAINER, body: probe(product) },
      );
      expect(r.status).toBe(200);
    }
  });
  afterEach(() => server.close());

  test('__proto__.olga=50 in a form body is ignored and grants nothing', async () => {
    const list = '/api/v1/products/nautes-labs/deploymentruntimes';
    const r = await http(server.url, 'POST', `${list}/dr-x?body.__proto__.olga=50`, {
      body: '__proto__.olga=50&constructor.prototype.olga=50',
      contentType: FORM,
    });
    // nothing bound, so Body has no manifest_source: the validator's answer, as the real server gives
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ reason: 'VALIDATOR' });
    expect(({} as Record<string, unknown>)['olga']).toBeUndefined();
    expect((await http(server.url, 'GET', list, { token: OUTSIDER })).status).toBe(404);
  });

  test('known fields bind, unknown and hostile segments beside them are dropped', async () => {
    const form = new URLSearchParams([
      ['manifest_source.code_repo', 'api-server'],
      ['manifest_source.target_revision', 'HEAD'],
      ['manifest_source.path', 'p'],
      ['manifest_source.__proto__.path', 'evil'],
      ['destination.environment', 'env-dev'],
      ['destination.namespaces[]', 'n1'],
      ['destination.constructor.prototype.environment', 'evil'],
      ['hasOwnProperty', 'x'],
      ['toString', 'x'],
      ['projects_ref', 'api-server'],
    ]).toString();
    const list = '/api/v1/products/nautes-labs/deploymentruntimes';
    const r = await http(server.url, 'POST', `${list}/dr-form?body.toString=1`, {
      token: MAINTAINER,
      body: form,
      contentType: FORM,
    });
    expect(r.status).toBe(200);
    const got = await http(server.url, 'GET', `${list}/dr-form`, { token: MAINTAINER });
    expect(got.json).toEqual({
      product: 'nautes-labs',
      name: 'dr-form',
      projects_ref: ['api-server'],
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'p' },
      destination: { environment: 'env-dev', namespaces: ['n1'] },
      account: '',
    });
  });

  test('a path through a string field is 400 CODEC, as kratos answers it', async () => {
    const r = await http(
      server.url,
      'POST',
      '/api/v1/products/nautes-labs/deploymentruntimes/dr-x',
      { token: MAINTAINER, body: 'account.__proto__=1', contentType: FORM },
    );
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      reason: 'CODEC',
      message: 'invalid path: "account" is not a message',
    });
  });

  test('a seeded fuzz of hostile keys on every route changes nobody’s rights', async () => {
    const before = await rights(server);
    // the faithful answers (nautes-api.md section 4): an invisible private group is 404, a refused push 500
    expect(before).toEqual({
      'outsider@nautes-labs': [404, 404, 404, 404],
      'guest@nautes-labs': [500, 500, 500, 500],
      'reporter@nautes-labs': [200, 200, 500, 500],
      'developer@nautes-labs': [200, 200, 500, 500],
      'outsider@open-lab': [200, 200, 500, 500],
      'guest@open-lab': [200, 200, 500, 500],
      'reporter@open-lab': [200, 200, 500, 500],
      'developer@open-lab': [200, 200, 500, 500],
    });
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayKeys = Object.getOwnPropertyNames(Array.prototype).sort();

    const random = seededRandom(0x5eed_2007);
    const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const key = (): string =>
      random() < 0.3
        ? pickOne(KNOWN_BAD)
        : Array.from({ length: 1 + Math.floor(random() * 4) }, () => pickOne(SEGMENTS)).join('.');
    const pairs = (n: number, prefix: string): Array<[string, string]> => {
      const out: Array<[string, string]> = [];
      for (let i = 0; i < n; i++) {
        const k = prefix + key();
        // a key given more than once: kratos' list binding, or "too many values"
        for (let j = random() < 0.2 ? 3 : 1; j > 0; j--) out.push([k, pickOne(VALUES)]);
      }
      return out;
    };
    const names = ['dr-fuzz', 'dr-probe', '__proto__', 'constructor', 'toString', 'prototype'];
    const tokens = [
      undefined,
      OUTSIDER,
      GUEST,
      REPORTER,
      DEVELOPER,
      MAINTAINER,
      '__proto__',
      'olga',
    ];
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const product = pickOne([...PRODUCTS, '__proto__', 'constructor', 'hasOwnProperty']);
      const list = `/api/v1/products/${product}/deploymentruntimes`;
      const one = `${list}/${pickOne(names)}`;
      const [method, path] = pickOne([
        ['GET', list],
        ['GET', one],
        ['POST', one],
        ['POST', one],
        ['POST', one],
        ['DELETE', one],
        ['PUT', one],
        ['POST', list],
        ['GET', '/q/'],
      ] as const);
      const query = new URLSearchParams(pairs(Math.floor(random() * 4), 'body.'));
      for (const [k, v] of pairs(Math.floor(random() * 2), '')) query.append(k, v);
      if (random() < 0.3) query.append('insecure_skip_check', 'true');
      if (random() < 0.2) query.append('field_selector', `${key()}=${pickOne(VALUES)}`);
      const kind = random();
      const body =
        method !== 'POST'
          ? undefined
          : kind < 0.7
            ? new URLSearchParams([
                // half the forms are otherwise valid, so that a save can get as far as the push
                ...(random() < 0.5
                  ? ([
                      ['manifest_source.code_repo', 'api-server'],
                      ['manifest_source.target_revision', 'HEAD'],
                      ['manifest_source.path', `p${i}`],
                      ['destination.environment', 'env-dev'],
                    ] as Array<[string, string]>)
                  : []),
                ...pairs(1 + Math.floor(random() * 6), ''),
              ]).toString()
            : kind < 0.85
              ? `{"__proto__":{"olga":50},"constructor":{"prototype":{"olga":50}},"manifest_source":{"__proto__":{"path":"x"}},"destination":{"environment":"env-dev"}}`
              : `__proto__:\n  olga: 50\nconstructor:\n  prototype:\n    olga: 50\ndestination:\n  environment: env-dev\n`;
      const contentType =
        body === undefined
          ? undefined
          : kind < 0.7
            ? FORM
            : kind < 0.85
              ? 'application/json'
              : 'application/yaml';
      const qs = query.toString();
      const token = pickOne(tokens);
      const r = await http(server.url, method, qs ? `${path}?${qs}` : path, {
        ...(token === undefined ? {} : { token }),
        ...(body === undefined ? {} : { body, contentType }),
      });
      seen.add(r.status);
      // every answer is one the real server gives: a kratos error body whose code is the status, or mux text
      expect([200, 301, 400, 404, 500]).toContain(r.status);
      if (r.json !== undefined && r.status !== 200)
        expect(r.json).toMatchObject({ code: r.status, metadata: {} });
    }
    // the fuzz reached the binder's errors, the service's refusals and successful saves
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400, 404, 500]));

    expect(({} as Record<string, unknown>)['olga']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayKeys);
    // the fuzz may have changed or deleted the probe as the maintainer: put it back, then ask again
    for (const product of PRODUCTS)
      await http(server.url, 'POST', `/api/v1/products/${product}/deploymentruntimes/dr-probe`, {
        token: MAINTAINER,
        body: probe(product),
      });
    expect(await rights(server)).toEqual(before);
    // and no write by anyone but the maintainer landed in any product's history
    for (const product of PRODUCTS) {
      const authors = new Set((await server.service.repoOf(product)?.log())?.map((c) => c.author));
      expect([...authors].sort()).toEqual(['Nautes', 'alice']);
    }
  });
});
