// One in-process `nautes-cdktf plan` of N declared runtimes (as the plan command does after synthesis:
// one list per product, plan, render), in its own process so wall time and peak RSS are its own.
'use strict';
const {
  NautesClient,
  createRuntimeStore,
  planChanges,
  productsToObserve,
  renderText,
  toPlanJson,
} = require('../dist/lib');
const { benchRuntime } = require('./lib');

async function main() {
  const [url, nText, pText] = process.argv.slice(2);
  const n = Number(nText);
  const p = Number(pText);
  // 10% of the declarations differ from the server, so the plan has real work
  const desired = Array.from({ length: n }, (_, i) => ({
    runtime: i % 10 === 0 ? { ...benchRuntime(i, p), targetRevision: 'v2' } : benchRuntime(i, p),
  }));
  const inventories = Array.from({ length: p }, (_, i) => ({ product: `p${i}`, prune: false }));
  const start = process.hrtime.bigint();
  const client = new NautesClient({ apiServer: url, token: 'bench-token', env: {} });
  const store = createRuntimeStore(client);
  const products = productsToObserve(desired, inventories);
  const lists = await Promise.all(products.map(async (x) => [x, await store.list(x)]));
  const plan = planChanges({ desired, inventories, observed: new Map(lists) });
  const text = renderText(plan);
  const json = toPlanJson(plan);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const updates = plan.changes.filter((c) => c.action === 'update').length;
  process.stdout.write(
    JSON.stringify({
      ms,
      rssMb: process.resourceUsage().maxRSS / 1024,
      requests: client.requestCount,
      updates,
      textChars: text.length,
      jsonChars: json.length,
    }) + '\n',
  );
  await client.close();
}
main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
