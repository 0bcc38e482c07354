// Terraform's type system as the plugin protocol sees it, and the block schemas encoded from it.

/** A cty type constraint, in the JSON form the protocol uses (`"string"`, `["set","string"]`, ...). */
export type CtyType =
  | 'string'
  | 'bool'
  | 'number'
  | readonly ['list' | 'set' | 'map', CtyType]
  | readonly ['object', Readonly<Record<string, CtyType>>];

/** One attribute of a block schema. */
export interface AttributeSchema {
  readonly name: string;
  readonly type: CtyType;
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  /** Never stored in state or plan by a host that supports it (protocol 6.8, Terraform >= 1.11). */
  readonly writeOnly?: boolean;
}

/** A nested block type (LIST or SET nesting only here). */
export interface NestedBlockSchema {
  readonly typeName: string;
  readonly nesting: 'LIST' | 'SET';
  readonly block: BlockSchema;
  /** At least this many blocks (0: no bound). */
  readonly minItems?: number;
  /** At most this many blocks (0 or absent: no bound; 1 makes a single nested object). */
  readonly maxItems?: number;
}

/** A resource, data source or provider schema. */
export interface BlockSchema {
  readonly version?: number;
  readonly description: string;
  readonly attributes: readonly AttributeSchema[];
  readonly blockTypes?: readonly NestedBlockSchema[];
}

/** An unknown value ("known after apply"). Any msgpack extension decodes to it. */
export const UNKNOWN: unique symbol = Symbol('cty.unknown');
export type Unknown = typeof UNKNOWN;

/** A decoded cty value. */
export type CtyValue =
  null | Unknown | string | number | boolean | CtyValue[] | { [key: string]: CtyValue };

/** An object value of a block: one key for every attribute and block type. */
export type CtyObject = { [key: string]: CtyValue };
