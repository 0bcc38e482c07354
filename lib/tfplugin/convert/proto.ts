// Conversions between tfplugin6 proto messages (as the wire layer decodes them) and our own types.
import type { Diagnostic } from '../provider/diagnostics';
import type { AttributeSchema, BlockSchema } from '../cty/types';
import { typeBytes } from '../cty/codec';
import type { tfplugin6 } from '../protocol/generated/tfplugin6';

/** A proto AttributePath. */
export type ProtoAttributePath = tfplugin6.AttributePath;
/** A proto Diagnostic (severity by enum name). */
export type ProtoDiagnostic = tfplugin6.Diagnostic;
/** A proto Schema. */
export type ProtoSchema = tfplugin6.Schema;

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

function toProtoAttribute(a: AttributeSchema): tfplugin6.Schema.Attribute {
  return {
    name: a.name,
    type: typeBytes(a.type),
    description: a.description,
    required: a.required ?? false,
    optional: a.optional ?? false,
    computed: a.computed ?? false,
    sensitive: a.sensitive ?? false,
    write_only: a.writeOnly ?? false,
    description_kind: 'PLAIN',
    deprecated: false,
  };
}

function toProtoBlock(b: BlockSchema): tfplugin6.Schema.Block {
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
      min_items: n.minItems ?? 0,
      max_items: n.maxItems ?? 0,
    })),
  };
}

export function toProtoSchema(b: BlockSchema): ProtoSchema {
  return { version: b.version ?? 0, block: toProtoBlock(b) };
}

/**
 * An identity schema as GetResourceIdentitySchemas sends it: the block's attributes, required ones
 * required for import, the others optional for import.
 */
export function toProtoIdentitySchema(b: BlockSchema): tfplugin6.ResourceIdentitySchema {
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
