// The client stays bounded against a hostile or broken server: huge or endless bodies are cut off at a
// cap and not retried, a server that never answers is reported with attempts and total time, a certificate
// that does not verify is not retried, a redirect names its target, a list with a name twice is reported.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { NautesClient } from '../../lib/api';
import { createTlsMaterial } from '../../lib/fake-server';

const item = (name: string) => ({
  product: 'p',
  name,
  projects_ref: [],
  manifest_source: { code_repo: 'r', target_revision: 'HEAD', path: 'm' },
  destination: { environment: 'e', namespaces: [] },
  account: '',
});

describe('a hostile or broken server', () => {
  let server: Server;
  let url: string;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  let requests = 0;
  let bytesWritten = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    requests = 0;
    bytesWritten = 0;
  });
  const client = (o: Partial<ConstructorParameters<typeof NautesClient>[0]> = {}): NautesClient =>
    new NautesClient({
      apiServer: url,
      token: 'demo-maintainer-token',
      env: {},
      retryDelayMs: 1,
      ...o,
    });

  /** Writes `chunk` until the client goes away (an endless body), counting what was written. */
  const endless = (res: ServerResponse, status = 200): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('{"items":[');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk)) bytesWritten += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => undefined);
    pump();
  };

  test.each([200, 500, 503])(
    'an endless body (status %i) is cut at the cap, once, with its own code',
    async (status) => {
      handler = (_req, res) => endless(res, status);
      const c = client({ maxResponseBytes: 1024 * 1024, retries: 3 });
      await expect(c.listDeploymentRuntimes('p')).rejects.toMatchObject({
        code: 'NAUTES_API_RESPONSE_TOO_LARGE',
        limitBytes: 1024 * 1024,
      });
      expect(requests).toBe(1);
      // the server could not push much more than the cap before the connection closed
      expect(bytesWritten).toBeLessThan(32 * 1024 * 1024);
      await c.close();
    },
  );

  test('the cap can come from NAUTES_MAX_RESPONSE_BYTES', async () => {
    handler = (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => item(`rt-${i}`)) }));
    const small = new NautesClient({
      apiServer: url,
      token: 't0ken',
      env: { NAUTES_MAX_RESPONSE_BYTES: '1000' },
    });
    await expect(small.listDeploymentRuntimes('p')).rejects.toMatchObject({
      code: 'NAUTES_API_RESPONSE_TOO_LARGE',
    });
    expect((await client().listDeploymentRuntimes('p')).length).toBe(50);
  });

  test('a server that never sends headers: the message gives attempts and total time', async () => {
    handler = () => undefined;
    const c = client({ timeoutMs: 150, retries: 2 });
    await expect(c.listDeploymentRuntimes('p')).rejects.toThrow(
      /GET \/api\/v1\/products\/p\/deploymentruntimes timed out: 3 attempts of up to 150 ms each found no answer \([0-9.]+ s in all\)/,
    );
    expect(requests).toBe(3);
    server.closeAllConnections();
    await c.close();
  });

  test('a redirect names its Location', async () => {
    handler = (_req, res) => res.writeHead(301, { location: '/somewhere/else' }).end();
    await expect(client().listDeploymentRuntimes('p')).rejects.toThrow(
      /failed with 301: redirected to \/somewhere\/else/,
    );
  });

  test('a list reply with one name twice is reported, not merged', async () => {
    handler = (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items: [item('a'), item('b'), item('a')] }));
    await expect(client().listDeploymentRuntimes('p')).rejects.toThrow(
      /runtime names listed more than once: "a"/,
    );
  });

  test('a certificate that does not verify is not retried', async () => {
    const material = await createTlsMaterial();
    let handshakes = 0;
    const tls = createTlsServer({ key: material.keyPem, cert: material.certPem }, (_req, res) =>
      res.end('{}'),
    );
    tls.on('connection', () => handshakes++);
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    const c = new NautesClient({
      apiServer: `https://127.0.0.1:${(tls.address() as AddressInfo).port}`,
      token: 't0ken',
      env: {},
      retries: 4,
      retryDelayMs: 1,
    });
    try {
      await expect(c.listDeploymentRuntimes('p')).rejects.toMatchObject({
        code: 'NAUTES_API_CONNECTION',
        tls: true,
      });
      expect(handshakes).toBe(1);
    } finally {
      await c.close();
      tls.closeAllConnections();
      await new Promise((r) => tls.close(r));
    }
  });
});
