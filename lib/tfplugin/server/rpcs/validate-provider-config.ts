// ValidateProviderConfig: the provider block, before it is configured.
import { toProtoDiagnostics } from '../../convert/proto';
import { guard, providerConfig, type RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export function validateProviderConfig(
  ctx: RpcContext,
  req: RpcRequest<'ValidateProviderConfig'>,
): Promise<RpcReply<'ValidateProviderConfig'>> {
  return guard(async () => ({
    diagnostics: toProtoDiagnostics(ctx.core.validateConfig(providerConfig(ctx, req.config))),
  }));
}
