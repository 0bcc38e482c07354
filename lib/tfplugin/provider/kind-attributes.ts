// The attributes of a declared kind's resource from a model object read from the server: what refresh,
// import and the list resource return, all from the kind's table.
import {
  SKIP_CHECKS_ATTRIBUTES,
  addressOf,
  formatObjectId,
  type KindObject,
  type KindSpec,
  type KindValue,
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
  if (v.length === 0) return null;
  return typeof v === 'string' ? v : [...v];
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
  for (const f of kind.fields) {
    const v = o[f.key] ?? '';
    const p = prior ? (prior[f.tfName] ?? null) : null;
    // the server never returns a secret: what state holds (null on a host with write-only attributes)
    if (f.secret === true) {
      out[f.tfName] = p;
      out[versionAttributeOf(f)] = prior ? (prior[versionAttributeOf(f)] ?? null) : null;
    } else if (typeof v === 'boolean') out[f.tfName] = v === false && p === null ? null : v;
    // values the server sets are computed: always as read
    else if (f.save === 'never' || f.serverDefault === true) out[f.tfName] = attributeValueOf(v);
    // a value the server keeps when an empty one is sent is not drift while the code leaves it empty
    else if (prior && f.emptyKeepsValue && p === null) out[f.tfName] = null;
    else if (v.length === 0 && p === null) out[f.tfName] = null;
    else out[f.tfName] = typeof v === 'string' ? v : [...v];
  }
  if (kind.deletionDestroys !== undefined)
    out[DELETION_PROTECTION] = prior?.[DELETION_PROTECTION] ?? true;
  if (kind.skipChecks) {
    out[SKIP_FLAG] = prior?.[SKIP_FLAG] ?? null;
    out[SKIP_REASON] = prior?.[SKIP_REASON] ?? null;
  }
  return out;
}
