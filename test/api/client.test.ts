// NautesClient against the local Nautes server over real loopback HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NautesClient, createRuntimeStore, type NautesClientOptions } from '../../lib/api';
import { DEVELOPER, MAINTAINER, REPORTER, drDevBody, useFakeServer } from '../helpers/fake-server';

const body = drDevBody() as Parameters<NautesClient['saveDeploymentRuntime']>[2];

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
}

describe('NautesClient', () => {
  const ctx = useFakeServer();
  const client = (opts: Partial<NautesClientOptions> = {}): NautesClient =>
    new NautesClient({
      apiServer: ctx.server.url,
      token: MAINTAINER,
      retryDelayMs: 1,
      env: {},
      ...opts,
    });

  test('saves, gets, lists and deletes a runtime', async () => {
    const c = client();
    await expect(c.saveDeploymentRuntime('nautes-labs', 'dr-dev', body)).resolves.toEqual({
      message: 'Successfully saved dr-dev configuration',
    });
    await expect(c.getDeploymentRuntime('nautes-labs', 'dr-dev')).resolves.toMatchObject({
      name: 'dr-dev',
      account: '',
      destination: { environment: 'env-dev' },
    });
    expect((await c.listDeploymentRuntimes('nautes-labs')).map((r) => r.name)).toEqual(['dr-dev']);
    expect(
      await c.listDeploymentRuntimes('nautes-labs', {
        fieldSelector: 'manifest_source.code_repo=none',
      }),
    ).toEqual([]);
    await expect(c.deleteDeploymentRuntime('nautes-labs', 'dr-dev')).resolves.toEqual({
      message: 'Successfully deleted dr-dev configuration',
    });
    await c.close();
  });

  test('refuses a product or name that cannot be one path segment, before any request', async () => {
    const c = client();
    const before = ctx.server.requests.length;
    const cases: Array<[string, string]> = [
      ['..', 'dr-dev'],
      ['.', 'dr-dev'],
      ['', 'dr-dev'],
      ['a/b', 'dr-dev'],
      ['nautes-labs', '..'],
      ['nautes-labs', 'a/b'],
      ['nautes-labs', 'a\nb'],
      ['nautes-labs', 'a\u0000b'],
    ];
    for (const [product, name] of cases) {
      await expect(c.saveDeploymentRuntime(product, name, body)).rejects.toMatchObject({
        code: 'NAUTES_API_INVALID_SEGMENT',
      });
      await expect(c.deleteDeploymentRuntime(product, name)).rejects.toMatchObject({
        code: 'NAUTES_API_INVALID_SEGMENT',
      });
      await expect(c.getDeploymentRuntime(product, name)).rejects.toMatchObject({
        code: 'NAUTES_API_INVALID_SEGMENT',
      });
    }
    await expect(c.listDeploymentRuntimes('..')).rejects.toThrow(
      'product ".." cannot be sent to the Nautes API: the server cleans "." and ".." out of the path',
    );
    expect(ctx.server.requests.length).toBe(before);
    // everything else is one encoded segment: "%", "?", "#" and spaces reach the server inside the name
    await expect(c.getDeploymentRuntime('nautes-labs', 'a%2F?#b c')).rejects.toMatchObject({
      code: 'NAUTES_API_NOT_FOUND',
    });
    expect(ctx.server.requests.at(-1)?.path).toBe(
      '/api/v1/products/nautes-labs/deploymentruntimes/a%252F%3F%23b%20c',
    );
    await c.close();
  });

  test('takes server and token from NAUTES_API_SERVER and NAUTES_TOKEN_FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautes-token-'));
    writeFileSync(join(dir, 'token'), `${REPORTER}\n`);
    const c = new NautesClient({
      env: { NAUTES_API_SERVER: ctx.server.url, NAUTES_TOKEN_FILE: join(dir, 'token') },
    });
    await expect(c.listDeploymentRuntimes('nautes-labs')).resolves.toEqual([]);
    await c.close();
  });

  test.each([
    [
      'a missing runtime (GET)',
      (c: NautesClient) => c.getDeploymentRuntime('nautes-labs', 'nope'),
      'NAUTES_API_NOT_FOUND',
    ],
    [
      'a missing runtime (DELETE, a 500 on the wire)',
      (c: NautesClient) => c.deleteDeploymentRuntime('nautes-labs', 'nope'),
      'NAUTES_API_NOT_FOUND',
    ],
    [
      'an unknown product',
      (c: NautesClient) => c.listDeploymentRuntimes('nope'),
      'NAUTES_API_GROUP_NOT_FOUND',
    ],
    [
      'no token',
      (c: NautesClient) =>
        new NautesClient({ apiServer: c.apiServer, env: {} }).listDeploymentRuntimes('nautes-labs'),
      'NAUTES_API_UNAUTHORIZED',
    ],
    [
      'a bad token',
      (c: NautesClient) =>
        new NautesClient({
          apiServer: c.apiServer,
          token: 'wrong-token',
          env: {},
        }).listDeploymentRuntimes('nautes-labs'),
      'NAUTES_API_UNAUTHORIZED',
    ],
    [
      'no push rights',
      (c: NautesClient) =>
        new NautesClient({
          apiServer: c.apiServer,
          token: DEVELOPER,
          env: {},
        }).saveDeploymentRuntime('nautes-labs', 'dr-dev', body),
      'NAUTES_API_FORBIDDEN',
    ],
    [
      'a request the server rejects (400)',
      (c: NautesClient) =>
        c.saveDeploymentRuntime('nautes-labs', 'x', { ...body, destination: { environment: '' } }),
      'NAUTES_API_VALIDATION',
    ],
    [
      'a missing environment',
      (c: NautesClient) =>
        c.saveDeploymentRuntime('nautes-labs', 'x', {
          ...body,
          destination: { environment: 'env-prod' },
        }),
      'NAUTES_API_REFERENCE_MISSING',
    ],
    [
      'a missing code repo',
      (c: NautesClient) =>
        c.saveDeploymentRuntime('nautes-labs', 'x', {
          ...body,
          manifest_source: { code_repo: 'ghost', target_revision: 'HEAD', path: 'p' },
        }),
      'NAUTES_API_REFERENCE_MISSING',
    ],
  ])('classifies %s', async (_label, call, code) => {
    expect(await codeOf(call(client()))).toBe(code);
  });

  test('classifies a duplicate destination as a conflict', async () => {
    const c = client();
    await c.saveDeploymentRuntime('nautes-labs', 'dr-a', body);
    expect(await codeOf(c.saveDeploymentRuntime('nautes-labs', 'dr-b', body))).toBe(
      'NAUTES_API_CONFLICT',
    );
    await c.deleteDeploymentRuntime('nautes-labs', 'dr-a');
  });

  test('error messages name method and path and never the token', async () => {
    const c = new NautesClient({ apiServer: ctx.server.url, token: 'secret-token-123', env: {} });
    const err = await c.listDeploymentRuntimes('nautes-labs').catch((e: Error) => e);
    expect(String(err)).toContain(
      'GET /api/v1/products/nautes-labs/deploymentruntimes failed with 500',
    );
    expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toContain(
      'secret-token-123',
    );
  });

  test('retries injected 503s and dropped connections, then succeeds', async () => {
    ctx.server.faults.set({
      rules: [
        { action: 'status', status: 503, times: 2 },
        { action: 'drop', times: 1 },
      ],
    });
    const retries: string[] = [];
    const c = client({ onRetry: (i) => retries.push(i.reason) });
    await expect(c.listDeploymentRuntimes('nautes-labs')).resolves.toEqual([]);
    expect(retries).toHaveLength(3);
    expect(retries.slice(0, 2)).toEqual(['HTTP 503', 'HTTP 503']);
    expect(retries[2]).toMatch(/^connection error/);
  });

  test('gives up after the configured retries with the last error', async () => {
    ctx.server.faults.set({ rules: [{ action: 'status', status: 502 }] });
    const c = client({ retries: 2 });
    const before = ctx.server.requests.length;
    await expect(c.listDeploymentRuntimes('nautes-labs')).rejects.toMatchObject({
      status: 502,
      code: 'NAUTES_API_SERVER',
    });
    expect(ctx.server.requests.length - before).toBe(3);
  });

  test('never retries a domain 500', async () => {
    const c = client();
    const before = ctx.server.requests.length;
    await expect(c.deleteDeploymentRuntime('nautes-labs', 'nope')).rejects.toMatchObject({
      status: 500,
    });
    expect(ctx.server.requests.length - before).toBe(1);
  });

  test('a delete that finds the runtime gone: the client reports it faithfully, the store counts it as done', async () => {
    const c = client();
    await c.saveDeploymentRuntime('nautes-labs', 'dr-gone', body);
    const store = createRuntimeStore(c);
    await expect(
      store.delete('nautes-labs', 'dr-gone', { insecureSkipCheck: false }),
    ).resolves.toBeUndefined();
    // again (a retried delete whose first attempt landed, or someone else deleted it): done, not an error
    await expect(
      store.delete('nautes-labs', 'dr-gone', { insecureSkipCheck: false }),
    ).resolves.toBeUndefined();
    await expect(c.deleteDeploymentRuntime('nautes-labs', 'dr-gone')).rejects.toMatchObject({
      code: 'NAUTES_API_NOT_FOUND',
    });
    await expect(c.getDeploymentRuntime('nautes-labs', 'dr-gone')).rejects.toMatchObject({
      code: 'NAUTES_API_NOT_FOUND',
    });
  });

  test('times out with a typed error', async () => {
    ctx.server.faults.set({ rules: [{ action: 'stall', stallMs: 500 }] });
    const c = client({ timeoutMs: 100, retries: 0 });
    await expect(c.listDeploymentRuntimes('nautes-labs')).rejects.toMatchObject({
      code: 'NAUTES_API_TIMEOUT',
      timeoutMs: 100,
    });
  });

  test('refuses to send the token over plain HTTP to a remote host unless allowed', () => {
    expect(
      () =>
        new NautesClient({ apiServer: 'http://nautes.example.com', token: 't0ken-value', env: {} }),
    ).toThrow(/refusing to send the token over plain HTTP/);
    expect(
      () =>
        new NautesClient({
          apiServer: 'http://nautes.example.com',
          token: 't0ken-value',
          env: {},
          allowInsecureHttp: true,
        }),
    ).not.toThrow();
    expect(() => new NautesClient({ env: {} })).toThrow(/NAUTES_API_SERVER/);
  });
});

describe('NautesClient against a server that breaks the contract', () => {
  let server: Server;
  let url: string;
  const replies: Record<string, string> = {
    '/api/v1/products/p/deploymentruntimes': '{"items":[{"name":1}]}',
    '/api/v1/products/q/deploymentruntimes': 'not json',
    '/api/v1/products/r/deploymentruntimes':
      '{"items":[{"product":"r","name":"x","projects_ref":[],"manifest_source":{"code_repo":"c","target_revision":"HEAD"},"destination":{"environment":"e","namespaces":[]},"account":""}]}',
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(replies[req.url ?? ''] ?? '{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test.each(['p', 'q', 'r'])(
    'raises a schema error for the malformed reply of product %s',
    async (p) => {
      const c = new NautesClient({ apiServer: url, token: 'x-token', env: {} });
      const err = await c.listDeploymentRuntimes(p).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'NAUTES_API_SCHEMA', method: 'GET' });
      expect(String(err)).toContain('does not match the Nautes API contract');
      await c.close();
    },
  );
});
