// The HTTP face of the stand-in: kratos routing (router.ts), body/query binding, faults, request counting.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KratosFailure } from './errors';
import type { FaultInjector } from './faults';
import type { NautesService } from './nautes-service';
import { BindingService } from './binding-service';
import { ClusterService } from './cluster-service';
import { CodeRepoService } from './code-repo-service';
import { EnvironmentService } from './environment-service';
import { ProductService } from './product-service';
import { PipelineRuntimeService } from './pipeline-runtime-service';
import { ProjectService } from './project-service';
import {
  applyBodyQuery,
  bindRuntimeNameFields,
  decodeSaveBody,
  parseSkipCheck,
  queryString,
  validateSaveBody,
} from './request-body';
import { replyCodec, sendError, sendRuntime, type ReplyCodec } from './reply-codecs';
import {
  decodeBindingBody,
  decodeClusterBody,
  decodeCodeRepoBody,
  decodeEnvironmentBody,
  decodePipelineRuntimeBody,
  decodeProductBody,
  decodeProjectBody,
  validateEnvironmentBody,
} from './resource-bodies';
import { stringify as toYamlText } from 'yaml';
import { routeRequest, type ResourceKind } from './router';

/** One request the server saw. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** the operation; 'other' for a redirect or no route */
  readonly route: 'list' | 'get' | 'save' | 'delete' | 'other';
  /** the kind the route serves; undefined for a redirect or no route */
  readonly resource: ResourceKind | undefined;
  status: number;
}

/** The token the auth middleware copies out: the first "Bearer" removed, whitespace trimmed. */
export function tokenFrom(header: string | undefined): string {
  return (header ?? '').replace('Bearer', '').trim();
}

/**
 * A reply of the kinds other than runtimes: YAML of the JSON keys when Accept picks YAML, else JSON (their
 * XML, proto and form replies are not modelled: JSON). Runtimes and errors go through reply-codecs.ts.
 */
function send(res: ServerResponse, status: number, body: unknown, as: ReplyCodec = 'json'): void {
  const text = as === 'yaml' ? toYamlText(body) : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': as === 'yaml' ? 'application/yaml' : 'application/json',
    'content-length': Buffer.byteLength(text),
  });
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
    // a client that went away (a timeout during a stall) leaves no body to read: never wait for one
    const gone = (): void => reject(new Error('the client closed the connection'));
    if (req.destroyed) gone();
    else req.on('close', () => req.readableEnded || gone());
  });
}

/** Builds the node:http request handler. */
export function createHandler(
  service: NautesService,
  faults: FaultInjector,
  log: RecordedRequest[],
) {
  const products = new ProductService(service);
  const projects = new ProjectService(service);
  const environments = new EnvironmentService(service);
  const codeRepos = new CodeRepoService(service);
  const bindings = new BindingService(service);
  const clusters = new ClusterService(service);
  const pipelineRuntimes = new PipelineRuntimeService(service);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    // split by hand: the path is routed from the raw target (new URL() would clean it first)
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    const method = req.method ?? 'GET';
    const routed = routeRequest(method, target);
    const route: RecordedRequest['route'] = routed.kind === 'route' ? routed.route : 'other';
    const resource = routed.kind === 'route' ? routed.resource : undefined;
    const entry: RecordedRequest = { method, path: rawPath, route, resource, status: 0 };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const fault = faults.pick(method, rawPath, 'request');
    if (fault?.action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.action === 'status') {
      const status = fault.status ?? 503;
      send(res, status, {
        code: status,
        reason: '',
        message: 'injected fault: service unavailable',
        metadata: {},
      });
      return;
    }
    if (fault?.action === 'stall') await new Promise((r) => setTimeout(r, fault.stallMs ?? 2000));

    try {
      if (routed.kind === 'redirect') {
        // the clean-path redirect is a bare 301 with a Location; StrictSlash goes through net/http's
        // Redirect, which writes a small HTML body for GET and HEAD only
        if (routed.strictSlash && (method === 'GET' || method === 'HEAD')) {
          const body = `<a href="${routed.location.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;')}">Moved Permanently</a>.\n\n`;
          res.writeHead(301, {
            location: routed.location,
            'content-type': 'text/html; charset=utf-8',
          });
          res.end(method === 'HEAD' ? undefined : body);
        } else {
          res.writeHead(301, { location: routed.location, 'content-length': 0 });
          res.end();
        }
        return;
      }
      if (routed.kind === 'bad-request') {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end('400 Bad Request');
        return;
      }
      if (routed.kind === 'not-found') {
        res.writeHead(404, {
          'content-type': 'text/plain; charset=utf-8',
          'x-content-type-options': 'nosniff',
        });
        res.end('404 page not found\n');
        return;
      }
      const { product, name } = routed;
      const as = replyCodec(req.headersDistinct['accept']);
      const token = tokenFrom(req.headers['authorization']);
      // field_selector only: fieldSelector is no query key of the real server (ignored: the full list)
      const selector = query.get('field_selector') ?? '';
      const contentType = req.headers['content-type'];
      if (routed.resource === 'product') {
        // no skip flag: an insecure_skip_check key is an unknown key, ignored
        switch (routed.route) {
          case 'list':
            send(res, 200, products.list(token, selector), as);
            return;
          case 'get':
            send(res, 200, products.get(token, product), as);
            return;
          case 'save': {
            const body = decodeProductBody(contentType, await readBody(req), query);
            send(res, 200, await products.save(token, product, body), as);
            return;
          }
          case 'delete':
            send(res, 200, await products.delete(token, product), as);
            return;
        }
      }
      if (routed.resource === 'cluster') {
        // insecure_skip_check is accepted (a bad value still fails to bind) and never read
        switch (routed.route) {
          case 'list':
            send(res, 200, clusters.list(token, selector), as);
            return;
          case 'get':
            send(res, 200, clusters.get(token, name), as);
            return;
          case 'save': {
            const body = decodeClusterBody(contentType, await readBody(req), query);
            parseSkipCheck(query, 'insecure_skip_check', ['insecure_skip_check']);
            send(res, 200, await clusters.save(token, name, body), as);
            return;
          }
          case 'delete':
            parseSkipCheck(query, 'insecure_skip_check', ['insecure_skip_check']);
            send(res, 200, await clusters.delete(token, name), as);
            return;
        }
      }
      if (routed.resource === 'coderepo') {
        switch (routed.route) {
          case 'list':
            send(res, 200, codeRepos.list(token, product, selector), as);
            return;
          case 'get':
            send(res, 200, codeRepos.get(token, product, name), as);
            return;
          case 'save': {
            const body = decodeCodeRepoBody(contentType, await readBody(req), query);
            const skip = parseSkipCheck(query);
            send(res, 200, await codeRepos.save(token, product, name, body, skip), as);
            return;
          }
          case 'delete':
            send(res, 200, await codeRepos.delete(token, product, name, parseSkipCheck(query)), as);
            return;
        }
      }
      if (routed.resource === 'coderepobinding') {
        // proto and JSON names are both insecure_skip_check: insecureSkipCheck is an unknown key
        const skipOf = (): boolean =>
          parseSkipCheck(query, 'insecure_skip_check', ['insecure_skip_check']);
        switch (routed.route) {
          case 'list':
            send(res, 200, bindings.list(token, product, selector), as);
            return;
          case 'get':
            send(res, 200, bindings.get(token, product, name), as);
            return;
          case 'save': {
            const body = decodeBindingBody(contentType, await readBody(req), query);
            const skip = skipOf();
            send(res, 200, await bindings.save(token, product, name, body, skip), as);
            return;
          }
          case 'delete':
            send(res, 200, await bindings.delete(token, product, name, skipOf()), as);
            return;
        }
      }
      if (routed.resource === 'projectpipelineruntime') {
        // proto and JSON names are both insecure_skip_check: insecureSkipCheck is an unknown key
        const skipOf = (): boolean =>
          parseSkipCheck(query, 'insecure_skip_check', ['insecure_skip_check']);
        switch (routed.route) {
          case 'list':
            send(res, 200, pipelineRuntimes.list(token, product, selector), as);
            return;
          case 'get':
            send(res, 200, pipelineRuntimes.get(token, product, name), as);
            return;
          case 'save': {
            const body = decodePipelineRuntimeBody(contentType, await readBody(req), query);
            const skip = skipOf();
            send(res, 200, await pipelineRuntimes.save(token, product, name, body, skip), as);
            return;
          }
          case 'delete':
            send(res, 200, await pipelineRuntimes.delete(token, product, name, skipOf()), as);
            return;
        }
      }
      if (routed.resource === 'project' || routed.resource === 'environment') {
        const kind = routed.resource === 'project' ? projects : environments;
        // the skip flag's proto name, which a bad value's message names (nautes-api-resources.md 1.1)
        const flag = routed.resource === 'project' ? 'insecure_skip_check' : 'insecureSkipCheck';
        switch (routed.route) {
          case 'list':
            send(res, 200, kind.list(token, product, selector), as);
            return;
          case 'get':
            send(res, 200, kind.get(token, product, name), as);
            return;
          case 'save': {
            const raw = await readBody(req);
            if (routed.resource === 'project') {
              const body = decodeProjectBody(contentType, raw, query);
              const skip = parseSkipCheck(query, flag);
              send(res, 200, await projects.save(token, product, name, body, skip), as);
            } else {
              const body = decodeEnvironmentBody(contentType, raw, query);
              const skip = parseSkipCheck(query, flag);
              validateEnvironmentBody(body);
              send(res, 200, await environments.save(token, product, name, body, skip), as);
            }
            return;
          }
          case 'delete': {
            const skip = parseSkipCheck(query, flag);
            send(res, 200, await kind.delete(token, product, name, skip), as);
            return;
          }
        }
      }
      switch (routed.route) {
        case 'list': {
          // field_selector only: fieldSelector is no query key of the real server (ignored: the full list)
          bindRuntimeNameFields(query, false);
          const selected = queryString(query, 'field_selector');
          sendRuntime(res, as, {
            message: 'ListsReply',
            ...service.list(token, product, selected),
          });
          return;
        }
        case 'get':
          bindRuntimeNameFields(query, true);
          sendRuntime(res, as, { message: 'GetReply', value: service.get(token, product, name) });
          return;
        case 'save': {
          const raw = await readBody(req);
          // the body is bound first, the query second: body.* query keys override it
          const body = applyBodyQuery(decodeSaveBody(req.headers['content-type'], raw), query);
          bindRuntimeNameFields(query, true);
          const skip = parseSkipCheck(query);
          validateSaveBody(body);
          const saved = await service.save(token, product, name, body, skip);
          sendRuntime(res, as, { message: 'SaveReply', msg: saved.message });
          return;
        }
        case 'delete': {
          bindRuntimeNameFields(query, true);
          const skip = parseSkipCheck(query);
          const deleted = await service.delete(token, product, name, skip);
          sendRuntime(res, as, { message: 'DeleteReply', msg: deleted.message });
          return;
        }
      }
    } catch (e) {
      const failure =
        e instanceof KratosFailure ? e : new KratosFailure(500, 'UNKNOWN', 'unknown request error');
      if (!res.headersSent) sendError(res, replyCodec(req.headersDistinct['accept']), failure);
    }
  };
}
