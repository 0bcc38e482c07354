// Decoding of the save body as kratos/protojson does it (nautes-api.md 1.1): either key spelling, unknown
// keys dropped, null = unset, wrong types rejected as 400 CODEC.
import { KratosFailure } from './errors';

/** The decoded SaveRequest.Body (undefined members are unset). */
export interface DecodedBody {
  projects_ref: string[];
  manifest_source: { code_repo: string; target_revision: string; path: string } | undefined;
  destination: { environment: string; namespaces: string[] } | undefined;
  account: string;
}

const REGISTERED = new Set(['json', 'proto', 'xml', 'yaml', 'x-www-form-urlencoded']);

function codec(detail: string): KratosFailure {
  return new KratosFailure(400, 'CODEC', `body unmarshal ${detail}`);
}

function pick(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (n in o) return o[n];
  return undefined;
}

function asString(v: unknown, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw codec(`proto: (line 1:1): invalid value for string field ${field}: ${JSON.stringify(v)}`);
  return v;
}

function asStrings(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw codec(`proto: (line 1:1): invalid value for list field ${field}: ${JSON.stringify(v)}`);
  return v.map((x) => {
    if (x === null) throw codec(`proto: (line 1:1): invalid value for string type: null`);
    return asString(x, field);
  });
}

function asObject(v: unknown, field: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw codec(`proto: (line 1:1): invalid value for message field ${field}: ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

/** Decodes a POST body; returns undefined for an empty body (Body stays nil). */
export function decodeSaveBody(contentType: string | undefined, raw: string): DecodedBody | undefined {
  // the subtype is matched as written: application/JSON is not registered (nautes-api.md 11.3)
  const subtype = (contentType ?? '').split(';')[0]?.trim().split('/')[1] ?? '';
  if (!REGISTERED.has(subtype)) throw new KratosFailure(400, 'CODEC', `unregister Content-Type: ${contentType ?? ''}`);
  if (raw.length === 0) return undefined;
  // only JSON bodies are decoded by this stand-in; the other registered codecs are out of scope
  if (subtype !== 'json') throw codec(`${subtype}: this stand-in decodes only application/json bodies`);
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (e) {
    throw codec(`proto: syntax error (line 1:1): ${(e as Error).message}`);
  }
  // protojson: a null message, or a null inside a string list, is a syntax error (not "unset")
  if (doc === null) throw codec('proto: syntax error (line 1:1): unexpected token null');
  const top = asObject(doc, 'SaveRequest.Body');
  if (!top) return undefined;
  const ms = asObject(pick(top, 'manifest_source', 'manifestSource'), 'manifest_source');
  const dest = asObject(pick(top, 'destination'), 'destination');
  return {
    projects_ref: asStrings(pick(top, 'projects_ref', 'projectsRef'), 'projects_ref'),
    manifest_source: ms && {
      code_repo: asString(pick(ms, 'code_repo', 'CodeRepo'), 'code_repo'),
      target_revision: asString(pick(ms, 'target_revision', 'TargetRevision'), 'target_revision'),
      path: asString(pick(ms, 'path', 'Path'), 'path'),
    },
    destination: dest && {
      environment: asString(pick(dest, 'environment'), 'environment'),
      namespaces: asStrings(pick(dest, 'namespaces'), 'namespaces'),
    },
    account: asString(pick(top, 'account'), 'account'),
  };
}

/** protoc-gen-validate of SaveRequest: the first failure only, as 400 VALIDATOR. */
export function validateSaveBody(body: DecodedBody | undefined): void {
  if (!body) return;
  const prefix = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';
  const ms = body.manifest_source;
  if (!ms) throw new KratosFailure(400, 'VALIDATOR', `${prefix}invalid SaveRequest_Body.ManifestSource: value is required`);
  const msPrefix = `${prefix}invalid SaveRequest_Body.ManifestSource: embedded message failed validation | caused by: `;
  for (const [key, label] of [['code_repo', 'CodeRepo'], ['target_revision', 'TargetRevision'], ['path', 'Path']] as const)
    if ([...ms[key]].length < 1)
      throw new KratosFailure(400, 'VALIDATOR', `${msPrefix}invalid ManifestSource.${label}: value length must be at least 1 runes`);
  if (body.destination && [...body.destination.environment].length < 1)
    throw new KratosFailure(
      400,
      'VALIDATOR',
      `${prefix}invalid SaveRequest_Body.Destination: embedded message failed validation | caused by: invalid DeploymentRuntimesDestination.Environment: value length must be at least 1 runes`,
    );
}

/**
 * The `insecure_skip_check` query flag as kratos decodes it: either spelling, Go's strconv.ParseBool, an
 * empty value is false, a key given twice is 400 CODEC (nautes-api.md 1 and 11.3).
 */
export function parseSkipCheck(query: URLSearchParams): boolean {
  const values = [...query.getAll('insecure_skip_check'), ...query.getAll('insecureSkipCheck')];
  if (values.length > 1) throw new KratosFailure(400, 'CODEC', 'parsing field "insecureSkipCheck": too many values');
  const value = values[0];
  if (value === undefined || value === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new KratosFailure(400, 'CODEC', `parsing field "insecureSkipCheck": strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}
