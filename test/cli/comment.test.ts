// `nautes-cdktf comment`: one current plan comment per app on a GitHub PR or a GitLab MR, found again by its
// marker across pages, updated in place; clear errors; retries only on 5xx; never the token in any output.
// GitHub and GitLab are stand-ins modelled on their REST docs (test/helpers/review-platforms.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { commentMarker } from '../../lib/render';
import { githubStandIn, gitlabStandIn, type StandIn } from '../helpers/review-platforms';
import { captureIo } from '../helpers/streams';

const GH_TOKEN = 'ghs_Qw7Er9Ty2Ui4Op6As8Df';
const GL_TOKEN = 'glpat-Zx5Cv7Bn9Mk2Lj4Hg6Fd';
const MARKER = commentMarker('app=infra stacks=runtimes');

describe('nautes-cdktf comment', () => {
  let dir: string;
  let stand: StandIn | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-comment-'));
    writeFileSync(join(dir, 'plan.md'), `${MARKER}\n### plan one\n`);
    writeFileSync(join(dir, 'plan2.md'), `${MARKER}\n### plan two\n`);
    writeFileSync(
      join(dir, 'other.md'),
      `${commentMarker('app=other stacks=x')}\n### another app\n`,
    );
    writeFileSync(join(dir, 'nomarker.md'), '### no marker\n');
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });
  const run = async (env: Record<string, string>, ...argv: string[]) => {
    const io = captureIo(env, dir);
    const code = await main(['comment', ...argv], io);
    const all = io.out() + io.err();
    expect(all).not.toContain(GH_TOKEN);
    expect(all).not.toContain(GL_TOKEN);
    return { code, out: io.out(), err: io.err() };
  };

  test('GitHub Actions: creates the comment, then updates it in place (found on page 2 of 150 comments)', async () => {
    stand = await githubStandIn(GH_TOKEN, 'acme/infra');
    stand.comments.set(
      'acme/infra#7',
      Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `chatter ${i}` })),
    );
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_TOKEN: GH_TOKEN,
      GITHUB_API_URL: stand.url,
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
    };
    const first = await run(env, '--file', 'plan.md');
    expect(first.out).toMatch(/^created GitHub comment \d+/);
    const second = await run(env, '--file', 'plan2.md');
    expect(second.out).toMatch(/^updated GitHub comment \d+/);
    // another app's comment is its own
    expect((await run(env, '--file', 'other.md')).out).toMatch(/^created/);
    const ours =
      stand.comments.get('acme/infra#7')?.filter((c) => c.body.startsWith('<!-- nautes-cdktf')) ??
      [];
    expect(ours.map((c) => c.body.split('\n')[1])).toEqual(['### plan two', '### another app']);
    expect(stand.calls.filter((c) => c.startsWith('GET')).slice(0, 2)).toEqual([
      'GET /repos/acme/infra/issues/7/comments?per_page=100&page=1',
      'GET /repos/acme/infra/issues/7/comments?per_page=100&page=2',
    ]);
  });

  test('GitLab CI with CI_JOB_TOKEN: notes paged by X-Next-Page, one current note', async () => {
    stand = await gitlabStandIn(GL_TOKEN, '42');
    stand.comments.set(
      '42!3',
      Array.from({ length: 120 }, (_, i) => ({ id: i + 1, body: `note ${i}` })),
    );
    const env = {
      GITLAB_CI: 'true',
      CI_JOB_TOKEN: GL_TOKEN,
      CI_API_V4_URL: `${stand.url}/api/v4`,
      CI_PROJECT_ID: '42',
      CI_MERGE_REQUEST_IID: '3',
    };
    expect((await run(env, '--file', 'plan.md')).out).toMatch(/^created GitLab comment/);
    expect((await run(env, '--file', 'plan2.md')).out).toMatch(/^updated GitLab comment/);
    expect(stand.comments.get('42!3')?.filter((c) => c.body.startsWith(MARKER))).toHaveLength(1);
    expect(stand.calls).toContain(
      'GET /api/v4/projects/42/merge_requests/3/notes?per_page=100&page=2',
    );
  });

  test('GitLab with GITLAB_TOKEN and --project/--mr: sent as PRIVATE-TOKEN', async () => {
    stand = await gitlabStandIn(GL_TOKEN, 'group/infra');
    const r = await run(
      { GITLAB_TOKEN: GL_TOKEN, CI_API_V4_URL: `${stand.url}/api/v4` },
      '--file',
      'plan.md',
      '--project',
      'group/infra',
      '--mr',
      '9',
    );
    expect(r.code).toBe(0);
    expect(stand.calls[0]).toBe(
      'GET /api/v4/projects/group%2Finfra/merge_requests/9/notes?per_page=100&page=1',
    );
  });

  test.each([
    [401, 'NAUTES_REVIEW_UNAUTHORIZED', 'the token is missing, wrong or expired'],
    [403, 'NAUTES_REVIEW_FORBIDDEN', 'pull-requests: write'],
    [404, 'NAUTES_REVIEW_NOT_FOUND', 'no such repository'],
  ])('GitHub %i: a clear error, not retried, no token', async (status, code, hint) => {
    stand = await githubStandIn(GH_TOKEN, 'acme/infra');
    stand.failNext.push(status);
    const r = await run(
      { GITHUB_TOKEN: GH_TOKEN, GITHUB_API_URL: stand.url },
      '--file',
      'plan.md',
      '--repo',
      'acme/infra',
      '--pr',
      '7',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(code);
    expect(r.err).toContain(hint);
    expect(stand.calls).toHaveLength(1);
  });

  test('5xx answers are retried', async () => {
    stand = await githubStandIn(GH_TOKEN, 'acme/infra');
    stand.failNext.push(502, 503);
    const r = await run(
      { GITHUB_TOKEN: GH_TOKEN, GITHUB_API_URL: stand.url },
      '--file',
      'plan.md',
      '--repo',
      'acme/infra',
      '--pr',
      '8',
    );
    expect(r.code).toBe(0);
    expect(stand.calls.filter((c) => c.startsWith('GET'))).toHaveLength(3);
  });

  test('bad usage: no marker, too long for the platform, no platform', async () => {
    expect(
      (await run({ GITHUB_TOKEN: GH_TOKEN }, '--file', 'nomarker.md', '--repo', 'a/b', '--pr', '1'))
        .code,
    ).toBe(64);
    writeFileSync(join(dir, 'huge.md'), `${MARKER}\n${'x'.repeat(70_000)}\n`);
    const huge = await run(
      { GITHUB_TOKEN: GH_TOKEN },
      '--file',
      'huge.md',
      '--repo',
      'a/b',
      '--pr',
      '1',
    );
    expect(huge.code).toBe(64);
    expect(huge.err).toContain(
      'GitHub takes at most 65536: render it again with --max-comment-chars 64536',
    );
    expect((await run({}, '--file', 'plan.md')).err).toContain('cannot tell the platform');
  });
});
