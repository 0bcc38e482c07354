// `plan --base-app-dir`: a reviewer sees what the pull request changes apart from what the plan would undo
// on the server (drift), given the app at the merge base.
import { NautesClient } from '../../lib/api';
import { main } from '../../lib/cli/main';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, runtimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

jest.setTimeout(60_000);

const decl = runtimeDecl;

describe('plan against the merge base', () => {
  let server: FakeServer;
  let head: CdktfApp;
  let base: CdktfApp;
  // a fresh server (and apps) per test: no test sees what another wrote
  beforeEach(async () => {
    server = await startFakeServer();
    head = new CdktfApp(server.url, MAINTAINER);
    base = new CdktfApp(server.url, MAINTAINER);
  });
  afterEach(async () => {
    await server.close();
    head.cleanup();
    base.cleanup();
  });
  const run = async (app: CdktfApp, ...argv: string[]) => {
    const io = captureIo(app.env, app.dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  test('changes are labelled "changed in this PR", "drift on the server", or both, and shown apart', async () => {
    // the merge base is deployed
    base.write({ runtimes: [decl('dr-a'), decl('dr-b'), decl('dr-c')], inventories: [] });
    expect((await run(base, 'plan', '--out', 'p.json')).code).toBe(2);
    expect((await run(base, 'apply', '--plan', 'p.json', '--auto-approve')).code).toBe(0);
    // someone edits dr-b and dr-c on the server; the PR changes dr-a and dr-c and adds dr-d
    const client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    for (const n of ['dr-b', 'dr-c']) {
      const r = await client.getDeploymentRuntime('nautes-labs', n);
      await client.saveDeploymentRuntime('nautes-labs', n, {
        ...r,
        manifest_source: { ...r.manifest_source, target_revision: 'hotfix' },
      });
    }
    await client.close();
    head.write({
      runtimes: [
        decl('dr-a', { manifestPath: 'm/a2' }),
        decl('dr-b'),
        decl('dr-c', { manifestPath: 'm/c2' }),
        decl('dr-d'),
      ],
      inventories: [],
    });

    const json = JSON.parse(
      (await run(head, 'plan', '--format', 'json', '--base-app-dir', base.dir)).out,
    ) as { resourceChanges: Array<{ id: string; reasons: string[] }> };
    const reasons = Object.fromEntries(json.resourceChanges.map((c) => [c.id, c.reasons]));
    expect(reasons).toEqual({
      'nautes-labs/dr-a': ['config-changed'],
      'nautes-labs/dr-b': ['drifted'],
      'nautes-labs/dr-c': ['config-changed', 'drifted'],
      'nautes-labs/dr-d': ['new-in-config', 'config-changed'],
    });
    const md = (await run(head, 'plan', '--format', 'markdown', '--base-app-dir', base.dir)).out;
    expect(md).toContain(
      '**Changed by this pull request (3):** `nautes-labs/dr-a`, `nautes-labs/dr-c`, `nautes-labs/dr-d`',
    );
    expect(md).toContain(
      '**Drift on the server, which this plan undoes (2):** `nautes-labs/dr-b`, `nautes-labs/dr-c`',
    );

    // a plan explained against the base applies: apply compares what is sent, not the explanations
    const out = await run(head, 'plan', '--out', 'head.json', '--base-app-dir', base.dir);
    expect(out.code).toBe(2);
    const apply = await run(head, 'apply', '--plan', 'head.json', '--auto-approve');
    expect(apply.out).toContain('Apply complete: 4 applied');
    expect(apply.code).toBe(0);
  });

  test('--detailed-exitcode: 0 nothing, 4 drift only, 5 unmanaged runtimes, 2 changes from the code', async () => {
    head.write({
      runtimes: [
        decl('dr-a', { manifestPath: 'm/a2' }),
        decl('dr-b'),
        decl('dr-c', { manifestPath: 'm/c2' }),
        decl('dr-d'),
      ],
      inventories: [{ product: 'nautes-labs' }],
    });
    // the server (fresh for this test) gets what the head declares: four creates
    expect((await run(head, 'plan', '--out', 'start.json')).code).toBe(2);
    expect((await run(head, 'apply', '--plan', 'start.json', '--auto-approve')).code).toBe(0);
    expect((await run(head, 'plan', '--detailed-exitcode')).code).toBe(0);
    const client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
    const b = await client.getDeploymentRuntime('nautes-labs', 'dr-b');
    await client.saveDeploymentRuntime('nautes-labs', 'dr-b', { ...b, account: 'changed-by-hand' });
    expect((await run(head, 'plan', '--detailed-exitcode')).code).toBe(4);
    await client.saveDeploymentRuntime('nautes-labs', 'dr-b', b);
    await client.saveDeploymentRuntime('nautes-labs', 'dr-stray', {
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'stray' },
      destination: { environment: 'env-test' },
    });
    expect((await run(head, 'plan', '--detailed-exitcode')).code).toBe(5);
    await client.close();
    head.write({
      runtimes: [
        decl('dr-a', { manifestPath: 'm/a3' }),
        decl('dr-b'),
        decl('dr-c', { manifestPath: 'm/c2' }),
        decl('dr-d'),
      ],
      inventories: [{ product: 'nautes-labs' }],
    });
    base.write({ runtimes: [decl('dr-a'), decl('dr-b'), decl('dr-c')], inventories: [] });
    expect((await run(head, 'plan', '--detailed-exitcode', '--base-app-dir', base.dir)).code).toBe(
      2,
    );
  });
});
