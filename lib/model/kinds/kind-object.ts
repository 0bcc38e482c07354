// The generic operations on objects of a declared kind: identity, completion, comparison and the local
// rules, all read from the kind's table.
import type { Issue } from '../../errors';
import { checkFormat, textIssue } from '../validate';
import type { KindAddress, KindField, KindObject, KindSpec, KindValue } from './kind-spec';

/** The identity of an object (product and name). */
export function addressOf(kind: KindSpec, o: KindObject): KindAddress {
  const name = String(o['name'] ?? '');
  return kind.scope === 'product' ? { product: String(o['product'] ?? ''), name } : { name };
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

/**
 * A field's value normalized: lists hold no empty strings and sort as sets; a missing string is '', a
 * missing flag false.
 */
export function normalizeKindValue(f: KindField, v: unknown): KindValue {
  if (f.type === 'bool') return v === true;
  if (f.type === 'string-list') {
    const list = Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string' && x !== '')
      : [];
    return [...new Set(list)].sort();
  }
  return typeof v === 'string' ? v : '';
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

/**
 * The fields of an object from values named by Terraform attribute (`tfName`) or construct prop
 * (`propName`), by model key; values `keep` refuses (by default undefined and null) are left out.
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
    if (keep(v)) out[f.key] = v;
  }
  return out;
}

/** True when a declared value and the server's are the same setting (empty == absent, sets as sets). */
export function sameKindValue(f: KindField, declared: unknown, actual: unknown): boolean {
  const a = normalizeKindValue(f, declared);
  const b = normalizeKindValue(f, actual);
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  const empty = (x: string | readonly string[]): boolean => x.length === 0;
  if (empty(a) && (empty(b) || f.emptyKeepsValue === true || f.serverDefault === true)) return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The fields whose values differ between a declared object and the server's. */
export function changedKindFields(
  kind: KindSpec,
  declared: KindObject,
  actual: KindObject,
): KindField[] {
  return kind.fields.filter((f) => !sameKindValue(f, declared[f.key], actual[f.key]));
}

/** Checks (possibly partial) fields against the kind's local rules; every issue found, by model key. */
export function validateKindObject(kind: KindSpec, o: Readonly<Record<string, unknown>>): Issue[] {
  const issues: Issue[] = [];
  for (const f of kind.fields) {
    const v = o[f.key];
    if (f.save === 'never') continue;
    if (f.type === 'bool') {
      if (v !== undefined && typeof v !== 'boolean')
        issues.push({
          path: [f.key],
          code: 'invalid_type',
          message: `${f.key} must be true or false`,
        });
      continue;
    }
    if (f.type === 'string-list') {
      if (v === undefined) continue;
      if (!Array.isArray(v)) {
        issues.push({
          path: [f.key],
          code: 'invalid_type',
          message: `${f.key} must be a list of strings`,
        });
        continue;
      }
      v.forEach((item: unknown, i: number) => {
        if (typeof item !== 'string' || item === '')
          issues.push({
            path: [f.key, i],
            code: 'invalid_type',
            message: `${f.key}[${i}] must be a non-empty string`,
          });
        else if (v.indexOf(item) < i)
          issues.push({
            path: [f.key, i],
            code: 'duplicate',
            message: `${f.key}[${i}] ${JSON.stringify(item)} is listed twice`,
          });
        else if (f.allowed && !f.allowed.includes(item))
          issues.push({
            path: [f.key, i],
            code: 'invalid_enum',
            message: `${f.key}[${i}] must be one of ${f.allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(item)})`,
          });
        else if (f.format) {
          const m = checkFormat(f.format, item);
          if (m)
            issues.push({
              path: [f.key, i],
              code: 'invalid_format',
              message: `${f.key}[${i}] ${m}`,
            });
        }
      });
      continue;
    }
    if (v === undefined || v === '') {
      if (f.required && f.default === undefined && f.defaultFrom === undefined)
        issues.push({
          path: [f.key],
          code: 'required',
          message: `${f.key} is required and must not be empty`,
        });
      continue;
    }
    if (typeof v !== 'string') {
      issues.push({ path: [f.key], code: 'invalid_type', message: `${f.key} must be a string` });
      continue;
    }
    // a secret (a kubeconfig) is many lines of text, and its value is never quoted in a message
    if (f.secret === true) continue;
    const text = textIssue(f.key, v);
    if (text) issues.push(text);
    else if (f.allowed && !f.allowed.includes(v))
      issues.push({
        path: [f.key],
        code: 'invalid_enum',
        message: `${f.key} must be one of ${f.allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(v)})`,
      });
    else if (f.format) {
      const m = checkFormat(f.format, v);
      if (m) issues.push({ path: [f.key], code: 'invalid_format', message: `${f.key} ${m}` });
    }
  }
  return issues;
}
