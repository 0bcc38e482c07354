// GetResourceIdentitySchemas (protocol 6.9): the identity schema of every type that has one. Asking is how
// a host shows it speaks identity.
import { toProtoIdentitySchema } from '../../convert/proto';
import type { RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';
import { withIdentity } from '../type-registry';

export async function getResourceIdentitySchemas(
  ctx: RpcContext,
  _req: RpcRequest<'GetResourceIdentitySchemas'>,
): Promise<RpcReply<'GetResourceIdentitySchemas'>> {
  ctx.identity.schemasAsked();
  return {
    identity_schemas: Object.fromEntries(
      withIdentity(ctx.types).flatMap(([k, r]) =>
        r.identity ? [[k, toProtoIdentitySchema(r.identity.schema)]] : [],
      ),
    ),
    diagnostics: [],
  };
}
