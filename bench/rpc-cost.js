// Per-RPC cost of the provider over mTLS gRPC, as a host calls it for every resource of a plan:
// ValidateResourceConfig, UpgradeResourceState, ReadResource, PlanResourceChange. One provider process,
// a grpc-js client with the host's throwaway certificate, N runtimes on the local server; each RPC called
// once per runtime with 10 in flight (the hosts' default parallelism) and one at a time.
'use strict';
const os = require('node:os');
const { spawn } = require('node:child_process');
const grpc = require('@grpc/grpc-js');
const { encode } = require('@msgpack/msgpack');
const {
  createServerCertificate,
  loadProtocol,
  MAGIC_COOKIE_VALUE,
} = require('../dist/lib/tfplugin');
const paths = require('../scripts/paths');
const { median, benchRuntime } = require('./lib');

const RPCS = [
  'ValidateResourceConfig',
  'UpgradeResourceState',
  'ReadResource',
  'PlanResourceChange',
];

function attributes(i, products, withId) {
  const r = benchRuntime(i, products);
  return {
    id: withId ? `${r.product}/${r.name}` : null,
    product: r.product,
    name: r.name,
    projects_ref: r.projectsRef,
    code_repo: r.codeRepo,
    target_revision: r.targetRevision,
    manifest_path: r.manifestPath,
    environment: r.environment,
    namespaces: r.namespaces,
    account: null,
    insecure_skip_check: null,
    skip_checks_reason: null,
  };
}

/** The request a host sends for runtime i. */
function request(rpc, i, products) {
  const type_name = 'nautes_deployment_runtime';
  const config = { msgpack: encode(attributes(i, products, false)) };
  const state = { msgpack: encode(attributes(i, products, true)) };
  switch (rpc) {
    case 'ValidateResourceConfig':
      return { type_name, config };
    case 'UpgradeResourceState':
      return {
        type_name,
        version: 0,
        raw_state: { json: Buffer.from(JSON.stringify(attributes(i, products, true))) },
      };
    case 'ReadResource':
      return { type_name, current_state: state };
    case 'PlanResourceChange':
      return { type_name, prior_state: state, proposed_new_state: state, config };
  }
  throw new Error(rpc);
}

function pem(certB64) {
  const b64 = Buffer.from(certB64, 'base64').toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
}

function unary(client, method, req) {
  return new Promise((resolve, reject) =>
    client[method](req, (e, v) => (e ? reject(e) : resolve(v))),
  );
}

/**
 * Launches the provider against `apiServer` as a host does (AutoMTLS with the host's throwaway certificate),
 * connects, reads the schema and configures it. Returns the client, the schema and a stop function.
 */
async function startProvider(apiServer) {
  const host = await createServerCertificate();
  const child = spawn(paths.providerBinary, [], {
    env: {
      PATH: process.env.PATH,
      HOME: os.homedir(),
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '6',
      PLUGIN_CLIENT_CERT: host.certPem,
      NAUTES_API_SERVER: apiServer,
      NAUTES_TOKEN: 'bench-token',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      child.on('exit', (code) => reject(new Error(`provider exited ${code}`)));
    });
    const [, , , address, , certB64] = line.split('|');
    const { ProviderClient } = loadProtocol();
    const client = new ProviderClient(
      address,
      grpc.credentials.createSsl(
        Buffer.from(pem(certB64)),
        Buffer.from(host.keyPem),
        Buffer.from(host.certPem),
      ),
      { 'grpc.ssl_target_name_override': 'localhost' },
    );
    const schema = await unary(client, 'GetProviderSchema', {});
    await unary(client, 'ConfigureProvider', {
      terraform_version: '1.6.2',
      config: {
        msgpack: encode({
          api_server: null,
          ca_cert_file: null,
          timeout_seconds: null,
          retries: null,
          allow_insecure_http: null,
        }),
      },
    });
    return {
      client,
      schema,
      stop: () => {
        client.close();
        child.kill('SIGKILL');
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}

/**
 * Calls `requests` (each `[rpc, request]`) with `parallel` in flight; throws on an error diagnostic.
 * Returns the replies in order.
 */
async function callAll(client, requests, parallel) {
  const replies = new Array(requests.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < requests.length) {
        const i = next++;
        const [rpc, req] = requests[i];
        const res = await unary(client, rpc, req);
        if (res.diagnostics?.some((d) => d.severity === 'ERROR'))
          throw new Error(`${rpc}: ${JSON.stringify(res.diagnostics)}`);
        replies[i] = res;
      }
    }),
  );
  return replies;
}

/**
 * Launches the provider against `apiServer` and measures each RPC over `n` runtimes (P products, in state on
 * the server). Returns per-RPC microseconds per call at parallelism 10 and 1.
 */
async function rpcCost(apiServer, n, products, reps) {
  const { client, stop } = await startProvider(apiServer);
  try {
    const out = {};
    for (const rpc of RPCS) {
      const requests = Array.from({ length: n }, (_, i) => [rpc, request(rpc, i, products)]);
      const timed = async (parallel) => {
        const start = process.hrtime.bigint();
        await callAll(client, requests, parallel);
        return Number(process.hrtime.bigint() - start) / 1e3 / n;
      };
      await timed(10); // warm-up (the first ReadResource also fills the list cache)
      const p10 = [];
      const p1 = [];
      for (let r = 0; r < reps; r++) {
        p10.push(await timed(10));
        p1.push(await timed(1));
      }
      out[rpc] = { usPerCallParallel10: median(p10), usPerCallSequential: median(p1) };
    }
    return out;
  } finally {
    stop();
  }
}

module.exports = { rpcCost, RPCS, startProvider, callAll };
