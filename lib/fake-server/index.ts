// fake-server: a faithful local stand-in of the Nautes API (git-backed default.project, GitLab-style rights).
// It imports only the wire schemas of lib/api and node builtins: it is the independent oracle of the tests.
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHandler, type RecordedRequest } from './app';
import { CloneDirs } from './clone-dirs';
import { FaultInjector, type FaultOptions } from './faults';
import { NautesService } from './nautes-service';
import { demoSeed, type Seed } from './seed';
import { createTlsMaterial } from './tls-material';

export {
  demoSeed,
  demoThreeProductsSeed,
  BUILT_IN_SEEDS,
  scaleSeed,
  everyKindSeed,
  loadSeed,
  SeedSchema,
  type Seed,
  type SeedInput,
  ACCESS_LEVELS,
} from './seed';
export type { FaultOptions, FaultRule, FaultAction } from './faults';
export type { RecordedRequest } from './app';
export { COMMIT_MESSAGE } from './git-repo';
export { createTlsMaterial, type TlsMaterial } from './tls-material';

/** Options of `startFakeServer`. */
export interface FakeServerOptions {
  /** @default - the `demo` seed */
  readonly seed?: Seed;
  /** @default 127.0.0.1 (nothing listens beyond loopback unless told to) */
  readonly host?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** Where each product's default.project git repository lives. @default - a new temporary folder */
  readonly dataDir?: string;
  /** Keep the default.project trees in memory only, without git (benchmarks of huge seeds). @default false */
  readonly inMemory?: boolean;
  readonly faults?: FaultOptions;
  /**
   * Parallel calls fail as on a real Nautes: a request that starts while another one that started in the
   * same second is in flight answers 500 (its clone directory /tmp/product<seconds> is taken). false lets
   * parallel calls through, which the real server does not. @default true
   */
  readonly sameSecondCollisions?: boolean;
  /** The server's clock in milliseconds (tests pin it to force a collision). @default Date.now */
  readonly clock?: () => number;
  /**
   * Serve HTTPS: with this key and certificate (PEM), or `'generate'` for a new CA and a server
   * certificate it signs (SAN localhost, 127.0.0.1); the CA is written to `caCertFile`.
   * @default - plain HTTP
   */
  readonly tls?: { readonly key: string; readonly cert: string } | 'generate';
  /**
   * Told, one line at a time, what the server did on its own at start (e.g. removing a stale
   * `.git/index.lock` a crash left in the data dir). @default - nothing is logged
   */
  readonly log?: (line: string) => void;
}

/** A running local Nautes server. */
export interface FakeServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly service: NautesService;
  readonly faults: FaultInjector;
  /** Every request served, in order. */
  readonly requests: RecordedRequest[];
  readonly dataDir: string | undefined;
  /** PEM file of the CA that signed the server certificate (with `tls: 'generate'`). */
  readonly caCertFile: string | undefined;
  /** Resolves once no request is being handled (a stalled one included). */
  idle(): Promise<void>;
  /** Waits until idle, stops listening and removes a temporary data dir. */
  close(): Promise<void>;
}

/** Starts the local Nautes server. */
export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const faults = new FaultInjector(options.faults);
  const ownDir = !options.dataDir && !options.inMemory;
  const dataDir = options.inMemory
    ? undefined
    : (options.dataDir ?? (await mkdtemp(join(tmpdir(), 'nautes-fake-'))));
  const service = await NautesService.create(
    options.seed ?? demoSeed(),
    faults,
    dataDir,
    new CloneDirs(options.sameSecondCollisions ?? true, options.clock),
    // the fake server's entry: git is found on this process's PATH
    process.env['PATH'] ?? '/usr/bin:/bin',
    options.log,
  );
  const requests: RecordedRequest[] = [];
  const handler = createHandler(service, faults, requests);
  // requests being handled, and who waits for none to be
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const idle = (): Promise<void> =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r));
  const listener = (
    req: Parameters<typeof handler>[0],
    res: Parameters<typeof handler>[1],
  ): void => {
    inFlight++;
    void handler(req, res).finally(() => {
      if (--inFlight === 0) {
        const ready = waiters;
        waiters = [];
        for (const r of ready) r();
      }
    });
  };
  let tls = options.tls === 'generate' ? undefined : options.tls;
  let caCertFile: string | undefined;
  if (options.tls === 'generate') {
    const material = await createTlsMaterial();
    tls = { key: material.keyPem, cert: material.certPem };
    const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'nautes-fake-tls-')));
    caCertFile = join(dir, 'ca.pem');
    await writeFile(caCertFile, material.caCertPem);
  }
  const server: Server = tls
    ? createTlsServer({ key: tls.key, cert: tls.cert }, listener)
    : createServer(listener);
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${port}`,
    caCertFile,
    service,
    faults,
    requests,
    dataDir,
    idle,
    async close() {
      // a stalled or slow request still writes to the repository: let it finish before it goes away
      await idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownDir && dataDir) await rm(dataDir, { recursive: true, force: true });
      if (caCertFile && !dataDir) await rm(dirname(caCertFile), { recursive: true, force: true });
    },
  };
}
