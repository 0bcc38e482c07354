// The Terraform schema of a declared kind's resource, from its table: one attribute per field, the id, the
// skip-check pair where the kind has it, and deletion_protection where a delete destroys more than a file.
import {
  SKIP_CHECKS_ATTRIBUTES,
  SKIP_CHECKS_DESCRIPTIONS,
  idFormatOf,
  type KindField,
  type KindSpec,
} from '../../model';
import type { AttributeSchema, BlockSchema, CtyType } from '../cty/types';

/** The attribute that guards a destroying delete. */
export const DELETION_PROTECTION = 'deletion_protection';

const ctyOf = (f: KindField): CtyType =>
  f.type === 'string' ? 'string' : f.type === 'bool' ? 'bool' : ['set', 'string'];

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
    ...kind.fields.flatMap(fieldAttributes),
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
  return { version: 0, description: kind.description, attributes };
}
