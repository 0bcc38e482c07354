import { createHash } from 'node:crypto';
import {
  RUNTIME_FIELDS,
  normalizeKindValue,
  normalizeRuntime,
  type DeploymentRuntime,
  type KindObject,
  type KindSpec,
} from '../model';

/** sha256 of a product's observed runtimes, independent of order and of empty-vs-absent. */
export function fingerprintRuntimes(runtimes: readonly DeploymentRuntime[]): string {
  const rows = runtimes
    .map((r) => normalizeRuntime(r))
    .map((r) => RUNTIME_FIELDS.map((f) => r[f.key]))
    .map((row) => JSON.stringify(row))
    .sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}

/** sha256 over several fingerprints. */
export function combineFingerprints(parts: readonly string[]): string {
  return createHash('sha256')
    .update([...parts].sort().join('\n'))
    .digest('hex');
}

/** sha256 of one kind's observed objects (of a product or the tenant), independent of order. */
export function fingerprintKindObjects(kind: KindSpec, objects: readonly KindObject[]): string {
  const rows = objects
    .map((o) => JSON.stringify(kind.fields.map((f) => normalizeKindValue(f, o[f.key]))))
    .sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}
