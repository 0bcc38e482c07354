// Conversions between tfplugin6 proto messages (as the wire layer decodes them) and our own types.
import type { Diagnostic } from '../provider/diagnostics';
import type { AttributeSchema, BlockSchema } from '../cty/types';
import { typeBytes } from '../cty/codec';

/** A proto AttributePath. */
export interface ProtoAttributePath {
  steps: Array<{ attribute_name?: string; element_key_string?: string; element_key_int?: number }>;
}

/** A proto Diagnostic (severity by enum name). */
export interface ProtoDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly summary: string;
  readonly detail: string;
  readonly attribute?: ProtoAttributePath;
}

/** A proto Schema.Attribute. */
export interface ProtoAttribute {
  readonly name: string;
  readonly type: Buffer;
  readonly description: string;
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly sensitive: boolean;
  readonly description_kind: 'PLAIN';
  readonly deprecated: boolean;
}

/** A proto Schema.Block. */
export interface ProtoBlock {
  readonly version: number;
  readonly description: string;
  readonly description_kind: 'PLAIN';
  readonly deprecated: boolean;
  readonly attributes: ProtoAttribute[];
  readonly block_types: Array<{
    type_name: string;
    nesting: string;
    block: ProtoBlock;
    min_items: number;
    max_items: number;
  }>;
}

/** A proto Schema. */
export interface ProtoSchema {
  readonly version: number;
  readonly block: ProtoBlock;
}

export function toProtoPath(path: readonly (string | number)[]): ProtoAttributePath {
  return {
    steps: path.map((p) =>
      typeof p === 'number' ? { element_key_int: p } : { attribute_name: p },
    ),
  };
}

export function toProtoDiagnostics(diags: readonly Diagnostic[]): ProtoDiagnostic[] {
  return diags.map((d) => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail,
    ...(d.path && d.path.length ? { attribute: toProtoPath(d.path) } : {}),
  }));
}

function toProtoAttribute(a: AttributeSchema): ProtoAttribute {
  return {
    name: a.name,
    type: typeBytes(a.type),
    description: a.description,
    required: a.required ?? false,
    optional: a.optional ?? false,
    computed: a.computed ?? false,
    sensitive: a.sensitive ?? false,
    description_kind: 'PLAIN',
    deprecated: false,
  };
}

function toProtoBlock(b: BlockSchema): ProtoBlock {
  return {
    version: b.version ?? 0,
    description: b.description,
    description_kind: 'PLAIN',
    deprecated: false,
    attributes: b.attributes.map(toProtoAttribute),
    block_types: (b.blockTypes ?? []).map((n) => ({
      type_name: n.typeName,
      nesting: n.nesting,
      block: toProtoBlock(n.block),
      min_items: 0,
      max_items: 0,
    })),
  };
}

export function toProtoSchema(b: BlockSchema): ProtoSchema {
  return { version: b.version ?? 0, block: toProtoBlock(b) };
}

/** One identity attribute, as GetResourceIdentitySchemas describes it. */
export interface ProtoIdentityAttribute {
  name: string;
  type: Uint8Array;
  required_for_import: boolean;
  optional_for_import: boolean;
  description: string;
}

/**
 * An identity schema as GetResourceIdentitySchemas sends it: the block's attributes, required ones
 * required for import, the others optional for import.
 */
export function toProtoIdentitySchema(b: BlockSchema): {
  version: number;
  identity_attributes: ProtoIdentityAttribute[];
} {
  return {
    version: b.version ?? 0,
    identity_attributes: b.attributes.map((a) => ({
      name: a.name,
      type: typeBytes(a.type),
      required_for_import: a.required === true,
      optional_for_import: a.required !== true,
      description: a.description,
    })),
  };
}
