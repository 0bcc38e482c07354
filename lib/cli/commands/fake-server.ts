// `nautes-cdktf fake-server`: run the local Nautes server until SIGINT/SIGTERM.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ACCESS_LEVELS, demoSeed, loadSeed, startFakeServer } from '../../fake-server';
import { flagString, parseArgs, UsageError } from '../arguments';
import type { CliIo } from '../io';

/** The demo users, their rights in the demo product and their tokens, read from the demo seed itself. */
function demoUsers(): string {
  const seed = demoSeed();
  const product = seed.products[0];
  const role = (username: string): string => {
    const level =
      product && Object.hasOwn(product.members, username) ? product.members[username] : 0;
    const name = Object.entries(ACCESS_LEVELS).find(([, l]) => l === level)?.[0];
    return name ?? (level ? `level ${level}` : 'not a member');
  };
  const rows = seed.users.map((u) => ({
    user: u.username,
    role: role(u.username),
    token: u.token,
  }));
  const userWidth = Math.max(...rows.map((r) => r.user.length));
  const roleWidth = Math.max(...rows.map((r) => r.role.length));
  return rows
    .map((r) => `  ${r.user.padEnd(userWidth)}  ${r.role.padEnd(roleWidth)}  ${r.token}`)
    .join('\n');
}

export const FAKE_SERVER_HELP = `Usage: nautes-cdktf fake-server [--port N] [--host H] [--seed demo|demo-3|FILE] [--data-dir DIR] [--tls | --tls-cert F --tls-key F] [--allow-parallel]

Runs the local Nautes API server (deployment-runtime routes, git-backed default.project, GitLab-style
rights). Prints "listening on <url>" and serves until SIGINT or SIGTERM.

Options:
  --port N        port to listen on (default: a free port)
  --host H        address to listen on (default: 127.0.0.1)
  --seed S        "demo" (default: product nautes-labs), "demo-3" (nautes-labs, shop, billing) or a
                  YAML/JSON seed file (format: docs/local-server.md; an example ships in the package:
                  examples/seed.yaml)
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

Demo users (both built-in seeds), their role in nautes-labs and their tokens:
${demoUsers()}
In demo-3, dave is also a maintainer of shop, and developers may push to billing's main.
`;

const READ_FAILURES: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * Reads a PEM file of --tls-cert or --tls-key. A file that cannot be read, is empty or holds no
 * certificate (key) is a usage error naming it: node:https would otherwise start with an empty context
 * and print "listening on https://..." for a server no client can talk to.
 */
function readPem(flag: 'tls-cert' | 'tls-key', file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`--${flag} ${file}: cannot be read (${READ_FAILURES[code] ?? code})`);
  }
  if (text.trim() === '') throw new UsageError(`--${flag} ${file}: the file is empty`);
  try {
    if (flag === 'tls-cert') new X509Certificate(text);
    else createPrivateKey(text);
  } catch {
    throw new UsageError(
      `--${flag} ${file}: holds no PEM ${flag === 'tls-cert' ? 'certificate' : 'private key'}`,
    );
  }
  return text;
}

/** The --tls-cert/--tls-key pair, checked: each file readable and PEM, the key the certificate's. */
function readTlsPair(certFile: string, keyFile: string): { cert: string; key: string } {
  const cert = readPem('tls-cert', certFile);
  const key = readPem('tls-key', keyFile);
  if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key)))
    throw new UsageError(
      `--tls-key ${keyFile}: is not the private key of the certificate in --tls-cert ${certFile}`,
    );
  return { cert, key };
}

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
  if (certFile !== undefined && args.flags.has('tls'))
    throw new UsageError('--tls makes its own certificate: leave out --tls-cert and --tls-key');
  const tls =
    certFile !== undefined && keyFile !== undefined ? readTlsPair(certFile, keyFile) : undefined;
  const dataDir = flagString(args, 'data-dir');
  const host = flagString(args, 'host');
  // listen for the stop signal before starting: a SIGTERM sent as soon as "listening on" shows (or during
  // the start, mid-git-commit) would otherwise kill the process without closing the server
  const stop = io.waitForStopSignal();
  const server = await startFakeServer({
    seed: loadSeed(flagString(args, 'seed') ?? 'demo'),
    port,
    sameSecondCollisions: !args.flags.has('allow-parallel'),
    log: (line) => io.stderr.write(`${line}\n`),
    ...(host ? { host } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(tls ? { tls } : {}),
    ...(args.flags.has('tls') ? { tls: 'generate' as const } : {}),
  });
  io.stdout.write(`listening on ${server.url}\n`);
  if (server.caCertFile)
    io.stderr.write(
      `CA certificate: ${server.caCertFile} (export NAUTES_CA_CERT=${server.caCertFile})\n`,
    );
  await stop;
  await server.close();
  return 0;
}
