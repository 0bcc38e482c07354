// cty objects (decoded from the wire by the schema) <-> the provider's typed attributes. The schema is the
// contract: every attribute must be there with a value of its type (or null, or unknown), which is what
// makes the typed view sound; a value of another kind is a bug in the codec and raises.
import {
  UNKNOWN,
  type AttributeSchema,
  type BlockSchema,
  type CtyObject,
  type CtyValue,
} from '../cty/types';

function ofType(a: AttributeSchema, v: CtyValue): boolean {
  if (v === null || v === UNKNOWN) return true;
  if (a.type === 'string') return typeof v === 'string';
  if (a.type === 'bool') return typeof v === 'boolean';
  if (a.type === 'number') return typeof v === 'number';
  const [kind] = a.type;
  return kind === 'list' || kind === 'set'
    ? Array.isArray(v)
    : typeof v === 'object' && !Array.isArray(v);
}

/**
 * The typed attributes of `o`, checked against `schema` (attributes missing from `o` become null), and its
 * nested blocks (lists of block objects, [] when missing).
 */
export function attributesFromCty<A extends CtyObject>(schema: BlockSchema, o: CtyObject): A {
  const out: CtyObject = {};
  for (const a of schema.attributes) {
    const v = o[a.name] ?? null;
    if (!ofType(a, v))
      throw new TypeError(`attribute ${a.name} does not hold a ${JSON.stringify(a.type)} value`);
    out[a.name] = v;
  }
  for (const b of schema.blockTypes ?? []) {
    const v = o[b.typeName] ?? [];
    if (v !== UNKNOWN && !Array.isArray(v))
      throw new TypeError(`block ${b.typeName} does not hold a list`);
    out[b.typeName] = v;
  }
  // every attribute of the schema, each of its type: the shape of A, whose keys are the schema's
  return out as A;
}
