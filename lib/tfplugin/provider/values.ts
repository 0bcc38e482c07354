// Conversions between the resource's attributes and model runtimes, driven by the field table.
import {
  RUNTIME_FIELDS,
  SKIP_CHECKS_ATTRIBUTES,
  completeRuntime,
  formatRuntimeId,
  runtimeFieldsFrom,
  isEmptyFieldValue,
  normalizeRuntime,
  type DeploymentRuntime,
} from '../../model';
import type { CtyValue } from '../cty/types';
import {
  fieldAttribute,
  withFieldAttribute,
  type RuntimeAttributes,
  type Value,
} from './attributes';

/** A known string, or undefined for null/unknown. */
export function knownString(v: Value<string> | CtyValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A runtime from fully known attributes (missing values become empty). */
export function runtimeFromObject(o: RuntimeAttributes): DeploymentRuntime {
  // unknown values are not strings: they become defaults, as missing ones do
  return normalizeRuntime(completeRuntime(runtimeFieldsFrom(o, 'tfName')));
}

/**
 * The attributes of a runtime read from the server. Empty remote values stay null where the prior state
 * had null, so "unset" and "empty" never show as drift.
 */
export function objectFromRuntime(
  r: DeploymentRuntime,
  prior: RuntimeAttributes | null,
): RuntimeAttributes {
  // the field attributes are all set by the loop below, from the table
  let out = {
    id: formatRuntimeId(r),
    [SKIP_CHECKS_ATTRIBUTES.flag]: prior?.[SKIP_CHECKS_ATTRIBUTES.flag] ?? null,
    [SKIP_CHECKS_ATTRIBUTES.reason]: prior?.[SKIP_CHECKS_ATTRIBUTES.reason] ?? null,
  } as RuntimeAttributes;
  for (const f of RUNTIME_FIELDS) {
    const v = r[f.key];
    const priorValue = prior ? fieldAttribute(prior, f) : null;
    out = withFieldAttribute(
      out,
      f,
      isEmptyFieldValue(v) && priorValue === null ? null : typeof v === 'string' ? v : [...v],
    );
  }
  return out;
}
