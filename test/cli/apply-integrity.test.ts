// `nautes-cdktf apply` applies exactly the reviewed plan: every edit of plan.json, another plan id, another
// server, or a plan the app no longer makes is refused with exit 3 before anything is sent.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computePlanId, parsePlanJson } from '../../lib/engine';
import { main } from '../../lib/cli/main';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, projectPath, runtimeDecl } from '../helpers/cdktf-app';
import { spawnTracked } from '../helpers/processes';
import { MAINTAINER } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

jest.setTimeout(120_000);

const decl = runtimeDecl;

/** Every path in a JSON document, containers included. */
function paths(v: unknown, p: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = p.length ? [p] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...p, i])));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...p, k]));
  return out;
}

/** A value that differs from `v` (deterministic: the edit a person or a script would make). */
function edited(v: unknown): unknown {
  if (typeof v === 'string') return v === '' ? 'x' : `${v}x`;
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (v === null) return 'x';
  if (Array.isArray(v)) return [...v, v[0] ?? 'x'];
  return { ...(v as object), extra: 'x' };
}

describe('apply refuses anything but the reviewed plan', () => {
  let server: FakeServer;
  let other: FakeServer;
  let app: CdktfApp;
  const run = async (env: NodeJS.ProcessEnv, ...argv: string[]) => {
    const io = captureIo(env, app.dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };
  let planText: string;
  let planId: string;

  beforeAll(async () => {
    server = await startFakeServer();
    other = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
    // one runtime exists and will be updated, one is created, an orphan is pruned
    app.write({ runtimes: [decl('dr-a')], inventories: [] });
    const first = await run(app.env, 'plan', '--out', 'first.json');
    expect([first.code, first.err]).toEqual([2, expect.stringContaining('written to first.json')]);
    expect((await run(app.env, 'apply', '--plan', 'first.json', '--auto-approve')).code).toBe(0);
    app.write({
      runtimes: [
        decl('dr-a', { manifestPath: 'm/a2' }),
        decl('dr-b', { skipChecks: { reason: 'env comes later' } }),
      ],
      inventories: [{ product: 'nautes-labs', prune: false }],
    });
    const plan = await run(app.env, 'plan', '--out', 'plan.json');
    expect([plan.code, plan.err]).toEqual([2, expect.any(String)]);
    planText = readFileSync(join(app.dir, 'plan.json'), 'utf8');
    planId = JSON.parse(planText).planId;
    expect(plan.out).toContain(`Plan id: ${planId.slice(0, 12)} (against ${server.url})`);
    expect(plan.err).toContain(
      `apply it with: nautes-cdktf apply --plan plan.json --plan-id ${planId.slice(0, 12)}`,
    );
  });
  afterAll(async () => {
    await server.close();
    await other.close();
    app.cleanup();
  });

  test('every single-field edit of plan.json is refused with exit 3; nothing is sent, the history is unchanged', async () => {
    const doc = JSON.parse(planText) as unknown;
    const all = paths(doc);
    const commits = (await server.service.repoOf('nautes-labs')?.log())?.length;
    const requests = server.requests.length;
    let refused = 0;
    for (const p of all) {
      const copy = JSON.parse(planText) as Record<string | number, unknown>;
      let cur = copy as Record<string | number, unknown>;
      for (const k of p.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
      const last = p[p.length - 1] as string | number;
      cur[last] = edited(cur[last]);
      writeFileSync(join(app.dir, 'edited.json'), JSON.stringify(copy, null, 2));
      const r = await run(
        app.env,
        'apply',
        '--plan',
        'edited.json',
        '--auto-approve',
        '--no-synth',
      );
      expect([p.join('.'), r.code]).toEqual([p.join('.'), 3]);
      expect(r.err).toMatch(/NAUTES_PLAN_EDITED|NAUTES_PLAN_MISMATCH|NAUTES_STALE_PLAN/);
      refused++;
    }
    process.stdout.write(`plan.json edits tried: ${all.length}, refused: ${refused}\n`);
    expect(refused).toBe(all.length);
    expect(all.length).toBeGreaterThan(100);
    expect(server.requests.length).toBe(requests);
    expect((await server.service.repoOf('nautes-labs')?.log())?.length).toBe(commits);
  });

  test('an edit whose id was recomputed is caught by planning again', async () => {
    const doc = JSON.parse(planText);
    const change = doc.resourceChanges.find((c: { id: string }) => c.id === 'nautes-labs/dr-a');
    change.after.manifestPath = 'm/evil';
    change.fieldChanges[0].after = 'm/evil';
    const id = computePlanId(planOf(doc));
    writeFileSync(join(app.dir, 'forged.json'), JSON.stringify({ ...doc, planId: id }, null, 2));
    // the forged file is self-consistent: it passes the file checks
    const plan = parsePlanJson(readFileSync(join(app.dir, 'forged.json'), 'utf8'));
    expect(plan.id).toBe(id);
    const commits = (await server.service.repoOf('nautes-labs')?.log())?.length;
    const r = await run(app.env, 'apply', '--plan', 'forged.json', '--auto-approve');
    expect(r.code).toBe(3);
    expect(r.err).toContain('NAUTES_PLAN_MISMATCH');
    expect(r.err).toContain(`than the reviewed plan ${plan.id.slice(0, 12)}`);
    expect((await server.service.repoOf('nautes-labs')?.log())?.length).toBe(commits);
  });

  test('--plan-id must be the id the reviewer saw', async () => {
    const wrong = await run(
      app.env,
      'apply',
      '--plan',
      'plan.json',
      '--plan-id',
      'abcdefabcdef',
      '--auto-approve',
      '--no-synth',
    );
    expect(wrong.code).toBe(3);
    expect(wrong.err).toContain(
      `plan.json is plan ${planId.slice(0, 12)}, not the reviewed plan abcdefabcdef`,
    );
    expect(
      (await run(app.env, 'apply', '--plan', 'plan.json', '--plan-id', 'abc', '--auto-approve'))
        .code,
    ).toBe(64);
  });

  test('a plan made against one server is refused against another, before any request', async () => {
    const before = other.requests.length;
    const r = await run(
      { ...app.env, NAUTES_API_SERVER: other.url },
      'apply',
      '--plan',
      'plan.json',
      '--auto-approve',
      '--no-synth',
    );
    expect(r.code).toBe(3);
    expect(r.err).toContain(
      `was made against ${server.url}, and this apply would talk to ${other.url}`,
    );
    expect(other.requests.length).toBe(before);
  });

  test('the reviewed plan applies; the confirm screen lists exactly the requests sent', async () => {
    const r = await run(
      app.env,
      'apply',
      '--plan',
      'plan.json',
      '--plan-id',
      planId.slice(0, 12),
      '--auto-approve',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `POST   /api/v1/products/nautes-labs/deploymentruntimes/dr-a  {"product":"nautes-labs","name":"dr-a"`,
    );
    expect(r.err).toContain(
      'POST   /api/v1/products/nautes-labs/deploymentruntimes/dr-b?insecure_skip_check=true',
    );
    const sent = server.requests
      .filter((q) => q.route === 'save')
      .slice(-2)
      .map((q) => q.path);
    expect(sent.sort()).toEqual([
      '/api/v1/products/nautes-labs/deploymentruntimes/dr-a',
      '/api/v1/products/nautes-labs/deploymentruntimes/dr-b',
    ]);
    expect(r.out).toContain(
      `Apply complete: 2 applied, 0 failed, 0 conflicts, 0 skipped (plan ${planId.slice(0, 12)}`,
    );
  });

  test('a plan whose planning found errors is not written', async () => {
    // a synthesized stack the constructs did not check (hand-written or from another tool): an invalid name
    const out = join(app.dir, 'cdktf.out');
    mkdirSync(join(out, 'stacks', 'raw'), { recursive: true });
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({ stacks: { raw: { synthesizedStackPath: 'stacks/raw/cdk.tf.json' } } }),
    );
    writeFileSync(
      join(out, 'stacks', 'raw', 'cdk.tf.json'),
      JSON.stringify({
        resource: {
          nautes_deployment_runtime: {
            bad: {
              product: 'nautes-labs',
              name: 'Bad_Name',
              code_repo: 'api-server',
              manifest_path: 'm',
              environment: 'env-dev',
            },
          },
        },
      }),
    );
    const r = await run(app.env, 'plan', '--out', 'bad.json', '--no-synth');
    expect(r.code).toBe(1);
    expect(r.err).toContain('plan NOT written to bad.json');
    expect(() => readFileSync(join(app.dir, 'bad.json'))).toThrow();
  });
});

describe('apply --plan refuses when the fresh plan of the app has errors', () => {
  let server: FakeServer;
  let app: CdktfApp;
  beforeAll(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
  });
  afterAll(async () => {
    await server.close();
    app.cleanup();
  });

  /** A cdktf.out whose stacks each declare runtime dr-a of nautes-labs with the given manifest path. */
  const synthesized = (paths: Record<string, string>): void => {
    const out = join(app.dir, 'cdktf.out');
    const stacks: Record<string, { synthesizedStackPath: string }> = {};
    for (const [stack, manifestPath] of Object.entries(paths)) {
      mkdirSync(join(out, 'stacks', stack), { recursive: true });
      stacks[stack] = { synthesizedStackPath: `stacks/${stack}/cdk.tf.json` };
      writeFileSync(
        join(out, 'stacks', stack, 'cdk.tf.json'),
        JSON.stringify({
          resource: {
            nautes_deployment_runtime: {
              a: {
                product: 'nautes-labs',
                name: 'dr-a',
                code_repo: 'api-server',
                manifest_path: manifestPath,
                environment: 'env-dev',
              },
            },
          },
        }),
      );
    }
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ stacks }));
  };

  test('a runtime declared twice with conflicting values: exit 3, nothing sent', async () => {
    synthesized({ one: 'm/a' });
    const io = captureIo(app.env, app.dir);
    expect(await main(['plan', '--out', 'p.json', '--no-synth'], io)).toBe(2);
    // the code now declares dr-a in a second stack with another path (one of them still the planned one)
    synthesized({ one: 'm/a', two: 'm/other' });
    const before = server.requests.length;
    const apply = captureIo(app.env, app.dir);
    const code = await main(['apply', '--plan', 'p.json', '--no-synth', '--auto-approve'], apply);
    expect(apply.err()).toContain(
      '[NAUTES_PLAN_NOT_APPLICABLE]: the plan of the app now found errors',
    );
    expect(apply.err()).toContain('Nothing was sent');
    expect(code).toBe(3);
    // only the lists of the fresh plan were read
    expect(server.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('apply stopped by a signal', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s finishes the change in flight, starts no new one, and prints the summary',
    async (signal) => {
      // slow enough that the signal lands mid-apply
      const server = await startFakeServer({ faults: { latencyMs: 300 } });
      const app = new CdktfApp(server.url, MAINTAINER);
      try {
        app.write({
          runtimes: Array.from({ length: 12 }, (_, i) => decl(`sig-${i}`)),
          inventories: [],
        });
        const io = captureIo(app.env, app.dir);
        expect(await main(['plan', '--out', 'sig.json'], io)).toBe(2);
        const child = spawnTracked(
          process.execPath,
          [
            projectPath('bin', 'nautes-cdktf.js'),
            'apply',
            '--plan',
            'sig.json',
            '--auto-approve',
            '--concurrency',
            '1',
          ],
          { cwd: app.dir, env: app.env, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        let err = '';
        child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr?.on('data', (d: Buffer) => {
          err += d.toString();
          // after the first change is reported, the user stops the run
          if (err.includes('[1/12]') && !child.killed) child.kill(signal);
        });
        const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
        expect(err).toContain('interrupted: finishing the changes in flight, starting no new ones');
        expect(out).toMatch(
          /^Apply incomplete: [1-3] applied, 0 failed, 0 conflicts, (9|10|11) skipped/m,
        );
        expect(code).toBe(1);
        const saved = [...(server.service.treeOf('nautes-labs')?.keys() ?? [])].filter((k) =>
          k.startsWith('runtimes/sig-'),
        ).length;
        expect(out).toContain(`Apply incomplete: ${saved} applied`);
      } finally {
        await server.close();
        app.cleanup();
      }
    },
  );
});

/** The plan a plan.json document describes, without its checks (to forge a self-consistent file). */
function planOf(
  d: Record<string, unknown> & { resourceChanges: Array<Record<string, unknown>> },
): Parameters<typeof computePlanId>[0] {
  return {
    formatVersion: d['formatVersion'],
    apiServer: d['apiServer'],
    fingerprint: d['fingerprint'],
    observed: d['observed'],
    diagnostics: d['diagnostics'],
    orphans: d['orphans'],
    changes: d.resourceChanges.map((c) =>
      Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'actions')),
    ),
    // 1.2: absent from a plan of runtimes only
    kindChanges: d['kindChanges'] ?? [],
    kindOrphans: d['kindOrphans'] ?? [],
    kindObserved: d['kindObserved'] ?? [],
  } as unknown as Parameters<typeof computePlanId>[0];
}
