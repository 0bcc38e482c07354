// The generic operations on objects of a declared kind: identity, completion, comparison and the local
// rules, all read from the kind's table.
import type { Issue } from '../../errors';
import { checkFormat, textIssue } from '../validate';
import type { KindAddress, KindField, KindObject, KindSpec, KindValue } from './kind-spec';

/** A text field of an object ('' when it holds no text). */
export function textOf(o: KindObject, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : '';
}

/** The identity of an object (product and name). */
export function addressOf(kind: KindSpec, o: KindObject): KindAddress {
  const name = textOf(o, 'name');
  return kind.scope === 'product' ? { product: textOf(o, 'product'), name } : { name };
}

/** The Terraform id of an object: `product/name`, or the name of a tenant-level one. */
export function formatObjectId(kind: KindSpec, a: KindAddress): string {
  return kind.scope === 'product' ? `${a.product ?? ''}/${a.name}` : a.name;
}

/** Parses an id (`product/name`, or a tenant-level name); undefined when the text is not of that form. */
export function parseObjectId(kind: KindSpec, id: string): KindAddress | undefined {
  if (kind.scope === 'tenant') return /^[^/]+$/.test(id) ? { name: id } : undefined;
  const m = /^([^/]+)\/([^/]+)$/.exec(id);
  return m ? { product: m[1] as string, name: m[2] as string } : undefined;
}

/** The words of an id format, for messages. */
export function idFormatOf(kind: KindSpec): string {
  return kind.scope === 'product' ? 'product/name' : 'name';
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const membersOf = (f: KindField): readonly KindField[] => f.members ?? [];

/** True for a field holding nested objects (`object` or `object-list`). */
export const isNestedField = (f: KindField): boolean =>
  f.type === 'object' || f.type === 'object-list';

/** The members of a nested object, each normalized (a missing value is its default, '' or []). */
function completeMembers(f: KindField, v: unknown): KindObject {
  const src = isRecord(v) ? v : {};
  const out: Record<string, KindValue> = {};
  for (const m of membersOf(f)) {
    const x = normalizeKindValue(m, src[m.key]);
    out[m.key] = x === '' && m.default !== undefined ? m.default : x;
  }
  return out;
}

/**
 * A field's value normalized: lists of strings hold no empty strings and sort as sets; a missing string is
 * '', a missing flag false; a nested object has every member (a one-item list, as a Terraform block holds
 * it, is that item); a list of objects keeps its order.
 */
export function normalizeKindValue(f: KindField, v: unknown): KindValue {
  if (f.type === 'bool') return v === true;
  if (f.type === 'string-list') {
    const list = Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string' && x !== '')
      : [];
    return [...new Set(list)].sort();
  }
  if (f.type === 'object') return completeMembers(f, Array.isArray(v) ? v[0] : v);
  if (f.type === 'object-list')
    return Array.isArray(v) ? v.filter(isRecord).map((x) => completeMembers(f, x)) : [];
  return typeof v === 'string' ? v : '';
}

/** True when a value is the field's empty one: '', [], false, or a nested object with every member empty. */
export function isEmptyKindValue(f: KindField, v: unknown): boolean {
  const x = normalizeKindValue(f, v);
  if (typeof x === 'boolean') return !x;
  if (typeof x === 'string' || Array.isArray(x)) return x.length === 0;
  return membersOf(f).every((m) => isEmptyKindValue(m, (x as KindObject)[m.key]));
}

/** A whole object from some of its fields: a missing value is its default, '' or []. */
export function completeObject(
  kind: KindSpec,
  fields: Readonly<Record<string, unknown>>,
): KindObject {
  const out: Record<string, KindValue> = {};
  for (const f of kind.fields) {
    const v = normalizeKindValue(f, fields[f.key]);
    out[f.key] = v === '' && f.default !== undefined ? f.default : v;
  }
  for (const f of kind.fields)
    if (out[f.key] === '' && f.defaultFrom !== undefined) out[f.key] = out[f.defaultFrom] ?? '';
  return out;
}

/** A value named by Terraform attribute or construct prop, with nested members renamed to model keys. */
function renamedValue(f: KindField, v: unknown, by: 'tfName' | 'propName'): unknown {
  if (f.type !== 'object' && f.type !== 'object-list') return v;
  const one = (x: unknown): unknown =>
    isRecord(x)
      ? Object.fromEntries(
          membersOf(f)
            .filter((m) => x[m[by]] !== undefined && x[m[by]] !== null)
            .map((m) => [m.key, renamedValue(m, x[m[by]], by)]),
        )
      : x;
  // an absent block is an empty list
  if (f.type === 'object') return Array.isArray(v) ? (v.length ? one(v[0]) : undefined) : one(v);
  return Array.isArray(v) ? v.map(one) : v;
}

/**
 * The fields of an object from values named by Terraform attribute (`tfName`) or construct prop
 * (`propName`), by model key (nested members too); values `keep` refuses (by default undefined and null)
 * are left out.
 */
export function kindFieldsFrom(
  kind: KindSpec,
  values: Readonly<Record<string, unknown>>,
  by: 'tfName' | 'propName',
  keep: (v: unknown) => boolean = (v) => v !== undefined && v !== null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const v = values[f[by]];
    if (keep(v)) out[f.key] = renamedValue(f, v, by);
  }
  return out;
}

/** True when a declared value and the server's are the same setting (empty == absent, sets as sets). */
export function sameKindValue(f: KindField, declared: unknown, actual: unknown): boolean {
  const a = normalizeKindValue(f, declared);
  const b = normalizeKindValue(f, actual);
  if (f.type === 'object') {
    const x = a as KindObject;
    const y = b as KindObject;
    return membersOf(f).every((m) => sameKindValue(m, x[m.key], y[m.key]));
  }
  if (f.type === 'object-list') {
    const x = a as readonly KindObject[];
    const y = b as readonly KindObject[];
    return (
      x.length === y.length &&
      x.every((item, i) => membersOf(f).every((m) => sameKindValue(m, item[m.key], y[i]?.[m.key])))
    );
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  const as = a as string | readonly string[];
  const bs = b as string | readonly string[];
  if (
    as.length === 0 &&
    (bs.length === 0 || f.emptyKeepsValue === true || f.serverDefault === true)
  )
    return true;
  if (typeof as === 'string' || typeof bs === 'string') return as === bs;
  return as.length === bs.length && as.every((x, i) => x === bs[i]);
}

/** How issues name fields: by model key, Terraform attribute or construct prop. */
export type FieldNaming = 'key' | 'tfName' | 'propName';

const quoteAll = (xs: readonly string[]): string => xs.map((a) => JSON.stringify(a)).join(', ');

/** The issues of one field's value (`path` and `label` name it), nested members included. */
function fieldIssues(
  f: KindField,
  v: unknown,
  path: readonly (string | number)[],
  label: string,
  naming: FieldNaming,
  root: Readonly<Record<string, unknown>>,
  kind: KindSpec,
): Issue[] {
  const issue = (code: string, message: string, at = path): Issue => ({
    path: [...at],
    code,
    message,
  });
  if (f.type === 'bool')
    return v !== undefined && typeof v !== 'boolean'
      ? [issue('invalid_type', `${label} must be true or false`)]
      : [];
  if (f.type === 'object') {
    if (v === undefined) return [];
    const one: unknown = Array.isArray(v) && v.length <= 1 ? (v[0] ?? {}) : v;
    if (!isRecord(one)) return [issue('invalid_type', `${label} must be an object`)];
    // in Terraform the object is a block of at most one: its members are at index 0
    const at = naming === 'tfName' ? [...path, 0] : path;
    return membersOf(f).flatMap((m) =>
      fieldIssues(m, one[m.key], [...at, m[naming]], `${label}.${m[naming]}`, naming, root, kind),
    );
  }
  if (f.type === 'object-list') {
    if (v === undefined || (Array.isArray(v) && v.length === 0))
      return f.required ? [issue('required', `${label} needs at least one item`)] : [];
    if (!Array.isArray(v)) return [issue('invalid_type', `${label} must be a list of objects`)];
    const issues: Issue[] = [];
    const seen = new Map<string, number>();
    v.forEach((item: unknown, i: number) => {
      const at = [...path, i];
      if (!isRecord(item)) {
        issues.push(issue('invalid_type', `${label}[${i}] must be an object`, at));
        return;
      }
      for (const m of membersOf(f))
        issues.push(
          ...fieldIssues(
            m,
            item[m.key],
            [...at, m[naming]],
            `${label}[${i}].${m[naming]}`,
            naming,
            root,
            kind,
          ),
        );
      const unique = f.uniqueBy === undefined ? undefined : item[f.uniqueBy];
      if (typeof unique === 'string' && unique !== '') {
        const first = seen.get(unique);
        if (first !== undefined)
          issues.push(
            issue(
              'duplicate',
              `${label}[${i}] and ${label}[${first}] have the same ${membersOf(f).find((m) => m.key === f.uniqueBy)?.[naming] ?? f.uniqueBy} ${JSON.stringify(unique)}`,
              at,
            ),
          );
        else seen.set(unique, i);
      }
    });
    return issues;
  }
  if (f.type === 'string-list') {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return [issue('invalid_type', `${label} must be a list of strings`)];
    const issues: Issue[] = [];
    v.forEach((item: unknown, i: number) => {
      const at = [...path, i];
      if (typeof item !== 'string' || item === '')
        issues.push(issue('invalid_type', `${label}[${i}] must be a non-empty string`, at));
      else if (v.indexOf(item) < i)
        issues.push(
          issue('duplicate', `${label}[${i}] ${JSON.stringify(item)} is listed twice`, at),
        );
      else if (f.allowed && !f.allowed.includes(item))
        issues.push(
          issue(
            'invalid_enum',
            `${label}[${i}] must be one of ${quoteAll(f.allowed)} (got ${JSON.stringify(item)})`,
            at,
          ),
        );
      else if (f.format) {
        const m = checkFormat(f.format, item);
        if (m) issues.push(issue('invalid_format', `${label}[${i}] ${m}`, at));
      }
    });
    return issues;
  }
  if (v === undefined || v === '')
    return f.required && f.default === undefined && f.defaultFrom === undefined
      ? [issue('required', `${label} is required and must not be empty`)]
      : [];
  if (typeof v !== 'string') return [issue('invalid_type', `${label} must be a string`)];
  // a secret (a kubeconfig) is many lines of text, and its value is never quoted in a message
  if (f.secret === true) return [];
  const text = textIssue(label, v);
  if (text) return [{ ...text, path: [...path] }];
  if (f.allowed && !f.allowed.includes(v))
    return [
      issue(
        'invalid_enum',
        `${label} must be one of ${quoteAll(f.allowed)} (got ${JSON.stringify(v)})`,
      ),
    ];
  if (f.format) {
    const m = checkFormat(f.format, v);
    if (m) return [issue('invalid_format', `${label} ${m}`)];
  }
  if (f.refersTo !== undefined) {
    const target = kind.fields.find((x) => x.key === f.refersTo);
    const items = root[f.refersTo];
    if (target?.uniqueBy !== undefined && Array.isArray(items)) {
      const names = items
        .filter(isRecord)
        .map((x) => x[target.uniqueBy as string])
        .filter((x): x is string => typeof x === 'string');
      if (!names.includes(v))
        return [
          issue(
            'unknown_reference',
            `${label} ${JSON.stringify(v)} names no item of ${target[naming]} (there: ${names.length ? quoteAll(names) : 'none'})`,
          ),
        ];
    }
  }
  return [];
}

/**
 * Checks (possibly partial) fields, by model key, against the kind's local rules: every issue found, with
 * paths and messages naming fields as `naming` says.
 */
export function validateKindObject(
  kind: KindSpec,
  o: Readonly<Record<string, unknown>>,
  naming: FieldNaming = 'key',
): Issue[] {
  return kind.fields
    .filter((f) => f.save !== 'never')
    .flatMap((f) => fieldIssues(f, o[f.key], [f[naming]], f[naming], naming, o, kind));
}
