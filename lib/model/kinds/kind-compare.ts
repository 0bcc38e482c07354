// A declared object of a kind against the server's, field by field: the one comparison the provider (its
// adoption check) and the engine's planner (field changes of nautes-cdktf plan) both use. Only fields that
// code declares and the server reads back are compared: a value only the server sets (a clone URL) and a
// secret it never returns (a kubeconfig) cannot differ from the code.
import type { KindField, KindObject, KindSpec, KindValue } from './kind-spec';
import { isEmptyKindValue, normalizeKindValue, sameKindValue } from './kind-object';

/** True for a field a declaration sets and a reply carries: the fields a plan compares. */
export function isComparedKindField(f: KindField): boolean {
  return f.save !== 'never' && f.secret !== true && f.reply !== 'never';
}

/** The secret fields of a kind: sent, never returned, so their drift cannot be seen. */
export function unseenKindFields(kind: KindSpec): KindField[] {
  return kind.fields.filter((f) => f.secret === true);
}

/** One field that differs between the server's object and the declared one. */
export interface KindFieldDifference {
  readonly field: KindField;
  /** The server's value (null: empty or no object). */
  readonly before: KindValue | null;
  /** The declared value (null: empty or deleted). */
  readonly after: KindValue | null;
  readonly change: 'added' | 'removed' | 'modified';
  /** The object is replaced for this change (a create or delete forces nothing). */
  readonly forcesReplace: boolean;
}

/**
 * The compared fields whose values differ (lists as sets, empty equal to absent, a value the server keeps
 * or chooses not a change while the code leaves it empty); `before` null is a create, `after` null a delete.
 */
export function diffKindObjects(
  kind: KindSpec,
  before: KindObject | null,
  after: KindObject | null,
): KindFieldDifference[] {
  const out: KindFieldDifference[] = [];
  for (const f of kind.fields) {
    if (!isComparedKindField(f)) continue;
    if (before && after && sameKindValue(f, after[f.key], before[f.key])) continue;
    const b = before ? normalizeKindValue(f, before[f.key]) : null;
    const a = after ? normalizeKindValue(f, after[f.key]) : null;
    // a flag turned off shows as false, not as removed
    const both = f.type === 'bool' && before !== null && after !== null;
    const sb = b === null || (!both && isEmptyKindValue(f, b)) ? null : b;
    const sa = a === null || (!both && isEmptyKindValue(f, a)) ? null : a;
    if (sb === null && sa === null) continue;
    out.push({
      field: f,
      before: sb,
      after: sa,
      change: sb === null ? 'added' : sa === null ? 'removed' : 'modified',
      forcesReplace: before !== null && after !== null && f.replaceOnChange,
    });
  }
  return out;
}

/** The compared fields that differ between a declared object and the server's (none: the same object). */
export function differingKindFields(
  kind: KindSpec,
  declared: KindObject,
  actual: KindObject,
): KindField[] {
  return kind.fields.filter(
    (f) => isComparedKindField(f) && !sameKindValue(f, declared[f.key], actual[f.key]),
  );
}

function withoutEmpty(fields: readonly KindField[], o: KindObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = o[f.key];
    if (v === undefined || isEmptyKindValue(f, v)) continue;
    const members = f.members ?? [];
    if (f.type === 'object') out[f.key] = withoutEmpty(members, v as KindObject);
    else if (f.type === 'object-list')
      out[f.key] = (v as readonly KindObject[]).map((x) => withoutEmpty(members, x));
    else out[f.key] = v;
  }
  return out;
}

/**
 * A whole object as a declaration would give it: empty values left out, nested ones too, so that it
 * validates as the declaration did (an absent optional block is not an empty one with required members).
 */
export function declaredFieldsOf(kind: KindSpec, o: KindObject): Record<string, unknown> {
  return withoutEmpty(kind.fields, o);
}
