// Props types of the constructs of declared kinds, derived from each kind's table: one prop per field
// (required unless optional or defaulted), a reference field typed as its construct or a name, a nested
// object as an object of its members' props (references in it too).
import type { KindField } from '../../model';

/** A field the user may leave out: not required, or with a default. */
type Optional<F extends KindField> = F extends { required: true }
  ? F extends { default: string } | { defaultFrom: string }
    ? F
    : never
  : F;

/** Fields only the server sets: never props. */
type Declared<F extends KindField> = F extends { save: 'never' } ? never : F;

/** The props of a kind's fields; `Refs` maps a prop name to the construct type that may stand for it. */
export type FieldProps<Fields extends readonly KindField[], Refs = object> = {
  readonly [
    F in Exclude<Declared<Fields[number]>, Optional<Fields[number]>> as F['propName']
  ]: PropOf<F, Refs>;
} & {
  readonly [F in Optional<Declared<Fields[number]>> as F['propName']]?: PropOf<F, Refs>;
};

type PropOf<F extends KindField, Refs> = F['propName'] extends keyof Refs
  ? Refs[F['propName']]
  : F['type'] extends 'string'
    ? string
    : F['type'] extends 'bool'
      ? boolean
      : F['type'] extends 'string-list'
        ? string[]
        : F extends { readonly members: infer M extends readonly KindField[] }
          ? F['type'] extends 'object'
            ? FieldProps<M, Refs>
            : FieldProps<M, Refs>[]
          : never;
