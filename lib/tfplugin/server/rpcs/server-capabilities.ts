// The server capabilities GetMetadata and GetProviderSchema announce.
import type { tfplugin6 } from '../../protocol/generated/tfplugin6';

/**
 * No destroy plans; the schema need not be fetched by every process of a run (the host may cache it),
 * which the identity policy allows for (server/identity-policy.ts).
 */
export const SERVER_CAPABILITIES: tfplugin6.ServerCapabilities = {
  plan_destroy: false,
  get_provider_schema_optional: true,
};
