// The Terraform schema of a declared kind's resource, from its table: one attribute per field, the id, the
// skip-check pair where the kind has it, and deletion_protection where a delete destroys more than a file.
import {
  SKIP_CHECKS_ATTRIBUTES,
  SKIP_CHECKS_DESCRIPTIONS,
  idFormatOf,
  type KindField,
  type KindSpec,
  isNestedField,
} from '../../model';
import type { AttributeSchema, BlockSchema, CtyType, NestedBlockSchema } from '../cty/types';

/**
 * A field's cty type where it is an attribute: string lists as `lists` says, nested objects as object
 * types (in a data source's items; the resource holds them as blocks).
 */
export function ctyTypeOf(f: KindField, lists: 'set' | 'list'): CtyType {
  if (f.type === 'string') return 'string';
  if (f.type === 'bool') return 'bool';
  if (f.type === 'string-list') return [lists, 'string'];
  const item: CtyType = [
    'object',
    Object.fromEntries(
      (f.members ?? []).map((m): [string, CtyType] => [m.tfName, ctyTypeOf(m, lists)]),
    ),
  ];
  return f.type === 'object' ? item : ['list', item];
}

/** The attribute that guards a destroying delete. */
export const DELETION_PROTECTION = 'deletion_protection';

const ctyOf = (f: KindField): CtyType => ctyTypeOf(f, 'set');

/**
 * A nested object field as a block: an `object` is a block of at most one, an `object-list` a repeated
 * block; members are attributes (required as the table says) and nested blocks.
 */
function nestedBlock(f: KindField): NestedBlockSchema {
  const members = f.members ?? [];
  return {
    typeName: f.tfName,
    nesting: 'LIST',
    ...(f.type === 'object' ? { maxItems: 1 } : {}),
    block: {
      description: f.description,
      attributes: members
        .filter((m) => !isNestedField(m))
        .map((m): AttributeSchema =>
          m.required
            ? { name: m.tfName, type: ctyOf(m), required: true, description: m.description }
            : { name: m.tfName, type: ctyOf(m), optional: true, description: m.description },
        ),
      blockTypes: members.filter(isNestedField).map(nestedBlock),
    },
  };
}

/** The attribute whose change sends a secret again (the host cannot compare a write-only value). */
export const versionAttributeOf = (f: KindField): string => `${f.tfName}_version`;

function fieldAttributes(f: KindField): AttributeSchema[] {
  if (f.secret !== true) return [fieldAttribute(f)];
  return [
    {
      name: f.tfName,
      type: ctyOf(f),
      optional: true,
      sensitive: true,
      writeOnly: true,
      description: `${f.description} Write-only where the host supports it (Terraform >= 1.11), else sensitive in state.`,
    },
    {
      name: versionAttributeOf(f),
      type: 'string',
      optional: true,
      description: `Change it to send ${f.tfName} again (a write-only value cannot be compared).`,
    },
  ];
}

function fieldAttribute(f: KindField): AttributeSchema {
  // set by the server only: read back, never declared
  if (f.save === 'never')
    return { name: f.tfName, type: ctyOf(f), computed: true, description: f.description };
  if (f.default !== undefined || f.defaultFrom !== undefined || f.serverDefault === true)
    return {
      name: f.tfName,
      type: ctyOf(f),
      optional: true,
      computed: true,
      description: f.description,
    };
  return f.required
    ? { name: f.tfName, type: ctyOf(f), required: true, description: f.description }
    : { name: f.tfName, type: ctyOf(f), optional: true, description: f.description };
}

/** The resource schema of a kind. */
export function kindResourceSchema(kind: KindSpec): BlockSchema {
  const attributes: AttributeSchema[] = [
    { name: 'id', type: 'string', computed: true, description: idFormatOf(kind) },
    ...kind.fields.filter((f) => !isNestedField(f)).flatMap(fieldAttributes),
  ];
  if (kind.deletionDestroys !== undefined)
    attributes.push({
      name: DELETION_PROTECTION,
      type: 'bool',
      optional: true,
      computed: true,
      description: `Refuse to delete the ${kind.title}: deleting it deletes ${kind.deletionDestroys}. Set false and apply before destroying it. Default: true.`,
    });
  if (kind.skipChecks)
    attributes.push(
      {
        name: SKIP_CHECKS_ATTRIBUTES.flag,
        type: 'bool',
        optional: true,
        description: SKIP_CHECKS_DESCRIPTIONS.flag,
      },
      {
        name: SKIP_CHECKS_ATTRIBUTES.reason,
        type: 'string',
        optional: true,
        description: SKIP_CHECKS_DESCRIPTIONS.reason,
      },
    );
  const blockTypes = kind.fields.filter(isNestedField).map(nestedBlock);
  return {
    version: 0,
    description: kind.description,
    attributes,
    ...(blockTypes.length ? { blockTypes } : {}),
  };
}
