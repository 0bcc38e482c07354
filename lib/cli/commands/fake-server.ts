// `nautes-cdktf fake-server`: run the local Nautes server until SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { loadSeed, startFakeServer } from '../../fake-server';
import { flagString, parseArgs, UsageError } from '../arguments';
import type { CliIo } from '../io';

export const FAKE_SERVER_HELP = `Usage: nautes-cdktf fake-server [--port N] [--host H] [--seed demo|FILE] [--data-dir DIR] [--tls | --tls-cert F --tls-key F] [--allow-parallel]

Runs the local Nautes API server (deployment-runtime routes, git-backed default.project, GitLab-style
rights). Prints "listening on <url>" and serves until SIGINT or SIGTERM.

Options:
  --port N        port to listen on (default: a free port)
  --host H        address to listen on (default: 127.0.0.1)
  --seed S        "demo" (default) or a YAML/JSON seed file
  --data-dir DIR  where each product's default.project git repository is kept (default: a temp dir,
                  removed on exit). A restart with the same DIR keeps every product's history:
                  only products whose repository is missing are seeded. To start fresh, remove DIR
                  (or pass a new one).
  --tls           serve HTTPS with a new local CA; its certificate's path is printed on stderr
                  (trust it with NAUTES_CA_CERT)
  --tls-cert F    serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key F     the PEM key of --tls-cert
  --allow-parallel  let parallel calls through. Without it, as on a real Nautes, a call that starts
                  while another call that started in the same second is in flight fails with 500
                  ("failed to clone repository ... already exists and is not an empty directory")
`;

/** Runs the server; resolves with the exit code once a stop signal arrived. */
export async function runFakeServer(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    'port',
    'host',
    'seed',
    'data-dir',
    'tls-cert',
    'tls-key',
    '!tls',
    '!allow-parallel',
  ]);
  const portText = flagString(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got ${portText}`);
  const certFile = flagString(args, 'tls-cert');
  const keyFile = flagString(args, 'tls-key');
  if ((certFile === undefined) !== (keyFile === undefined))
    throw new UsageError('--tls-cert and --tls-key go together');
  if (certFile && args.flags.has('tls'))
    throw new UsageError('--tls makes its own certificate: leave out --tls-cert and --tls-key');
  const dataDir = flagString(args, 'data-dir');
  const host = flagString(args, 'host');
  const server = await startFakeServer({
    seed: loadSeed(flagString(args, 'seed') ?? 'demo'),
    port,
    sameSecondCollisions: !args.flags.has('allow-parallel'),
    ...(host ? { host } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(certFile && keyFile
      ? { tls: { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') } }
      : {}),
    ...(args.flags.has('tls') ? { tls: 'generate' as const } : {}),
  });
  io.stdout.write(`listening on ${server.url}\n`);
  if (server.caCertFile)
    io.stderr.write(
      `CA certificate: ${server.caCertFile} (export NAUTES_CA_CERT=${server.caCertFile})\n`,
    );
  await io.waitForStopSignal();
  await server.close();
  return 0;
}
