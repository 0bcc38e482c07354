// ValidateListResourceConfig (protocol 6.10): a query block's configuration.
import { toProtoDiagnostics } from '../../convert/proto';
import { guard, obj, unknownType, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function validateListResourceConfig(
  ctx: RpcContext,
  req: RpcRequest<'ValidateListResourceConfig'>,
): Promise<RpcReply<'ValidateListResourceConfig'>> {
  return guard(async () => {
    const typeName = req.type_name ?? '';
    const list = ctx.types.resources[typeName]?.list;
    if (!list) return unknownType('List Resource', typeName);
    return { diagnostics: toProtoDiagnostics(list.validate(obj(list.schema, req.config) ?? {})) };
  });
}
