// The TypeScript `nautes-cdktf import` writes: one construct per object with importExisting(), in the
// order of the kinds (create order), objects that name others passed the constructs declared before them,
// values equal to their defaults, server-only values and secrets left out. Pure: a snapshot in, text out.
import { PRODUCT_KIND, textOf, type KindValue } from '../../model';
import { Namer } from './identifiers';
import type { ImportedField, ImportedKind, ImportedObject } from './imported-kinds';
import type { ProductSnapshot } from './read-product';

/** Options of `generateImportCode`. */
export interface ImportCodeOptions {
  /** The name of the exported function. */
  readonly fn: string;
  /** Kinds this version cannot write (no construct row), named in the header. @default - none */
  readonly skippedKinds?: readonly string[];
}

/** A single-quoted TypeScript string literal of `v`. */
export function literal(v: string): string {
  let out = "'";
  for (const c of v) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '\\' || c === "'") out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}'`;
}

const isObject = (v: KindValue | undefined): v is ImportedObject =>
  typeof v === 'object' && !Array.isArray(v);

/** True when a field's value is written: declared by users, not empty and not its default. */
function isWritten(f: ImportedField, o: ImportedObject): boolean {
  if (!f.written) return false;
  const v = o[f.key];
  if (v === undefined || v === '' || v === false) return false;
  if (Array.isArray(v) && v.length === 0) return false;
  // a nested object none of whose members is written is absent
  if (f.type === 'object' && !isObject(v)) return false;
  if (f.type === 'object' && isObject(v) && !(f.members ?? []).some((m) => isWritten(m, v)))
    return false;
  if (f.default !== undefined && v === f.default) return false;
  if (f.defaultFrom !== undefined && v === o[f.defaultFrom]) return false;
  return true;
}

/** Comment lines (`// ...`) of `text`, wrapped at about 100 columns. */
function commentLines(indent: string, text: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + 3 + line.length + 1 + word.length > 100) {
      out.push(`${indent}// ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(`${indent}// ${line}`);
  return out;
}

/** `import { a, b } from m;`, one name a line when that is wider than 100 columns. */
function importLine(names: readonly string[], from: string): string {
  const one = `import { ${names.join(', ')} } from ${from};`;
  return one.length <= 100
    ? one
    : ['import {', ...names.map((n) => `  ${n},`), `} from ${from};`].join('\n');
}

/** The generated module for what a product holds. */
export function generateImportCode(
  snapshot: ProductSnapshot,
  kinds: readonly ImportedKind[],
  options: ImportCodeOptions,
): string {
  const { product } = snapshot;
  const namer = new Namer(['scope', options.fn]);
  // the variable of each declared object, by kind and name
  const declared = new Map<string, Map<string, string>>();
  const refOf = (f: ImportedField, name: string): string =>
    (f.namesKind !== undefined ? declared.get(f.namesKind)?.get(name) : undefined) ?? literal(name);
  // `indent`: that of the line the value starts on
  const valueOf = (f: ImportedField, v: KindValue, indent: string): string => {
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return refOf(f, v);
    const members = f.members;
    if (members && isObject(v)) return objectLiteral(members, v, indent);
    if (members) {
      const items = (v as readonly ImportedObject[]).map(
        (x) => `${indent}  ${objectLiteral(members, x, `${indent}  `)},`,
      );
      return ['[', ...items, `${indent}]`].join('\n');
    }
    return `[${(v as readonly string[]).map((x) => refOf(f, x)).join(', ')}]`;
  };
  // a nested object: on one line when it fits
  const objectLiteral = (
    members: readonly ImportedField[],
    o: ImportedObject,
    indent: string,
  ): string => {
    const parts: string[] = [];
    for (const m of members) {
      const v = o[m.key];
      if (v !== undefined && isWritten(m, o))
        parts.push(`${m.propName}: ${valueOf(m, v, `${indent}  `)}`);
    }
    const one = `{ ${parts.join(', ')} }`;
    if (!one.includes('\n') && indent.length + one.length <= 96) return one;
    return ['{', ...parts.map((p) => `${indent}  ${p},`), `${indent}}`].join('\n');
  };

  const body: string[] = [];
  const used = new Set<string>();
  const returned: string[] = [];
  for (const k of kinds) {
    const nameOf = (o: ImportedObject): string => textOf(o, 'name');
    const objects = [...(snapshot.objects.get(k.kind) ?? [])].sort((a, b) =>
      nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0,
    );
    if (!objects.length) continue;
    used.add(k.construct);
    body.push('');
    if (k.scope === 'tenant' && k.kind !== PRODUCT_KIND.kind)
      body.push(
        ...commentLines(
          '  ',
          `${k.title}s: tenant-level, shared by every product; only those named here. If another stack declares one of them too, keep one declaration.`,
        ),
      );
    const names = declared.get(k.kind) ?? new Map<string, string>();
    declared.set(k.kind, names);
    for (const o of objects) {
      const name = nameOf(o);
      const variable = namer.variable(name, k.construct);
      const id = namer.id(name, k.construct);
      body.push(`  const ${variable} = new ${k.construct}(scope, ${literal(id)}, {`);
      for (const f of k.fields) {
        if (f.secretProp !== undefined) {
          body.push(
            ...commentLines(
              '    ',
              `${f.propName}: a secret Nautes never returns, so it is not imported. Left out, the ${k.title} keeps the one it has; to send one:`,
            ),
            `    // ${f.secretProp},`,
          );
          continue;
        }
        const v = o[f.key];
        if (v === undefined || !isWritten(f, o)) continue;
        body.push(`    ${f.propName}: ${valueOf(f, v, '    ')},`);
      }
      body.push('  }).importExisting();');
      names.set(name, variable);
      returned.push(variable);
    }
  }

  const notes = [
    ...snapshot.notes,
    ...(options.skippedKinds ?? []).map(
      (k) => `objects of kind ${k} are not written by this version of nautes-cdktf import`,
    ),
  ];
  const header = [
    ...commentLines(
      '',
      `Generated by \`nautes-cdktf import --product ${product}\`: what product ${JSON.stringify(product)} held in Nautes, with the clusters its environments use. Review it, then call the function from a stack that has a NautesProvider. importExisting() adds an import block, so the first deploy adopts each object into state instead of creating it.`,
    ),
    ...notes.flatMap((n) => commentLines('', `Note: ${n}.`)),
  ];
  return [
    ...header,
    "import type { Construct } from 'constructs';",
    importLine([...used].sort(), "'cdktf-provider-nautes/cdktf'"),
    '',
    `/** Declares product ${JSON.stringify(product)} and what it holds; returns the constructs by name. */`,
    `export function ${options.fn}(scope: Construct) {`,
    ...body.slice(1),
    '',
    returned.length > 4
      ? ['  return {', ...returned.map((v) => `    ${v},`), '  };'].join('\n')
      : `  return { ${returned.join(', ')} };`,
    '}',
    '',
  ].join('\n');
}
