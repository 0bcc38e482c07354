// ListResource (protocol 6.10, server-streaming): the instances a query block finds, one event each; a
// failure is one event with the diagnostics.
import { toProtoDiagnostics, type ProtoDiagnostic } from '../../convert/proto';
import { diagnosticFromError } from '../../provider/diagnostics';
import { dyn, obj, unknownType, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

type Reply = RpcReply<'ListResource'>;

const failed = (diagnostics: ProtoDiagnostic[]): Reply => ({
  events: [{ display_name: '', diagnostic: diagnostics }],
});

export async function listResource(
  ctx: RpcContext,
  req: RpcRequest<'ListResource'>,
): Promise<Reply> {
  try {
    const typeName = req.type_name ?? '';
    const r = ctx.types.resources[typeName];
    const { list, identity } = r ?? {};
    if (!r || !list || !identity) return failed(unknownType('List Resource', typeName).diagnostics);
    const res = await list.list(ctx.core, obj(list.schema, req.config) ?? {}, {
      includeResource: req.include_resource_object === true,
      limit: req.limit ?? 0,
    });
    if (res.diagnostics.length) return failed(toProtoDiagnostics(res.diagnostics));
    return {
      events: res.results.map((result) => ({
        // a list result always carries its identity: only hosts that speak identity call ListResource
        identity: { identity_data: dyn(identity.schema, result.identity) },
        display_name: result.displayName,
        ...(result.state ? { resource_object: dyn(r.schema, result.state) } : {}),
        diagnostic: [],
      })),
    };
  } catch (e) {
    return failed(toProtoDiagnostics([diagnosticFromError('Provider Error', e)]));
  }
}
