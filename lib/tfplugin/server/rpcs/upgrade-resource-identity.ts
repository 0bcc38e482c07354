// UpgradeResourceIdentity (protocol 6.9): an identity stored by another provider version, as this one's.
import { toProtoDiagnostics } from '../../convert/proto';
import { dyn, guard, unknownType, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function upgradeResourceIdentity(
  ctx: RpcContext,
  req: RpcRequest<'UpgradeResourceIdentity'>,
): Promise<RpcReply<'UpgradeResourceIdentity'>> {
  return guard(async () => {
    const typeName = req.type_name ?? '';
    const identity = ctx.types.resources[typeName]?.identity;
    if (!identity) return unknownType('Resource Identity', typeName);
    const json = req.raw_identity?.json;
    const raw: unknown =
      json && json.length ? JSON.parse(Buffer.from(json).toString('utf8')) : null;
    const res = identity.upgrade(req.version ?? 0, raw);
    return {
      ...(res.identity
        ? { upgraded_identity: { identity_data: dyn(identity.schema, res.identity) } }
        : {}),
      diagnostics: toProtoDiagnostics(res.diagnostics),
    };
  });
}
