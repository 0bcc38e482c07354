// fromWire / toWire between the API's JSON and the model, driven by the field table.
import { RUNTIME_FIELDS, normalizeRuntime, type DeploymentRuntime } from '../model';
import type { DeploymentRuntimeItem, SaveBody } from './schemas';

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path)
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

/** Converts a GET/list item to a normalized model runtime. `product` is the product asked for (the path). */
export function fromWire(item: DeploymentRuntimeItem, product: string): DeploymentRuntime {
  const out: Record<string, unknown> = {};
  for (const f of RUNTIME_FIELDS) out[f.key] = getPath(item, f.wirePath);
  // the server answers with the group *name*; identity uses the path the caller asked with (nautes-api.md 5.3)
  out['product'] = product;
  return normalizeRuntime(out as unknown as DeploymentRuntime);
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1] as string] = value;
}

/**
 * Builds the whole-spec save body of a runtime (every field is always sent: save replaces the spec);
 * product and name travel in the URL path.
 */
export function toWire(r: DeploymentRuntime): SaveBody {
  const body: Record<string, unknown> = {};
  for (const f of RUNTIME_FIELDS) {
    if (f.inPath) continue;
    const v: string | readonly string[] = r[f.key];
    setPath(body, f.wirePath, typeof v === 'string' ? v : [...v]);
  }
  // the shape is the schema's by construction (test/model/fields.test.ts holds table and schema together)
  return body as SaveBody;
}
