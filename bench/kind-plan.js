// A plan of P products with every kind declared, through the real provider over the plugin protocol: what
// it costs the API (requests by kind and route: one list per kind and product, no GET of any object) and
// the time of the plan walk. Every object the local server holds for the products (the product, its
// environments, projects, code repos, bindings and runtimes, and the tenant's clusters) is in state; a
// provider process then gets, per object, the four RPCs a host sends for it in a plan.
'use strict';
const { decode, encode } = require('@msgpack/msgpack');
const { KINDS, NautesClient, createKindStore, formatObjectId } = require('../dist/lib');
const { median } = require('./lib');
const { startProvider, callAll } = require('./rpc-cost');

const RUNTIME_TYPE = 'nautes_deployment_runtime';

/** The resource type and import id of every object the products hold, read before anything is counted. */
async function declaredObjects(apiServer, products) {
  const client = new NautesClient({ apiServer, token: 'bench-token', env: {} });
  const store = createKindStore(client);
  const out = [];
  const notServed = [];
  // a kind the server has no route for (a 404) is left out
  const listed = async (kind, product) => {
    try {
      return await store.list(kind, product);
    } catch (e) {
      if (e.status !== 404) throw e;
      if (!notServed.includes(kind.tfType)) notServed.push(kind.tfType);
      return [];
    }
  };
  try {
    for (const kind of KINDS) {
      const scopes = kind.scope === 'tenant' ? [undefined] : products;
      for (const product of scopes)
        for (const o of await listed(kind, product)) {
          // the product list is the whole tenant's: keep the ones benchmarked
          if (kind.family === 'products' && !products.includes(o.name)) continue;
          out.push({ type: kind.tfType, id: formatObjectId(kind, { product, name: o.name }) });
        }
    }
    for (const product of products)
      for (const r of await client.listDeploymentRuntimes(product))
        out.push({ type: RUNTIME_TYPE, id: `${product}/${r.name}` });
  } finally {
    await client.close();
  }
  return { objects: out, notServed };
}

/** The configuration a host sends for a state: computed-only attributes null, nested blocks as they are. */
function configOf(schema, type, state) {
  const { attributes, block_types: blocks = [] } = schema.resource_schemas[type].block;
  return Object.fromEntries([
    ...attributes.map((a) => [a.name, a.computed && !a.optional ? null : (state[a.name] ?? null)]),
    ...blocks.map((b) => [b.type_name, state[b.type_name] ?? null]),
  ]);
}

/**
 * Imports every object (one provider process: the state a host holds), then measures `reps` plans, each in a
 * fresh provider process: per object ValidateResourceConfig, UpgradeResourceState, ReadResource and
 * PlanResourceChange, 10 in flight. Returns the objects by type, the requests of one plan by kind and route,
 * and the median wall ms.
 */
async function kindPlanCost(server, productCount, reps) {
  const products = Array.from({ length: productCount }, (_, i) => `p${i}`);
  const { objects, notServed } = await declaredObjects(server.url, products);
  const importer = await startProvider(server.url);
  let states;
  let schema;
  try {
    schema = importer.schema;
    const imported = await callAll(
      importer.client,
      objects.map((o) => ['ImportResourceState', { type_name: o.type, id: o.id }]),
      10,
    );
    states = imported.map((r) => decode(r.imported_resources[0].state.msgpack));
  } finally {
    importer.stop();
  }
  const perObject = objects.map((o, i) => {
    const state = states[i];
    const config = configOf(schema, o.type, state);
    const enc = (v) => ({ msgpack: encode(v) });
    return [
      ['ValidateResourceConfig', { type_name: o.type, config: enc(config) }],
      [
        'UpgradeResourceState',
        { type_name: o.type, version: 0, raw_state: { json: Buffer.from(JSON.stringify(state)) } },
      ],
      ['ReadResource', { type_name: o.type, current_state: enc(state) }],
      [
        'PlanResourceChange',
        {
          type_name: o.type,
          prior_state: enc(state),
          proposed_new_state: enc(state),
          config: enc(config),
        },
      ],
    ];
  });
  const runs = [];
  for (let r = 0; r < reps; r++) {
    const provider = await startProvider(server.url);
    try {
      const before = server.requests.length;
      const start = process.hrtime.bigint();
      // the host's walks: every validate, then per object upgrade, read and plan
      await callAll(
        provider.client,
        perObject.map((rpcs) => rpcs[0]),
        10,
      );
      const validatedMs = Number(process.hrtime.bigint() - start) / 1e6;
      const planned = await callAll(
        provider.client,
        perObject.flatMap((rpcs) => rpcs.slice(1)),
        10,
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const changed = perObject.filter((_, i) => {
        const plan = planned[i * 3 + 2];
        return (plan.requires_replace ?? []).length > 0 || !samePlanned(plan, states[i]);
      }).length;
      const requests = server.requests.slice(before);
      const byRoute = {};
      for (const q of requests) {
        const key = `${q.resource} ${q.route}`;
        byRoute[key] = (byRoute[key] ?? 0) + 1;
      }
      runs.push({ ms, validatedMs, requests: requests.length, byRoute, changed });
    } finally {
      provider.stop();
    }
  }
  const byType = {};
  for (const o of objects) byType[o.type] = (byType[o.type] ?? 0) + 1;
  const first = runs[0];
  return {
    products: productCount,
    objects: objects.length,
    objectsByType: byType,
    kindsNotServed: notServed,
    planMs: median(runs.map((x) => x.ms)),
    // of which the validate walk (no request): the rest is the plan walk, lists included
    validateWalkMs: median(runs.map((x) => x.validatedMs)),
    requests: first.requests,
    lists: Object.entries(first.byRoute)
      .filter(([k]) => k.endsWith(' list'))
      .reduce((n, [, v]) => n + v, 0),
    gets: Object.entries(first.byRoute)
      .filter(([k]) => k.endsWith(' get'))
      .reduce((n, [, v]) => n + v, 0),
    requestsByRoute: first.byRoute,
    objectsPlannedToChange: Math.max(...runs.map((x) => x.changed)),
  };
}

/** JSON of `v` with object keys sorted. */
const canonical = (v) =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** True when the planned state equals the prior one (a plan with no change). */
function samePlanned(plan, state) {
  return canonical(decode(plan.planned_state.msgpack)) === canonical(state);
}

module.exports = { kindPlanCost };
