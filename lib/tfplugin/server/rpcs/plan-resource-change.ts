// PlanResourceChange: the planned state of a create, update or destroy.
import { toProtoDiagnostics, toProtoPath } from '../../convert/proto';
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

export function planResourceChange(
  ctx: RpcContext,
  req: RpcRequest<'PlanResourceChange'>,
): Promise<RpcReply<'PlanResourceChange'>> {
  return onResource(ctx, req.type_name, async (r) => {
    ctx.identity.requestCarried(req.prior_identity);
    ctx.writeOnly.seen(req.client_capabilities);
    const res = await r.plan(ctx.core, {
      prior: obj(r.schema, req.prior_state),
      proposed: obj(r.schema, req.proposed_new_state),
      config: obj(r.schema, req.config),
    });
    return {
      planned_state: dyn(r.schema, ctx.writeOnly.strip(r.schema, res.planned)),
      requires_replace: res.requiresReplace.map((p) => toProtoPath(p)),
      planned_private: req.prior_private ?? NO_BYTES,
      diagnostics: toProtoDiagnostics(res.diagnostics),
      ...withIdentity('planned_identity', identityOf(ctx, r, res.planned)),
    };
  });
}
