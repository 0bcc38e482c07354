// The HTTP face of the stand-in: kratos routing (404 text/plain for unknown routes and methods, 301 for a
// trailing slash), body/query binding, faults, and request counting.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KratosFailure } from './errors';
import type { FaultInjector } from './faults';
import type { NautesService } from './nautes-service';
import { decodeSaveBody, parseQueryBool, validateSaveBody } from './request-body';

/** One request the server saw. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly route: 'list' | 'get' | 'save' | 'delete' | 'other';
  status: number;
}

const ROUTE = /^\/api\/v1\/products\/([^/]+)\/deploymentruntimes(?:\/([^/]+))?$/;

/** The token the auth middleware copies out: the first "Bearer" removed, whitespace trimmed. */
export function tokenFrom(header: string | undefined): string {
  return (header ?? '').replace('Bearer', '').trim();
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new KratosFailure(400, 'CODEC', 'body unmarshal: request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Builds the node:http request handler. */
export function createHandler(service: NautesService, faults: FaultInjector, log: RecordedRequest[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const m = ROUTE.exec(url.pathname);
    const route: RecordedRequest['route'] = !m
      ? 'other'
      : m[2] === undefined
        ? method === 'GET' ? 'list' : 'other'
        : method === 'GET' ? 'get' : method === 'POST' ? 'save' : method === 'DELETE' ? 'delete' : 'other';
    const entry: RecordedRequest = { method, path: url.pathname, route, status: 0 };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const fault = faults.pick(method, url.pathname, 'request');
    if (fault?.action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.action === 'status') {
      const status = fault.status ?? 503;
      send(res, status, { code: status, reason: '', message: 'injected fault: service unavailable', metadata: {} });
      return;
    }
    if (fault?.action === 'stall') await new Promise((r) => setTimeout(r, fault.stallMs ?? 2000));

    try {
      if (url.pathname.endsWith('/deploymentruntimes/') && ROUTE.test(url.pathname.slice(0, -1))) {
        // gorilla mux StrictSlash: redirect to the path without the slash
        res.writeHead(301, { location: url.pathname.slice(0, -1) + url.search, 'content-type': 'text/html; charset=utf-8' });
        res.end(`<a href="${url.pathname.slice(0, -1)}">Moved Permanently</a>.\n\n`);
        return;
      }
      if (route === 'other' || !m) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
        res.end('404 page not found\n');
        return;
      }
      const product = decodeURIComponent(m[1] as string);
      const name = m[2] === undefined ? '' : decodeURIComponent(m[2]);
      const token = tokenFrom(req.headers['authorization']);
      switch (route) {
        case 'list':
          send(res, 200, service.list(token, product, url.searchParams.get('field_selector') ?? url.searchParams.get('fieldSelector') ?? ''));
          return;
        case 'get':
          send(res, 200, service.get(token, product, name));
          return;
        case 'save': {
          const raw = await readBody(req);
          const body = decodeSaveBody(req.headers['content-type'], raw);
          const skip = parseQueryBool(url.searchParams.get('insecure_skip_check') ?? url.searchParams.get('insecureSkipCheck'));
          validateSaveBody(body);
          send(res, 200, await service.save(token, product, name, body, skip));
          return;
        }
        case 'delete': {
          const skip = parseQueryBool(url.searchParams.get('insecure_skip_check') ?? url.searchParams.get('insecureSkipCheck'));
          send(res, 200, await service.delete(token, product, name, skip));
          return;
        }
      }
    } catch (e) {
      const failure = e instanceof KratosFailure ? e : new KratosFailure(500, 'UNKNOWN', 'unknown request error');
      if (!res.headersSent) send(res, failure.status, failure.body());
    }
  };
}
