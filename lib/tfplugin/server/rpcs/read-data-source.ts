// ReadDataSource: a data source's state from its configuration.
import { toProtoDiagnostics } from '../../convert/proto';
import { dyn, obj, onDataSource, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function readDataSource(
  ctx: RpcContext,
  req: RpcRequest<'ReadDataSource'>,
): Promise<RpcReply<'ReadDataSource'>> {
  return onDataSource(ctx, req.type_name, async (d) => {
    const config = obj(d.schema, req.config) ?? {};
    const res = await d.read(ctx.core, config);
    return {
      state: dyn(d.schema, res.state ?? config),
      diagnostics: toProtoDiagnostics(res.diagnostics),
    };
  });
}
