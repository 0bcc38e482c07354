// The review-platform client is bounded: a reply larger than the cap is refused while it streams (not
// retried), a call that gets no answer ends at its timeout with a clear error, and the token never shows.
// The platform is a loopback server that misbehaves on purpose.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forgeRequest } from '../../../lib/cli/review/forge-http';

const TOKEN = 'ghs_Bounded7Client9Tk';

describe('forgeRequest bounds', () => {
  let server: Server;
  let base: string;
  let calls = 0;
  let mode: 'huge' | 'silent' = 'huge';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      calls++;
      if (mode === 'silent') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' });
      // a JSON array that keeps coming: 4 MiB in 64 KiB chunks
      res.write('[');
      const chunk = `"${'x'.repeat(64 * 1024)}",`;
      let sent = 0;
      const more = (): void => {
        while (sent < 64) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end('"end"]');
      };
      more();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => (calls = 0));

  const call = (o: { timeoutMs?: number; maxReplyBytes?: number; retries?: number }) =>
    forgeRequest({
      platform: 'GitHub',
      base,
      method: 'GET',
      path: '/repos/a/b/issues/1/comments?per_page=100&page=1',
      headers: { authorization: `Bearer ${TOKEN}` },
      token: TOKEN,
      ...o,
    });

  test('a reply over the size cap is refused while it streams, and not retried', async () => {
    mode = 'huge';
    const err = await call({ maxReplyBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NAUTES_REVIEW_LIMIT' });
    expect((err as Error).message).toBe(
      'GitHub GET /repos/a/b/issues/1/comments?per_page=100&page=1: the reply is larger than 1 MiB; stopped reading (is the API URL right?)',
    );
    expect(calls).toBe(1);
    // under the cap the same reply is read whole
    const ok = await call({ maxReplyBytes: 8 * 1024 * 1024 });
    expect((ok.json as string[]).length).toBe(65);
  });

  test('a call with no answer ends at its timeout with a clear error, retried as a connection error', async () => {
    mode = 'silent';
    const err = await call({ timeoutMs: 300, retries: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NAUTES_REVIEW_HTTP' });
    expect((err as Error).message).toContain(
      'GitHub GET /repos/a/b/issues/1/comments?per_page=100&page=1 failed: no answer within 0.3 s',
    );
    expect((err as Error).message).not.toContain(TOKEN);
    expect(calls).toBe(2);
  });
});
