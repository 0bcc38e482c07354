// A real Nautes fails a call that starts while another call that started in the same second is in flight
// (both clone into /tmp/product<seconds>); the local server does the same, and the client copes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NautesClient } from '../../lib/api';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER, drDevBody, rawHttp } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';
const body = (i: number): Record<string, unknown> =>
  drDevBody({
    manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: `m/${i}` },
    destination: { environment: 'env-dev', namespaces: [`ns-${i}`] },
  });

describe('parallel calls', () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('two saves that start in the same second: one answers 500 with the clone error, and nothing of it is written', async () => {
    server = await startFakeServer({ clock: () => 1_700_000_000_123 });
    const [a, b] = await Promise.all(
      [0, 1].map((i) =>
        rawHttp(server!.url, 'POST', `${LIST}/rt-${i}`, {
          token: MAINTAINER,
          body: JSON.stringify(body(i)),
        }),
      ),
    );
    const failed = [a, b].filter((r) => r?.status === 500);
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!.text)).toEqual({
      code: 500,
      reason: '',
      message:
        "failed to clone repository, the repository url: https://gitlab.nautes.local/nautes-labs/default.project.git, err: fatal: destination path '/tmp/product1700000000' already exists and is not an empty directory.",
      metadata: {},
    });
    expect(
      [...(server.service.treeOf('nautes-labs')?.keys() ?? [])].filter((k) =>
        k.startsWith('runtimes/'),
      ),
    ).toHaveLength(1);
    // once the first is done its directory is free again, even in the same second
    const after = await rawHttp(server.url, 'GET', LIST, { token: MAINTAINER });
    expect(after.status).toBe(200);
  });

  test('a list collides too, on any product, while a save of that second is in flight', async () => {
    server = await startFakeServer({ clock: () => 1_700_000_000_000 });
    const [save, list] = await Promise.all([
      rawHttp(server.url, 'POST', `${LIST}/rt-0`, {
        token: MAINTAINER,
        body: JSON.stringify(body(0)),
      }),
      // started after the save has claimed its directory (the save's git commit takes a while)
      new Promise<Awaited<ReturnType<typeof rawHttp>>>((r) =>
        setImmediate(() => void rawHttp(server!.url, 'GET', LIST, { token: MAINTAINER }).then(r)),
      ),
    ]);
    expect(save.status).toBe(200);
    expect(list.status).toBe(500);
  });

  test('with sameSecondCollisions: false parallel calls go through (not the real server)', async () => {
    server = await startFakeServer({ clock: () => 1_700_000_000_000, sameSecondCollisions: false });
    const replies = await Promise.all(
      [0, 1, 2].map((i) =>
        rawHttp(server!.url, 'POST', `${LIST}/rt-${i}`, {
          token: MAINTAINER,
          body: JSON.stringify(body(i)),
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  test('one client sends one request at a time: 10 parallel saves, no collision', async () => {
    server = await startFakeServer();
    const client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client.saveDeploymentRuntime('nautes-labs', `rt-${i}`, body(i) as never),
      ),
    );
    expect(server.requests.map((r) => r.status)).toEqual(Array(10).fill(200));
    await client.close();
  });

  test('clients of the same process share the queue of their server', async () => {
    server = await startFakeServer();
    const clients = [0, 1, 2].map(
      () => new NautesClient({ apiServer: server!.url, token: MAINTAINER, env: {} }),
    );
    await Promise.all(
      clients.flatMap((c, k) =>
        [0, 1, 2].map((i) =>
          c.saveDeploymentRuntime('nautes-labs', `rt-${k}-${i}`, body(k * 3 + i) as never),
        ),
      ),
    );
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
    await Promise.all(clients.map((c) => c.close()));
  });

  test('the client retries exactly the clone collision, in the next second; other 500s are not retried', async () => {
    // the collision as another process causes it, scripted: the first answer is the real server's
    server = await startFakeServer({ clock: () => 1_700_000_000_000 });
    const collision = JSON.parse(
      (
        await Promise.all(
          [0, 1].map((i) =>
            rawHttp(server!.url, 'POST', `${LIST}/x-${i}`, {
              token: MAINTAINER,
              body: JSON.stringify(body(i)),
            }),
          ),
        )
      ).find((r) => r.status === 500)!.text,
    ) as { message: string };
    const answers = [
      { status: 500, body: { code: 500, reason: '', message: collision.message, metadata: {} } },
      { status: 200, body: { message: 'Successfully saved rt-b configuration' } },
      {
        status: 500,
        body: { code: 500, reason: '', message: 'an unexpected error', metadata: {} },
      },
    ];
    const seen: number[] = [];
    const peer = createServer((req, res) => {
      seen.push(Date.now());
      req.resume();
      const a = answers.shift()!;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
    await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
    const retries: string[] = [];
    const client = new NautesClient({
      apiServer: url,
      token: MAINTAINER,
      env: {},
      random: () => 0,
      onRetry: (i) => retries.push(i.reason),
    });
    try {
      await expect(
        client.saveDeploymentRuntime('nautes-labs', 'rt-b', body(2) as never),
      ).resolves.toEqual({ message: 'Successfully saved rt-b configuration' });
      expect(retries).toEqual(['the server was busy with a parallel call (clone directory taken)']);
      // the retry went out in a later second than the collided call
      expect(Math.floor(seen[1]! / 1000)).toBeGreaterThan(Math.floor(seen[0]! / 1000));
      await expect(
        client.saveDeploymentRuntime('nautes-labs', 'rt-c', body(3) as never),
      ).rejects.toMatchObject({ code: 'NAUTES_API_SERVER' });
      expect(seen).toHaveLength(3);
    } finally {
      await client.close();
      await new Promise((r) => peer.close(r));
    }
  });

  test('a client retries the busy answer in later seconds on its own budget (another stack deploying), not on retries', async () => {
    const collision = {
      code: 500,
      reason: '',
      message:
        "failed to clone repository, err: fatal: destination path '/tmp/product-101' already exists and is not an empty directory",
      metadata: {},
    };
    // four busy answers in a row (another process holds the server for four seconds), then the save lands
    const answers: Array<{ status: number; body: unknown }> = [
      ...Array.from({ length: 4 }, () => ({ status: 500, body: collision })),
      { status: 200, body: { message: 'Successfully saved rt-d configuration' } },
    ];
    const peer = createServer((req, res) => {
      req.resume();
      const a = answers.shift()!;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
    await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
    const reasons: string[] = [];
    const client = new NautesClient({
      apiServer: url,
      token: MAINTAINER,
      env: {},
      retries: 1,
      random: () => 0,
      onRetry: (i) => reasons.push(i.reason),
    });
    try {
      await expect(
        client.saveDeploymentRuntime('nautes-labs', 'rt-d', body(4) as never),
      ).resolves.toEqual({ message: 'Successfully saved rt-d configuration' });
      expect(reasons).toHaveLength(4);
      expect(new Set(reasons)).toEqual(
        new Set(['the server was busy with a parallel call (clone directory taken)']),
      );
    } finally {
      await client.close();
      await new Promise((r) => peer.close(r));
    }
  });
});
