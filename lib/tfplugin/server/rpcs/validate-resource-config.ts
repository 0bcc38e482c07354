// ValidateResourceConfig: a managed resource's configuration.
import { toProtoDiagnostics } from '../../convert/proto';
import { obj, onResource, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function validateResourceConfig(
  ctx: RpcContext,
  req: RpcRequest<'ValidateResourceConfig'>,
): Promise<RpcReply<'ValidateResourceConfig'>> {
  return onResource(ctx, req.type_name, async (r) => ({
    diagnostics: toProtoDiagnostics(r.validate(obj(r.schema, req.config) ?? {})),
  }));
}
