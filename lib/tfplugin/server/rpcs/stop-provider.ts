// StopProvider: start no new API writes (the host cancels this way, not by signal).
import type { RpcContext } from '../rpc-context';
import type { RpcReply, RpcRequest } from '../rpc-types';

export async function stopProvider(
  ctx: RpcContext,
  _req: RpcRequest<'StopProvider'>,
): Promise<RpcReply<'StopProvider'>> {
  ctx.core.stop();
  return { Error: '' };
}
