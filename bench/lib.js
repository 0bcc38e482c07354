// Shared helpers of the benchmark: timing, medians, child processes, seeds.
'use strict';
const { spawn } = require('node:child_process');

/** Median of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs fn `reps` times (after `warmup` untimed runs) and returns the results. */
async function repeat(reps, fn, warmup = 0) {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out = [];
  for (let i = 0; i < reps; i++) out.push(await fn(i));
  return out;
}

/** Runs a command; resolves with code, stdout, stderr and wall ms. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, ms: Number(process.hrtime.bigint() - start) / 1e6 }),
    );
  });
}

/** A seed of P products (p0..), each with one repo, project, environment and its own cluster. */
function benchSeed(products) {
  return require('../dist/lib/fake-server').scaleSeed(products, 'bench-token');
}

/** Runtime i of a benchmark: spread round-robin over P products. */
function benchRuntime(i, products) {
  return {
    product: `p${i % products}`,
    name: `r${i}`,
    projectsRef: ['app'],
    codeRepo: 'app',
    targetRevision: 'HEAD',
    manifestPath: `deploy/${i}`,
    environment: 'env',
    namespaces: [`ns-${i}`],
    account: '',
  };
}

const fmt = (n, d = 0) => (n === undefined || n === null ? '-' : Number(n).toFixed(d));

module.exports = { median, repeat, run, benchSeed, benchRuntime, fmt };
