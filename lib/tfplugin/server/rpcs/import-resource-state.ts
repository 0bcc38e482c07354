// ImportResourceState: adopt an existing instance, named by its import id or (Terraform >= 1.12,
// `import { identity = {...} }`) by its identity.
import { toProtoDiagnostics } from '../../convert/proto';
import { error } from '../../provider/diagnostics';
import { dyn, identityOf, NO_BYTES, obj, onResource, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function importResourceState(
  ctx: RpcContext,
  req: RpcRequest<'ImportResourceState'>,
): Promise<RpcReply<'ImportResourceState'>> {
  return onResource(ctx, req.type_name, async (r, typeName) => {
    ctx.identity.requestCarried(req.identity);
    let id = req.id ?? '';
    const identityData = req.identity?.identity_data;
    if (!id && identityData) {
      const given = r.identity ? obj(r.identity.schema, identityData) : null;
      const fromIdentity =
        r.identity && given
          ? r.identity.importId(given)
          : error(
              'Import By Identity Not Supported',
              `${typeName} has no identity; import it by id.`,
            );
      if (typeof fromIdentity !== 'string')
        return { imported_resources: [], diagnostics: toProtoDiagnostics([fromIdentity]) };
      id = fromIdentity;
    }
    const res = await r.import(ctx.core, id);
    const importedIdentity = identityOf(ctx, r, res.state);
    return {
      imported_resources: res.state
        ? [
            {
              type_name: typeName,
              state: dyn(r.schema, ctx.writeOnly.strip(r.schema, res.state)),
              private: NO_BYTES,
              ...(importedIdentity ? { identity: importedIdentity } : {}),
            },
          ]
        : [],
      diagnostics: toProtoDiagnostics(res.diagnostics),
    };
  });
}
