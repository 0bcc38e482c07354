// fromWire / toWire between the API's JSON and the model, driven by the field table.
import { RUNTIME_FIELDS, normalizeRuntime, type DeploymentRuntime } from '../model';
import type { DeploymentRuntimeItem, SaveBody } from './schemas';
import { getPath, setPath } from './json-path';

/** Converts a GET/list item to a normalized model runtime. `product` is the product asked for (the path). */
export function fromWire(item: DeploymentRuntimeItem, product: string): DeploymentRuntime {
  const out: Record<string, unknown> = {};
  for (const f of RUNTIME_FIELDS) out[f.key] = getPath(item, f.wirePath);
  // the server answers with the group *name*; identity uses the path the caller asked with (nautes-api.md 5.3)
  out['product'] = product;
  return normalizeRuntime(out as unknown as DeploymentRuntime);
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
