// The identity of a declared kind's resource (plugin protocol 6.9), from its table: the fields that make
// its id, `{ product, name }` for a product-scoped kind, `{ name }` for a tenant-level one. Terraform >= 1.12
// stores it beside the state and imports by it, as for `nautes_deployment_runtime`.
import { formatObjectId, type KindField, type KindSpec } from '../../model';
import type { BlockSchema, CtyObject } from '../cty/types';
import { error, type Diagnostic } from './diagnostics';
import type { IdentityCapability } from './resource-type';
import { knownString } from './values';

/** The fields of a kind that make its identity (and its id), in the table's order. */
export function identityFieldsOf(kind: KindSpec): KindField[] {
  const keys = kind.scope === 'product' ? ['product', 'name'] : ['name'];
  return kind.fields.filter((f) => keys.includes(f.key));
}

/** The identity schema of a kind: its identity fields, all required for import; version 0. */
export function kindIdentitySchema(kind: KindSpec): BlockSchema {
  return {
    version: 0,
    description: `The ${kind.title}, by ${identityFieldsOf(kind)
      .map((f) => f.tfName)
      .join(' and ')}.`,
    attributes: identityFieldsOf(kind).map((f) => ({
      name: f.tfName,
      type: 'string',
      required: true,
      description: f.description,
    })),
  };
}

/** The identity capability of a kind's resource type. */
export function kindIdentity(kind: KindSpec): IdentityCapability<CtyObject> {
  const schema = kindIdentitySchema(kind);
  const version = schema.version ?? 0;
  const fields = identityFieldsOf(kind);
  const needs = fields.map((f) => f.tfName).join(' and ');
  /** The values of the identity fields by model key, or the first field without a usable value. */
  const valuesOf = (
    value: (f: KindField) => string | undefined,
  ): { readonly values: Record<string, string> } | { readonly missing: KindField } => {
    const out: Record<string, string> = {};
    for (const f of fields) {
      const v = value(f);
      if (v === undefined) return { missing: f };
      out[f.key] = v;
    }
    return { values: out };
  };
  /** The identity object of values by model key. */
  const identityOf = (values: Record<string, string>): CtyObject =>
    Object.fromEntries(fields.map((f) => [f.tfName, values[f.key] ?? null]));

  return {
    schema,
    // a planned create whose name is not known yet has no identity
    of: (state) => {
      if (!state) return null;
      const got = valuesOf((f) => knownString(state[f.tfName]));
      return 'missing' in got ? null : identityOf(got.values);
    },
    importId: (identity): string | Diagnostic => {
      const got = valuesOf((f) => {
        const v = knownString(identity[f.tfName]);
        // a `/` would make an id of another form
        return v && !v.includes('/') ? v : undefined;
      });
      if ('missing' in got)
        return error(
          'Invalid Import Identity',
          `The identity of ${kind.tfType} needs ${got.missing.tfName} (a non-empty string without "/"); it needs ${needs}.`,
          [got.missing.tfName],
        );
      const name = got.values['name'] ?? '';
      const product = got.values['product'] ?? '';
      return formatObjectId(kind, kind.scope === 'product' ? { product, name } : { name });
    },
    upgrade: (v, raw) => {
      // version 0 is current, so it is read as is; a newer version (a downgrade of the provider) is refused
      if (v > version)
        return {
          identity: null,
          diagnostics: [
            error(
              'Unsupported Identity Version',
              `The stored identity has version ${v}; this provider knows versions up to ${version}. Use the provider version that wrote the state.`,
            ),
          ],
        };
      const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const got = valuesOf((f) => {
        const x = o[f.tfName];
        return typeof x === 'string' ? x : undefined;
      });
      if ('missing' in got)
        return {
          identity: null,
          diagnostics: [
            error(
              'Invalid Stored Identity',
              `The stored identity of ${kind.tfType} has no ${got.missing.tfName}; it needs ${needs}.`,
            ),
          ],
        };
      return {
        identity: identityOf(got.values),
        diagnostics: [],
      };
    },
  };
}
