// HTTP to a code-review platform (GitHub, GitLab): JSON in and out, retries on 5xx and connection errors
// only, errors that name the platform, method and path and never the token.
import { request } from 'undici';
import { NautesError } from '../../errors';
import { Redactor } from '../../internal/redact';

/** A failed call to the review platform. */
export class ReviewPlatformError extends NautesError {
  readonly code: string;
  constructor(
    readonly platform: string,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string,
    redactor: Redactor,
  ) {
    const hint =
      status === 401
        ? 'the token is missing, wrong or expired'
        : status === 403
          ? 'the token may not write comments on this pull/merge request (GitHub: permissions "pull-requests: write"; GitLab: the api scope)'
          : status === 404
            ? 'no such repository/project or pull/merge request, or the token cannot see it'
            : '';
    super(
      `${platform} ${method} ${path} failed${status ? ` with ${status}` : ''}: ${redactor.redact(detail).slice(0, 300)}${hint ? ` (${hint})` : ''}`,
    );
    this.code =
      status === 401
        ? 'NAUTES_REVIEW_UNAUTHORIZED'
        : status === 403
          ? 'NAUTES_REVIEW_FORBIDDEN'
          : status === 404
            ? 'NAUTES_REVIEW_NOT_FOUND'
            : 'NAUTES_REVIEW_HTTP';
  }
}

/** The review platform answered more than a client should read (a page too large, or pages without end). */
export class ReviewPlatformLimitError extends NautesError {
  readonly code = 'NAUTES_REVIEW_LIMIT';
  constructor(
    readonly platform: string,
    readonly path: string,
    readonly limit: string,
  ) {
    super(`${platform} GET ${path}: ${limit}; stopped reading (is the API URL right?)`);
  }
}

/** The largest reply read, in bytes (a page of 100 comments of 65,536 characters is about 26 MB). */
export const MAX_REPLY_BYTES = 32 * 1024 * 1024;

/** How long one call may take, reply included, in milliseconds. */
export const CALL_TIMEOUT_MS = 30_000;

/** One JSON call. */
export interface ForgeCall {
  readonly platform: string;
  readonly base: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  /** The secret in `headers`, redacted from every message. */
  readonly token: string;
  /** Retries after a 5xx, a connection error or a timeout. @default 3 */
  readonly retries?: number;
  /** How long the call may take, reply included. @default CALL_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /** The largest reply read. @default MAX_REPLY_BYTES */
  readonly maxReplyBytes?: number;
}

/** Sends a call; resolves with the JSON reply and the headers. */
export async function forgeRequest<T>(
  call: ForgeCall,
): Promise<{ json: T; headers: Record<string, string | string[] | undefined> }> {
  const redactor = new Redactor([call.token]);
  const retries = call.retries ?? 3;
  const timeoutMs = call.timeoutMs ?? CALL_TIMEOUT_MS;
  const maxReplyBytes = call.maxReplyBytes ?? MAX_REPLY_BYTES;
  for (let attempt = 0; ; attempt++) {
    let failure: ReviewPlatformError;
    try {
      const res = await request(`${call.base.replace(/\/+$/, '')}${call.path}`, {
        method: call.method,
        headers: {
          ...call.headers,
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          'user-agent': 'nautes-cdktf',
        },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      let size = 0;
      const chunks: Buffer[] = [];
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxReplyBytes) {
          res.body.destroy();
          throw new ReviewPlatformLimitError(
            call.platform,
            call.path,
            `the reply is larger than ${maxReplyBytes / 1024 / 1024} MiB`,
          );
        }
        chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { json: (text ? JSON.parse(text) : null) as T, headers: res.headers };
      failure = new ReviewPlatformError(
        call.platform,
        call.method,
        call.path,
        res.statusCode,
        text,
        redactor,
      );
      if (res.statusCode < 500) throw failure;
    } catch (e) {
      if (e instanceof ReviewPlatformLimitError) throw e;
      if (e instanceof ReviewPlatformError && e.status < 500) throw e;
      failure =
        e instanceof ReviewPlatformError
          ? e
          : new ReviewPlatformError(
              call.platform,
              call.method,
              call.path,
              0,
              (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError'
                ? `no answer within ${timeoutMs / 1000} s`
                : (e as Error).message,
              redactor,
            );
    }
    if (attempt >= retries) throw failure;
    await new Promise((r) => setTimeout(r, 100 * 2 ** attempt * (0.5 + Math.random() / 2)));
  }
}
