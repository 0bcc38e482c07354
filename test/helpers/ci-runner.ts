// Reads the CI files `nautes-cdktf init` writes and runs their jobs here the way the CI systems would (they
// cannot run here): GitHub Actions runs each `run:` step with `bash -e {0}` (its default shell on Linux)
// and the job's and step's `env:` (expressions evaluated from a context: only `${{ a.b.c }}` paths, which
// is all the templates use in env); GitLab CI runs `before_script` then `script` in one bash with errexit
// and pipefail, with its variables and the predefined CI variables given, and only when the job's `rules`
// match (the `$A == "x"` / `$A == $B` joined by `&&` form the templates use). A GitHub workflow's jobs run
// one after another in the order of their `needs` (a job whose need failed is skipped), each with the
// context the caller gives for it (the secrets of the job's `environment:` are the caller's to add).
// `uses:` steps are emulated by the caller, their `with:` expressions evaluated: checkout (a clone at the
// commit or at `ref:`), setup-node (this Node), upload-artifact and download-artifact (files kept aside).
// A job may be given `installed`, a node_modules made by `npm ci` from the same package-lock.json: its
// `npm ci` then links that directory instead of installing again (the lock is compared first), so only
// the one job per platform that proves the install pays for it.
import { parse } from 'yaml';
import { spawnTracked } from './processes';

export interface GithubStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
export interface GithubJob {
  readonly 'runs-on': string;
  /** the jobs that must succeed first */
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string>;
  /** the deployment environment whose secrets the job may read */
  readonly environment?: string;
  readonly env?: Record<string, string>;
  readonly steps: GithubStep[];
}
export interface GithubWorkflow {
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, GithubJob>;
}
export interface GitlabJob {
  readonly stage?: string;
  readonly rules?: Array<{ if: string }>;
  readonly script: string[];
  readonly before_script?: string[];
  readonly resource_group?: string;
  readonly artifacts?: { paths?: string[]; when?: string; reports?: Record<string, string> };
}
export interface GitlabPipeline {
  readonly default?: { image?: string; before_script?: string[] };
  readonly variables?: Record<string, string>;
  readonly [job: string]: unknown;
}

export const parseGithubWorkflow = (text: string): GithubWorkflow => parse(text) as GithubWorkflow;
export const parseGitlabPipeline = (text: string): GitlabPipeline => parse(text) as GitlabPipeline;

/** The jobs of a GitLab pipeline (top-level keys that are not keywords). */
export function gitlabJobs(p: GitlabPipeline): Record<string, GitlabJob> {
  const keywords = new Set([
    'default',
    'variables',
    'stages',
    'include',
    'workflow',
    'image',
    'services',
    'cache',
    'before_script',
    'after_script',
  ]);
  return Object.fromEntries(
    Object.entries(p).filter(([k]) => !keywords.has(k) && !k.startsWith('.')) as Array<
      [string, GitlabJob]
    >,
  );
}

/** Splits a shell line into words (quotes removed), up to the first redirection or control operator. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) out.push(cur);
      cur = '';
      started = false;
    } else if ('>|;&<'.includes(c)) break;
    else {
      cur += c;
      started = true;
    }
  }
  if (started) out.push(cur);
  return out;
}

/** Every `nautes-cdktf` command line of a script: [command, ...arguments]. */
export function nautesInvocations(script: string): string[][] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  const found: string[][] = [];
  for (const line of joined.split('\n')) {
    const w = words(line.trim());
    const at = w.indexOf('nautes-cdktf');
    if (at >= 0) found.push(w.slice(at + 1));
  }
  return found;
}

/** Evaluates `${{ a.b.c }}` in an env value from `context`; anything else in `${{ }}` is an error. */
export function evaluate(value: string, context: Record<string, unknown>): string {
  return String(value).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    if (!/^[\w-]+(\.[\w-]+)*$/.test(expr)) throw new Error(`expression not modelled: ${expr}`);
    let v: unknown = context;
    for (const part of expr.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if (v === undefined) throw new Error(`expression has no value in the test's context: ${expr}`);
    return String(v);
  });
}

/** Whether a GitLab `rules: - if:` expression of the form the templates use holds for `vars`. */
export function gitlabRuleHolds(expr: string, vars: Record<string, string | undefined>): boolean {
  return expr.split('&&').every((clause) => {
    const m = /^\s*\$(\w+)\s*==\s*(?:"([^"]*)"|\$(\w+))\s*$/.exec(clause);
    if (!m) throw new Error(`rule not modelled: ${clause}`);
    const left = vars[m[1] as string];
    const right = m[2] !== undefined ? m[2] : vars[m[3] as string];
    return left !== undefined && left === right;
  });
}

/**
 * The shell that stands for `npm ci` when the job is given a node_modules already installed from the same
 * lock: it fails, as `npm ci` would, when the job's package-lock.json is not that lock.
 */
export function linkInstalled(installed: string): string {
  const lock = JSON.stringify(`${installed}/../package-lock.json`);
  return `cmp package-lock.json ${lock} && ln -s ${JSON.stringify(installed)} node_modules`;
}
const substitute = (line: string, installed: string | undefined): string =>
  installed !== undefined && line.trim() === 'npm ci' ? linkInstalled(installed) : line;

export interface ScriptRun {
  readonly code: number;
  readonly out: string;
}

/** Runs a script with bash in `cwd` (the CI's shell), returning its exit code and output. */
export function runScript(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  shellFlags: string[],
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const child = spawnTracked('bash', [...shellFlags, '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The outcome of a job: the exit code of the step (or script) that ended it, and every output. */
export interface JobRun {
  readonly code: number;
  readonly out: string;
  /** the `uses:` steps met, in order */
  readonly uses: string[];
}

/**
 * Runs a GitHub Actions job: each step in order until one fails. `uses` is called for `uses:` steps (the
 * caller emulates the action); `run:` steps run with `bash -e`.
 */
export async function runGithubJob(
  job: GithubJob,
  o: {
    cwd: () => string;
    env: NodeJS.ProcessEnv;
    context: Record<string, unknown>;
    uses: (step: GithubStep) => Promise<void>;
    /** node_modules installed from the job's lock, linked by its `npm ci` step */
    installed?: string | undefined;
  },
): Promise<JobRun> {
  const jobEnv = Object.fromEntries(
    Object.entries(job.env ?? {}).map(([k, v]) => [k, evaluate(v, o.context)]),
  );
  let out = '';
  const uses: string[] = [];
  for (const step of job.steps) {
    if (step.uses) {
      uses.push(step.uses);
      const given = Object.entries(step.with ?? {});
      await o.uses({
        ...step,
        with: Object.fromEntries(
          given.map(([k, v]) => [k, typeof v === 'string' ? evaluate(v, o.context) : v]),
        ),
      });
      continue;
    }
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, o.context)]),
    );
    const script = substitute(step.run ?? '', o.installed);
    const r = await runScript(script, o.cwd(), { ...o.env, ...jobEnv, ...stepEnv }, ['-e']);
    out += r.out;
    if (r.code !== 0) return { code: r.code, out, uses };
  }
  return { code: 0, out, uses };
}

/** The jobs of a workflow in an order that runs each after its `needs` (the file's order otherwise). */
export function jobOrder(wf: GithubWorkflow): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`needs cycle: ${[...path, name].join(' -> ')}`);
    const job = wf.jobs[name];
    if (!job) throw new Error(`needs names no job: ${name}`);
    for (const need of [job.needs ?? []].flat()) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(wf.jobs)) visit(name, []);
  return order;
}

/**
 * Runs every job of a workflow in `needs` order, until one fails (the jobs after it are skipped: the
 * templates' jobs each need the one before). `context` gives each job's expression context.
 */
export async function runGithubWorkflow(
  wf: GithubWorkflow,
  o: {
    cwd: () => string;
    env: NodeJS.ProcessEnv;
    context: (job: GithubJob) => Record<string, unknown>;
    uses: (step: GithubStep) => Promise<void>;
    /** per job name: node_modules installed from its lock (its `npm ci` links it), or undefined */
    installed?: (job: string) => string | undefined;
  },
): Promise<JobRun & { jobs: string[] }> {
  let out = '';
  const uses: string[] = [];
  const jobs: string[] = [];
  for (const name of jobOrder(wf)) {
    const job = wf.jobs[name] as GithubJob;
    jobs.push(name);
    const r = await runGithubJob(job, {
      ...o,
      context: o.context(job),
      installed: o.installed?.(name),
    });
    out += r.out;
    uses.push(...r.uses);
    if (r.code !== 0) return { code: r.code, out, uses, jobs };
  }
  return { code: 0, out, uses, jobs };
}

/** Runs a GitLab CI job (before_script + script in one bash with errexit and pipefail). */
export async function runGitlabJob(
  pipeline: GitlabPipeline,
  job: GitlabJob,
  o: { cwd: string; env: NodeJS.ProcessEnv; installed?: string | undefined },
): Promise<ScriptRun> {
  const lines = [
    ...(job.before_script ?? pipeline.default?.before_script ?? []),
    ...job.script,
  ].map((line) => substitute(line, o.installed));
  return runScript(lines.join('\n'), o.cwd, { ...o.env, ...(pipeline.variables ?? {}) }, [
    '-e',
    '-o',
    'pipefail',
  ]);
}
