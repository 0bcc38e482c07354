// The ApiError family: every failure of a call names method and path, never the token.
import { NautesError } from '../errors';
import { pathSegmentProblem } from '../model';
import { Redactor } from '../internal/redact';
import type { KratosError } from './schemas';

/** Stable codes of API failures (public contract, listed in the README). */
export const API_ERROR_CODES = [
  'NAUTES_API_NOT_FOUND',
  'NAUTES_API_GROUP_NOT_FOUND',
  'NAUTES_API_PROJECT_NOT_FOUND',
  'NAUTES_API_UNAUTHORIZED',
  'NAUTES_API_FORBIDDEN',
  'NAUTES_API_VALIDATION',
  'NAUTES_API_REFERENCE_MISSING',
  'NAUTES_API_CONFLICT',
  'NAUTES_API_BUSY',
  'NAUTES_API_SERVER',
  'NAUTES_API_HTTP',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Base of errors raised by a call to the Nautes API. */
export abstract class ApiError extends NautesError {
  constructor(
    readonly method: string,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Classifies a Nautes error answer. Most domain failures are HTTP 500 with an empty reason
 * (nautes-api.md section 3), so the message text decides between them.
 */
export function classifyApiError(status: number, body: KratosError | undefined): ApiErrorCode {
  const reason = body?.reason ?? '';
  const msg = body?.message ?? '';
  if (status === 404 && reason === 'RESOURCE_NOT_FOUND') return 'NAUTES_API_NOT_FOUND';
  // a parallel call took this second's clone directory (nautes-api.md 11.1): not a rights problem
  if (
    status === 500 &&
    /^failed to clone repository\b.*already exists and is not an empty directory/s.test(msg)
  )
    return 'NAUTES_API_BUSY';
  if (status === 404 && reason === 'GROUP_NOT_FOUND') return 'NAUTES_API_GROUP_NOT_FOUND';
  if (status === 404 && reason === 'PROJECT_NOT_FOUND') return 'NAUTES_API_PROJECT_NOT_FOUND';
  if (status === 401 || /token is not found|401 Unauthorized|\b401\b \{message/.test(msg))
    return 'NAUTES_API_UNAUTHORIZED';
  if (
    status === 403 ||
    reason === 'NO_AUTHORIZATION' ||
    /^push data:|failed to clone repository/.test(msg)
  )
    return 'NAUTES_API_FORBIDDEN';
  if (status === 400) return 'NAUTES_API_VALIDATION';
  if (status === 500 && /not found or invalid/.test(msg)) return 'NAUTES_API_NOT_FOUND';
  if (
    reason === 'RESOURCE_NOT_EXIST' ||
    /failed to get repository|does not exist|not permitted to use repository|is illegal|get cluster by runtime failed|err: cluster \S+ not found|is not a deployment cluster/.test(
      msg,
    )
  )
    return 'NAUTES_API_REFERENCE_MISSING';
  if (
    /duplicate reference|can not deploy same repo|is used by other product|manual approval|component namespace/.test(
      msg,
    )
  )
    return 'NAUTES_API_CONFLICT';
  if (status >= 500) return 'NAUTES_API_SERVER';
  return 'NAUTES_API_HTTP';
}

const HINTS: Partial<Record<ApiErrorCode, string>> = {
  NAUTES_API_UNAUTHORIZED: 'set NAUTES_TOKEN or NAUTES_TOKEN_FILE to a valid GitLab token',
  NAUTES_API_FORBIDDEN:
    "the account needs push rights on `main` of the product's default.project (Maintainer)",
  NAUTES_API_GROUP_NOT_FOUND: 'check the product name and that the token can see its GitLab group',
  NAUTES_API_BUSY:
    'the Nautes server serves one call at a time and another client called it in the same second; run again',
};

/** The server answered with an error status. */
export class ApiResponseError extends ApiError {
  readonly code: ApiErrorCode;
  constructor(
    method: string,
    path: string,
    readonly status: number,
    reason: string,
    serverMessage: string,
    redactor: Redactor = new Redactor(),
  ) {
    const redact = (t: string): string => redactor.redact(t);
    const code = classifyApiError(status, {
      code: status,
      reason,
      message: serverMessage,
      metadata: {},
    });
    const hint = HINTS[code];
    // redacted before it is cut or stored: a token that straddles the cut must not leave half of itself
    const clean = redact(serverMessage);
    const shown = clean.length > 2000 ? `${clean.slice(0, 2000)}…` : clean;
    super(
      method,
      path,
      `${method} ${path} failed with ${status}${reason ? ` ${redact(reason)}` : ''}: ${shown}${hint ? ` (${hint})` : ''}`,
    );
    this.code = code;
    this.reason = redact(reason);
    this.serverMessage = clean;
  }
  /** The server's reason (redacted). */
  readonly reason: string;
  /** The server's message (redacted: every field of an error is safe to print, log or serialize). */
  readonly serverMessage: string;
}

/** No answer: the connection failed or was dropped. */
export class ApiConnectionError extends ApiError {
  readonly code = 'NAUTES_API_CONNECTION';
  /**
   * @param tls the TLS certificate of the server could not be verified (never retried: it is not transient)
   */
  constructor(
    method: string,
    path: string,
    cause: unknown,
    readonly tls = false,
    redactor: Redactor = new Redactor(),
  ) {
    const text = redactor.redact(cause instanceof Error ? cause.message : String(cause));
    // the cause is kept as its redacted text only: util.inspect would print the original's fields
    super(method, path, `${method} ${path} failed: ${text}`, { cause: new Error(text) });
  }
}

/** No answer in time. */
export class ApiTimeoutError extends ApiError {
  readonly code = 'NAUTES_API_TIMEOUT';
  constructor(
    method: string,
    path: string,
    readonly timeoutMs: number,
    readonly attempts = 1,
    readonly totalMs = timeoutMs,
  ) {
    super(
      method,
      path,
      attempts > 1
        ? `${method} ${path} timed out: ${attempts} attempts of up to ${timeoutMs} ms each found no answer (${(totalMs / 1000).toFixed(1)} s in all)`
        : `${method} ${path} timed out after ${timeoutMs} ms`,
    );
  }
}

/** The answer was larger than the client accepts (`maxResponseBytes`); not retried. */
export class ApiResponseTooLargeError extends ApiError {
  readonly code = 'NAUTES_API_RESPONSE_TOO_LARGE';
  constructor(
    method: string,
    path: string,
    readonly limitBytes: number,
  ) {
    super(
      method,
      path,
      `${method} ${path} answered with more than ${limitBytes} bytes, the most this client accepts (maxResponseBytes / NAUTES_MAX_RESPONSE_BYTES)`,
    );
  }
}

/** The answer broke the API contract (not an HTTP failure). */
export class ApiSchemaError extends ApiError {
  readonly code = 'NAUTES_API_SCHEMA';
  constructor(
    method: string,
    path: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super(
      method,
      path,
      `${method} ${path} returned a reply that does not match the Nautes API contract: ` +
        issues
          .slice(0, 5)
          .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
          .join('; '),
    );
  }
}

/** The client was set up wrongly (no server URL, unreadable token file, plain HTTP to a remote host). */
export class ApiConfigError extends NautesError {
  readonly code = 'NAUTES_API_CONFIG';
  /**
   * @param field the client option at fault (`NautesClientOptions` name), so that callers name their own
   * setting for it (the provider: its attribute) without reading the message
   */
  constructor(
    message: string,
    readonly field: 'apiServer' | 'caCertFile' | 'token',
  ) {
    super(message);
  }
}

/**
 * A product or runtime name that cannot be one URL path segment of the real server: its router decodes the
 * path, cleans `.` and `..` away and splits at `/` (nautes-api.md 11.2). Refused before any request.
 */
export class InvalidPathSegmentError extends NautesError {
  readonly code = 'NAUTES_API_INVALID_SEGMENT';
  constructor(
    readonly field: 'product' | 'name',
    readonly value: string,
    why: string,
  ) {
    super(`${field} ${JSON.stringify(value)} cannot be sent to the Nautes API: ${why}`);
  }
}

/** Checks that a value can be one path segment; throws `InvalidPathSegmentError` otherwise. */
export function assertPathSegment(field: 'product' | 'name', value: string): void {
  const why = pathSegmentProblem(value);
  if (why) throw new InvalidPathSegmentError(field, value, why);
}

/** True when the error is an API answer with the given code. */
export function isApiErrorCode(e: unknown, code: string): boolean {
  return NautesError.isNautesError(e) && e.code === code;
}
