import { request as httpRequest } from 'node:http';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../../lib/fake-server';

export const MAINTAINER = 'demo-maintainer-token';
export const DEVELOPER = 'demo-developer-token';
export const REPORTER = 'demo-reporter-token';
export const GUEST = 'demo-guest-token';
export const OUTSIDER = 'demo-outsider-token';

/**
 * A fresh fake server for every test of the current describe block (closed after it): no test sees what
 * another one wrote, whatever the order.
 */
export function useFakeServer(options: FakeServerOptions = {}): { readonly server: FakeServer } {
  const holder: { server?: FakeServer } = {};
  beforeEach(async () => {
    holder.server = await startFakeServer(options);
  });
  afterEach(async () => {
    await holder.server?.close();
  });
  return {
    get server(): FakeServer {
      if (!holder.server) throw new Error('fake server not started');
      return holder.server;
    },
  };
}

/** Raw HTTP call (what curl would do), returning status, headers and text. */
export async function http(
  base: string,
  method: string,
  path: string,
  opts: {
    token?: string;
    body?: string;
    contentType?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; text: string; json: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token !== undefined) headers['authorization'] = `Bearer ${opts.token}`;
  if (opts.body !== undefined && opts.contentType !== null)
    headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    redirect: 'manual',
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** The seed document's example runtime body. */
export function drDevBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projects_ref: ['api-server'],
    manifest_source: {
      code_repo: 'api-server',
      target_revision: 'HEAD',
      path: 'manifests/development',
    },
    destination: { environment: 'env-dev', namespaces: ['dr-dev'] },
    ...overrides,
  };
}

/**
 * An HTTP call with the request-target sent exactly as given: no URL normalisation of `..`, `//` or
 * percent-escapes (fetch would clean them before the server sees them).
 */
export function rawHttp(
  base: string,
  method: string,
  target: string,
  opts: { token?: string; body?: string } = {},
): Promise<{
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}> {
  const { hostname, port } = new URL(base);
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers['authorization'] = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method, path: target, headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
