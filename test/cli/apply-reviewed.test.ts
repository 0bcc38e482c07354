// `apply --reviewed`: after a merge, CI applies exactly the plan reviewed on the pull/merge request the
// commit came from (read from its plan comment), refuses a stale one, and refuses removals unless the
// request carries the approval label. GitHub and GitLab are stand-ins (test/helpers/review-platforms.ts);
// the Nautes API is the local server over loopback.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { NautesClient } from '../../lib/api';
import { main } from '../../lib/cli/main';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp, runtimeDecl } from '../helpers/cdktf-app';
import { MAINTAINER } from '../helpers/fake-server';
import { githubStandIn, gitlabStandIn, type StandIn } from '../helpers/review-platforms';
import { captureIo } from '../helpers/streams';

jest.setTimeout(90_000);

const GH_TOKEN = 'ghs_Rv3Ty6Ui8Op1As4Df7Gh';
const GL_TOKEN = 'glpat-Mn4Bv6Cx8Za1Sd3Fg5Hj';
const decl = runtimeDecl;
const sha = (n: number): string => n.toString(16).padStart(40, 'a');

describe('apply --reviewed', () => {
  let server: FakeServer;
  let app: CdktfApp;
  let github: StandIn;
  let gitlab: StandIn;
  let client: NautesClient;
  // a fresh server (and apps) per test: no test sees what another wrote
  beforeEach(async () => {
    server = await startFakeServer();
    app = new CdktfApp(server.url, MAINTAINER);
    github = await githubStandIn(GH_TOKEN, 'acme/infra');
    gitlab = await gitlabStandIn(GL_TOKEN, '42');
    client = new NautesClient({ apiServer: server.url, token: MAINTAINER, env: {} });
  });
  afterEach(async () => {
    await client.close();
    await github.close();
    await gitlab.close();
    await server.close();
    app.cleanup();
  });
  const ghEnv = (extra: Record<string, string> = {}) => ({
    ...app.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_TOKEN: GH_TOKEN,
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/infra',
    ...extra,
  });
  const glEnv = (extra: Record<string, string> = {}) => ({
    ...app.env,
    GITLAB_CI: 'true',
    GITLAB_TOKEN: GL_TOKEN,
    CI_API_V4_URL: `${gitlab.url}/api/v4`,
    CI_PROJECT_ID: '42',
    ...extra,
  });
  const run = async (env: Record<string, string | undefined>, ...argv: string[]) => {
    const io = captureIo(env, app.dir);
    const code = await main(argv, io);
    const all = io.out() + io.err();
    expect(all).not.toContain(GH_TOKEN);
    expect(all).not.toContain(GL_TOKEN);
    return { code, out: io.out(), err: io.err(), all };
  };
  /** The plan job of a pull request: plan the app as the PR has it and post the comment. */
  const review = async (env: Record<string, string | undefined>, ...requestArgs: string[]) => {
    const plan = await run(
      env,
      'plan',
      '--format',
      'markdown',
      '--approval-label',
      'nautes-approve-removals',
    );
    expect([0, 2]).toContain(plan.code);
    writeFileSync(`${app.dir}/plan.md`, plan.out);
    const posted = await run(env, 'comment', '--file', 'plan.md', ...requestArgs);
    expect(posted.code).toBe(0);
    return plan.out;
  };
  const names = async () =>
    (await client.listDeploymentRuntimes('nautes-labs')).map((r) => r.name).sort();

  test('GitHub: the reviewed plan is applied after merge; a stale one is refused and nothing is sent', async () => {
    app.write({ runtimes: [decl('dr-a'), decl('dr-b')], inventories: [] });
    await review(ghEnv(), '--pr', '7');
    github.merged.set(sha(1), { number: 7, head: sha(101), labels: [] });
    const applied = await run(
      ghEnv({ GITHUB_SHA: sha(1) }),
      'apply',
      '--reviewed',
      '--auto-approve',
    );
    expect(applied.err).toContain('Applying the plan reviewed on pull request #7');
    expect(applied.out).toContain('Apply complete: 2 applied');
    expect(applied.code).toBe(0);
    expect(await names()).toEqual(expect.arrayContaining(['dr-a', 'dr-b']));

    // PR 8 changes dr-a; after its review someone edits dr-b on the server: the merge is refused
    app.write({
      runtimes: [decl('dr-a', { manifestPath: 'm/a2' }), decl('dr-b')],
      inventories: [],
    });
    await review(ghEnv(), '--pr', '8');
    const b = await client.getDeploymentRuntime('nautes-labs', 'dr-b');
    await client.saveDeploymentRuntime('nautes-labs', 'dr-b', { ...b, account: 'by-hand' });
    github.merged.set(sha(2), { number: 8, head: sha(102), labels: [] });
    const stale = await run(ghEnv({ GITHUB_SHA: sha(2) }), 'apply', '--reviewed', '--auto-approve');
    expect(stale.code).toBe(3);
    expect(stale.err).toMatch(
      /the plan reviewed on pull request #8 \(plan [0-9a-f]{12}\) is not what commit a{12} would apply now \(plan [0-9a-f]{12}\): the runtimes on the server changed since the review\. Nothing was sent\. Have the current plan reviewed in a new pull\/merge request/,
    );
    expect((await client.getDeploymentRuntime('nautes-labs', 'dr-a')).manifest_source.path).toBe(
      'm/dr-a',
    );

    // the code at the merged commit differs from what was reviewed (the branch changed after its last plan)
    await review(ghEnv(), '--pr', '8');
    app.write({
      runtimes: [decl('dr-a', { manifestPath: 'm/a3' }), decl('dr-b')],
      inventories: [],
    });
    const moved = await run(ghEnv({ GITHUB_SHA: sha(2) }), 'apply', '--reviewed', '--auto-approve');
    expect(moved.code).toBe(3);
    expect(moved.err).toContain('the code at this commit plans other changes');
    expect((await client.getDeploymentRuntime('nautes-labs', 'dr-a')).manifest_source.path).toBe(
      'm/dr-a',
    );
  });

  test('removals are applied only with the approval label on the merged request', async () => {
    await client.saveDeploymentRuntime('nautes-labs', 'dr-stray', {
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'stray' },
      destination: { environment: 'env-test' },
    });
    app.write({
      runtimes: [decl('dr-a'), decl('dr-b', { account: 'by-hand' })],
      inventories: [{ product: 'nautes-labs', prune: true }],
    });
    const comment = await review(ghEnv(), '--pr', '9');
    expect(comment).toMatch(
      /> \*\*Destructive changes \(\d+\):\*\* .*`nautes-labs\/dr-stray` \(prune\)/,
    );
    expect(comment).toContain(
      '> The apply after merge refuses them unless this pull request carries the label `nautes-approve-removals`.',
    );
    github.merged.set(sha(3), { number: 9, head: sha(103), labels: ['documentation'] });
    const refused = await run(
      ghEnv({ GITHUB_SHA: sha(3) }),
      'apply',
      '--reviewed',
      '--auto-approve',
    );
    expect(refused.code).toBe(6);
    expect(refused.err).toContain('removes');
    expect(refused.err).toContain('nautes-labs/dr-stray (delete)');
    expect(refused.err).toContain(
      'does not carry the label "nautes-approve-removals". Nothing was sent',
    );
    expect(await names()).toContain('dr-stray');
    github.merged.get(sha(3))?.labels.push('nautes-approve-removals');
    const approved = await run(
      ghEnv({ GITHUB_SHA: sha(3) }),
      'apply',
      '--reviewed',
      '--auto-approve',
    );
    expect(approved.code).toBe(0);
    expect(await names()).not.toContain('dr-stray');
  });

  test('a commit with no merged request, or a request with no plan comment, is refused', async () => {
    app.write({ runtimes: [decl('dr-a')], inventories: [] });
    const direct = await run(
      ghEnv({ GITHUB_SHA: sha(4) }),
      'apply',
      '--reviewed',
      '--auto-approve',
    );
    expect(direct.code).toBe(3);
    expect(direct.err).toContain(
      `commit ${sha(4).slice(0, 12)} is not the merge of a pull request. Nothing was sent`,
    );
    github.merged.set(sha(5), { number: 10, head: sha(105), labels: [] });
    const silent = await run(
      ghEnv({ GITHUB_SHA: sha(5) }),
      'apply',
      '--reviewed',
      '--auto-approve',
    );
    expect(silent.code).toBe(3);
    expect(silent.err).toContain('pull request #10 has no plan comment for this app');
    expect((await run(ghEnv(), 'apply', '--reviewed', '--plan', 'x.json')).code).toBe(64);
  });

  test('GitLab: the plan reviewed on the merge request is applied after merge', async () => {
    app.write({
      runtimes: [decl('dr-a'), decl('dr-b', { account: 'by-hand' }), decl('dr-gl')],
      inventories: [],
    });
    await review(glEnv({ CI_MERGE_REQUEST_IID: '5' }));
    gitlab.merged.set(sha(6), { number: 5, head: sha(106), labels: [] });
    const applied = await run(
      glEnv({ CI_COMMIT_SHA: sha(6) }),
      'apply',
      '--reviewed',
      '--auto-approve',
    );
    expect(applied.err).toContain('Applying the plan reviewed on merge request !5');
    expect(applied.code).toBe(0);
    expect(await names()).toContain('dr-gl');
    expect(gitlab.calls).toContain(
      `GET /api/v4/projects/42/repository/commits/${sha(6)}/merge_requests`,
    );
  });

  describe('only the plan the reviewers saw is applied', () => {
    const reviewedPr = async (n: number, m: number) => {
      const text = await review(ghEnv(), '--pr', String(n));
      github.merged.set(sha(m), { number: n, head: sha(100 + m), labels: [] });
      return text;
    };
    const applyMerged = (m: number) =>
      run(ghEnv({ GITHUB_SHA: sha(m) }), 'apply', '--reviewed', '--auto-approve');
    const forgedText = (genuine: string): string => {
      // the real marker and a record recomputed for the forged text: only the visible text differs
      const [marker, record] = genuine.split('\n');
      const text =
        '### Nautes deployment runtimes plan\n\nNo changes. The Nautes runtimes match the code.\n';
      const digest = createHash('sha256').update(text.trimEnd()).digest('hex');
      return `${marker}\n${(record ?? '').replace(/text=[0-9a-f]{64}/, `text=${digest}`)}\n${text}`;
    };

    test('a marker comment by anyone but the bot is ignored and named; without the bot comment nothing is applied', async () => {
      app.write({ runtimes: [decl('dr-a')], inventories: [] });
      // computed with a read-only view of the same plan, posted by an outsider before the bot
      const genuine = (await run(ghEnv(), 'plan', '--format', 'markdown')).out;
      const forged = github.addComment('acme/infra#20', forgedText(genuine), 'mallory');
      github.merged.set(sha(20), { number: 20, head: sha(120), labels: [] });
      const r = await applyMerged(20);
      expect(r.code).toBe(3);
      expect(r.err).toContain(
        `warning: ignored 1 comment(s) on pull request #20 with this app's marker not written by @github-actions[bot]: ${forged.id} by @mallory`,
      );
      expect(r.err).toContain(
        'pull request #20 has no plan comment for this app by @github-actions[bot]',
      );
      expect(await names()).not.toContain('dr-a');
      // the bot's own comment, posted after the forged one, is the one applied
      await review(ghEnv(), '--pr', '20');
      const ok = await applyMerged(20);
      expect([ok.code, ok.err]).toEqual([0, expect.stringContaining(`by @mallory`)]);
      expect(await names()).toContain('dr-a');
    });

    test('a bot comment whose text was edited is refused, with a matching digest or without', async () => {
      app.write({ runtimes: [decl('dr-a'), decl('dr-b')], inventories: [] });
      const genuine = await reviewedPr(21, 21);
      const ours = (github.comments.get('acme/infra#21') ?? [])[0];
      if (!ours) throw new Error('no comment posted');
      // edited text, record untouched: the digest no longer fits
      ours.body = genuine.replace('dr-b', 'dr-z');
      const edited = await applyMerged(21);
      expect(edited.code).toBe(3);
      expect(edited.err).toContain(
        `[NAUTES_REVIEW_COMMENT_REFUSED]: the text of plan comment ${ours.id} on pull request #21 is not the text its plan job posted (it was edited after it was posted). Nothing was sent`,
      );
      // a text rewritten with its digest recomputed: it is not what the fresh plan renders
      ours.body = forgedText(genuine);
      const forged = await applyMerged(21);
      expect(forged.code).toBe(3);
      expect(forged.err).toContain(
        `the text of plan comment ${ours.id} on pull request #21 is not what the plan of this commit renders`,
      );
      // a damaged record
      ours.body = genuine.replace(/ text=[0-9a-f]{64}/, '');
      const damaged = await applyMerged(21);
      expect(damaged.code).toBe(3);
      expect(damaged.err).toContain('carries no review record this version reads');
      expect(await names()).toEqual([]);
      // the genuine text (as the platform may hand it back: CRLF line ends, no final newline) applies
      ours.body = genuine.replace(/\n/g, '\r\n').trimEnd();
      expect((await applyMerged(21)).code).toBe(0);
      expect(await names()).toEqual(['dr-a', 'dr-b']);
    });

    test('two plan comments of the bot for one app are refused, naming both', async () => {
      app.write({ runtimes: [decl('dr-a')], inventories: [] });
      const genuine = await reviewedPr(22, 22);
      const copy = github.addComment('acme/infra#22', genuine, 'github-actions[bot]');
      const first = (github.comments.get('acme/infra#22') ?? [])[0];
      const r = await applyMerged(22);
      expect(r.code).toBe(3);
      expect(r.err).toContain(
        `pull request #22 has 2 plan comments of @github-actions[bot] for this app (${first?.id} by @github-actions[bot], ${copy.id} by @github-actions[bot]); which one was reviewed is unclear. Nothing was sent`,
      );
      expect(await names()).toEqual([]);
    });

    test('GitLab: a newer forged note does not win (notes read oldest first, by the token user only)', async () => {
      app.write({ runtimes: [decl('dr-a'), decl('dr-b')], inventories: [] });
      await review(glEnv({ CI_MERGE_REQUEST_IID: '23' }));
      // a stale-making edit of the code would be caught; here someone posts "the same" plan with other text
      const genuine = (gitlab.comments.get('42!23') ?? [])[0]?.body ?? '';
      gitlab.addComment('42!23', forgedText(genuine), 'mallory');
      gitlab.merged.set(sha(23), { number: 23, head: sha(123), labels: [] });
      const r = await run(
        glEnv({ CI_COMMIT_SHA: sha(23) }),
        'apply',
        '--reviewed',
        '--auto-approve',
      );
      expect(r.code).toBe(0);
      expect(r.err).toContain('by @mallory');
      expect(gitlab.calls).toContain('GET /api/v4/user');
      expect(gitlab.calls).toContain(
        'GET /api/v4/projects/42/merge_requests/23/notes?sort=asc&order_by=created_at&per_page=100&page=1',
      );
      expect(await names()).toEqual(['dr-a', 'dr-b']);
    });
  });
});
