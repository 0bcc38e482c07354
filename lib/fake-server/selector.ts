// The list `field_selector` of every kind (nautes-api.md 1.4, 11.6, 11.9; nautes-api-resources.md 1.6):
// comma-separated `key=value` terms, all of which must match. Each kind has its own keys; the syntax, the
// errors and the timing (parsed per item, so an empty list never sees a bad selector) are shared.
import { plain500 } from './errors';

/** How one selector key matches an item: true to keep it (it may throw, as a broken key does). */
export type SelectorRule<T> = (item: T, value: string) => boolean;

/** A kind's selector keys (a Map: no inherited key such as `constructor` is ever a rule). */
export type SelectorRules<T> = ReadonlyMap<string, SelectorRule<T>>;

/** The substring match most keys use (the proto comments say "exact", the code says contains). */
export const contains =
  <T>(field: (item: T) => string): SelectorRule<T> =>
  (item, value) =>
    field(item).includes(value);

/** Whether `item` matches every term of `selector`; a bad selector is a plain 500. */
export function matchesSelector<T>(selector: string, item: T, rules: SelectorRules<T>): boolean {
  // every term is parsed before any is matched: a bad later term fails even when an earlier one does not match
  const terms = selector.split(',').map((term) => {
    // no trimming: " manifest_source.code_repo" is another key
    const m = /^([.\w\s]*)([^.\w\s]+)(.*)$/.exec(term);
    if (!m) throw plain500(`this operation symbol is not supported: ${term}`);
    const [, key = '', op = '', value = ''] = m;
    if (op !== '=')
      throw plain500(
        `failed to get selector, the filter field ${key} operator symbol ${op} is not supported`,
      );
    if (value.includes('='))
      throw plain500(
        `failed to get selector, the filter value ${value} of field ${key} is invalid`,
      );
    return { key, value };
  });
  for (const { key, value } of terms) {
    const rule = rules.get(key);
    if (!rule)
      throw plain500(
        `failed to get selector, the filter field ${key} operator symbol = is not supported`,
      );
    if (!rule(item, value)) return false;
  }
  return true;
}
