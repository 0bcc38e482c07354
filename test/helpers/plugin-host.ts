// Playing the host (OpenTofu or Terraform) against the bundled provider executable: launch it with the
// go-plugin environment, read its handshake line, connect over mTLS and call RPCs, unary or streaming.
import type { ChildProcess } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { loadProtocol } from '../../lib/tfplugin';
import { spawnTracked } from './processes';
import { pemFromHandshake } from './handshake';

const paths = require('../../scripts/paths') as { providerBinary: string };

/** A launched provider process. */
export interface LaunchedProvider {
  child: ChildProcess;
  /** The handshake line. */
  line: string;
  stdoutRest: () => string;
  stderr: () => string;
}

/** Starts the provider (in `cwd`, as a host does in the configuration's directory); resolves once it printed its handshake line. */
export function launchProvider(env: NodeJS.ProcessEnv, cwd?: string): Promise<LaunchedProvider> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(paths.providerBinary, [], {
      ...(cwd ? { cwd } : {}),
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0)
        resolve({
          child,
          line: out.slice(0, nl),
          stdoutRest: () => out.slice(nl + 1),
          stderr: () => err,
        });
    });
    child.on('exit', (code) => reject(new Error(`provider exited with ${code}: ${err}`)));
  });
}

/** A Provider client for the handshake line, presenting `clientCert` (none: no client certificate). */
export function connectProvider(
  line: string,
  clientCert: { certPem: string; keyPem: string } | undefined,
): grpc.Client {
  const [, , , address, , certB64] = line.split('|');
  const serverPem = pemFromHandshake(certB64 as string);
  const creds = clientCert
    ? grpc.credentials.createSsl(
        Buffer.from(serverPem),
        Buffer.from(clientCert.keyPem),
        Buffer.from(clientCert.certPem),
      )
    : grpc.credentials.createSsl(Buffer.from(serverPem));
  const { ProviderClient } = loadProtocol();
  return new ProviderClient(address as string, creds, {
    'grpc.ssl_target_name_override': 'localhost',
  });
}

/** One unary call. */
export function call<T>(client: grpc.Client, method: string, req: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    (
      client as unknown as Record<string, (r: unknown, cb: (e: Error | null, v: T) => void) => void>
    )[method]?.(req, (e, v) => (e ? reject(e) : resolve(v))),
  );
}

/** One server-streaming call: every message, once the stream ended. */
export function streamAll<T>(client: grpc.Client, method: string, req: unknown): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const open = (
      client as unknown as Record<string, (r: unknown) => grpc.ClientReadableStream<T>>
    )[method];
    if (!open) {
      reject(new Error(`no method ${method}`));
      return;
    }
    const events: T[] = [];
    const stream = open.call(client, req);
    stream.on('data', (e: T) => events.push(e));
    stream.on('error', reject);
    stream.on('end', () => resolve(events));
  });
}
