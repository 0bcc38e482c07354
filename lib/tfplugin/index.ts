// tfplugin: a Terraform/OpenTofu provider (plugin protocol 6 over gRPC) for Nautes deployment runtimes.
// serve() is the only place here that touches `process`. Nothing but the handshake line goes to stdout.
import { appendFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { redactorForEnv } from '../internal/redact';
import { detectHost } from './provider/host';
import { NautesProviderCore } from './provider/provider';
import { createRpcHandlers, untypedHandlers } from './server/rpc-handlers';
import { loadServerCertificate } from './wire/certificate';
import { startGrpcServer } from './wire/grpc-server';
import { checkHandshakeEnv, handshakeLine } from './wire/handshake';

export { NautesProviderCore } from './provider/provider';
export { createRpcHandlers, untypedHandlers } from './server/rpc-handlers';
export { loadProtocol } from './wire/load-protocol';
export { encodeBlock, decodeBlock, conformBlock } from './cty/codec';
export { UNKNOWN, type BlockSchema, type CtyValue, type CtyObject } from './cty/types';
export {
  RUNTIME_SCHEMA,
  INVENTORY_SCHEMA,
  RUNTIMES_DATA_SCHEMA,
  PROVIDER_SCHEMA,
} from './provider/schema';
export {
  handshakeLine,
  checkHandshakeEnv,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
} from './wire/handshake';
export { createServerCertificate } from './wire/certificate';

/** Where the server certificate is cached between launches. */
function certCacheFile(env: NodeJS.ProcessEnv): string {
  if (env['NAUTES_PROVIDER_CERT_CACHE']) return env['NAUTES_PROVIDER_CERT_CACHE'];
  return join(
    env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'),
    'nautes-provider',
    'server-cert.json',
  );
}

/**
 * Serves the provider on this process (the executable's entry point).
 *
 * @example
 * // the bundled provider executable is just:
 * serve();
 */
export async function serve(): Promise<void> {
  const env = process.env;
  const problem = checkHandshakeEnv(env);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
  // lifecycle lines go to NAUTES_PROVIDER_LOG (a file) or, with TF_LOG, to stderr (OpenTofu's log);
  // one line per RPC only with TF_LOG=debug or trace, so logging never costs a sync write per RPC
  const logFile = env['NAUTES_PROVIDER_LOG'];
  const verbose = /^(debug|trace)$/i.test(env['TF_LOG'] ?? '');
  const redactor = redactorForEnv(env);
  const log = (line: string): void => {
    const text = `${new Date().toISOString()} [${process.pid}] ${redactor.redact(line)}\n`;
    if (logFile) appendFileSync(logFile, text);
    else if (env['TF_LOG']) process.stderr.write(text);
  };
  const rpcLog = verbose ? log : undefined;
  // a terminal Ctrl-C reaches the whole process group; OpenTofu cancels through StopProvider instead
  process.on('SIGINT', () => log('SIGINT ignored; waiting for StopProvider'));
  const trace = env['NAUTES_PROVIDER_TRACE']
    ? (what: string): void =>
        void process.stderr.write(`${performance.now().toFixed(1)}ms ${what}\n`)
    : (): void => undefined;
  trace('serve');
  // the host runs its providers in the configuration's directory: import errors read the import blocks there
  const core = new NautesProviderCore(env, detectHost(process.ppid), redactor, process.cwd());
  const clientCert = env['PLUGIN_CLIENT_CERT'];
  const cert = clientCert ? await loadServerCertificate(certCacheFile(env)) : undefined;
  trace('certificate');
  const { address } = await startGrpcServer({
    handlers: untypedHandlers(createRpcHandlers(core)),
    ...(cert && clientCert
      ? { tls: { keyPem: cert.keyPem, certPem: cert.certPem, clientCertPem: clientCert } }
      : {}),
    onShutdown: () => {
      log(`shutdown; ${core.requestCount} API requests`);
      process.exit(0);
    },
    ...(rpcLog ? { log: rpcLog } : {}),
  });
  trace('listening');
  process.stdout.write(`${handshakeLine(address, cert?.der)}\n`);
  log(`serving on ${address}${cert ? ' (mTLS)' : ''}`);
  // exit when the host is gone, so no listener outlives a killed OpenTofu
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}
