// The RPC table of one provider instance: each tfplugin6 RPC served by its own handler (server/rpcs/),
// generic over the provider's types and their capabilities. Handlers never throw: every failure becomes
// an error diagnostic (grpc-js must never see an exception).
import type { NautesProviderCore } from '../provider/provider';
import { IdentityPolicy } from './identity-policy';
import { WriteOnlyPolicy } from './write-only-policy';
import type { RpcContext } from './rpc-context';
import { SERVED_RPCS, type RpcHandlers } from './rpc-types';
import { applyResourceChange } from './rpcs/apply-resource-change';
import { configureProvider } from './rpcs/configure-provider';
import { getMetadata } from './rpcs/get-metadata';
import { getProviderSchema } from './rpcs/get-provider-schema';
import { getResourceIdentitySchemas } from './rpcs/get-resource-identity-schemas';
import { importResourceState } from './rpcs/import-resource-state';
import { listResource } from './rpcs/list-resource';
import { planResourceChange } from './rpcs/plan-resource-change';
import { readDataSource } from './rpcs/read-data-source';
import { readResource } from './rpcs/read-resource';
import { stopProvider } from './rpcs/stop-provider';
import { upgradeResourceIdentity } from './rpcs/upgrade-resource-identity';
import { upgradeResourceState } from './rpcs/upgrade-resource-state';
import { validateDataResourceConfig } from './rpcs/validate-data-resource-config';
import { validateListResourceConfig } from './rpcs/validate-list-resource-config';
import { validateProviderConfig } from './rpcs/validate-provider-config';
import { validateResourceConfig } from './rpcs/validate-resource-config';
import { PROVIDER_TYPES, type TypeRegistry } from './type-registry';

/** The RPC handlers of one provider instance, keyed by RPC name. */
export function createRpcHandlers(
  core: NautesProviderCore,
  /** @default - the Nautes provider's resource and data source types */
  types: TypeRegistry = PROVIDER_TYPES,
): RpcHandlers {
  const ctx: RpcContext = {
    core,
    types,
    identity: new IdentityPolicy(core.host.product),
    writeOnly: new WriteOnlyPolicy(),
  };
  return {
    GetMetadata: (req) => getMetadata(ctx, req),
    GetProviderSchema: (req) => getProviderSchema(ctx, req),
    GetResourceIdentitySchemas: (req) => getResourceIdentitySchemas(ctx, req),
    UpgradeResourceIdentity: (req) => upgradeResourceIdentity(ctx, req),
    ListResource: (req) => listResource(ctx, req),
    ValidateListResourceConfig: (req) => validateListResourceConfig(ctx, req),
    ValidateProviderConfig: (req) => validateProviderConfig(ctx, req),
    ConfigureProvider: (req) => configureProvider(ctx, req),
    ValidateResourceConfig: (req) => validateResourceConfig(ctx, req),
    ValidateDataResourceConfig: (req) => validateDataResourceConfig(ctx, req),
    UpgradeResourceState: (req) => upgradeResourceState(ctx, req),
    ReadResource: (req) => readResource(ctx, req),
    PlanResourceChange: (req) => planResourceChange(ctx, req),
    ApplyResourceChange: (req) => applyResourceChange(ctx, req),
    ImportResourceState: (req) => importResourceState(ctx, req),
    ReadDataSource: (req) => readDataSource(ctx, req),
    StopProvider: (req) => stopProvider(ctx, req),
  };
}

/**
 * The handlers as the gRPC layer takes them: by RPC name, on what grpc-js passes in (already decoded into
 * the generated message shape by the wire layer's LOADER_OPTIONS).
 */
export function untypedHandlers(
  handlers: RpcHandlers,
): Record<string, (raw: unknown) => Promise<unknown>> {
  const table: Record<string, (raw: unknown) => Promise<unknown>> = {};
  for (const name of SERVED_RPCS) {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    table[name] = (raw) => handler(raw ?? {});
  }
  return table;
}
