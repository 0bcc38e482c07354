// UpgradeResourceState: a stored state (JSON of the stored schema), re-encoded as a full schema-shaped object.
import { dyn, obj, onResource, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function upgradeResourceState(
  ctx: RpcContext,
  req: RpcRequest<'UpgradeResourceState'>,
): Promise<RpcReply<'UpgradeResourceState'>> {
  return onResource(ctx, req.type_name, async (r) => {
    const json = req.raw_state?.json;
    const state = json && json.length ? obj(r.schema, { json }) : null;
    return { upgraded_state: dyn(r.schema, state), diagnostics: [] };
  });
}
