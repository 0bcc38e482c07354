// The CI files `nautes-cdktf init` writes parse, trigger on the right events, keep expressions out of shell,
// and call only commands and options our CLI has. (test/e2e/user-repo.test.ts runs their jobs.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../../lib/cli/arguments';
import { APPLY_FLAGS, APPLY_HELP } from '../../../lib/cli/commands/apply';
import { COMMENT_FLAGS, COMMENT_HELP } from '../../../lib/cli/commands/comment';
import { PLAN_FLAGS, PLAN_HELP } from '../../../lib/cli/commands/plan';
import { main } from '../../../lib/cli/main';
import { planChanges } from '../../../lib/engine';
import type { DeploymentRuntime } from '../../../lib/model';
import { renderMarkdown } from '../../../lib/render';
import { ciTemplateFiles } from '../../../lib/cli/scaffold/ci-templates';
import {
  gitlabJobs,
  gitlabRuleHolds,
  nautesInvocations,
  parseGithubWorkflow,
  parseGitlabPipeline,
} from '../../helpers/ci-runner';
import { captureIo } from '../../helpers/streams';

const files = ciTemplateFiles(['github', 'gitlab']);
const text = (path: string): string => {
  const t = files.get(path);
  if (t === undefined) throw new Error(`no ${path}`);
  return t;
};
const COMMANDS: Record<string, { flags: readonly string[]; help: string }> = {
  plan: { flags: PLAN_FLAGS, help: PLAN_HELP },
  apply: { flags: APPLY_FLAGS, help: APPLY_HELP },
  comment: { flags: COMMENT_FLAGS, help: COMMENT_HELP },
};

/** Each invocation's command exists and parses with that command's options, each documented in its help. */
function checkInvocations(scripts: string[]): string[] {
  const seen: string[] = [];
  for (const argv of scripts.flatMap(nautesInvocations)) {
    const [cmd, ...rest] = argv;
    const known = COMMANDS[cmd as string];
    expect(known).toBeDefined();
    if (!known) continue;
    expect(() => parseArgs(rest, known.flags)).not.toThrow();
    for (const flag of rest.filter((a) => a.startsWith('--'))) expect(known.help).toContain(flag);
    seen.push(`${cmd} ${rest.filter((a) => a.startsWith('--')).join(' ')}`);
  }
  return seen;
}

describe('GitHub Actions workflows', () => {
  const plan = parseGithubWorkflow(text('.github/workflows/nautes-plan.yml'));
  const apply = parseGithubWorkflow(text('.github/workflows/nautes-apply.yml'));
  const drift = parseGithubWorkflow(text('.github/workflows/nautes-drift.yml'));

  test('triggers and permissions: plan on pull requests, apply on push to the default branch, drift nightly', () => {
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    expect(plan.permissions).toEqual({ contents: 'read' });
    expect(plan.jobs['plan']?.permissions).toEqual({ contents: 'read' });
    expect(plan.jobs['comment']?.permissions).toEqual({
      contents: 'read',
      'pull-requests': 'write',
    });
    expect(plan.jobs['comment']?.needs).toBe('plan');
    expect(apply.on).toEqual({ push: { branches: ['main'] } });
    expect(apply.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(drift.on['schedule']).toEqual([{ cron: '17 5 * * *' }]);
    expect(
      parseGithubWorkflow(
        ciTemplateFiles(['github'], { defaultBranch: 'trunk' }).get(
          '.github/workflows/nautes-apply.yml',
        ) ?? '',
      ).on,
    ).toEqual({ push: { branches: ['trunk'] } });
  });

  test('scripts read environment variables only (no ${{ }} in run:), actions are the official ones', () => {
    for (const wf of [plan, apply, drift])
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps) {
          if (step.run !== undefined) expect(step.run).not.toContain('${{');
          if (step.uses)
            expect([
              'actions/checkout@v4',
              'actions/setup-node@v4',
              'actions/upload-artifact@v4',
              'actions/download-artifact@v4',
            ]).toContain(step.uses);
        }
      }
  });

  test('least privilege: each secret on the one step that needs it; the code of a pull request never meets a token that writes', () => {
    const jobs = { ...plan.jobs, apply: apply.jobs['apply'], drift: drift.jobs['drift'] };
    /** secret name -> the steps (job/step index) whose env reads it */
    const secretUse = new Map<string, string[]>();
    for (const [name, job] of Object.entries(jobs)) {
      if (!job) throw new Error(`no job ${name}`);
      // no secret in a job's env (every step would have it, npm ci included)
      expect(JSON.stringify(job.env ?? {})).not.toContain('secrets.');
      job.steps.forEach((step, i) => {
        if (step.uses === 'actions/checkout@v4')
          expect(step.with?.['persist-credentials']).toBe(false);
        for (const [k, v] of Object.entries(step.env ?? {})) {
          const m = /^\$\{\{ secrets\.(\w+) \}\}$/.exec(v);
          if (m)
            secretUse.set(`${k}=${m[1]}`, [
              ...(secretUse.get(`${k}=${m[1]}`) ?? []),
              `${name}/${i}`,
            ]);
        }
      });
    }
    const stepOf = (job: string, run: RegExp): string =>
      `${job}/${jobs[job as keyof typeof jobs]?.steps.findIndex((s) => run.test(s.run ?? '')) ?? -1}`;
    expect(Object.fromEntries(secretUse)).toEqual({
      'NAUTES_TOKEN=NAUTES_PLAN_TOKEN': [
        stepOf('plan', /nautes-cdktf plan/),
        stepOf('drift', /nautes-cdktf plan/),
      ],
      'GITHUB_TOKEN=GITHUB_TOKEN': [
        stepOf('comment', /nautes-cdktf comment/),
        stepOf('apply', /nautes-cdktf apply/),
      ],
      'NAUTES_TOKEN=NAUTES_TOKEN': [stepOf('apply', /nautes-cdktf apply/)],
    });
    // the token that writes is a secret of an environment limited to the default branch
    expect(apply.jobs['apply']?.environment).toBe('nautes-production');
    for (const job of [plan.jobs['plan'], plan.jobs['comment'], drift.jobs['drift']])
      expect(job?.environment).toBeUndefined();
    // the comment job runs the base branch's code only, and the plan that the plan job uploaded
    const comment = plan.jobs['comment']?.steps ?? [];
    expect(comment[0]).toEqual({
      uses: 'actions/checkout@v4',
      with: { ref: '${{ github.event.pull_request.base.sha }}', 'persist-credentials': false },
    });
    expect(comment.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'actions/download-artifact@v4',
      'npx nautes-cdktf comment --file plan.md',
    ]);
    // (no npm cache there: the plan job, which runs the pull request's code, may have saved it)
    expect(comment[1]?.with?.['cache']).toBeUndefined();
    expect(comment[3]?.with).toEqual({ name: 'nautes-plan' });
    expect(
      plan.jobs['plan']?.steps.find((s) => s.uses?.startsWith('actions/upload'))?.with,
    ).toEqual({
      name: 'nautes-plan',
      path: 'plan.json\nplan.md\n',
    });
  });

  test('every nautes-cdktf call exists with those options', () => {
    const runs = (wf: typeof plan) =>
      Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    expect(checkInvocations(runs(plan))).toEqual([
      'plan --base-app-dir --approval-label --format --out --summary-file',
      'comment --file',
    ]);
    expect(checkInvocations(runs(apply))).toEqual([
      'apply --reviewed --approval-label --auto-approve',
    ]);
    expect(checkInvocations(runs(drift))).toEqual([
      'plan --detailed-exitcode --format --summary-file',
    ]);
  });
});

describe('GitLab CI pipeline', () => {
  const pipeline = parseGitlabPipeline(text('.gitlab-ci.yml'));
  const jobs = gitlabJobs(pipeline);

  test('each job runs in its pipeline only', () => {
    const runsIn = (vars: Record<string, string>) =>
      Object.entries(jobs)
        .filter(([, j]) => (j.rules ?? []).some((r) => gitlabRuleHolds(r.if, vars)))
        .map(([n]) => n);
    expect(runsIn({ CI_PIPELINE_SOURCE: 'merge_request_event' })).toEqual(['nautes-plan']);
    expect(
      runsIn({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' }),
    ).toEqual(['nautes-apply']);
    expect(
      runsIn({
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'feature',
        CI_DEFAULT_BRANCH: 'main',
      }),
    ).toEqual([]);
    expect(
      runsIn({
        CI_PIPELINE_SOURCE: 'schedule',
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
      }),
    ).toEqual(['nautes-drift']);
  });

  test('the plan is the Terraform report of the MR widget; applies run one at a time', () => {
    expect(jobs['nautes-plan']?.artifacts?.reports).toEqual({ terraform: 'plan.json' });
    expect(jobs['nautes-apply']?.resource_group).toBe('nautes-apply');
    expect(pipeline.variables).toEqual({ CHECKPOINT_DISABLE: '1', GIT_DEPTH: '0' });
  });

  test('least privilege: MR plan and drift check read with NAUTES_PLAN_TOKEN, only the apply job uses NAUTES_TOKEN', () => {
    const withToken = Object.fromEntries(
      Object.entries(jobs).map(([name, j]) => [
        name,
        j.script
          .join('\n')
          .split('\n')
          .filter((l) => l.includes('nautes-cdktf'))
          .map((l) =>
            /^\s*(?:- )?(NAUTES_TOKEN="\$NAUTES_PLAN_TOKEN" )?npx nautes-cdktf (\w+)/
              .exec(l)
              ?.slice(1),
          ),
      ]),
    );
    expect(withToken).toEqual({
      'nautes-plan': [
        ['NAUTES_TOKEN="$NAUTES_PLAN_TOKEN" ', 'plan'],
        [undefined, 'comment'],
      ],
      'nautes-apply': [[undefined, 'apply']],
      'nautes-drift': [['NAUTES_TOKEN="$NAUTES_PLAN_TOKEN" ', 'plan']],
    });
    expect(text('.gitlab-ci.yml')).toContain(
      'NAUTES_TOKEN, the token that writes: protected and masked',
    );
    expect(text('.gitlab-ci.yml')).toContain('GitLab cannot\n#   keep it from the code of the MR');
  });

  test('every nautes-cdktf call exists with those options', () => {
    expect(checkInvocations(Object.values(jobs).flatMap((j) => j.script))).toEqual([
      'plan --base-app-dir --approval-label --format --out',
      'comment --file',
      'apply --reviewed --approval-label --auto-approve',
      'plan --detailed-exitcode --format',
    ]);
  });
});

describe('nautes-cdktf init --ci', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nautes-init-ci-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const init = async (...argv: string[]) => {
    const io = captureIo({}, dir);
    return { code: await main(['init', 'infra', ...argv], io), err: io.err() };
  };

  test('writes both by default, one, or none; the README explains them when written', async () => {
    expect((await init()).code).toBe(0);
    expect(
      readFileSync(join(dir, 'infra', '.github', 'workflows', 'nautes-plan.yml'), 'utf8'),
    ).toBe(text('.github/workflows/nautes-plan.yml'));
    expect(readFileSync(join(dir, 'infra', '.gitlab-ci.yml'), 'utf8')).toBe(text('.gitlab-ci.yml'));
    expect(readFileSync(join(dir, 'infra', 'README.md'), 'utf8')).toContain(
      'nautes-approve-removals',
    );
    rmSync(join(dir, 'infra'), { recursive: true });
    expect((await init('--ci', 'gitlab')).code).toBe(0);
    expect(existsSync(join(dir, 'infra', '.github'))).toBe(false);
    expect(existsSync(join(dir, 'infra', '.gitlab-ci.yml'))).toBe(true);
    rmSync(join(dir, 'infra'), { recursive: true });
    expect((await init('--ci', 'none')).code).toBe(0);
    expect(existsSync(join(dir, 'infra', '.gitlab-ci.yml'))).toBe(false);
    expect(readFileSync(join(dir, 'infra', 'README.md'), 'utf8')).not.toContain('Review in CI');
  });

  test('an unknown CI system is a usage error and writes nothing', async () => {
    const r = await init('--ci', 'jenkins');
    expect(r.code).toBe(64);
    expect(r.err).toContain('--ci takes github, gitlab, both (github,gitlab) or none, got jenkins');
    expect(existsSync(join(dir, 'infra'))).toBe(false);
  });
});

describe('docs/ci.md shows what init writes and what a reviewer sees', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'ci.md'), 'utf8');

  test('every CI file, verbatim', () => {
    for (const [path, content] of files)
      expect(readme).toContain(
        `${path === '.gitlab-ci.yml' ? '' : `# ${path.split('/').pop() ?? ''}\n`}${content}\`\`\``,
      );
  });

  test('the example comment, as the renderer writes it today', () => {
    const rt = (o: Partial<DeploymentRuntime>): DeploymentRuntime => ({
      product: 'nautes-labs',
      name: 'x',
      projectsRef: ['api-server'],
      codeRepo: 'api-server',
      targetRevision: 'HEAD',
      manifestPath: 'm',
      environment: 'env-dev',
      namespaces: [],
      account: '',
      ...o,
    });
    const dev = rt({ name: 'dr-dev', manifestPath: 'manifests/dev', namespaces: ['dr-dev'] });
    const test = rt({
      name: 'dr-test',
      manifestPath: 'manifests/test',
      environment: 'env-test',
      namespaces: ['dr-test'],
    });
    const plan = planChanges({
      desired: [
        { runtime: { ...dev, targetRevision: 'v1.4.0' } },
        { runtime: test },
        {
          runtime: rt({
            name: 'dr-perf',
            manifestPath: 'manifests/perf',
            environment: 'env-test',
            namespaces: ['dr-perf'],
          }),
        },
      ],
      inventories: [{ product: 'nautes-labs', prune: true }],
      observed: new Map([
        [
          'nautes-labs',
          [
            dev,
            { ...test, namespaces: ['dr-test', 'debug'] },
            rt({ name: 'dr-old', manifestPath: 'manifests/old' }),
          ],
        ],
      ]),
      apiServer: 'https://nautes.example.com',
      base: new Map([
        ['nautes-labs/dr-dev', dev],
        ['nautes-labs/dr-test', test],
      ]),
    });
    expect(readme).toContain(
      `---\n\n${renderMarkdown(plan, { marker: 'app=infra stacks=runtimes', approvalLabel: 'nautes-approve-removals' })}\n---\n`,
    );
  });
});
