// GetMetadata: the type names the provider serves, without their schemas.
import type { RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';
import { withList } from '../type-registry';
import { SERVER_CAPABILITIES } from './server-capabilities';

export async function getMetadata(
  ctx: RpcContext,
  _req: RpcRequest<'GetMetadata'>,
): Promise<RpcReply<'GetMetadata'>> {
  return {
    server_capabilities: SERVER_CAPABILITIES,
    resources: Object.keys(ctx.types.resources).map((type_name) => ({ type_name })),
    data_sources: Object.keys(ctx.types.dataSources).map((type_name) => ({ type_name })),
    list_resources: withList(ctx.types).map(([type_name]) => ({ type_name })),
    diagnostics: [],
  };
}
