// Which GitHub repository or GitLab project the review happens in, from the options and the CI environment
// (GitHub Actions and GitLab CI set everything but the token's rights).
import { readFileSync } from 'node:fs';
import { UsageError } from '../arguments';
import type { ReviewPlace } from './review-platform';

/** The review options a command was given (each may come from the CI environment instead). */
export interface ReviewOptions {
  readonly platform?: string | undefined;
  readonly repo?: string | undefined;
  readonly pr?: string | undefined;
  readonly project?: string | undefined;
  readonly mr?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A positive whole number, or a usage error naming `what`. */
export function positiveInt(text: string | undefined, what: string): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 1)
    throw new UsageError(`${what} must be a positive whole number, got ${text ?? '(nothing)'}`);
  return n;
}

/** The repository or project, with the API and token to use. */
export function reviewPlaceFrom(o: ReviewOptions, env: Env): ReviewPlace {
  const platform =
    o.platform?.toLowerCase() ??
    (o.repo || o.pr
      ? 'github'
      : o.project || o.mr
        ? 'gitlab'
        : env['GITHUB_ACTIONS'] === 'true'
          ? 'github'
          : env['GITLAB_CI'] === 'true'
            ? 'gitlab'
            : undefined);
  if (platform === 'github') {
    const token = env['GITHUB_TOKEN'];
    if (!token) throw new UsageError('GITHUB_TOKEN is not set');
    const repo = o.repo ?? env['GITHUB_REPOSITORY'];
    if (!repo || !/^[^/\s]+\/[^/\s]+$/.test(repo))
      throw new UsageError('name the repository: --repo OWNER/NAME (or GITHUB_REPOSITORY)');
    return {
      platform: 'GitHub',
      base: env['GITHUB_API_URL'] ?? 'https://api.github.com',
      token,
      repo,
    };
  }
  if (platform === 'gitlab') {
    const own = env['GITLAB_TOKEN'];
    const token = own ?? env['CI_JOB_TOKEN'];
    if (!token) throw new UsageError('GITLAB_TOKEN (or CI_JOB_TOKEN) is not set');
    const base = env['CI_API_V4_URL'];
    if (!base)
      throw new UsageError(
        'CI_API_V4_URL is not set (the GitLab API, e.g. https://gitlab.example.com/api/v4)',
      );
    const project = o.project ?? env['CI_PROJECT_ID'];
    if (!project) throw new UsageError('name the project: --project ID (or CI_PROJECT_ID)');
    return { platform: 'GitLab', base, token, jobToken: !own, project };
  }
  throw new UsageError(
    o.platform
      ? `--platform must be github or gitlab, got ${o.platform}`
      : 'cannot tell the platform: pass --repo/--pr (GitHub) or --project/--mr (GitLab), or run in GitHub Actions or GitLab CI',
  );
}

/** The pull request number (GitHub) or merge request IID (GitLab) being reviewed. */
export function reviewedNumberFrom(place: ReviewPlace, o: ReviewOptions, env: Env): number {
  if (place.platform === 'GitHub') {
    let pr = o.pr;
    if (!pr && env['GITHUB_EVENT_PATH']) {
      const event = JSON.parse(readFileSync(env['GITHUB_EVENT_PATH'], 'utf8')) as {
        pull_request?: { number?: number };
        number?: number;
      };
      const n = event.pull_request?.number ?? event.number;
      if (n !== undefined) pr = String(n);
    }
    return positiveInt(pr, '--pr (or the pull_request of GITHUB_EVENT_PATH)');
  }
  return positiveInt(o.mr ?? env['CI_MERGE_REQUEST_IID'], '--mr (or CI_MERGE_REQUEST_IID)');
}
