// The RPCs this provider serves, typed by the generated tfplugin6 messages (protocol/generated/), as the
// wire layer hands them over: decoded with LOADER_OPTIONS (snake_case keys, enums as names, int64 as
// numbers, bytes as Uint8Array). Fields are typed optional: the handlers read each with its proto default.
import type { tfplugin6 } from '../protocol/generated/tfplugin6';

type ProviderRpcs = tfplugin6.ProviderRpcs;

/** The tfplugin6 RPCs this provider implements; the others answer UNIMPLEMENTED. */
export const SERVED_RPCS = [
  'GetMetadata',
  'GetProviderSchema',
  'GetResourceIdentitySchemas',
  'UpgradeResourceIdentity',
  'ListResource',
  'ValidateListResourceConfig',
  'ValidateProviderConfig',
  'ConfigureProvider',
  'ValidateResourceConfig',
  'ValidateDataResourceConfig',
  'UpgradeResourceState',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'ReadDataSource',
  'StopProvider',
] as const satisfies ReadonlyArray<keyof ProviderRpcs>;

/** The name of a served RPC. */
export type RpcName = (typeof SERVED_RPCS)[number];

/** The request of RPC `K`. */
export type RpcRequest<K extends RpcName> = ProviderRpcs[K]['request'];

/** The reply of RPC `K`: its response, or for a server-streaming RPC every message in order. */
export type RpcReply<K extends RpcName> = ProviderRpcs[K]['responseStream'] extends true
  ? { events: Array<ProviderRpcs[K]['response']> }
  : ProviderRpcs[K]['response'];

/** A typed handler per served RPC. */
export type RpcHandlers = { [K in RpcName]: (req: RpcRequest<K>) => Promise<RpcReply<K>> };

/** A DynamicValue: a value of a schema, msgpack- (or, from state files, JSON-) encoded. */
export type DynamicValue = tfplugin6.DynamicValue;
/** Identity data of a resource instance: a value of its identity schema. */
export type IdentityData = tfplugin6.ResourceIdentityData;
/** One result of ListResource (streamed). */
export type ListResourceEvent = tfplugin6.ListResource.Event;
