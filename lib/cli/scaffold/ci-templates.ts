// The CI files `nautes-cdktf init` writes: GitHub Actions workflows and a GitLab CI pipeline that plan every
// pull/merge request (one current comment, the step summary or the MR widget's Terraform report), apply the
// reviewed plan after merge (refusing a stale plan, and removals without the approval label), and check
// drift every night. Scripts read only environment variables: workflow expressions stay in `env:` blocks,
// where they cannot inject shell (GitHub's hardening guide). Least privilege: a job that runs the code of a
// pull request holds only a read-only Nautes token, on the one step that needs it; the token that writes
// reaches only the apply job on the default branch (a GitHub environment, a protected GitLab variable).
import { DEFAULT_APPROVAL_LABEL } from '../commands/apply';

/** What the CI files are written for. */
export interface CiTemplateOptions {
  /** The branch merges go to (GitHub `on.push.branches`; GitLab uses CI_DEFAULT_BRANCH). @default 'main' */
  readonly defaultBranch?: string;
  /** The label that approves removals. @default 'nautes-approve-removals' */
  readonly approvalLabel?: string;
  /** Node.js major version of the CI jobs. @default 22 */
  readonly nodeVersion?: number;
}

/** Which CI systems to write files for. */
export type CiSystem = 'github' | 'gitlab';

const quote = (s: string): string => JSON.stringify(s);

/** Checkout (of `ref`, else the commit of the event) without the token kept in .git/config, then npm ci. */
function githubSetup(nodeVersion: number, o: { ref?: string; cache?: boolean } = {}): string[] {
  return [
    '      - uses: actions/checkout@v4',
    '        with:',
    ...(o.ref ? [`          ref: ${o.ref}`] : ['          fetch-depth: 0']),
    '          persist-credentials: false',
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${nodeVersion}`,
    ...(o.cache === false ? [] : ['          cache: npm']),
    '      - run: npm ci',
  ];
}

const GITHUB_JOB_ENV = [
  '    env:',
  '      NAUTES_API_SERVER: ${{ vars.NAUTES_API_SERVER }}',
  "      CHECKPOINT_DISABLE: '1'",
];

function githubPlan(label: string, nodeVersion: number): string {
  return [
    '# Plans the Nautes deployment runtimes of every pull request: the step summary, plan.json and plan.md as',
    '# an artifact, and one comment on the pull request, kept current on each push (it records the plan that',
    '# the apply after merge will accept). Least privilege: the plan job runs the code of the pull request',
    '# (npm ci, the app) and holds only the read-only token NAUTES_PLAN_TOKEN (reporter rights), on the plan',
    '# step alone; the comment job runs only the code of the base branch (no code of the pull request) and',
    '# holds the GITHUB_TOKEN that may write comments. Settings: variable NAUTES_API_SERVER, secret',
    '# NAUTES_PLAN_TOKEN. (Pull requests from forks get no secrets: their plan job fails at the Nautes API.)',
    'name: nautes plan',
    'on:',
    '  pull_request:',
    'permissions:',
    '  contents: read',
    'concurrency:',
    '  group: nautes-plan-${{ github.event.pull_request.number }}',
    '  cancel-in-progress: true',
    'jobs:',
    '  plan:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: read',
    ...GITHUB_JOB_ENV,
    '      BASE_SHA: ${{ github.event.pull_request.base.sha }}',
    '    steps:',
    ...githubSetup(nodeVersion),
    '      - name: Check out the merge base (the comment tells what this pull request changes from drift)',
    '        run: |',
    '          git worktree add --detach ../base "$BASE_SHA"',
    '          ln -s "$PWD/node_modules" ../base/node_modules',
    '      - name: Plan (exit 2 means changes, which is what a pull request is for)',
    '        env:',
    '          NAUTES_TOKEN: ${{ secrets.NAUTES_PLAN_TOKEN }}',
    '        run: |',
    `          npx nautes-cdktf plan --base-app-dir ../base --approval-label ${label} \\`,
    '            --format markdown --out plan.json --summary-file "$GITHUB_STEP_SUMMARY" > plan.md || [ $? -eq 2 ]',
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: nautes-plan',
    '          path: |',
    '            plan.json',
    '            plan.md',
    '  comment:',
    '    needs: plan',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: read',
    '      pull-requests: write',
    '    steps:',
    ...githubSetup(nodeVersion, { ref: '${{ github.event.pull_request.base.sha }}', cache: false }),
    '      - uses: actions/download-artifact@v4',
    '        with:',
    '          name: nautes-plan',
    '      - name: Comment on the pull request (updated in place on every push)',
    '        env:',
    '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    '        run: npx nautes-cdktf comment --file plan.md',
    '',
  ].join('\n');
}

function githubApply(branch: string, label: string, nodeVersion: number): string {
  return [
    '# After a merge: applies exactly the plan reviewed on the merged pull request (recorded in its plan',
    '# comment). Nothing is sent when the plan is stale (the server or the code changed since the review:',
    '# exit 3), or when it deletes, replaces or prunes runtimes and the pull request does not carry the',
    `# label "${label}" (exit 6).`,
    '# The token that writes, NAUTES_TOKEN, is a secret of the environment nautes-production: limit that',
    '# environment to the default branch (Settings, Environments, Deployment branches and tags), so that no',
    '# pull request, not even one that edits these workflows, can read it.',
    'name: nautes apply',
    'on:',
    '  push:',
    `    branches: [${quote(branch)}]`,
    'permissions:',
    '  contents: read',
    '  pull-requests: read',
    'concurrency:',
    '  group: nautes-apply',
    '  cancel-in-progress: false',
    'jobs:',
    '  apply:',
    '    runs-on: ubuntu-latest',
    '    environment: nautes-production',
    ...GITHUB_JOB_ENV,
    '    steps:',
    ...githubSetup(nodeVersion),
    '      - name: Apply the plan reviewed on the merged pull request',
    '        env:',
    '          NAUTES_TOKEN: ${{ secrets.NAUTES_TOKEN }}',
    '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    `        run: npx nautes-cdktf apply --reviewed --approval-label ${label} --auto-approve`,
    '',
  ].join('\n');
}

const DRIFT_CASES = (say: (level: 'error' | 'warning', text: string) => string): string[] => [
  '          case "$code" in',
  '            0) echo "No drift: the runtimes on the server are what the code declares." ;;',
  `            2) ${say('error', 'The code declares changes that were never applied (see the report).')}; exit 1 ;;`,
  `            4) ${say('error', 'Drift: runtimes were changed on the server, not in code (see the report).')}; exit 1 ;;`,
  `            5) ${say('warning', 'Runtimes that no code declares exist on the server (see the report).')} ;;`,
  '            *) exit "$code" ;;',
  '          esac',
];

function githubDrift(nodeVersion: number): string {
  return [
    '# Every night: compares the runtimes on the server with the code, with one list call per product.',
    '# The job fails on changes the code asks for (exit 2) or on drift (exit 4), warns about runtimes',
    '# nobody declares (exit 5), and writes the report to the run summary. It only reads: NAUTES_PLAN_TOKEN.',
    'name: nautes drift',
    'on:',
    '  schedule:',
    "    - cron: '17 5 * * *'",
    '  workflow_dispatch:',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  drift:',
    '    runs-on: ubuntu-latest',
    ...GITHUB_JOB_ENV,
    '    steps:',
    ...githubSetup(nodeVersion),
    '      - name: Compare the server with the code',
    '        env:',
    '          NAUTES_TOKEN: ${{ secrets.NAUTES_PLAN_TOKEN }}',
    '        run: |',
    '          code=0',
    '          npx nautes-cdktf plan --detailed-exitcode --format markdown --summary-file "$GITHUB_STEP_SUMMARY" > drift.md || code=$?',
    ...DRIFT_CASES((level, text) => `echo "::${level}::${text}"`),
    '',
  ].join('\n');
}

function gitlabPipeline(label: string, nodeVersion: number): string {
  const drift = DRIFT_CASES((level, text) => `echo "${level.toUpperCase()}: ${text}"`).map((l) =>
    l.slice(4),
  );
  return [
    '# Nautes deployment runtimes: every merge request is planned (one current note on the MR, and the',
    "# Terraform report for the MR widget's create/update/delete counts); after a merge to the default",
    '# branch the plan reviewed on the MR is applied (nothing is sent when it is stale, or when it removes',
    `# runtimes and the MR lacks the label "${label}"); a scheduled pipeline checks drift.`,
    '# CI/CD variables (Settings, CI/CD, Variables):',
    '# - NAUTES_API_SERVER;',
    '# - NAUTES_TOKEN, the token that writes: protected and masked. Only pipelines of protected branches get',
    '#   it: here the apply job on the default branch, never the code of a merge request;',
    '# - NAUTES_PLAN_TOKEN, a read-only token (reporter rights suffice to list): masked, not protected, for',
    '#   the MR plan and the drift check;',
    '# - GITLAB_TOKEN, a project access token with the api scope (to write MR notes and read merged MRs;',
    '#   CI_JOB_TOKEN cannot): masked, not protected, because the MR pipeline posts the note. GitLab cannot',
    '#   keep it from the code of the MR: the job that comments runs that code (npm ci, the app), and an MR',
    '#   author can edit this file. Give it the least role that writes notes (Reporter).',
    'default:',
    `  image: node:${nodeVersion}`,
    '  before_script:',
    '    - npm ci',
    'variables:',
    '  CHECKPOINT_DISABLE: "1"',
    '  GIT_DEPTH: "0"',
    '',
    '# (the read-only token: a protected NAUTES_TOKEN never reaches an MR pipeline)',
    'nautes-plan:',
    '  stage: test',
    '  rules:',
    '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
    '  script:',
    '    - git worktree add --detach ../base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"',
    '    - ln -s "$PWD/node_modules" ../base/node_modules',
    `    - NAUTES_TOKEN="$NAUTES_PLAN_TOKEN" npx nautes-cdktf plan --base-app-dir ../base --approval-label ${label} --format markdown --out plan.json > plan.md || [ $? -eq 2 ]`,
    '    - npx nautes-cdktf comment --file plan.md',
    '  artifacts:',
    '    paths: [plan.json, plan.md]',
    '    reports:',
    '      terraform: plan.json',
    '',
    'nautes-apply:',
    '  stage: deploy',
    '  rules:',
    '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"',
    '  resource_group: nautes-apply',
    '  script:',
    `    - npx nautes-cdktf apply --reviewed --approval-label ${label} --auto-approve`,
    '',
    '# (on the default branch NAUTES_TOKEN is there too; the check reads with the read-only token)',
    'nautes-drift:',
    '  stage: test',
    '  rules:',
    '    - if: $CI_PIPELINE_SOURCE == "schedule"',
    '  script:',
    '    - |',
    '      code=0',
    '      NAUTES_TOKEN="$NAUTES_PLAN_TOKEN" npx nautes-cdktf plan --detailed-exitcode --format markdown > drift.md || code=$?',
    ...drift,
    '  artifacts:',
    '    when: always',
    '    paths: [drift.md]',
    '',
  ].join('\n');
}

/** The CI files for `systems`, by path relative to the repository root. */
export function ciTemplateFiles(
  systems: readonly CiSystem[],
  options: CiTemplateOptions = {},
): Map<string, string> {
  const label = options.approvalLabel ?? DEFAULT_APPROVAL_LABEL;
  const node = options.nodeVersion ?? 22;
  const files = new Map<string, string>();
  if (systems.includes('github')) {
    files.set('.github/workflows/nautes-plan.yml', githubPlan(label, node));
    files.set(
      '.github/workflows/nautes-apply.yml',
      githubApply(options.defaultBranch ?? 'main', label, node),
    );
    files.set('.github/workflows/nautes-drift.yml', githubDrift(node));
  }
  if (systems.includes('gitlab')) files.set('.gitlab-ci.yml', gitlabPipeline(label, node));
  return files;
}
