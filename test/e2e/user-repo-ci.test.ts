// The CI files `nautes-cdktf init` writes, in a user's own repository made from the packed tarball: their
// jobs run as GitHub Actions and GitLab CI run them (test/helpers/ci-runner.ts), each in a fresh clone, one
// real `npm ci` per platform (the other jobs link that install), against the local Nautes server and
// stand-ins of GitHub and GitLab (test/helpers/review-platforms.ts). What the review commands decide
// (stale plans, removals, forged comments) is proven in test/cli/apply-reviewed.test.ts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeServer } from '../../lib/fake-server';
import { MAINTAINER, REPORTER, rawHttp } from '../helpers/fake-server';
import {
  parseGithubWorkflow,
  parseGitlabPipeline,
  gitlabJobs,
  gitlabRuleHolds,
  runGithubWorkflow,
  runGitlabJob,
  type GithubJob,
  type GithubStep,
} from '../helpers/ci-runner';
import { githubStandIn, gitlabStandIn, type StandIn } from '../helpers/review-platforms';
import { createCurlRuntime, useUserRepo } from '../helpers/user-repo';

describe("a user's own infrastructure repository", () => {
  const userRepo = useUserRepo('user-repo-ci');
  let work: string;
  let template: string;
  let server: FakeServer;
  let baseEnv: NodeJS.ProcessEnv;
  beforeAll(() => ({ work, template, server, baseEnv } = userRepo.get()));
  const timed = userRepo.timed;

  describe('the CI files init wrote, their jobs run as the CI systems run them', () => {
    // GitHub and GitLab are stand-ins (test/helpers/review-platforms.ts); the jobs run their own scripts
    // (npm ci included, offline from the npm cache) in a fresh clone per job, as a CI runner would.
    const GH_TOKEN = 'ghs_Ci5Wf8Jk2Lm4Np6Qr8St';
    const GL_TOKEN = 'glpat-Ci3Xy5Zb7Dc9Fe1Gh3Jk';
    let origin: string;
    let dev: string;
    let github: StandIn;
    let gitlab: StandIn;
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'dev',
          GIT_AUTHOR_EMAIL: 'dev@example.com',
          GIT_COMMITTER_NAME: 'dev',
          GIT_COMMITTER_EMAIL: 'dev@example.com',
        },
      }).trim();
    const jobDir = (): string => join(work, 'ci-job');
    const ciEnv = (): NodeJS.ProcessEnv => ({
      ...baseEnv,
      NAUTES_API_SERVER: undefined,
      NAUTES_TOKEN: undefined,
      npm_config_offline: 'true',
    });
    /** A fresh clone at `sha`, as the runner's checkout makes it (full history). */
    const checkout = (sha: string): void => {
      rmSync(jobDir(), { recursive: true, force: true });
      rmSync(join(work, 'base'), { recursive: true, force: true });
      git(work, 'clone', '-q', origin, jobDir());
      git(jobDir(), 'checkout', '-q', '--detach', sha);
    };
    /** Commits the change `edit` makes to main.ts on a new branch from main; returns the commit. */
    const branch = (name: string, edit: (main: string) => string): string => {
      git(dev, 'checkout', '-q', '-B', name, 'main');
      writeFileSync(join(dev, 'main.ts'), edit(readFileSync(join(dev, 'main.ts'), 'utf8')));
      git(dev, 'commit', '-qam', name);
      git(dev, 'push', '-q', 'origin', name);
      return git(dev, 'rev-parse', 'HEAD');
    };
    /** Merges a branch into main with a merge commit; returns the merge commit. */
    const merge = (name: string): string => {
      git(dev, 'checkout', '-q', 'main');
      git(dev, 'merge', '-q', '--no-ff', '-m', `Merge ${name}`, name);
      git(dev, 'push', '-q', 'origin', 'main');
      return git(dev, 'rev-parse', 'HEAD');
    };
    const mainSha = (): string => git(dev, 'rev-parse', 'main');

    /** Runs the jobs of a workflow in `needs` order (each on a fresh runner: a fresh clone). */
    /** One real install per platform (the first plan job's `npm ci`); every other job links it. */
    const installs: string[] = [];
    const installed = (platform: string): string | undefined => {
      if (!installs.includes(platform)) return void installs.push(platform);
      return join(template, 'node_modules');
    };
    const ghJob = async (file: string, sha: string, extra: { event?: unknown } = {}) => {
      const wf = parseGithubWorkflow(readFileSync(join(dev, '.github', 'workflows', file), 'utf8'));
      const event = extra.event ?? {};
      // artifacts of this workflow run, by name
      const artifacts = join(work, 'artifacts');
      rmSync(artifacts, { recursive: true, force: true });
      writeFileSync(join(work, 'event.json'), JSON.stringify(event));
      writeFileSync(join(work, 'summary.md'), '');
      const env = {
        ...ciEnv(),
        GITHUB_ACTIONS: 'true',
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_EVENT_PATH: join(work, 'event.json'),
        GITHUB_SHA: sha,
        GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
      };
      // repository secrets (the plan token: a reporter's, which may only read), and the secrets of the
      // environment nautes-production, which only a job naming that environment gets
      const secrets = { NAUTES_PLAN_TOKEN: REPORTER, GITHUB_TOKEN: GH_TOKEN };
      const environments: Record<string, Record<string, string>> = {
        'nautes-production': { NAUTES_TOKEN: MAINTAINER },
      };
      const context = (job: GithubJob) => ({
        vars: { NAUTES_API_SERVER: server.url },
        secrets: { ...secrets, ...(job.environment ? environments[job.environment] : {}) },
        github: { event },
      });
      const checkedOut: string[] = [];
      const uses = async (step: GithubStep): Promise<void> => {
        if (step.uses === 'actions/checkout@v4') {
          expect(step.with?.['persist-credentials']).toBe(false);
          const ref = typeof step.with?.['ref'] === 'string' ? step.with['ref'] : sha;
          checkedOut.push(ref);
          return checkout(ref);
        }
        if (step.uses === 'actions/setup-node@v4')
          return void expect(Number(step.with?.['node-version'])).toBeGreaterThanOrEqual(20);
        const artifact = join(artifacts, String(step.with?.['name']));
        if (step.uses === 'actions/upload-artifact@v4') {
          // the files it names exist; they are kept for the jobs after
          mkdirSync(artifact, { recursive: true });
          for (const f of String(step.with?.['path']).split('\n').filter(Boolean)) {
            expect(existsSync(join(jobDir(), f.trim()))).toBe(true);
            cpSync(join(jobDir(), f.trim()), join(artifact, f.trim()));
          }
          return;
        }
        expect(step.uses).toBe('actions/download-artifact@v4');
        expect(existsSync(artifact)).toBe(true);
        cpSync(artifact, jobDir(), { recursive: true });
      };
      const r = await timed(`GitHub workflow ${file}`, () =>
        runGithubWorkflow(wf, {
          cwd: jobDir,
          env,
          context,
          uses,
          installed: () => installed('github'),
        }),
      );
      return { ...r, checkedOut, summary: readFileSync(join(work, 'summary.md'), 'utf8') };
    };
    const glJob = async (name: string, sha: string, vars: Record<string, string>) => {
      const pipeline = parseGitlabPipeline(readFileSync(join(dev, '.gitlab-ci.yml'), 'utf8'));
      const job = gitlabJobs(pipeline)[name];
      if (!job) throw new Error(`no job ${name}`);
      const ci = {
        GITLAB_CI: 'true',
        CI_API_V4_URL: `${gitlab.url}/api/v4`,
        CI_PROJECT_ID: '7',
        CI_COMMIT_SHA: sha,
        CI_DEFAULT_BRANCH: 'main',
        ...vars,
      };
      expect((job.rules ?? []).some((rule) => gitlabRuleHolds(rule.if, ci))).toBe(true);
      checkout(sha);
      // project CI/CD variables (masked) and the predefined ones; the protected NAUTES_TOKEN only in
      // pipelines of the protected default branch (an MR pipeline has no CI_COMMIT_BRANCH)
      const env = {
        ...ciEnv(),
        ...ci,
        NAUTES_API_SERVER: server.url,
        NAUTES_PLAN_TOKEN: REPORTER,
        ...(vars['CI_COMMIT_BRANCH'] === 'main' ? { NAUTES_TOKEN: MAINTAINER } : {}),
        GITLAB_TOKEN: GL_TOKEN,
      };
      return timed(`GitLab job ${name}`, () =>
        runGitlabJob(pipeline, job, { cwd: jobDir(), env, installed: installed('gitlab') }),
      );
    };
    const onServer = async (name: string) => {
      const r = await rawHttp(
        server.url,
        'GET',
        `/api/v1/products/nautes-labs/deploymentruntimes/${name}`,
        { token: MAINTAINER },
      );
      return r.status === 200
        ? (JSON.parse(r.text) as { manifest_source: { path: string }; account?: string })
        : undefined;
    };
    const declare =
      (name: string, path = `manifests/${name}`) =>
      (m: string): string =>
        m.replace(
          '    new RuntimeInventory(',
          `    new DeploymentRuntime(this, '${name}', { product: 'nautes-labs', name: '${name}', codeRepo: 'api-server', manifestPath: '${path}', environment: 'env-dev', namespaces: ['${name}'] });\n    new RuntimeInventory(`,
        );

    beforeAll(async () => {
      github = await githubStandIn(GH_TOKEN, 'acme/infra');
      gitlab = await gitlabStandIn(GL_TOKEN, '7');
      // the runtime made with curl exists, as when the repository was made with init --product
      await createCurlRuntime(server);
      origin = join(work, 'origin.git');
      git(work, 'init', '-q', '--bare', '-b', 'main', origin);
      dev = join(work, 'ci-dev');
      cpSync(template, dev, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => !src.includes('node_modules'),
      });
      git(dev, 'init', '-q', '-b', 'main');
      git(dev, 'add', '-A');
      git(dev, 'commit', '-qm', 'init');
      git(dev, 'remote', 'add', 'origin', origin);
      git(dev, 'push', '-q', 'origin', 'main');
    }, 60_000);
    afterAll(async () => {
      await github?.close();
      await gitlab?.close();
    });

    test('GitHub Actions: plan and comment on the PR, apply the reviewed plan after merge, report drift', async () => {
      // PR 1 declares dr-ci
      const base = mainSha();
      const head = branch('add-ci', declare('dr-ci'));
      const event = {
        number: 1,
        pull_request: { number: 1, base: { sha: base }, head: { sha: head } },
      };
      const plan = await ghJob('nautes-plan.yml', head, { event });
      expect(plan.code).toBe(0);
      // the plan job on the pull request's code; the comment job on the base's, with the uploaded plan
      expect(plan.jobs).toEqual(['plan', 'comment']);
      expect(plan.checkedOut).toEqual([head, base]);
      expect(plan.uses).toEqual([
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/upload-artifact@v4',
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/download-artifact@v4',
      ]);
      expect(git(jobDir(), 'rev-parse', 'HEAD')).toBe(base);
      expect(plan.summary).toContain('**Changed by this pull request (1):** `nautes-labs/dr-ci`');
      expect(JSON.parse(readFileSync(join(jobDir(), 'plan.json'), 'utf8'))).toMatchObject({
        create: 1,
        update: 0,
        delete: 0,
      });
      const comments = github.comments.get('acme/infra#1') ?? [];
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toMatch(
        /^<!-- nautes-cdktf plan app=ci-job stacks=runtimes -->\n<!-- nautes-cdktf review v2 plan=/,
      );

      // merged: the apply job applies the reviewed plan
      const merged = merge('add-ci');
      github.merged.set(merged, { number: 1, head, labels: [] });
      const apply = await ghJob('nautes-apply.yml', merged);
      expect(apply.out).toContain('Applying the plan reviewed on pull request #1');
      expect(apply.code).toBe(0);
      expect((await onServer('dr-ci'))?.manifest_source.path).toBe('manifests/dr-ci');

      // a change made on the server fails the nightly job (no drift: the GitLab test below)
      const original = await onServer('dr-ci');
      await rawHttp(server.url, 'POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-ci', {
        token: MAINTAINER,
        body: JSON.stringify({ ...original, account: 'by-hand' }),
      });
      const drift = await ghJob('nautes-drift.yml', merged);
      expect(drift.out).toContain('::error::Drift: runtimes were changed on the server');
      expect(drift.summary).toContain('`nautes-labs/dr-ci`');
      expect(drift.code).toBe(1);
      // put back, so the server again holds what main declares (the GitLab test checks no drift)
      await rawHttp(server.url, 'POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-ci', {
        token: MAINTAINER,
        body: JSON.stringify(original),
      });

      // (a stale plan after merge is refused with exit 3, and removals without the approval label with
      // exit 6, by the same command: test/cli/apply-reviewed.test.ts)
    }, 600_000); // the plan job runs npm ci; the jobs after it link its install

    test('GitLab CI: plan with the Terraform report and a note on the MR, apply after merge, scheduled drift check', async () => {
      const base = mainSha();
      const head = branch('add-gl', declare('dr-gl'));
      const plan = await glJob('nautes-plan', head, {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '4',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
      });
      expect(plan.code).toBe(0);
      // the artifacts the job declares, and the report the MR widget reads
      expect(JSON.parse(readFileSync(join(jobDir(), 'plan.json'), 'utf8'))).toMatchObject({
        create: 1,
        update: 0,
        delete: 0,
      });
      expect(readFileSync(join(jobDir(), 'plan.md'), 'utf8')).toContain(
        '**Changed by this pull request (1):** `nautes-labs/dr-gl`',
      );
      expect(gitlab.comments.get('7!4')).toHaveLength(1);
      const merged = merge('add-gl');
      gitlab.merged.set(merged, { number: 4, head, labels: [] });
      const apply = await glJob('nautes-apply', merged, {
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
      });
      expect(apply.out).toContain('Applying the plan reviewed on merge request !4');
      expect(apply.code).toBe(0);
      expect((await onServer('dr-gl'))?.manifest_source.path).toBe('manifests/dr-gl');
      const drift = await glJob('nautes-drift', merged, {
        CI_PIPELINE_SOURCE: 'schedule',
        CI_COMMIT_BRANCH: 'main',
      });
      expect(drift.out).toContain('No drift');
      expect(drift.code).toBe(0);
    }, 600_000);
  });
});
