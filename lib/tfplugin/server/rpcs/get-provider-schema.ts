// GetProviderSchema: the provider block's schema and every type's.
import { toProtoSchema } from '../../convert/proto';
import type { RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';
import { withList } from '../type-registry';
import { SERVER_CAPABILITIES } from './server-capabilities';

export async function getProviderSchema(
  ctx: RpcContext,
  _req: RpcRequest<'GetProviderSchema'>,
): Promise<RpcReply<'GetProviderSchema'>> {
  const { types } = ctx;
  return {
    provider: toProtoSchema(types.providerSchema),
    resource_schemas: Object.fromEntries(
      Object.entries(types.resources).map(([k, r]) => [k, toProtoSchema(r.schema)]),
    ),
    data_source_schemas: Object.fromEntries(
      Object.entries(types.dataSources).map(([k, d]) => [k, toProtoSchema(d.schema)]),
    ),
    list_resource_schemas: Object.fromEntries(
      withList(types).flatMap(([k, r]) => (r.list ? [[k, toProtoSchema(r.list.schema)]] : [])),
    ),
    diagnostics: [],
    server_capabilities: SERVER_CAPABILITIES,
  };
}
