// `nautes-cdktf apply --reviewed`: after a merge, applies the plan reviewed on the pull/merge request the
// commit came from, only when its plan comment is the bot's and its text is what the fresh plan renders.
import { resolve } from 'node:path';
import { NautesClient, createKindStore, createRuntimeStore } from '../../api';
import {
  changeLabel,
  computePlanId,
  explainAs,
  hasChanges,
  shortPlanId,
  type Plan,
} from '../../engine';
import {
  PlanMismatchError,
  RemovalsNotApprovedError,
  ReviewCommentRefusedError,
  ReviewMissingError,
} from '../../errors';
import {
  commentMarker,
  destructiveChanges,
  normalizeComment,
  readReviewRecord,
  renderMarkdown,
  visibleTextDigest,
  type ReviewRecord,
} from '../../render';
import { flagString, UsageError, type ParsedArgs } from '../arguments';
import { reviewPlaceFrom } from '../review/review-place';
import {
  describeComments,
  mergedRequestOf,
  planComments,
  reviewIdentity,
  threadOf,
  type Comment,
} from '../review/review-platform';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { readSynthesized, synthesizeApp } from '../synthesized-app';
import { defaultCommentKey, planDeclarations } from './plan';

import { applyChecked, refuseErrors } from './apply-checked';

/** The label that approves removals in `apply --reviewed` (and that the CI templates name). */
export const DEFAULT_APPROVAL_LABEL = 'nautes-approve-removals';

/**
 * `apply --reviewed`: finds the merged request of the commit and its plan comment, plans the app afresh,
 * and applies only when the fresh plan sends exactly what the comment records (and removals are approved).
 */
export async function applyReviewed(
  args: ParsedArgs,
  io: CliIo,
  concurrency: number,
): Promise<number> {
  const commit = flagString(args, 'commit') ?? io.env['GITHUB_SHA'] ?? io.env['CI_COMMIT_SHA'];
  if (!commit || !/^[0-9a-f]{7,64}$/i.test(commit))
    throw new UsageError('name the merged commit: --commit SHA (or GITHUB_SHA / CI_COMMIT_SHA)');
  const label = flagString(args, 'approval-label') ?? DEFAULT_APPROVAL_LABEL;
  const place = reviewPlaceFrom(
    {
      platform: flagString(args, 'platform'),
      repo: flagString(args, 'repo'),
      project: flagString(args, 'project'),
    },
    io.env,
  );
  const request = await mergedRequestOf(place, commit);
  if (!request)
    throw new ReviewMissingError(
      `commit ${commit.slice(0, 12)} is not the merge of a ${place.platform === 'GitHub' ? 'pull request' : 'merge request'}`,
      commit,
    );
  const appDir = resolve(io.cwd, flagString(args, 'app-dir') ?? '.');
  const decl = args.flags.has('no-synth')
    ? readSynthesized(resolve(appDir, 'cdktf.out'))
    : await synthesizeApp(appDir, io.env, { debug: args.flags.has('debug') });
  const marker = commentMarker(flagString(args, 'comment-key') ?? defaultCommentKey(appDir, decl));
  const identity = await reviewIdentity(place, flagString(args, 'comment-author'));
  const { own, others } = await planComments(threadOf(place, request.number), marker, identity);
  if (others.length)
    io.stderr.write(
      `warning: ignored ${others.length} comment(s) on ${request.title} with this app's marker not written by @${identity.login}: ${describeComments(others)}\n`,
    );
  if (own.length > 1)
    throw new ReviewCommentRefusedError(
      `${request.title} has ${own.length} plan comments of @${identity.login} for this app (${describeComments(own)}); which one was reviewed is unclear`,
      own.map((c) => c.id),
    );
  const comment = own[0];
  if (!comment)
    throw new ReviewMissingError(
      `${request.title} has no plan comment for this app by @${identity.login} (${marker}); its plan job did not run or did not post${others.length ? ', and comments by anyone else do not count' : ''}`,
      commit,
    );
  const record = readReviewRecord(comment.body);
  if (!record)
    throw new ReviewCommentRefusedError(
      `the plan comment ${comment.id} on ${request.title} carries no review record this version reads (its second line); it was edited, or written by an older nautes-cdktf`,
      [comment.id],
    );
  if (visibleTextDigest(comment.body) !== record.textDigest)
    throw new ReviewCommentRefusedError(
      `the text of plan comment ${comment.id} on ${request.title} is not the text its plan job posted (it was edited after it was posted)`,
      [comment.id],
    );
  const client = new NautesClient({ env: io.env, redactor: io.redactor });
  try {
    const store = createRuntimeStore(client);
    const kindStore = createKindStore(client);
    const fresh = await planDeclarations(decl, store, client.apiServer, undefined, kindStore);
    refuseErrors(fresh);
    const sends = computePlanId(fresh, { explanations: false });
    if (sends !== record.sendsId) {
      const why =
        fresh.fingerprint !== record.observed
          ? fresh.kindObserved.length
            ? 'the objects on the server changed since the review'
            : 'the runtimes on the server changed since the review'
          : 'the code at this commit plans other changes (the default branch moved, or the request changed after its last plan)';
      throw new PlanMismatchError(
        `the plan reviewed on ${request.title} (plan ${shortPlanId(record.planId)}) is not what commit ${commit.slice(0, 12)} would apply now (plan ${shortPlanId(fresh.id)}): ${why}`,
        record.planId,
        fresh.id,
        'Have the current plan reviewed in a new pull/merge request (its plan job comments it); "nautes-cdktf plan" on this commit shows it',
      );
    }
    refuseUnlikeText(fresh, comment, record, { marker: commentMarkerKey(marker), label, request });
    const removals = destructiveChanges(fresh);
    if (removals.length && !request.labels.includes(label))
      throw new RemovalsNotApprovedError(
        request.title,
        label,
        removals.map((c) => `${changeLabel(c)} (${c.action})`),
      );
    if (!hasChanges(fresh)) {
      io.stdout.write(
        `No changes in the plan reviewed on ${request.title} (plan ${shortPlanId(record.planId)}); nothing to apply.\n`,
      );
      return EXIT.OK;
    }
    io.stderr.write(
      `Applying the plan reviewed on ${request.title} (plan ${shortPlanId(record.planId)}).\n`,
    );
    return await applyChecked(fresh, { runtimes: store, kinds: kindStore }, args, io, concurrency);
  } finally {
    await client.close();
  }
}

const commentMarkerKey = (marker: string): string =>
  marker.replace(/^<!-- nautes-cdktf plan /, '').replace(/ -->$/, '');

/**
 * The comment's visible text must be what the fresh plan renders, explained as the plan job explained it
 * (it knew the merge base) and laid out in the same budget: so what reviewers read is what is applied, and
 * an edited or forged text is refused whoever wrote it.
 */
function refuseUnlikeText(
  fresh: Plan,
  comment: Comment,
  record: ReviewRecord,
  o: { marker: string; label: string; request: { title: string } },
): void {
  const explained = explainAs(fresh, record.explanations);
  const body = normalizeComment(comment.body);
  // the plan job may have named the approval label or not; either rendering is the fresh plan's own
  const same =
    explained !== undefined &&
    [o.label, undefined].some(
      (approvalLabel) =>
        normalizeComment(
          renderMarkdown(explained, {
            marker: o.marker,
            maxCommentChars: record.budget,
            ...(approvalLabel ? { approvalLabel } : {}),
          }),
        ) === body,
    );
  if (!same)
    throw new ReviewCommentRefusedError(
      `the text of plan comment ${comment.id} on ${o.request.title} is not what the plan of this commit renders: what the reviewers read is not what would be applied (if the comment is genuine, its plan job used another --approval-label or --title; pass the same --approval-label)`,
      [comment.id],
    );
}
