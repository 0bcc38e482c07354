// Property-based checks: construct props, plan.json files and API replies of any shape are either accepted
// or rejected with a typed error that has a code and a path; never a crash, never a request for bad input.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { NautesClient } from '../../lib/api';
import { DeploymentRuntime, NautesProvider } from '../../lib/cdktf';
import { parsePlanJson, planChanges, toPlanJson } from '../../lib/engine';
import { NautesError } from '../../lib/errors';
import { main } from '../../lib/cli/main';
import { startFakeServer } from '../../lib/fake-server';
import { aRuntime } from '../helpers/builders';
import { CdktfApp } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

const RFC1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('', ' ', 'a/b', 'UPPER', 'ok-name', 'x'.repeat(70), '\u0000', 'dr-dev'),
  fc.string({ minLength: 2000, maxLength: 3000 }),
);

describe('construct props', () => {
  test('any props are accepted as valid or rejected as NAUTES_VALIDATION naming the construct path', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: text,
          product: text,
          codeRepo: text,
          manifestPath: text,
          environment: text,
          namespaces: fc.array(text, { maxLength: 3 }),
          account: text,
        }),
        (props) => {
          const stack = new TerraformStack(Testing.app(), 'prop');
          new NautesProvider(stack, 'nautes');
          try {
            new DeploymentRuntime(stack, 'rt', props);
          } catch (e) {
            expect(NautesError.isNautesError(e)).toBe(true);
            const err = e as NautesError & { issues: Array<{ path: unknown[]; code: string }> };
            expect(err.code).toBe('NAUTES_VALIDATION');
            expect(err.issues.length).toBeGreaterThan(0);
            for (const i of err.issues) expect(i.path[0]).toBe('prop/rt');
            return;
          }
          // accepted: then it really is valid for Kubernetes
          expect(props.name).toMatch(RFC1123);
          for (const ns of props.namespaces) expect(ns).toMatch(RFC1123);
          expect(props.codeRepo.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('plan.json', () => {
  const valid = toPlanJson(
    planChanges({
      desired: [
        { runtime: aRuntime() },
        { runtime: aRuntime({ name: 'b', manifestPath: 'b' }), skipChecks: { reason: 'r' } },
      ],
      inventories: [{ product: 'nautes-labs', prune: true }],
      observed: new Map([['nautes-labs', [aRuntime({ name: 'stray', manifestPath: 's' })]]]),
    }),
  );
  const expectTyped = (run: () => unknown): void => {
    try {
      run();
    } catch (e) {
      // a malformed file names the bad path; a well-formed but edited one is refused as edited
      const code = (e as { code?: string }).code;
      expect(['NAUTES_VALIDATION', 'NAUTES_PLAN_EDITED']).toContain(code);
      if (code === 'NAUTES_VALIDATION')
        expect(Array.isArray((e as { issues: unknown[] }).issues)).toBe(true);
    }
  };
  test('truncated files are rejected as NAUTES_VALIDATION', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 2 }), (cut) =>
        expectTyped(() => parsePlanJson(valid.slice(0, cut))),
      ),
      { numRuns: 200, seed: 1 },
    );
  });
  test('any JSON document is parsed or rejected with a path, never a crash', () => {
    fc.assert(
      fc.property(fc.json(), (doc) => expectTyped(() => parsePlanJson(doc))),
      { numRuns: 300, seed: 2 },
    );
  });
  test('a valid plan with one value replaced by anything is parsed or rejected with a path', () => {
    const doc = JSON.parse(valid);
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]): void => {
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
      paths.push(p);
    };
    walk(doc, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths.filter((p) => p.length)),
        fc.jsonValue(),
        (path, value) => {
          const copy = JSON.parse(valid);
          let cur = copy;
          for (const k of path.slice(0, -1)) cur = cur[k];
          cur[path[path.length - 1] as string] = value;
          expectTyped(() => parsePlanJson(JSON.stringify(copy)));
        },
      ),
      { numRuns: 400, seed: 3 },
    );
  });
});

describe('API replies', () => {
  let server: Server;
  let url: string;
  let reply = '{}';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(reply);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const item = JSON.stringify({
    product: 'p',
    name: 'n',
    projects_ref: [],
    manifest_source: { code_repo: 'c', target_revision: 'HEAD', path: 'x' },
    destination: { environment: 'e', namespaces: [] },
    account: '',
  });
  const bodies = fc.oneof(
    fc.json(),
    fc.string(),
    fc.integer({ min: 0, max: item.length + 10 }).map((cut) => `{"items":[${item}`.slice(0, cut)),
    fc.jsonValue().map((v) => JSON.stringify({ items: [{ ...JSON.parse(item), name: v }] })),
    fc
      .string({ minLength: 100_000, maxLength: 120_000 })
      .map((s) => JSON.stringify({ items: [{ ...JSON.parse(item), name: s }] })),
  );

  test('every reply is schema-valid data or NAUTES_API_SCHEMA, never a crash', async () => {
    const client = new NautesClient({ apiServer: url, token: 'tok-en', env: {}, retries: 0 });
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        reply = body;
        try {
          const items = await client.listDeploymentRuntimes('p');
          expect(Array.isArray(items)).toBe(true);
          for (const i of items) expect(typeof i.name).toBe('string');
        } catch (e) {
          expect(e).toMatchObject({ code: 'NAUTES_API_SCHEMA', method: 'GET' });
        }
      }),
      { numRuns: 200, seed: 4 },
    );
    await client.close();
  });
});

describe('invalid declarations', () => {
  jest.setTimeout(60_000);
  test('nothing is sent to the server when the app declares an invalid runtime', async () => {
    const server = await startFakeServer();
    const app = new CdktfApp(server.url, MAINTAINER);
    try {
      app.write({
        runtimes: [
          {
            id: 'bad',
            product: 'nautes-labs',
            name: 'Not_Valid',
            codeRepo: 'api-server',
            manifestPath: 'm',
            environment: 'env-dev',
          },
        ],
      });
      const io = captureIo(app.env, app.dir);
      expect(await main(['plan'], io)).toBe(1);
      expect(io.err()).toContain('NAUTES_VALIDATION');
      expect(io.err()).toContain('is not an RFC 1123 label');
      expect(io.err()).not.toMatch(/\n\s+at /);
      expect(server.requests).toHaveLength(0);
    } finally {
      app.cleanup();
      await server.close();
    }
  });
});
