// The identity of a `nautes_deployment_runtime` (plugin protocol 6.9): `{ product, name }`, the same two
// values as its id `product/name`. Terraform >= 1.12 stores it beside the state and imports by it.
import { formatRuntimeId } from '../../model';
import type { CtyValue } from '../cty/types';
import type { RuntimeAttributes } from './attributes';
import { error, type Diagnostic } from './diagnostics';
import type { IdentityCapability } from './resource-type';
import { RUNTIME_IDENTITY_SCHEMA } from './schema';
import { knownString } from './values';

/** A runtime's identity. */
export interface RuntimeIdentity {
  readonly product: string;
  readonly name: string;
}

/** The identity version this provider writes (the schema's own version). */
export const RUNTIME_IDENTITY_VERSION = RUNTIME_IDENTITY_SCHEMA.version ?? 0;

/** The identity of a state, when both values are known (a planned create of an unknown name has none). */
export function identityOfRuntime(
  state: { readonly product?: CtyValue; readonly name?: CtyValue } | null,
): RuntimeIdentity | null {
  if (!state) return null;
  const product = knownString(state.product);
  const name = knownString(state.name);
  return product !== undefined && name !== undefined ? { product, name } : null;
}

/**
 * The import id of an identity as the host sent it (ImportResourceState with identity instead of id), or a
 * diagnostic naming the missing attribute.
 */
export function importIdOfIdentity(identity: Record<string, CtyValue>): string | Diagnostic {
  const product = knownString(identity['product']);
  const name = knownString(identity['name']);
  for (const [attr, v] of [
    ['product', product],
    ['name', name],
  ] as const)
    if (!v)
      return error(
        'Invalid Import Identity',
        `The identity of nautes_deployment_runtime needs ${attr} (a non-empty string); it needs product and name.`,
        [attr],
      );
  return formatRuntimeId({ product: product as string, name: name as string });
}

/**
 * An identity stored by an older provider version, upgraded to the current one. Version 0 is current, so
 * it is read as is; a newer version (a downgrade of the provider) is refused.
 */
export function upgradeRuntimeIdentity(
  version: number,
  raw: unknown,
): { identity: RuntimeIdentity | null; diagnostics: Diagnostic[] } {
  if (version > RUNTIME_IDENTITY_VERSION)
    return {
      identity: null,
      diagnostics: [
        error(
          'Unsupported Identity Version',
          `The stored identity has version ${version}; this provider knows versions up to ${RUNTIME_IDENTITY_VERSION}. Use the provider version that wrote the state.`,
        ),
      ],
    };
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const product = typeof o['product'] === 'string' ? o['product'] : undefined;
  const name = typeof o['name'] === 'string' ? o['name'] : undefined;
  if (product === undefined || name === undefined)
    return {
      identity: null,
      diagnostics: [
        error(
          'Invalid Stored Identity',
          'The stored identity of nautes_deployment_runtime has no product or name.',
        ),
      ],
    };
  return { identity: { product, name }, diagnostics: [] };
}

/** The identity capability of `nautes_deployment_runtime`. */
export const runtimeIdentity: IdentityCapability<RuntimeAttributes> = {
  schema: RUNTIME_IDENTITY_SCHEMA,
  of: (state) => {
    const id = identityOfRuntime(state);
    return id ? { ...id } : null;
  },
  importId: importIdOfIdentity,
  upgrade: (version, raw) => {
    const res = upgradeRuntimeIdentity(version, raw);
    return { identity: res.identity ? { ...res.identity } : null, diagnostics: res.diagnostics };
  },
};
