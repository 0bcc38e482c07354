// One error per cause, at the protocol level: a grpc-js client plays the host refreshing many runtimes at
// once against the bundled provider and the local server. A wrong token, a server that refuses connections
// or an unknown product is reported in full (with its hint) once per provider process; every other resource
// of the same cause gets a short reference to it.
import { createServer } from 'node:net';
import type * as grpc from '@grpc/grpc-js';
import { encode } from '@msgpack/msgpack';
import { createServerCertificate, MAGIC_COOKIE_VALUE } from '../../lib/tfplugin';
import { MAINTAINER, useFakeServer } from '../helpers/fake-server';
import {
  call,
  connectProvider,
  launchProvider,
  type LaunchedProvider,
} from '../helpers/plugin-host';

interface Diag {
  severity: string;
  summary: string;
  detail: string;
}

const dyn = (v: unknown): { msgpack: Uint8Array } => ({ msgpack: encode(v) });

function runtimeState(product: string, name: string): Record<string, unknown> {
  return {
    id: `${product}/${name}`,
    product,
    name,
    projects_ref: ['api-server'],
    code_repo: 'api-server',
    target_revision: 'HEAD',
    manifest_path: `manifests/${name}`,
    environment: 'env-dev',
    namespaces: [name],
    account: null,
    insecure_skip_check: false,
    skip_checks_reason: null,
  };
}

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('one error per cause (provider process)', () => {
  const fake = useFakeServer();
  let hostCert: { certPem: string; keyPem: string };
  let launched: LaunchedProvider[] = [];
  let clients: grpc.Client[] = [];
  beforeAll(async () => {
    hostCert = await createServerCertificate();
  });
  afterEach(() => {
    for (const c of clients) c.close();
    for (const p of launched) p.child.kill('SIGKILL');
    clients = [];
    launched = [];
  });

  async function configured(env: NodeJS.ProcessEnv): Promise<grpc.Client> {
    const p = await launchProvider({
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '6',
      PLUGIN_CLIENT_CERT: hostCert.certPem,
      ...env,
    });
    launched.push(p);
    const client = connectProvider(p.line, hostCert);
    clients.push(client);
    await call(client, 'GetProviderSchema', {});
    const configure = await call<{ diagnostics: Diag[] }>(client, 'ConfigureProvider', {
      terraform_version: '1.6.2',
      config: dyn({
        api_server: null,
        ca_cert_file: null,
        timeout_seconds: 5,
        retries: 0,
        allow_insecure_http: null,
      }),
    });
    expect(configure.diagnostics).toEqual([]);
    return client;
  }

  /** Refreshes `count` runtimes of `product` at once, as the host does; the error diagnostics of each. */
  async function refresh(client: grpc.Client, product: string, count: number): Promise<Diag[][]> {
    const answers = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        call<{ diagnostics: Diag[] }>(client, 'ReadResource', {
          type_name: 'nautes_deployment_runtime',
          current_state: dyn(runtimeState(product, `dr-${i}`)),
          private: Buffer.alloc(0),
        }),
      ),
    );
    return answers.map((a) => a.diagnostics.filter((d) => d.severity === 'ERROR'));
  }

  const full = (diags: Diag[][]): Diag[] =>
    diags.flat().filter((d) => !/Not repeated/.test(d.detail));
  const brief = (diags: Diag[][]): Diag[] =>
    diags.flat().filter((d) => /Not repeated/.test(d.detail));

  test('a wrong token: one full error with its hint for 16 runtimes and two products, the rest refer to it', async () => {
    const client = await configured({
      NAUTES_API_SERVER: fake.server.url,
      NAUTES_TOKEN: 'not-a-valid-token',
    });
    const first = await refresh(client, 'nautes-labs', 16);
    expect(first.every((d) => d.length === 1)).toBe(true);
    expect(full(first)).toHaveLength(1);
    expect(full(first)[0]?.detail).toContain('set NAUTES_TOKEN or NAUTES_TOKEN_FILE');
    expect(full(first)[0]?.detail).toContain('[NAUTES_API_UNAUTHORIZED]');
    expect(brief(first)).toHaveLength(15);
    for (const d of brief(first)) {
      expect(d.summary).toBe('Cannot Read Deployment Runtimes');
      expect(d.detail).toContain(`${fake.server.url} does not accept the token`);
      expect(d.detail).not.toContain('not-a-valid-token');
    }
    // the token is the server's cause, whatever product is asked for
    const other = await refresh(client, 'other-product', 3);
    expect(full(other)).toHaveLength(0);
    expect(brief(other)).toHaveLength(3);
  });

  test('a server that refuses connections: one full error, then "cannot reach <server>"', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = await configured({ NAUTES_API_SERVER: url, NAUTES_TOKEN: MAINTAINER });
    const diags = await refresh(client, 'nautes-labs', 16);
    expect(full(diags)).toHaveLength(1);
    expect(full(diags)[0]?.detail).toContain('[NAUTES_API_CONNECTION]');
    expect(brief(diags)).toHaveLength(15);
    expect(brief(diags)[0]?.detail).toContain(
      `see the error reported in full (with its hint) for this cause: the Nautes provider cannot reach ${url} [NAUTES_API_CONNECTION]`,
    );
  });

  test('an unknown product: reported once per product; a known product still reads', async () => {
    const client = await configured({
      NAUTES_API_SERVER: fake.server.url,
      NAUTES_TOKEN: MAINTAINER,
    });
    const [a, b, known] = await Promise.all([
      refresh(client, 'no-such-product', 8),
      refresh(client, 'nor-this-one', 8),
      refresh(client, 'nautes-labs', 2),
    ]);
    for (const [diags, product] of [
      [a, 'no-such-product'],
      [b, 'nor-this-one'],
    ] as const) {
      expect(full(diags)).toHaveLength(1);
      expect(brief(diags)).toHaveLength(7);
      expect(brief(diags)[0]?.detail).toContain(`product "${product}"`);
    }
    expect(known.flat()).toEqual([]);
  });
});
