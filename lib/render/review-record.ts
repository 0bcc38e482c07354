// The two hidden lines that open a plan comment: the marker (which app and stacks the comment is about, so
// a CI step finds its own comment again) and the review record (what the apply after merge checks). The
// record binds the comment's visible text by digest, and carries what it takes to render that text again
// from a fresh plan (the explanations against the merge base and the size budget), so an edited or forged
// text is told apart from the one the plan job rendered.
import { createHash } from 'node:crypto';
import type { Plan } from '../engine';
import { computePlanId, encodeExplanations, EXPLANATIONS_PATTERN } from '../engine';
import { destructiveChanges } from './summary';

/**
 * What a comment records for the apply after merge: the plan id the reviewer saw, the id of what it sends
 * (`computePlanId` without explanations: the merged code's fresh plan must give the same), the fingerprint
 * of what it observed, how many changes remove something, the size budget it was rendered in, the
 * explanations of its changes, and the sha256 of its visible text (every line after the record).
 */
export interface ReviewRecord {
  readonly planId: string;
  readonly sendsId: string;
  readonly observed: string;
  readonly removals: number;
  readonly budget: number;
  readonly explanations: string;
  readonly textDigest: string;
}

const RECORD = new RegExp(
  `^<!-- nautes-cdktf review v2 plan=([0-9a-f]{64}) sends=([0-9a-f]{64}) observed=([0-9a-f]{64}) removals=(\\d+) budget=(\\d+) why=(${EXPLANATIONS_PATTERN}) text=([0-9a-f]{64}) -->$`,
);

/** What the record's text digest stands in for while the text is laid out (the same length). */
export const PENDING_DIGEST = '0'.repeat(64);

/** The review record of a plan rendered in `budget` characters, its text digest still pending. */
export function reviewRecordOf(plan: Plan, budget: number): ReviewRecord {
  return {
    planId: plan.id,
    sendsId: computePlanId(plan, { explanations: false }),
    observed: plan.fingerprint,
    removals: destructiveChanges(plan).length,
    budget,
    explanations: encodeExplanations(plan),
    textDigest: PENDING_DIGEST,
  };
}

/** The hidden line that carries a review record (what `readReviewRecord` reads). */
export function reviewRecordLine(r: ReviewRecord): string {
  return `<!-- nautes-cdktf review v2 plan=${r.planId} sends=${r.sendsId} observed=${r.observed} removals=${r.removals} budget=${r.budget} why=${r.explanations} text=${r.textDigest} -->`;
}

/** The hidden first line of a comment about `key` (an app and its stacks). */
export function commentMarker(key: string): string {
  return `<!-- nautes-cdktf plan ${key.replace(/--+/g, '-').replace(/[\r\n>]/g, ' ')} -->`;
}

/** Whether `line` has the form of a marker line (whatever app it names). */
export const isMarkerLine = (line: string): boolean => /^<!-- nautes-cdktf plan .* -->$/.test(line);

/**
 * A comment as the platforms may hand it back: line ends as `\n`, no trailing blank space (platforms may
 * add or trim either; neither carries meaning).
 */
export const normalizeComment = (body: string): string => body.replace(/\r\n?/g, '\n').trimEnd();

/** The first line (the marker), the second (the record) and the rest (what readers see). */
function partsOf(body: string): [string, string, string] {
  const text = normalizeComment(body);
  const first = text.indexOf('\n');
  const second = first < 0 ? -1 : text.indexOf('\n', first + 1);
  if (second < 0) return [text, '', ''];
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

/** The sha256 of the visible text of a comment (everything after its marker and record lines). */
export const visibleTextDigest = (body: string): string =>
  createHash('sha256').update(partsOf(body)[2]).digest('hex');

/** The comment with its record's pending text digest filled in. */
export function sealComment(body: string): string {
  const [marker, record, rest] = partsOf(body);
  if (!record.endsWith(`text=${PENDING_DIGEST} -->`)) return body;
  const sealed = record.replace(`text=${PENDING_DIGEST}`, `text=${visibleTextDigest(body)}`);
  return `${marker}\n${sealed}\n${rest}${body.endsWith('\n') ? '\n' : ''}`;
}

/** Reads the review record of a comment (its second line); undefined when it carries none or a damaged one. */
export function readReviewRecord(body: string): ReviewRecord | undefined {
  const m = RECORD.exec(partsOf(body)[1]);
  return m
    ? {
        planId: m[1] as string,
        sendsId: m[2] as string,
        observed: m[3] as string,
        removals: Number(m[4]),
        budget: Number(m[5]),
        explanations: m[6] as string,
        textDigest: m[7] as string,
      }
    : undefined;
}
