// The attributes of a declared kind's resource from a model object read from the server: what refresh,
// import and the list resource return, all from the kind's table.
import {
  SKIP_CHECKS_ATTRIBUTES,
  addressOf,
  formatObjectId,
  isEmptyKindValue,
  normalizeKindValue,
  type KindField,
  type KindObject,
  type KindSpec,
  type KindValue,
  isNestedField,
  kindFieldsFrom,
  sameKindValue,
} from '../../model';
import type { CtyObject, CtyValue } from '../cty/types';
import { DELETION_PROTECTION, versionAttributeOf } from './kind-schema';

const { flag: SKIP_FLAG, reason: SKIP_REASON } = SKIP_CHECKS_ATTRIBUTES;

/** A kind's title as messages start it: `Code Repo` for `code repo`. */
export const titleOf = (kind: KindSpec): string =>
  kind.title.replace(/(^|\s)\w/g, (c) => c.toUpperCase());

/** A field's value as an attribute value: a flag, a string or a list; an empty one is null. */
export function attributeValueOf(v: KindValue): CtyValue {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length === 0 ? null : v;
  const list = v as readonly string[];
  return list.length === 0 ? null : [...list];
}

/**
 * A nested object field's value as the resource holds it, as blocks: a list of items (at most one for an
 * `object`); an empty member is null, as a member the configuration leaves out.
 */
export function blockValueOf(f: KindField, v: KindValue | undefined): CtyValue {
  const item = (o: KindObject): CtyObject =>
    Object.fromEntries(
      (f.members ?? []).map((m): [string, CtyValue] => {
        const x = o[m.key] ?? '';
        return [m.tfName, isNestedField(m) ? blockValueOf(m, x) : attributeValueOf(x)];
      }),
    );
  if (v === undefined) return [];
  if (f.type === 'object') return isEmptyKindValue(f, v) ? [] : [item(v as KindObject)];
  return (v as readonly KindObject[]).map(item);
}

/** A field's value in a data source item: every value as read, a nested object as an object (null when empty). */
export function itemValueOf(f: KindField, v: KindValue | undefined): CtyValue {
  const x = v ?? normalizeKindValue(f, undefined);
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (f.type === 'string-list') return [...(x as readonly string[])];
  const item = (o: KindObject): CtyObject =>
    Object.fromEntries((f.members ?? []).map((m) => [m.tfName, itemValueOf(m, o[m.key])]));
  if (f.type === 'object') return isEmptyKindValue(f, x) ? null : item(x as KindObject);
  return (x as readonly KindObject[]).map(item);
}

/**
 * The attributes of an object read from the server; an empty remote value stays null where the prior
 * state had null, so "unset" and "empty" never show as drift; options that live only in state are kept
 * (without a prior state: deletion_protection true, the skip-check pair null).
 */
export function kindAttributesOf(
  kind: KindSpec,
  o: KindObject,
  prior: CtyObject | null,
): CtyObject {
  const out: CtyObject = { id: formatObjectId(kind, addressOf(kind, o)) };
  const priorFields = prior ? kindFieldsFrom(kind, prior, 'tfName') : {};
  for (const f of kind.fields) {
    const v = o[f.key] ?? '';
    const p = prior ? (prior[f.tfName] ?? null) : null;
    // the server never returns a secret: what state holds (null on a host with write-only attributes)
    if (f.secret === true) {
      out[f.tfName] = p;
      out[versionAttributeOf(f)] = prior ? (prior[versionAttributeOf(f)] ?? null) : null;
    } else if (isNestedField(f))
      // the blocks as state holds them while they are the same setting ("" and null, [] and no block)
      out[f.tfName] =
        prior && sameKindValue(f, priorFields[f.key], v)
          ? (prior[f.tfName] ?? [])
          : blockValueOf(f, v);
    else if (typeof v === 'boolean') out[f.tfName] = v === false && p === null ? null : v;
    // values the server sets are computed: always as read
    else if (f.save === 'never' || f.serverDefault === true) out[f.tfName] = attributeValueOf(v);
    // a value the server keeps when an empty one is sent is not drift while the code leaves it empty
    else if (prior && f.emptyKeepsValue && p === null) out[f.tfName] = null;
    else if (isEmptyKindValue(f, v) && p === null) out[f.tfName] = null;
    else out[f.tfName] = typeof v === 'string' ? v : [...(v as readonly string[])];
  }
  if (kind.deletionDestroys !== undefined)
    out[DELETION_PROTECTION] = prior?.[DELETION_PROTECTION] ?? true;
  if (kind.skipChecks) {
    out[SKIP_FLAG] = prior?.[SKIP_FLAG] ?? null;
    out[SKIP_REASON] = prior?.[SKIP_REASON] ?? null;
  }
  return out;
}
