// Names in generated code: TypeScript variables and construct ids made from Nautes object names, each
// unique in the generated function.

/** Words that cannot name a `const` in a strict-mode module, or would read as something else. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with as implements interface let package private protected public static ' +
    'yield await async of type arguments eval undefined NaN Infinity globalThis require module exports'
  ).split(' '),
);

const upperFirst = (w: string): string => (w[0] ?? '').toUpperCase() + w.slice(1);
const lowerFirst = (w: string): string => (w[0] ?? '').toLowerCase() + w.slice(1);

/** `api-server` -> `apiServer`, `API_gateway` -> `apiGateway`: the letters and digits as camelCase. */
export function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((w, i) => {
      const word = /^[A-Z0-9]+$/.test(w) ? w.toLowerCase() : w;
      return i === 0 ? lowerFirst(word) : upperFirst(word);
    })
    .join('');
}

/** `nautes-labs` -> `NautesLabs` (`Product` when no letter or digit is left). */
export function pascalCase(text: string): string {
  return upperFirst(camelCase(text)) || 'Product';
}

/** True for a name TypeScript accepts as an identifier. */
export const isIdentifier = (s: string): boolean => /^[A-Za-z_$][\w$]*$/.test(s);

/** True for an identifier that may name a function or `const` of a module (not a reserved word). */
export const isDeclarableName = (s: string): boolean => isIdentifier(s) && !RESERVED.has(s);

/** Hands out distinct variable names and construct ids. */
export class Namer {
  private readonly variables = new Set<string>();
  private readonly ids = new Set<string>();

  /** `taken`: identifiers the generated code uses already (the scope parameter, the function). */
  constructor(taken: readonly string[]) {
    for (const t of taken) this.variables.add(t);
  }

  /**
   * A variable for object `name` declared by `construct`: the name in camelCase, else (a reserved word,
   * taken, or no letter first) with the construct's name added, then a number.
   */
  variable(name: string, construct: string): string {
    const base = camelCase(name);
    const free = (v: string): boolean => isDeclarableName(v) && !this.variables.has(v);
    const withKind = /^[A-Za-z]/.test(base)
      ? `${base}${construct}`
      : `${lowerFirst(construct)}${upperFirst(base)}`;
    let v = free(base) ? base : withKind;
    for (let i = 2; !free(v); i++) v = `${withKind}${i}`;
    this.variables.add(v);
    return v;
  }

  /**
   * A construct id for object `name`: the name, else with the kind added (`api-server-code-repo`), then a
   * number. Unique also as a Terraform address, which turns other characters than `[A-Za-z0-9_-]` into `_`.
   */
  id(name: string, construct: string): string {
    const kebab = construct.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase();
    const key = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, '_');
    const free = (id: string): boolean => !this.ids.has(key(id));
    const withKind = `${name}-${kebab}`;
    let id = free(name) ? name : withKind;
    for (let i = 2; !free(id); i++) id = `${withKind}-${i}`;
    this.ids.add(key(id));
    return id;
  }
}
