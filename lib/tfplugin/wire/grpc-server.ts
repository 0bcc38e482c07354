// The gRPC server of the provider process: tfplugin6 Provider plus go-plugin's controller and stdio.
import * as grpc from '@grpc/grpc-js';
import { loadProtocol } from './load-protocol';

const MAX_MESSAGE = 256 * 1024 * 1024;

/** Options of `startGrpcServer`. */
export interface GrpcServerOptions {
  /** Async handlers by RPC name, on the request as grpc-js passes it in; they must not throw. */
  readonly handlers: Record<string, (req: unknown) => Promise<unknown>>;
  /** mTLS material: our key and certificate, and the host's client certificate (the only trusted CA). */
  readonly tls?: {
    readonly keyPem: string;
    readonly certPem: string;
    readonly clientCertPem: string;
  };
  /** Called when the host asks the plugin to shut down. */
  readonly onShutdown: () => void;
  readonly log?: (line: string) => void;
}

/** Starts serving on 127.0.0.1 and a free port; resolves with the server and `host:port`. */
export async function startGrpcServer(
  options: GrpcServerOptions,
): Promise<{ server: grpc.Server; address: string }> {
  const proto = loadProtocol();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE,
    'grpc.max_send_message_length': MAX_MESSAGE,
    // channelz (gRPC's introspection service, which nothing here queries) records every call; off, a call
    // costs less (bench: "Per-RPC cost")
    'grpc.enable_channelz': 0,
  });
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(proto.provider)) {
    const handler = options.handlers[name];
    if (method.responseStream) {
      // a server-streaming RPC (ListResource): the handler resolves to `{ events }`, each one message
      impl[name] = (call: grpc.ServerWritableStream<unknown, unknown>) => {
        if (!handler) {
          call.destroy(
            Object.assign(new Error(`${name} is not implemented`), {
              code: grpc.status.UNIMPLEMENTED,
            }),
          );
          return;
        }
        const started = Date.now();
        handler(call.request).then(
          (res) => {
            const events = (res as { events?: unknown[] }).events ?? [];
            for (const event of events) call.write(event);
            options.log?.(`${name} ${events.length} events ${Date.now() - started}ms`);
            call.end();
          },
          (e: unknown) =>
            call.destroy(
              Object.assign(new Error(e instanceof Error ? e.message : String(e)), {
                code: grpc.status.INTERNAL,
              }),
            ),
        );
      };
      continue;
    }
    impl[name] = (
      call: grpc.ServerUnaryCall<unknown, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      if (!handler) {
        callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented` });
        return;
      }
      const started = Date.now();
      handler(call.request).then(
        (res) => {
          options.log?.(`${name} ${Date.now() - started}ms`);
          callback(null, res);
        },
        (e: unknown) =>
          callback({
            code: grpc.status.INTERNAL,
            details: e instanceof Error ? e.message : String(e),
          }),
      );
    };
  }
  server.addService(proto.provider, impl);
  server.addService(proto.controller, {
    Shutdown: (
      _call: grpc.ServerUnaryCall<unknown, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      callback(null, {});
      // reply first, then exit: without this go-plugin waits 2 s and kills the process. tryShutdown lets
      // the reply (and any call in flight) finish; the timer bounds the wait.
      setTimeout(options.onShutdown, 250).unref();
      setImmediate(() => server.tryShutdown(() => options.onShutdown()));
    },
  });
  server.addService(proto.stdio, {
    StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => call.end(),
  });
  const creds = options.tls
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(options.tls.clientCertPem),
        [
          {
            private_key: Buffer.from(options.tls.keyPem),
            cert_chain: Buffer.from(options.tls.certPem),
          },
        ],
        true,
      )
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', creds, (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { server, address: `127.0.0.1:${port}` };
}
