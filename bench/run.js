#!/usr/bin/env node
// `npm run bench`: plan and apply cost of the Nautes provider and CLI against the local server, side by side
// with the per-runtime GET approach of peer providers and with OpenTofu's own terraform_data floor.
// Prints a table and writes bench/results.json. Every figure is the median of at least 5 repetitions.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { startFakeServer } = require('../dist/lib/fake-server');
const { NautesClient } = require('../dist/lib');
const { createServerCertificate } = require('../dist/lib/tfplugin');
const paths = require('../scripts/paths');
const { tofuEnv, assertBuilt } = require('../scripts/tofu-env');
const { median, repeat, run, benchSeed, benchRuntime, fmt } = require('./lib');
const { rpcCost, RPCS } = require('./rpc-cost');
const { kindPlanCost } = require('./kind-plan');

const REPS = Number(process.env.BENCH_REPS || 5);
const QUICK = process.env.BENCH_QUICK === '1';
const results = {
  machine: { cpus: os.cpus().length, node: process.version, date: new Date().toISOString() },
  reps: REPS,
};
const log = (s) => process.stderr.write(`${s}\n`);

function tfConfig(n, products, kind) {
  const resource = {};
  for (let i = 0; i < n; i++) {
    const r = benchRuntime(i, products);
    if (kind === 'floor') resource[`r${i}`] = { input: r };
    else
      resource[`r${i}`] = {
        product: r.product,
        name: r.name,
        projects_ref: r.projectsRef,
        code_repo: r.codeRepo,
        manifest_path: r.manifestPath,
        environment: r.environment,
        namespaces: r.namespaces,
      };
  }
  if (kind === 'floor') return { resource: { terraform_data: resource } };
  return {
    terraform: {
      required_providers: {
        nautes: { source: 'registry.opentofu.org/nautes-labs/nautes', version: paths.version },
      },
    },
    provider: { nautes: [{}] },
    resource: { nautes_deployment_runtime: resource },
  };
}

async function tofuDir(config, env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nautes-bench-'));
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const init = await run(paths.tofuBinary, ['init', '-no-color', '-input=false'], {
    cwd: dir,
    env,
  });
  if (init.code !== 0) throw new Error(`tofu init failed: ${init.stderr}`);
  return dir;
}

async function tofu(dir, args, env) {
  const r = await run(paths.tofuBinary, [...args, '-no-color', '-input=false'], { cwd: dir, env });
  if (r.code !== 0 && r.code !== 2)
    throw new Error(`tofu ${args[0]} failed (${r.code}): ${r.stderr || r.stdout}`);
  return r;
}

/** Time from spawn to the handshake line, as OpenTofu starts the provider (AutoMTLS on). */
async function launchTimes(reps) {
  // the host's throwaway client certificate, as OpenTofu makes one per launch
  const hostCert = (await createServerCertificate()).certPem;
  return repeat(
    reps,
    () =>
      new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(paths.providerBinary, [], {
          env: {
            PATH: process.env.PATH,
            HOME: os.homedir(),
            TF_PLUGIN_MAGIC_COOKIE:
              'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
            PLUGIN_PROTOCOL_VERSIONS: '6',
            PLUGIN_CLIENT_CERT: hostCert,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.once('data', () => {
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          child.kill('SIGKILL');
          resolve(ms);
        });
        child.on('error', reject);
      }),
    2,
  );
}

/** The bench seed with N runtimes already on the server. */
function seedWithRuntimes(n, products) {
  const seed = benchSeed(products);
  for (let i = 0; i < n; i++) {
    const r = benchRuntime(i, products);
    seed.products[i % products].runtimes.push({
      name: r.name,
      projects_ref: r.projectsRef,
      manifest_source: {
        code_repo: r.codeRepo,
        target_revision: r.targetRevision,
        path: r.manifestPath,
      },
      destination: { environment: r.environment, namespaces: r.namespaces },
      account: '',
    });
  }
  return seed;
}

/** Per-RPC cost over mTLS gRPC, one provider process, N = 200 runtimes. */
async function benchRpcCost() {
  const n = 200;
  const products = 10;
  const server = await startFakeServer({ seed: seedWithRuntimes(n, products), inMemory: true });
  try {
    results.rpcCost = { n, ...(await rpcCost(server.url, n, products, REPS)) };
    for (const rpc of RPCS)
      log(
        `${rpc}: ${fmt(results.rpcCost[rpc].usPerCallParallel10)} us per call (10 in flight), ${fmt(results.rpcCost[rpc].usPerCallSequential)} us one at a time`,
      );
  } finally {
    await server.close();
  }
}

/**
 * A plan of 10 products with every kind declared, through the provider over the plugin protocol: requests
 * by kind and route (one list per kind and product, no per-object GET) and the time of the plan walks.
 */
async function benchKindPlan() {
  const products = 10;
  // the product list is a GitLab search capped at 20: a tenant of 10 products is listed whole
  const { everyKindSeed } = require('../dist/lib/fake-server');
  const server = await startFakeServer({
    seed: everyKindSeed(products, 'bench-token'),
    inMemory: true,
  });
  try {
    const r = await kindPlanCost(server, products, REPS);
    results.kindPlan = { date: new Date().toISOString(), ...r };
    log(
      `plan of ${products} products with every kind (${r.objects} objects): ${r.lists} lists, ${r.gets} GETs, ${r.requests} requests in all, ${fmt(r.planMs)} ms; ${r.objectsPlannedToChange} planned to change`,
    );
  } finally {
    await server.close();
  }
}

async function benchInProcessPlan() {
  const sizes = QUICK ? [100, 1000] : [100, 1000, 10000];
  const products = 10;
  results.plan = [];
  for (const n of sizes) {
    const seed = seedWithRuntimes(n, products);
    const server = await startFakeServer({ seed, inMemory: true });
    try {
      const runs = await repeat(REPS, async () => {
        const r = await run(process.execPath, [
          path.join(__dirname, 'plan-worker.js'),
          server.url,
          String(n),
          String(products),
        ]);
        if (r.code !== 0) throw new Error(r.stderr);
        return JSON.parse(r.stdout);
      });
      const row = {
        n,
        products,
        wallMs: median(runs.map((r) => r.ms)),
        peakRssMb: median(runs.map((r) => r.rssMb)),
        requests: runs[0].requests,
        updatesPlanned: runs[0].updates,
      };
      results.plan.push(row);
      log(`plan N=${n}: ${fmt(row.wallMs)} ms, ${fmt(row.peakRssMb)} MB, ${row.requests} requests`);
    } finally {
      await server.close();
    }
  }
}

async function benchTofuPlan() {
  const sizes = QUICK ? [50, 200] : [50, 200, 1000];
  const products = 10;
  results.tofuPlan = [];
  const launches = await launchTimes(Math.max(REPS, 7));
  const nodeStart = await repeat(
    Math.max(REPS, 7),
    () =>
      new Promise((resolve) => {
        const start = process.hrtime.bigint();
        const child = spawn(process.execPath, ['-e', 'process.stdout.write("x\\n")'], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        child.stdout.once('data', () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
      }),
  );
  results.providerLaunchMs = {
    median: median(launches),
    all: launches.map((x) => Math.round(x)),
    nodeStartMedian: median(nodeStart),
  };
  log(
    `provider launch to handshake: median ${fmt(median(launches))} ms (node's own start to first output: ${fmt(median(nodeStart))} ms)`,
  );
  for (const n of sizes) {
    const server = await startFakeServer({ seed: benchSeed(products), inMemory: true });
    const logFile = path.join(os.tmpdir(), `nautes-bench-provider-${process.pid}.log`);
    const env = tofuEnv({
      ...process.env,
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: 'bench-token',
      NAUTES_PROVIDER_LOG: logFile,
      TF_LOG: '',
    });
    const floorEnv = tofuEnv({ ...process.env });
    try {
      const dir = await tofuDir(tfConfig(n, products, 'nautes'), env);
      await tofu(dir, ['apply', '-auto-approve', '-parallelism=10'], env);
      const floorDir = await tofuDir(tfConfig(n, products, 'floor'), floorEnv);
      await tofu(floorDir, ['apply', '-auto-approve'], floorEnv);

      const ours = await repeat(
        REPS,
        async () => {
          fs.writeFileSync(logFile, '');
          const before = server.requests.length;
          const r = await tofu(dir, ['plan', '-detailed-exitcode'], env);
          if (r.code !== 0) throw new Error(`plan of ${n} in state is not empty`);
          const lines = fs.readFileSync(logFile, 'utf8').split('\n');
          return {
            ms: r.ms,
            requests: server.requests.length - before,
            launches: lines.filter((l) => l.includes('serving on')).length,
          };
        },
        1,
      );
      const floor = await repeat(
        REPS,
        async () => (await tofu(floorDir, ['plan', '-detailed-exitcode'], floorEnv)).ms,
        1,
      );

      // what peer providers do: one GET per runtime during refresh (tofu's default parallelism of 10)
      const client = new NautesClient({ apiServer: server.url, token: 'bench-token', env: {} });
      const baseline = await repeat(REPS, async () => {
        const before = server.requests.length;
        const start = process.hrtime.bigint();
        let next = 0;
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            while (next < n) {
              const r = benchRuntime(next++, products);
              await client.getDeploymentRuntime(r.product, r.name);
            }
          }),
        );
        return {
          ms: Number(process.hrtime.bigint() - start) / 1e6,
          requests: server.requests.length - before,
        };
      });
      const ourRefresh = await repeat(REPS, async () => {
        const before = server.requests.length;
        const start = process.hrtime.bigint();
        await Promise.all(
          Array.from({ length: products }, (_, i) => client.listDeploymentRuntimes(`p${i}`)),
        );
        return {
          ms: Number(process.hrtime.bigint() - start) / 1e6,
          requests: server.requests.length - before,
        };
      });
      await client.close();

      const row = {
        n,
        products,
        tofuPlanMs: median(ours.map((o) => o.ms)),
        requests: median(ours.map((o) => o.requests)),
        providerLaunches: median(ours.map((o) => o.launches)),
        floorTerraformDataMs: median(floor),
        ratioToFloor: median(ours.map((o) => o.ms)) / median(floor),
        // what one more runtime adds to a plan beyond terraform_data's, launches excluded
        perResourceMs:
          (median(ours.map((o) => o.ms)) -
            median(floor) -
            median(ours.map((o) => o.launches)) * median(launches)) /
          n,
        refreshListMs: median(ourRefresh.map((x) => x.ms)),
        refreshListRequests: ourRefresh[0].requests,
        perRuntimeGetBaselineMs: median(baseline.map((b) => b.ms)),
        perRuntimeGetBaselineRequests: baseline[0].requests,
      };
      results.tofuPlan.push(row);
      log(
        `tofu plan N=${n}: ${fmt(row.tofuPlanMs)} ms (floor ${fmt(row.floorTerraformDataMs)} ms, x${fmt(row.ratioToFloor, 2)}), ${row.requests} requests, ${row.providerLaunches} launches; per-runtime GETs ${row.perRuntimeGetBaselineRequests} requests ${fmt(row.perRuntimeGetBaselineMs)} ms vs lists ${row.refreshListRequests} requests ${fmt(row.refreshListMs)} ms`,
      );
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(floorDir, { recursive: true, force: true });
    } finally {
      await server.close();
      fs.rmSync(logFile, { force: true });
    }
  }
}

async function benchApply() {
  const n = QUICK ? 50 : 200;
  const products = 10;
  results.apply = [];
  for (const latencyMs of [0, 20]) {
    const runs = await repeat(REPS, async () => {
      const server = await startFakeServer({ seed: benchSeed(products), faults: { latencyMs } });
      const env = tofuEnv({
        ...process.env,
        NAUTES_API_SERVER: server.url,
        NAUTES_TOKEN: 'bench-token',
      });
      try {
        const dir = await tofuDir(tfConfig(n, products, 'nautes'), env);
        const before = server.requests.length;
        const r = await tofu(dir, ['apply', '-auto-approve'], env);
        const requests = server.requests.length - before;
        const failures = server.requests.slice(before).filter((q) => q.status !== 200).length;
        fs.rmSync(dir, { recursive: true, force: true });
        return { ms: r.ms, requests, failures };
      } finally {
        await server.close();
      }
    });
    const row = {
      creates: n,
      products,
      serverLatencyMs: latencyMs,
      tofuApplyMs: median(runs.map((r) => r.ms)),
      requests: median(runs.map((r) => r.requests)),
      failedRequests: Math.max(...runs.map((r) => r.failures)),
    };
    results.apply.push(row);
    log(
      `tofu apply of ${n} creates, latency ${latencyMs} ms: ${fmt(row.tofuApplyMs)} ms, ${row.requests} requests, ${row.failedRequests} failed`,
    );
  }
  // what nautes-cdktf apply does after its checks (engine apply through the API store), concurrency 4;
  // against the faithful server (parallel calls of one second collide), with our one-at-a-time client and
  // with requests sent in parallel as before
  const { planChanges, applyPlan } = require('../dist/lib/engine');
  const { createRuntimeStore } = require('../dist/lib/api');
  results.cliApply = [];
  for (const serialize of [true, false]) {
    const runs = await repeat(REPS, async () => {
      const server = await startFakeServer({ seed: benchSeed(products) });
      const client = new NautesClient({
        apiServer: server.url,
        token: 'bench-token',
        env: {},
        serializeRequests: serialize,
        retries: serialize ? 3 : 0,
      });
      try {
        const desired = Array.from({ length: n }, (_, i) => ({
          runtime: benchRuntime(i, products),
        }));
        const observed = new Map(Array.from({ length: products }, (_, p) => [`p${p}`, []]));
        const plan = planChanges({
          desired,
          inventories: [],
          observed,
          apiServer: client.apiServer,
        });
        const t = process.hrtime.bigint();
        const result = await applyPlan(plan, createRuntimeStore(client), { concurrency: 4 });
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        return {
          ms,
          requests: server.requests.length,
          failedRequests: server.requests.filter((q) => q.status !== 200 && q.status !== 404)
            .length,
          failedChanges: result.failed,
        };
      } finally {
        await client.close();
        await server.close();
      }
    });
    const row = {
      creates: n,
      products,
      oneRequestAtATime: serialize,
      applyMs: median(runs.map((r) => r.ms)),
      requests: median(runs.map((r) => r.requests)),
      failedRequests: Math.max(...runs.map((r) => r.failedRequests)),
      failedChanges: Math.max(...runs.map((r) => r.failedChanges)),
    };
    results.cliApply.push(row);
    log(
      `nautes-cdktf apply of ${n} creates (${serialize ? 'one request at a time' : 'parallel requests, no retry'}): ${fmt(row.applyMs)} ms, ${row.requests} requests, ${row.failedRequests} failed requests, ${row.failedChanges} failed changes`,
    );
  }
}

function table() {
  const lines = [];
  lines.push(
    `Benchmark (median of ${REPS}; ${results.machine.cpus} cores, node ${results.machine.node})`,
    '',
  );
  lines.push('In-process plan (nautes-cdktf plan after synthesis), P = 10 products');
  lines.push('  N        wall ms   peak RSS MB   requests');
  for (const r of results.plan ?? [])
    lines.push(
      `  ${String(r.n).padEnd(8)} ${fmt(r.wallMs).padStart(7)}   ${fmt(r.peakRssMb).padStart(11)}   ${String(r.requests).padStart(8)}`,
    );
  lines.push(
    '',
    `Provider launch to handshake: median ${fmt(results.providerLaunchMs?.median)} ms (Node's own start on this machine: ${fmt(results.providerLaunchMs?.nodeStartMedian)} ms)`,
  );
  if (results.rpcCost) {
    lines.push(
      '',
      `Per-RPC cost over mTLS gRPC (one provider process, ${results.rpcCost.n} runtimes), microseconds per call`,
    );
    lines.push('  RPC                        10 in flight   one at a time');
    for (const rpc of RPCS)
      lines.push(
        `  ${rpc.padEnd(26)} ${fmt(results.rpcCost[rpc].usPerCallParallel10).padStart(12)}   ${fmt(results.rpcCost[rpc].usPerCallSequential).padStart(13)}`,
      );
  }
  if (results.kindPlan) {
    const k = results.kindPlan;
    lines.push(
      '',
      `Plan of ${k.products} products with every kind declared (${k.objects} objects in state; the provider over mTLS gRPC, 4 RPCs per object)`,
    );
    lines.push(
      `  ${k.lists} lists (one per kind and product; products and clusters are tenant lists), ${k.gets} per-object GETs; per-object GETs would be ${k.objects}`,
      `  ${fmt(k.planMs)} ms (validate walk ${fmt(k.validateWalkMs)} ms, the rest the plan walk with the lists); ${k.objectsPlannedToChange} objects planned to change`,
    );
    if (k.kindsNotServed?.length)
      lines.push(`  not served by this server, so not declared: ${k.kindsNotServed.join(', ')}`);
    for (const [route, n] of Object.entries(k.requestsByRoute).sort())
      lines.push(`    ${route.padEnd(28)} ${String(n).padStart(4)}`);
  }
  lines.push('', 'tofu plan with N runtimes in state (refresh), P = 10 products');
  lines.push(
    '  N      ours ms  floor ms  ratio  per-resource ms  requests  launches  | per-runtime GET: requests  ms   | our lists: requests  ms',
  );
  for (const r of results.tofuPlan ?? [])
    lines.push(
      `  ${String(r.n).padEnd(6)} ${fmt(r.tofuPlanMs).padStart(7)} ${fmt(r.floorTerraformDataMs).padStart(9)} ${fmt(r.ratioToFloor, 2).padStart(6)} ${fmt(r.perResourceMs, 2).padStart(16)} ${String(r.requests).padStart(9)} ${String(r.providerLaunches).padStart(9)}  | ${String(r.perRuntimeGetBaselineRequests).padStart(24)} ${fmt(r.perRuntimeGetBaselineMs).padStart(5)} | ${String(r.refreshListRequests).padStart(19)} ${fmt(r.refreshListMs).padStart(4)}`,
    );
  lines.push('', 'tofu apply of creates');
  lines.push('  creates  latency ms  wall ms  requests  failed');
  for (const r of results.apply ?? [])
    lines.push(
      `  ${String(r.creates).padEnd(8)} ${String(r.serverLatencyMs).padStart(10)} ${fmt(r.tofuApplyMs).padStart(8)} ${String(r.requests).padStart(9)} ${String(r.failedRequests).padStart(7)}`,
    );
  lines.push(
    '',
    'nautes-cdktf apply of creates (engine apply, concurrency 4), faithful server (parallel calls collide)',
  );
  lines.push('  creates  requests sent         wall ms  requests  failed requests  failed changes');
  for (const r of results.cliApply ?? [])
    lines.push(
      `  ${String(r.creates).padEnd(8)} ${(r.oneRequestAtATime ? 'one at a time' : 'in parallel').padEnd(20)} ${fmt(r.applyMs).padStart(8)} ${String(r.requests).padStart(9)} ${String(r.failedRequests).padStart(16)} ${String(r.failedChanges).padStart(15)}`,
    );
  return lines.join('\n');
}

async function main() {
  assertBuilt();
  const t0 = Date.now();
  // BENCH_ONLY=apply (or plan, rpc, kinds, tofu-plan) runs one part; results of the others are kept from the last run
  const only = process.env.BENCH_ONLY;
  const out0 = path.join(__dirname, QUICK ? 'results-quick.json' : 'results.json');
  if (only && fs.existsSync(out0))
    Object.assign(results, {
      ...JSON.parse(fs.readFileSync(out0, 'utf8')),
      machine: results.machine,
      reps: REPS,
    });
  if (!only || only === 'plan') await benchInProcessPlan();
  if (!only || only === 'rpc') await benchRpcCost();
  if (!only || only === 'kinds') await benchKindPlan();
  if (!only || only === 'tofu-plan') await benchTofuPlan();
  if (!only || only === 'apply') await benchApply();
  results.totalSeconds = (Date.now() - t0) / 1000;
  const out = QUICK ? 'results-quick.json' : 'results.json';
  fs.writeFileSync(path.join(__dirname, out), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `${table()}\n\nwritten: bench/${QUICK ? 'results-quick.json' : 'results.json'} (${fmt(results.totalSeconds)} s)\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
