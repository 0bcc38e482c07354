// ConfigureProvider: the provider block's values; the host's version tells the identity and write-only
// policies.
import { toProtoDiagnostics } from '../../convert/proto';
import { guard, providerConfig, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function configureProvider(
  ctx: RpcContext,
  req: RpcRequest<'ConfigureProvider'>,
): Promise<RpcReply<'ConfigureProvider'>> {
  return guard(async () => {
    ctx.identity.configured(req.terraform_version);
    ctx.writeOnly.seen(req.client_capabilities, req.terraform_version);
    return { diagnostics: toProtoDiagnostics(ctx.core.configure(providerConfig(ctx, req.config))) };
  });
}
