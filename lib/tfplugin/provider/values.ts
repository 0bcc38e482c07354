// Conversions between schema-shaped cty objects and model runtimes, driven by the field table.
import {
  RUNTIME_FIELDS,
  isEmptyFieldValue,
  normalizeRuntime,
  type DeploymentRuntime,
} from '../../model';
import type { CtyObject, CtyValue } from '../cty/types';

/** A known string, or undefined for null/unknown. */
export function knownString(v: CtyValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A runtime from a fully known resource object (missing values become empty). */
export function runtimeFromObject(o: CtyObject): DeploymentRuntime {
  const out: Record<string, unknown> = {};
  for (const f of RUNTIME_FIELDS) {
    const v = o[f.tfName];
    if (f.type === 'string') out[f.key] = typeof v === 'string' ? v : (f.default ?? '');
    else out[f.key] = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
  return normalizeRuntime(out as unknown as DeploymentRuntime);
}

/**
 * The resource object for a runtime read from the server. Empty remote values stay null where the prior
 * state had null, so "unset" and "empty" never show as drift.
 */
export function objectFromRuntime(r: DeploymentRuntime, prior: CtyObject | null): CtyObject {
  const out: CtyObject = { id: `${r.product}/${r.name}` };
  for (const f of RUNTIME_FIELDS) {
    const v = r[f.key];
    const priorValue = prior?.[f.tfName];
    out[f.tfName] =
      isEmptyFieldValue(v) && (priorValue === null || priorValue === undefined)
        ? null
        : typeof v === 'string'
          ? v
          : [...v];
  }
  out['insecure_skip_check'] = prior?.['insecure_skip_check'] ?? null;
  out['skip_checks_reason'] = prior?.['skip_checks_reason'] ?? null;
  return out;
}
