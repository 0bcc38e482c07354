// What `nautes-cdktf apply` prints and exits with when a replace fails after its delete (the previous
// runtime saved again, or, when that fails too, what is gone and how to get it back), and when a runtime
// it wrote was changed by someone else before it read it back. Real app, local server over loopback.
import { Writable } from 'node:stream';
import { NautesClient, createRuntimeStore } from '../../lib/api';
import { main } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import type { DeploymentRuntime } from '../../lib/model';
import { aRuntime } from '../helpers/builders';
import { CdktfApp, runtimeDecl } from '../helpers/cdktf-app';
import { http, MAINTAINER } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

jest.setTimeout(120_000);

/** The runtime `runtimeDecl('dr-a')` declares, as the model has it. */
const declared: DeploymentRuntime = aRuntime({
  name: 'dr-a',
  projectsRef: [],
  manifestPath: 'm/dr-a',
  namespaces: ['dr-a'],
});

describe('apply outcomes', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let client: NautesClient;
  /** Runs the CLI in this process; `onErrLine` sees each stderr line as it is written. */
  const run = async (argv: string[], onErrLine?: (line: string) => void) => {
    const io = captureIo(app.env, app.dir);
    let err = '';
    // a stream that hands each write over synchronously (the concurrency test acts inside it)
    const stderr = new Writable({
      write(chunk: Buffer, _enc, done) {
        const text = chunk.toString();
        err += text;
        for (const line of text.split('\n')) if (line) onErrLine?.(line);
        done();
      },
    });
    const withErr: CliIo = { ...io, stderr };
    const code = await main(argv, withErr);
    return { code, out: io.out(), err };
  };
  const commits = async () => (await server.service.repoOf('nautes-labs')?.log())?.length ?? 0;

  beforeEach(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
    app.cleanup();
  });

  /** dr-a exists on env-dev; the app moves it to an environment the server does not know: a replace. */
  const planReplaceToUnknownEnv = async (): Promise<void> => {
    await createRuntimeStore(client).save(declared, { insecureSkipCheck: false });
    app.write({ runtimes: [runtimeDecl('dr-a', { environment: 'env-nowhere' })] });
    const plan = await run(['plan', '--out', 'plan.json']);
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('Plan: 0 to create, 0 to update, 1 to replace, 0 to delete');
  };

  test('a replace whose create is refused: the previous runtime is saved again, exit 1', async () => {
    await planReplaceToUnknownEnv();
    const previous = await client.getDeploymentRuntime('nautes-labs', 'dr-a');
    const r = await run(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^\[1\/1\] nautes-labs\/dr-a: replace failed: .*env-nowhere 'Environment' does not exist.*; the previous runtime was saved again$/m,
    );
    expect(r.out).toMatch(
      /^Apply incomplete: 0 applied, 1 failed, 0 conflicts, 0 skipped, 1 restored after a failed replace \(plan [0-9a-f]{12}: /m,
    );
    expect(r.err).not.toContain('Changed by someone else');
    expect(await client.getDeploymentRuntime('nautes-labs', 'dr-a')).toEqual(previous);
  });

  test('a restore that fails too: exit 1, what is deleted, its previous fields, and a body that recreates it', async () => {
    await planReplaceToUnknownEnv();
    const previous = await client.getDeploymentRuntime('nautes-labs', 'dr-a');
    // the create fails in the server's validation; the restore passes it and meets a push conflict
    server.faults.set({ rules: [{ action: 'push-conflict', method: 'POST', times: 1 }] });
    const r = await run(['apply', '--plan', 'plan.json', '--auto-approve']);
    expect(r.code).toBe(1);
    const line = r.err.split('\n').find((l) => l.startsWith('[1/1] '));
    const m =
      /^\[1\/1\] nautes-labs\/dr-a: replace failed after its delete: (.*env-nowhere 'Environment' does not exist.*); restoring the previous runtime failed too: (.*failed to merge the remote changes.*)\. nautes-labs\/dr-a is deleted; its previous fields: (\{.*\})\. To recreate it: fix the cause, then plan and apply again \(a create with the declared fields\); or, to have it back as it was, send that body as POST (\S+)$/.exec(
        line ?? '',
      );
    expect([line, m !== null]).toEqual([line, true]);
    expect(r.out).toContain(
      'Apply incomplete: 0 applied, 1 failed, 0 conflicts, 0 skipped, 1 deleted by a failed replace',
    );
    await expect(client.getDeploymentRuntime('nautes-labs', 'dr-a')).rejects.toMatchObject({
      code: 'NAUTES_API_NOT_FOUND',
    });
    // the hint is exact: that body sent to that path brings the runtime back as it was
    const [, , , body, path] = m as RegExpExecArray;
    const sent = await http(server.url, 'POST', path as string, {
      token: MAINTAINER,
      body: body as string,
    });
    expect(sent.status).toBe(200);
    expect(await client.getDeploymentRuntime('nautes-labs', 'dr-a')).toEqual(previous);
  });

  test('a runtime someone else changes before the read-back is reported with both values, exit 1', async () => {
    app.write({ runtimes: [runtimeDecl('dr-a')] });
    expect((await run(['plan', '--out', 'plan.json'])).code).toBe(2);
    const theirs = { ...declared, targetRevision: 'their-branch' };
    const other = createRuntimeStore(client);
    let racing: Promise<void> | undefined;
    const before = await commits();
    const r = await run(['apply', '--plan', 'plan.json', '--auto-approve'], (line) => {
      // the moment apply reports its save: another writer saves over it. Requests to one server go one
      // at a time in this process, in the order started, so this save lands before apply's read-back
      if (line.startsWith('[1/1] nautes-labs/dr-a: create applied'))
        racing = other.save(theirs, { insecureSkipCheck: false });
    });
    await racing;
    expect(r.code).toBe(1);
    expect(r.err).toContain('[1/1] nautes-labs/dr-a: create applied');
    expect(r.err).toContain(
      "Changed by someone else during this apply (read back after the writes; Nautes has no conditional write, so a change made between this apply's check of a runtime and its write was overwritten by it):\n",
    );
    const wrote = JSON.stringify({
      projects_ref: [],
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'm/dr-a' },
      destination: { environment: 'env-dev', namespaces: ['dr-a'] },
      account: '',
    });
    const now = wrote.replace('"HEAD"', '"their-branch"');
    expect(r.err).toContain(`  nautes-labs/dr-a: this apply wrote ${wrote}; now there is ${now}\n`);
    expect(r.out).toMatch(
      /^Apply incomplete: 1 applied, 0 failed, 0 conflicts, 0 skipped, 1 changed by someone else \(plan /m,
    );
    // both writes landed: apply's create and the other writer's save
    expect((await commits()) - before).toBe(2);
  });
});
