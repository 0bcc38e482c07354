// ValidateDataResourceConfig: a data source's configuration.
import { toProtoDiagnostics } from '../../convert/proto';
import { obj, onDataSource, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function validateDataResourceConfig(
  ctx: RpcContext,
  req: RpcRequest<'ValidateDataResourceConfig'>,
): Promise<RpcReply<'ValidateDataResourceConfig'>> {
  return onDataSource(ctx, req.type_name, async (d) => ({
    diagnostics: toProtoDiagnostics(d.validate(obj(d.schema, req.config) ?? {})),
  }));
}
