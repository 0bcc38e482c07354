// Field-level differences between two runtimes, driven by the field table (set semantics, empty == absent).
import {
  RUNTIME_FIELDS,
  isEmptyFieldValue,
  normalizeFieldValue,
  sameFieldValue,
  type DeploymentRuntime,
} from '../model';
import type { FieldChange } from './plan';

/** Every field that differs; `before` null means a create, `after` null a delete. */
export function diffFields(
  before: DeploymentRuntime | null,
  after: DeploymentRuntime | null,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of RUNTIME_FIELDS) {
    const b = before ? normalizeFieldValue(f, before[f.key]) : null;
    const a = after ? normalizeFieldValue(f, after[f.key]) : null;
    const bEmpty = isEmptyFieldValue(b);
    const aEmpty = isEmptyFieldValue(a);
    if (bEmpty && aEmpty) continue;
    if (before && after && sameFieldValue(f, before[f.key], after[f.key])) continue;
    changes.push({
      path: [f.key],
      attribute: f.tfName,
      before: bEmpty ? null : b,
      after: aEmpty ? null : a,
      kind: bEmpty ? 'added' : aEmpty ? 'removed' : 'modified',
      forcesReplace: before !== null && after !== null && f.replaceOnChange,
      sensitive: false,
    });
  }
  return changes;
}
