// What every RPC handler works with (the provider instance, its types, the identity policy of this
// process) and the steps they share: DynamicValue <-> cty object, the type lookup of a request, and the
// guard that turns any exception into an error diagnostic (grpc-js must never see one).
import { attributesFromCty } from '../convert/attributes';
import { decodeBlock, encodeBlock } from '../cty/codec';
import { UNKNOWN, type BlockSchema, type CtyObject } from '../cty/types';
import { toProtoDiagnostics, type ProtoDiagnostic } from '../convert/proto';
import { diagnosticFromError, error } from '../provider/diagnostics';
import type { ProviderConfig } from '../provider/attributes';
import type { NautesProviderCore } from '../provider/provider';
import type { IdentityPolicy } from './identity-policy';
import type { WriteOnlyPolicy } from './write-only-policy';
import type { DynamicValue, IdentityData } from './rpc-types';
import type { CtyDataSourceType, CtyResourceType } from './typed-types';
import type { TypeRegistry } from './type-registry';

/** One provider instance as its RPC handlers see it. */
export interface RpcContext {
  readonly core: NautesProviderCore;
  readonly types: TypeRegistry;
  readonly identity: IdentityPolicy;
  readonly writeOnly: WriteOnlyPolicy;
}

/** A reply that can carry diagnostics (every unary reply of the handlers). */
export type WithDiagnostics = { diagnostics?: ProtoDiagnostic[] | null };

/** The value `v` of `schema`, msgpack-encoded. */
export const dyn = (schema: BlockSchema, v: CtyObject | null): DynamicValue => ({
  msgpack: encodeBlock(schema, v),
});

/** The object a DynamicValue holds (null for null, absent, or wholly unknown). */
export function obj(schema: BlockSchema, dv: DynamicValue | null | undefined): CtyObject | null {
  const v = decodeBlock(schema, dv ?? undefined);
  return v === UNKNOWN ? null : v;
}

export const NO_BYTES = new Uint8Array(0);

/** The error reply for a type name the provider does not have. */
export const unknownType = (kind: string, name: string): { diagnostics: ProtoDiagnostic[] } => ({
  diagnostics: toProtoDiagnostics([
    error(
      `Unknown ${kind} Type`,
      `The Nautes provider has no ${kind.toLowerCase()} type "${name}".`,
    ),
  ]),
});

/** Runs `run`; any exception becomes an error diagnostic of the reply. */
export async function guard<R extends WithDiagnostics>(
  run: () => Promise<R>,
): Promise<R | { diagnostics: ProtoDiagnostic[] }> {
  try {
    return await run();
  } catch (e) {
    return { diagnostics: toProtoDiagnostics([diagnosticFromError('Provider Error', e)]) };
  }
}

/** Runs `run` with the managed resource type the request names; an unknown name is an error diagnostic. */
export function onResource<R extends WithDiagnostics>(
  ctx: RpcContext,
  typeName: string | null | undefined,
  run: (r: CtyResourceType, typeName: string) => Promise<R>,
): Promise<R | { diagnostics: ProtoDiagnostic[] }> {
  const name = typeName ?? '';
  const r = ctx.types.resources[name];
  return guard(async () => (r ? run(r, name) : unknownType('Resource', name)));
}

/** The same for a data source type. */
export function onDataSource<R extends WithDiagnostics>(
  ctx: RpcContext,
  typeName: string | null | undefined,
  run: (d: CtyDataSourceType) => Promise<R>,
): Promise<R | { diagnostics: ProtoDiagnostic[] }> {
  const name = typeName ?? '';
  const d = ctx.types.dataSources[name];
  return guard(async () => (d ? run(d) : unknownType('Data Source', name)));
}

/** The identity of a resulting state, when the host speaks identity and the type has one. */
export function identityOf(
  ctx: RpcContext,
  r: CtyResourceType,
  state: CtyObject | null,
): IdentityData | undefined {
  if (!ctx.identity.enabled || !r.identity) return undefined;
  const id = r.identity.of(state);
  return id ? { identity_data: dyn(r.identity.schema, id) } : undefined;
}

/** `{ [key]: identity }`, or nothing when there is no identity to send. */
export function withIdentity<K extends string>(
  key: K,
  identity: IdentityData | undefined,
): { [P in K]?: IdentityData } {
  return (identity ? { [key]: identity } : {}) as { [P in K]?: IdentityData };
}

/** The provider block's typed attributes. */
export const providerConfig = (
  ctx: RpcContext,
  dv: DynamicValue | null | undefined,
): ProviderConfig =>
  attributesFromCty<ProviderConfig>(
    ctx.types.providerSchema,
    obj(ctx.types.providerSchema, dv) ?? {},
  );
