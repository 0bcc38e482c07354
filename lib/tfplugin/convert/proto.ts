// Conversions between tfplugin6 proto messages (as proto-loader objects) and our own types.
import type { Diagnostic } from '../provider/diagnostics';
import type { AttributeSchema, BlockSchema } from '../cty/types';
import { typeBytes } from '../cty/codec';

/** A proto AttributePath. */
export interface ProtoAttributePath {
  steps: Array<{ attribute_name?: string; element_key_string?: string; element_key_int?: number }>;
}

export function toProtoPath(path: readonly (string | number)[]): ProtoAttributePath {
  return {
    steps: path.map((p) =>
      typeof p === 'number' ? { element_key_int: p } : { attribute_name: p },
    ),
  };
}

export function toProtoDiagnostics(diags: readonly Diagnostic[]): unknown[] {
  return diags.map((d) => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail,
    ...(d.path && d.path.length ? { attribute: toProtoPath(d.path) } : {}),
  }));
}

function toProtoAttribute(a: AttributeSchema): unknown {
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

function toProtoBlock(b: BlockSchema): unknown {
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

export function toProtoSchema(b: BlockSchema): unknown {
  return { version: b.version ?? 0, block: toProtoBlock(b) };
}
