// ApplyResourceChange: carry out a planned change.
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

export function applyResourceChange(
  ctx: RpcContext,
  req: RpcRequest<'ApplyResourceChange'>,
): Promise<RpcReply<'ApplyResourceChange'>> {
  return onResource(ctx, req.type_name, async (r) => {
    ctx.identity.requestCarried(req.planned_identity);
    const res = await r.apply(ctx.core, {
      prior: obj(r.schema, req.prior_state),
      planned: obj(r.schema, req.planned_state),
      config: obj(r.schema, req.config),
    });
    return {
      new_state: dyn(r.schema, ctx.writeOnly.strip(r.schema, res.state)),
      private: NO_BYTES,
      diagnostics: toProtoDiagnostics(res.diagnostics),
      ...withIdentity('new_identity', identityOf(ctx, r, res.state)),
    };
  });
}
