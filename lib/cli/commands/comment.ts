// `nautes-cdktf comment --file plan.md`: posts the plan comment on the pull/merge request, or updates in
// place the one that carries the same hidden marker, so a PR has one current comment, not one per push.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { reviewedNumberFrom, reviewPlaceFrom, type ReviewOptions } from '../review/review-place';
import { threadOf, upsertComment } from '../review/review-platform';

export const COMMENT_HELP = `Usage: nautes-cdktf comment --file FILE [--repo OWNER/NAME --pr N | --project ID --mr IID]

Posts FILE (the markdown of "nautes-cdktf plan --format markdown") as a comment on a GitHub pull request
or a GitLab merge request, or updates in place the comment that carries the same hidden marker (the
file's first line, which names the app and its stacks): one current comment per app, not one per push.

GitHub (GitHub Actions sets all of these but the token's permission "pull-requests: write"):
  token GITHUB_TOKEN; API GITHUB_API_URL (default https://api.github.com);
  repository and pull request from --repo OWNER/NAME --pr N, else GITHUB_REPOSITORY and the
  pull_request of GITHUB_EVENT_PATH
GitLab (GitLab CI sets these):
  token GITLAB_TOKEN (sent as PRIVATE-TOKEN), else CI_JOB_TOKEN (sent as JOB-TOKEN); API CI_API_V4_URL;
  project and merge request from --project ID --mr IID, else CI_PROJECT_ID and CI_MERGE_REQUEST_IID

Options:
  --file FILE        the comment (markdown with its marker line)
  --platform P       github or gitlab (default: from the options or the CI environment)
  --repo, --pr       GitHub repository and pull request number
  --project, --mr    GitLab project id (or path) and merge request IID

Long comment lists are read page by page; 5xx and connection errors are retried, nothing else.
Exit codes: 0 posted or updated, 1 error, 64 usage.
`;

/** The options of `nautes-cdktf comment` (`!` marks a flag without a value). */
export const COMMENT_FLAGS: readonly string[] = ['file', 'platform', 'repo', 'pr', 'project', 'mr'];

export async function runComment(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, COMMENT_FLAGS);
  const file = flagString(args, 'file');
  if (!file) throw new UsageError('--file FILE is required');
  let body: string;
  try {
    body = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const marker = body.split('\n', 1)[0] ?? '';
  if (!/^<!-- nautes-cdktf plan .* -->$/.test(marker))
    throw new UsageError(
      `${file} has no marker line: render it with "nautes-cdktf plan --format markdown"`,
    );
  const options: ReviewOptions = {
    platform: flagString(args, 'platform'),
    repo: flagString(args, 'repo'),
    pr: flagString(args, 'pr'),
    project: flagString(args, 'project'),
    mr: flagString(args, 'mr'),
  };
  const place = reviewPlaceFrom(options, io.env);
  const thread = threadOf(place, reviewedNumberFrom(place, options, io.env));
  if (body.length > thread.maxChars)
    throw new UsageError(
      `${file} has ${body.length} characters; ${thread.platform} takes at most ${thread.maxChars}: render it again with --max-comment-chars ${thread.maxChars - 1000}`,
    );
  const result = await upsertComment(thread, marker, body);
  io.stdout.write(`${result.action} ${thread.platform} comment ${result.id}\n`);
  return EXIT.OK;
}
