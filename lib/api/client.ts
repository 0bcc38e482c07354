// NautesClient: the four deployment-runtime routes over undici, with retries, timeouts and typed errors.
import { skipCheckQuery } from './skip-check-query';
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { Agent, type Dispatcher, request } from 'undici';
import type { z } from 'zod';
import { Redactor } from '../internal/redact';
import { serialized } from './request-queue';
import {
  ApiConfigError,
  ApiConnectionError,
  ApiResponseError,
  ApiResponseTooLargeError,
  ApiSchemaError,
  ApiTimeoutError,
  assertPathSegment,
} from './errors';
import { kindItemSchema, kindListSchema, kindPath, objectPath } from './kind-wire';
import type { KindAddress, KindSpec } from '../model';
import {
  DeploymentRuntimeItemSchema,
  DeploymentRuntimeListSchema,
  KratosErrorSchema,
  MessageReplySchema,
  runtimesPath,
  type DeploymentRuntimeItem,
  type MessageReply,
  type SaveBody,
} from './schemas';

/** Options of a `NautesClient`. */
export interface NautesClientOptions {
  /** Base URL of the Nautes API server, e.g. `https://nautes.example.com`. @default - `NAUTES_API_SERVER` */
  readonly apiServer?: string;
  /** GitLab token sent as `Authorization: Bearer`. @default - `NAUTES_TOKEN`, else the file `NAUTES_TOKEN_FILE` */
  readonly token?: string;
  /** PEM file of a CA to trust for HTTPS. @default - `NAUTES_CA_CERT`, else the system CAs */
  readonly caCertFile?: string;
  /** Per-attempt timeout. @default 30000 */
  readonly timeoutMs?: number;
  /** Retries after a connection failure or a 502/503/504. @default 3 */
  readonly retries?: number;
  /**
   * Retries after the server answered that a parallel call holds its clone directory (NAUTES_API_BUSY),
   * each in the next second; counted apart from `retries`. @default 10
   */
  readonly busyRetries?: number;
  /** First backoff delay; doubles each retry, with full jitter. @default 200 */
  readonly retryDelayMs?: number;
  /** Allow sending the token over plain HTTP to a host that is not loopback. @default false */
  readonly allowInsecureHttp?: boolean;
  /** Environment to read defaults from. @default - process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Where the token is added, so that whoever shares it (the CLI, the provider's log) removes it from text
   * too. @default - a redactor of this client's own
   */
  readonly redactor?: Redactor | undefined;
  /**
   * The largest answer accepted; a larger one fails with NAUTES_API_RESPONSE_TOO_LARGE (not retried).
   * @default - NAUTES_MAX_RESPONSE_BYTES, else 64 MiB (a list of 10,000 runtimes is about 4 MB)
   */
  readonly maxResponseBytes?: number;
  /** Injected dispatcher (tests). @default - an undici Agent */
  readonly dispatcher?: Dispatcher;
  /**
   * Send one request at a time to this API server, with every other client of the process: a real Nautes
   * fails calls that start in the same second while another is in flight. @default true
   */
  readonly serializeRequests?: boolean;
  /** Called before each retry, e.g. for progress output. */
  readonly onRetry?: (info: {
    method: string;
    path: string;
    attempt: number;
    reason: string;
  }) => void;
  /** Random source for jitter (tests). @default Math.random */
  readonly random?: () => number;
}

/** Options of a list call. */
export interface ListOptions {
  /** The server's `field_selector`, e.g. `manifest_source.code_repo=api-server`. */
  readonly fieldSelector?: string;
}

/** Options of a save or delete call. */
export interface WriteOptions {
  /** Sends `insecure_skip_check=true`: the server skips its global validation of default.project. */
  readonly insecureSkipCheck?: boolean;
}

const RETRY_STATUSES = new Set([502, 503, 504]);

/**
 * True only for a loopback address written as one: `localhost`, an IPv4 literal in 127.0.0.0/8, or `::1`.
 * A name that merely starts with "127." (127.0.0.1.attacker.example) is a remote host.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return isIPv4(host) && host.split('.')[0] === '127';
}

/**
 * A client of the Nautes deployment-runtime API.
 *
 * @example
 * const client = new NautesClient({ apiServer: 'http://127.0.0.1:8000' }); // token from NAUTES_TOKEN
 * const runtimes = await client.listDeploymentRuntimes('nautes-labs');
 */
export class NautesClient {
  readonly apiServer: string;
  private readonly token: string | undefined;
  /** Removes this client's token (and any bearer credential) from text; its errors are redacted with it. */
  readonly redactor: Redactor;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly busyRetries: number;
  private readonly retryDelayMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly onRetry: NautesClientOptions['onRetry'];
  private readonly random: () => number;
  private readonly serialize: boolean;
  private readonly maxResponseBytes: number;
  /** Requests sent, including retries (for benchmarks and tests). */
  requestCount = 0;

  constructor(options: NautesClientOptions = {}) {
    const env = options.env ?? process.env;
    const server = options.apiServer ?? env['NAUTES_API_SERVER'];
    if (!server)
      throw new ApiConfigError(
        'no Nautes API server: set NAUTES_API_SERVER, or api_server in the provider block (apiServer in TypeScript)',
        'apiServer',
      );
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new ApiConfigError(
        `the Nautes API server ${JSON.stringify(server)} is not a URL (expected http(s)://host[:port])`,
        'apiServer',
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ApiConfigError(
        `the Nautes API server must use http or https, got ${url.protocol}`,
        'apiServer',
      );
    this.apiServer = url.origin + url.pathname.replace(/\/+$/, '');
    this.token = options.token ?? readToken(env);
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.add(this.token);
    if (
      url.protocol === 'http:' &&
      !isLoopback(url.hostname) &&
      this.token &&
      !options.allowInsecureHttp
    )
      throw new ApiConfigError(
        `refusing to send the token over plain HTTP to ${url.host}: use https, or allow it explicitly (allowInsecureHttp / allow_insecure_http)`,
        'apiServer',
      );
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.busyRetries = options.busyRetries ?? 10;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.onRetry = options.onRetry;
    this.random = options.random ?? Math.random;
    this.serialize = options.serializeRequests ?? true;
    const maxFromEnv = Number(env['NAUTES_MAX_RESPONSE_BYTES']);
    this.maxResponseBytes =
      options.maxResponseBytes ??
      (Number.isInteger(maxFromEnv) && maxFromEnv > 0 ? maxFromEnv : 64 * 1024 * 1024);
    const caFile = options.caCertFile ?? env['NAUTES_CA_CERT'];
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.ownsDispatcher = false;
    } else {
      let ca: string | undefined;
      if (caFile) {
        try {
          ca = readFileSync(caFile, 'utf8');
        } catch (e) {
          throw new ApiConfigError(
            `cannot read the CA certificate file ${caFile}: ${(e as Error).message}`,
            'caCertFile',
          );
        }
      }
      this.dispatcher = new Agent({
        connect: ca ? { ca, timeout: this.timeoutMs } : { timeout: this.timeoutMs },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        keepAliveTimeout: 4_000,
        connections: 16,
      });
      this.ownsDispatcher = true;
    }
  }

  /** Lists every runtime of a product (one call; the API has no pagination). */
  async listDeploymentRuntimes(
    product: string,
    options: ListOptions = {},
  ): Promise<DeploymentRuntimeItem[]> {
    assertPathSegment('product', product);
    const query = options.fieldSelector
      ? `?field_selector=${encodeURIComponent(options.fieldSelector)}`
      : '';
    const path = runtimesPath(product);
    const reply = await this.call('GET', path, query, undefined, DeploymentRuntimeListSchema);
    // two resource files with one name: say so, never keep one of them in silence
    const seen = new Set<string>();
    const twice = reply.items
      .filter((i) => (seen.has(i.name) ? true : (seen.add(i.name), false)))
      .map((i) => i.name);
    if (twice.length)
      throw new ApiSchemaError('GET', path, [
        {
          path: ['items'],
          message: `runtime names listed more than once: ${[...new Set(twice)].map((n) => JSON.stringify(n)).join(', ')} (two resource files in default.project declare the same name)`,
        },
      ]);
    return reply.items;
  }

  /** Reads one runtime; a missing one raises `NAUTES_API_NOT_FOUND`. */
  async getDeploymentRuntime(product: string, name: string): Promise<DeploymentRuntimeItem> {
    checkSegments(product, name);
    return this.call(
      'GET',
      runtimesPath(product, name),
      '',
      undefined,
      DeploymentRuntimeItemSchema,
    );
  }

  /** Creates or replaces a runtime (the whole spec). */
  async saveDeploymentRuntime(
    product: string,
    name: string,
    body: SaveBody,
    options: WriteOptions = {},
  ): Promise<MessageReply> {
    checkSegments(product, name);
    const query = skipCheckQuery(options.insecureSkipCheck === true);
    return this.call('POST', runtimesPath(product, name), query, body, MessageReplySchema);
  }

  /**
   * Deletes a runtime. When a retried delete finds the runtime gone, the earlier attempt landed, and the
   * call succeeds.
   */
  async deleteDeploymentRuntime(
    product: string,
    name: string,
    options: WriteOptions = {},
  ): Promise<MessageReply> {
    checkSegments(product, name);
    const query = skipCheckQuery(options.insecureSkipCheck === true);
    return this.call('DELETE', runtimesPath(product, name), query, undefined, MessageReplySchema);
  }

  /**
   * Lists every object of a kind: of one product, or of the tenant for tenant-level kinds (one call; the
   * API has no pagination). Items are the reply's, checked against the kind's reply schema.
   */
  async listObjects(
    kind: KindSpec,
    product: string | undefined,
    options: ListOptions = {},
  ): Promise<Record<string, unknown>[]> {
    if (kind.scope === 'product') assertPathSegment('product', product ?? '');
    const query = options.fieldSelector
      ? `?field_selector=${encodeURIComponent(options.fieldSelector)}`
      : '';
    const reply = await this.call(
      'GET',
      kindPath(kind, product),
      query,
      undefined,
      kindListSchema(kind),
    );
    return reply.items;
  }

  /**
   * Reads one object; a missing one raises `NAUTES_API_NOT_FOUND`, except where the server answers
   * otherwise (a product: a 500, `kind.missingGet`).
   */
  async getObject(kind: KindSpec, address: KindAddress): Promise<Record<string, unknown>> {
    checkAddress(kind, address);
    return this.call('GET', objectPath(kind, address), '', undefined, kindItemSchema(kind));
  }

  /** Creates or replaces an object (the whole spec). */
  async saveObject(
    kind: KindSpec,
    address: KindAddress,
    body: Record<string, unknown>,
    options: WriteOptions = {},
  ): Promise<MessageReply> {
    checkAddress(kind, address);
    const query = skipCheckQuery(kind.skipChecks && options.insecureSkipCheck === true);
    return this.call('POST', objectPath(kind, address), query, body, MessageReplySchema);
  }

  /** Deletes an object. */
  async deleteObject(
    kind: KindSpec,
    address: KindAddress,
    options: WriteOptions = {},
  ): Promise<MessageReply> {
    checkAddress(kind, address);
    const query = skipCheckQuery(kind.skipChecks && options.insecureSkipCheck === true);
    return this.call('DELETE', objectPath(kind, address), query, undefined, MessageReplySchema);
  }

  /** Closes idle connections. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    query: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = Date.now();
    // retries after a parallel call took the server's clone directory have their own budget: they mean
    // another caller is busy (another stack deploying), not that the server is failing
    let busy = 0;
    for (let attempt = 0; ; attempt++) {
      const transient = attempt - busy;
      let retryReason: string;
      let delayMs = this.random() * this.retryDelayMs * 2 ** transient;
      try {
        const send = async (): Promise<{ statusCode: number; text: string }> => {
          this.requestCount++;
          const res = await request(this.apiServer + path + query, {
            method,
            headers,
            ...(payload !== undefined ? { body: payload } : {}),
            dispatcher: this.dispatcher,
            // undici's own timers are coarse below 1 s; an abort signal is exact
            signal: AbortSignal.timeout(this.timeoutMs),
          });
          const location = res.headers['location'];
          const text = await readCapped(res.body, this.maxResponseBytes, method, path);
          // a redirect is an error here (the API never redirects a well-formed call): show where it points
          return {
            statusCode: res.statusCode,
            text:
              res.statusCode >= 300 && res.statusCode < 400
                ? `redirected to ${String(location ?? '(no Location)')}: ${text.trim()}`
                : text,
          };
        };
        const res = this.serialize ? await serialized(this.apiServer, send) : await send();
        const text = res.text;
        if (res.statusCode === 200) {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            throw new ApiSchemaError(method, path, [
              { path: [], message: `not JSON: ${JSON.stringify(text.slice(0, 80))}` },
            ]);
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) throw new ApiSchemaError(method, path, parsed.error.issues);
          return parsed.data;
        }
        const err = toResponseError(method, path, res.statusCode, text, this.redactor);
        if (RETRY_STATUSES.has(res.statusCode) && transient < this.retries) {
          retryReason = `HTTP ${res.statusCode}`;
        } else if (err.code === 'NAUTES_API_BUSY' && busy < this.busyRetries) {
          busy++;
          // another caller's request started this second (nautes-api.md 11.1): the next second is free
          retryReason = 'the server was busy with a parallel call (clone directory taken)';
          delayMs = 1000 - (Date.now() % 1000) + this.random() * 100;
        } else {
          throw err;
        }
      } catch (e) {
        if (
          e instanceof ApiResponseError ||
          e instanceof ApiSchemaError ||
          e instanceof ApiResponseTooLargeError
        )
          throw e;
        const timedOut = isTimeout(e);
        // a certificate that does not verify will not verify on the next try either
        if (isTlsVerificationError(e))
          throw new ApiConnectionError(method, path, e, true, this.redactor);
        if (transient >= this.retries) {
          if (timedOut)
            throw new ApiTimeoutError(
              method,
              path,
              this.timeoutMs,
              attempt + 1,
              Date.now() - started,
            );
          throw new ApiConnectionError(method, path, e, false, this.redactor);
        }
        retryReason = timedOut ? 'timeout' : `connection error (${(e as Error).message})`;
      }
      this.onRetry?.({ method, path, attempt: attempt + 1, reason: retryReason });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

function checkSegments(product: string, name: string): void {
  assertPathSegment('product', product);
  assertPathSegment('name', name);
}

function checkAddress(kind: KindSpec, a: KindAddress): void {
  if (kind.scope === 'product') assertPathSegment('product', a.product ?? '');
  assertPathSegment('name', a.name);
}

const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

function isTlsVerificationError(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c && depth < 4; c = (c as { cause?: unknown }).cause, depth++)
    if (TLS_VERIFY_CODES.has(String((c as { code?: string | number }).code ?? ''))) return true;
  return false;
}

/** Reads a body up to `limit` bytes; a longer one is abandoned (the connection is closed). */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  limit: number,
  method: string,
  path: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new ApiResponseTooLargeError(method, path, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isTimeout(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code ?? '';
  if ((e as { name?: string } | undefined)?.name === 'TimeoutError') return true;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

function toResponseError(
  method: string,
  path: string,
  status: number,
  text: string,
  redactor: Redactor,
): ApiResponseError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new ApiResponseError(method, path, status, '', text.trim().slice(0, 500), redactor);
  }
  const parsed = KratosErrorSchema.safeParse(json);
  if (!parsed.success)
    return new ApiResponseError(method, path, status, '', text.trim().slice(0, 500), redactor);
  return new ApiResponseError(
    method,
    path,
    status,
    parsed.data.reason,
    parsed.data.message,
    redactor,
  );
}

/** Reads the token from `NAUTES_TOKEN`, else from the file named by `NAUTES_TOKEN_FILE`. */
export function readToken(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const direct = env['NAUTES_TOKEN'];
  if (direct) return direct.trim();
  const file = env['NAUTES_TOKEN_FILE'];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    // never echo the variable's value: people put the token itself there by mistake
    throw new ApiConfigError(
      `cannot read the token file that NAUTES_TOKEN_FILE names: ${(e as NodeJS.ErrnoException).code ?? 'error'} (it must be the path of a file holding the token, not the token)`,
      'token',
    );
  }
}
