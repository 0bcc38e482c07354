// The server capabilities GetMetadata and GetProviderSchema announce.
import type { tfplugin6 } from '../../protocol/generated/tfplugin6';

/**
 * Destroy plans: the host asks the provider to plan each delete too, so a protected product or code repo
 * refuses when the destroy is planned, before anything is deleted. The schema need not be fetched by
 * every process of a run (the host may cache it), which the identity policy allows for
 * (server/identity-policy.ts).
 */
export const SERVER_CAPABILITIES: tfplugin6.ServerCapabilities = {
  plan_destroy: true,
  get_provider_schema_optional: true,
};
