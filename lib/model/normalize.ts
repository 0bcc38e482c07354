import type { DeploymentRuntime } from './deployment-runtime';
import { RUNTIME_FIELDS, type FieldSpec } from './fields';

/** Normalizes one field value: sets are sorted and deduplicated, lists never hold empty strings. */
export function normalizeFieldValue(field: FieldSpec, value: unknown): string | readonly string[] {
  if (field.type === 'string-list') {
    const list = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string' && v !== '')
      : [];
    return field.compareAs === 'set' ? [...new Set(list)].sort() : list;
  }
  return typeof value === 'string' ? value : '';
}

/** Returns the runtime with every field normalized (set semantics, empty == absent). */
export function normalizeRuntime(r: DeploymentRuntime): DeploymentRuntime {
  const out: Record<string, unknown> = {};
  for (const f of RUNTIME_FIELDS) out[f.key] = normalizeFieldValue(f, r[f.key]);
  return out as unknown as DeploymentRuntime;
}

/** True for a field value that counts as absent: the empty string, an empty list, null or undefined. */
export function isEmptyFieldValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * True when two values of a field are the same runtime setting: normalized (sets as sets), empty == absent.
 * The one comparison the planner and the provider's plan both use.
 */
export function sameFieldValue(field: FieldSpec, a: unknown, b: unknown): boolean {
  const na = normalizeFieldValue(field, a);
  const nb = normalizeFieldValue(field, b);
  return (isEmptyFieldValue(na) && isEmptyFieldValue(nb)) || fieldValuesEqual(na, nb);
}

/** True when two normalized field values are equal. */
export function fieldValuesEqual(
  a: string | readonly string[],
  b: string | readonly string[],
): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** True when two runtimes are the same after normalization (every field, sets as sets, empty == absent). */
export function sameRuntime(a: DeploymentRuntime, b: DeploymentRuntime): boolean {
  const na = normalizeRuntime(a);
  const nb = normalizeRuntime(b);
  return RUNTIME_FIELDS.every((f) => fieldValuesEqual(na[f.key], nb[f.key]));
}
