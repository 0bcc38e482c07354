// `nautes-cdktf comment --file plan.md`: posts the plan comment on the pull/merge request, or updates in
// place the one that carries the same hidden marker and was written by the same identity, so a PR has one
// current comment, not one per push. Marker comments by anyone else are left alone and named.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { reviewedNumberFrom, reviewPlaceFrom, type ReviewOptions } from '../review/review-place';
import {
  describeComments,
  isAuthoredBy,
  planComments,
  reviewIdentity,
  threadOf,
} from '../review/review-platform';

export const COMMENT_HELP = `Usage: nautes-cdktf comment --file FILE [--repo OWNER/NAME --pr N | --project ID --mr IID]

Posts FILE (the markdown of "nautes-cdktf plan --format markdown") as a comment on a GitHub pull request
or a GitLab merge request, or updates in place the comment that carries the same hidden marker (the
file's first line, which names the app and its stacks) and was written by the identity that posts the
plans: one current comment per app, not one per push. Marker comments by anyone else are left alone and
named in a warning ("apply --reviewed" ignores them too).

The identity (whose comments are plan comments): --comment-author LOGIN, else on GitHub
github-actions[bot] (the author of GITHUB_TOKEN's comments; pass --comment-author for a GitHub App or a
personal token), on GitLab the token's own user (GET /user; a project access token is a bot user).

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
  --comment-author L the login that posts the plan comments (see above)

Comment lists are read oldest first, page by page, at most 100 pages; a call may take 30 s and a reply
32 MiB at most. 5xx and connection errors are retried, nothing else.
Exit codes: 0 posted or updated, 1 error, 64 usage.
`;

/** The options of `nautes-cdktf comment` (`!` marks a flag without a value). */
export const COMMENT_FLAGS: readonly string[] = [
  'file',
  'platform',
  'repo',
  'pr',
  'project',
  'mr',
  'comment-author',
];

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
  const identity = await reviewIdentity(place, flagString(args, 'comment-author'));
  const { own, others } = await planComments(thread, marker, identity);
  if (others.length)
    io.stderr.write(
      `warning: ignored ${others.length} comment(s) with this plan's marker not written by @${identity.login}: ${describeComments(others)}\n`,
    );
  const [current, ...extra] = own;
  if (current) {
    await thread.update(current.id, body);
    io.stdout.write(`updated ${thread.platform} comment ${current.id}\n`);
  } else {
    const created = await thread.create(body);
    io.stdout.write(`created ${thread.platform} comment ${created.id}\n`);
    if (!isAuthoredBy(created.author, identity))
      io.stderr.write(
        `warning: the comment was posted as @${created.author.login || '(unknown)'}, not @${identity.login}: "apply --reviewed" will not accept it; pass --comment-author ${created.author.login || 'LOGIN'} to both commands\n`,
      );
  }
  // an older duplicate of ours loses its marker, so exactly one plan comment stays
  for (const c of extra) {
    await thread.update(c.id, `_Superseded by comment ${current?.id ?? ''}._\n`);
    io.stderr.write(`marked ${thread.platform} comment ${c.id} superseded\n`);
  }
  return EXIT.OK;
}
