// The provider's own types: one typed object per resource, data source and the provider block, in place
// of untyped cty objects. The runtime attributes are derived from the model's field table; the server layer
// converts to and from cty values (convert/attributes.ts), checked against the schemas.
import type { FieldSpec, RuntimeFieldRow, SKIP_CHECKS_ATTRIBUTES } from '../../model';
import type { Unknown } from '../cty/types';
import type { ProviderOption } from './provider-options';

/** An attribute value: known, null (not set) or unknown (known only after apply). */
export type Value<T> = T | null | Unknown;
/** A list or set of strings, any element possibly unknown. */
export type StringList = Value<string>[];

/** The runtime fields as attributes, from the field table: strings, or lists for list fields. */
type FieldAttributes = {
  [F in RuntimeFieldRow as F['tfName']]: F['type'] extends 'string'
    ? Value<string>
    : Value<StringList>;
};

/** `nautes_deployment_runtime`. */
export type RuntimeAttributes = FieldAttributes & {
  id: Value<string>;
} & { [K in (typeof SKIP_CHECKS_ATTRIBUTES)['flag']]: Value<boolean> } & {
  [K in (typeof SKIP_CHECKS_ATTRIBUTES)['reason']]: Value<string>;
};

/** `nautes_runtime_inventory`. */
export type InventoryAttributes = {
  id: Value<string>;
  product: Value<string>;
  declared: Value<StringList>;
  prune: Value<boolean>;
  unmanaged: Value<StringList>;
  kinds: Value<StringList>;
  declared_objects: Value<StringList>;
  unmanaged_objects: Value<StringList>;
};

/** One item of `nautes_deployment_runtimes.runtimes`. */
export type RuntimeItem = {
  [F in RuntimeFieldRow as F['tfName']]: F['type'] extends 'string' ? string : string[];
} & {
  id: string;
};

/** `nautes_deployment_runtimes`. */
export type RuntimesDataAttributes = {
  id: Value<string>;
  product: Value<string>;
  field_selector: Value<string>;
  names: Value<StringList>;
  runtimes: Value<RuntimeItem[]>;
};

/** The provider block, from its table. */
export type ProviderConfig = {
  [O in ProviderOption as O['tfName']]: Value<
    O['type'] extends 'string' ? string : O['type'] extends 'number' ? number : boolean
  >;
};

/** The value of a runtime field's attribute (the table names fields by string). */
export function fieldAttribute(
  a: RuntimeAttributes,
  f: FieldSpec,
): Value<string> | Value<StringList> {
  return (
    (a as unknown as Readonly<Record<string, Value<string> | Value<StringList> | undefined>>)[
      f.tfName
    ] ?? null
  );
}

/** `a` with a runtime field's attribute set to `v`. */
export function withFieldAttribute(
  a: RuntimeAttributes,
  f: FieldSpec,
  v: Value<string> | Value<StringList>,
): RuntimeAttributes {
  return { ...a, [f.tfName]: v };
}
