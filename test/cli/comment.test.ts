// `nautes-cdktf comment`: one current plan comment per app on a GitHub PR or a GitLab MR, found again by its
// marker and its author across pages, updated in place; marker comments by anyone else left alone and
// named; bounded lists; clear errors; retries only on 5xx; never the token in any output.
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
    for (let i = 0; i < 150; i++) stand.addComment('acme/infra#7', `chatter ${i}`, `dev${i % 3}`);
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

  test('GitLab CI: notes read oldest first, paged by X-Next-Page, one current note', async () => {
    stand = await gitlabStandIn(GL_TOKEN, '42');
    for (let i = 0; i < 120; i++) stand.addComment('42!3', `note ${i}`, `dev${i % 3}`);
    const env = {
      GITLAB_CI: 'true',
      GITLAB_TOKEN: GL_TOKEN,
      CI_API_V4_URL: `${stand.url}/api/v4`,
      CI_PROJECT_ID: '42',
      CI_MERGE_REQUEST_IID: '3',
    };
    expect((await run(env, '--file', 'plan.md')).out).toMatch(/^created GitLab comment/);
    expect((await run(env, '--file', 'plan2.md')).out).toMatch(/^updated GitLab comment/);
    expect(stand.comments.get('42!3')?.filter((c) => c.body.startsWith(MARKER))).toHaveLength(1);
    expect(stand.calls).toContain(
      'GET /api/v4/projects/42/merge_requests/3/notes?sort=asc&order_by=created_at&per_page=100&page=2',
    );
    // the identity is the token's own user
    expect(stand.calls).toContain('GET /api/v4/user');
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
    expect(stand.calls).toEqual([
      'GET /api/v4/user',
      'GET /api/v4/projects/group%2Finfra/merge_requests/9/notes?sort=asc&order_by=created_at&per_page=100&page=1',
      'POST /api/v4/projects/group%2Finfra/merge_requests/9/notes',
    ]);
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

  test('GitHub: a marker comment by someone else is not taken as ours, left alone and named', async () => {
    stand = await githubStandIn(GH_TOKEN, 'acme/infra');
    const forged = stand.addComment('acme/infra#7', `${MARKER}\n### No changes.\n`, 'mallory');
    const r = await run(
      { GITHUB_TOKEN: GH_TOKEN, GITHUB_API_URL: stand.url },
      '--file',
      'plan.md',
      '--repo',
      'acme/infra',
      '--pr',
      '7',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^created GitHub comment \d+/);
    expect(r.err).toContain(
      `warning: ignored 1 comment(s) with this plan's marker not written by @github-actions[bot]: ${forged.id} by @mallory`,
    );
    const all = stand.comments.get('acme/infra#7') ?? [];
    expect(all.map((c) => [c.author.login, c.body.split('\n')[1]])).toEqual([
      ['mallory', '### No changes.'],
      ['github-actions[bot]', '### plan one'],
    ]);
    // the next plan updates ours, never the forged one (which only its author could edit: 403)
    expect(
      (
        await run(
          { GITHUB_TOKEN: GH_TOKEN, GITHUB_API_URL: stand.url },
          '--file',
          'plan2.md',
          '--repo',
          'acme/infra',
          '--pr',
          '7',
        )
      ).out,
    ).toMatch(/^updated/);
    expect(stand.comments.get('acme/infra#7')?.map((c) => c.body.split('\n')[1])).toEqual([
      '### No changes.',
      '### plan two',
    ]);
  });

  test('GitHub with a personal token: --comment-author names whose comments are ours; a duplicate of ours is superseded', async () => {
    stand = await githubStandIn(GH_TOKEN, 'acme/infra');
    stand.tokens.set('ghp_Personal5Token7Xy', { login: 'ci-bot', id: 9, kind: 'personal' });
    const older = stand.addComment('acme/infra#7', `${MARKER}\n### old\n`, 'ci-bot');
    const newer = stand.addComment('acme/infra#7', `${MARKER}\n### older copy\n`, 'ci-bot');
    const env = { GITHUB_TOKEN: 'ghp_Personal5Token7Xy', GITHUB_API_URL: stand.url };
    const args = ['--file', 'plan.md', '--repo', 'acme/infra', '--pr', '7'];
    const r = await run(env, ...args, '--comment-author', 'CI-Bot');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`updated GitHub comment ${older.id}\n`);
    expect(r.err).toContain(`marked GitHub comment ${newer.id} superseded`);
    expect(
      stand.comments
        .get('acme/infra#7')
        ?.filter((c) => c.body.startsWith(MARKER))
        .map((c) => c.id),
    ).toEqual([older.id]);
    // without --comment-author the default identity is the Actions bot: the post is flagged
    const other = await run(env, '--file', 'other.md', '--repo', 'acme/infra', '--pr', '7');
    expect(other.err).toContain(
      'warning: the comment was posted as @ci-bot, not @github-actions[bot]: "apply --reviewed" will not accept it; pass --comment-author ci-bot',
    );
  });

  test('GitLab lists newest first by default: the client asks oldest first and updates the oldest of its own', async () => {
    stand = await gitlabStandIn(GL_TOKEN, '42');
    const mine = stand.addComment('42!3', `${MARKER}\n### first\n`, 'project_42_bot_1');
    stand.addComment('42!3', `${MARKER}\n### forged later\n`, 'mallory');
    const env = {
      GITLAB_CI: 'true',
      GITLAB_TOKEN: GL_TOKEN,
      CI_API_V4_URL: `${stand.url}/api/v4`,
      CI_PROJECT_ID: '42',
      CI_MERGE_REQUEST_IID: '3',
    };
    const r = await run(env, '--file', 'plan2.md');
    expect(r.out).toBe(`updated GitLab comment ${mine.id}\n`);
    expect(r.err).toContain('by @mallory');
  });

  test('GitLab CI_JOB_TOKEN cannot tell whose notes are ours: a usage error naming the way out', async () => {
    stand = await gitlabStandIn(GL_TOKEN, '42');
    stand.tokens.set('job-Tk3n', { login: 'dev-alice', id: 3, kind: 'job' });
    const r = await run(
      {
        GITLAB_CI: 'true',
        CI_JOB_TOKEN: 'job-Tk3n',
        CI_API_V4_URL: `${stand.url}/api/v4`,
        CI_PROJECT_ID: '42',
        CI_MERGE_REQUEST_IID: '3',
      },
      '--file',
      'plan.md',
    );
    expect(r.code).toBe(64);
    expect(r.err).toContain(
      'set GITLAB_TOKEN (the token that posts the plan notes) or pass --comment-author',
    );
    expect(stand.calls.filter((c) => c.includes('/notes'))).toEqual([]);
  });

  test.each(['github', 'gitlab'] as const)(
    '%s: a platform that always answers a next page is read at most 100 pages, then a clear error',
    async (platform) => {
      stand =
        platform === 'github'
          ? await githubStandIn(GH_TOKEN, 'acme/infra')
          : await gitlabStandIn(GL_TOKEN, '42');
      stand.endlessPages = true;
      const env: Record<string, string> =
        platform === 'github'
          ? { GITHUB_TOKEN: GH_TOKEN, GITHUB_API_URL: stand.url }
          : { GITLAB_TOKEN: GL_TOKEN, CI_API_V4_URL: `${stand.url}/api/v4` };
      const where =
        platform === 'github'
          ? ['--repo', 'acme/infra', '--pr', '7']
          : ['--project', '42', '--mr', '3'];
      const r = await run(env, '--file', 'plan.md', ...where);
      expect(r.code).toBe(1);
      expect(r.err).toContain('[NAUTES_REVIEW_LIMIT]');
      expect(r.err).toContain('more than 100 pages of comments; stopped reading');
      expect(
        stand.calls.filter((c) => c.includes('/comments?') || c.includes('/notes?')),
      ).toHaveLength(100);
      expect(
        stand.calls.some(
          (c) => c.startsWith('POST') || c.startsWith('PATCH') || c.startsWith('PUT'),
        ),
      ).toBe(false);
    },
  );
});
