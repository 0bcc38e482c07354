// api: the Nautes REST contract as zod schemas, the undici client, and the ApiError family.
// May import model, errors, internal, undici and zod.
export * from './schemas';
export {
  NautesClient,
  readToken,
  type NautesClientOptions,
  type ListOptions,
  type WriteOptions,
} from './client';
export {
  ApiError,
  ApiResponseError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiResponseTooLargeError,
  ApiSchemaError,
  ApiConfigError,
  InvalidPathSegmentError,
  assertPathSegment,
  API_ERROR_CODES,
  classifyApiError,
  isApiErrorCode,
  type ApiErrorCode,
} from './errors';
export { fromWire, toWire } from './convert';
export { createRuntimeStore } from './runtime-store';
export { skipCheckQuery } from './skip-check-query';
export { createKindStore } from './kind-store';
export { kindPath, kindItemSchema, kindListSchema, fromKindWire, toKindWire } from './kind-wire';
