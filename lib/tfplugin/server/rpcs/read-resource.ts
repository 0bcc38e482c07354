// ReadResource: refresh one instance.
import { toProtoDiagnostics } from '../../convert/proto';
import {
  dyn,
  identityOf,
  NO_BYTES,
  obj,
  onResource,
  withIdentity,
  type RpcContext,
} from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function readResource(
  ctx: RpcContext,
  req: RpcRequest<'ReadResource'>,
): Promise<RpcReply<'ReadResource'>> {
  return onResource(ctx, req.type_name, async (r) => {
    ctx.identity.requestCarried(req.current_identity);
    const current = obj(r.schema, req.current_state);
    if (!current) return { new_state: dyn(r.schema, null), diagnostics: [] };
    const res = await r.read(ctx.core, current);
    return {
      new_state: dyn(r.schema, ctx.writeOnly.strip(r.schema, res.state)),
      diagnostics: toProtoDiagnostics(res.diagnostics),
      private: req.private ?? NO_BYTES,
      ...withIdentity('new_identity', identityOf(ctx, r, res.state)),
    };
  });
}
