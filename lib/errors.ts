// The root of every error this package throws: a stable `code`, a human message, and the fields involved.
import { redactCredentials } from './internal/redact';

const BRAND = Symbol.for('@nautes/provider.error');

/** One problem with user input: where it is, a stable code, and what is allowed. */
export interface Issue {
  /** Path of the bad value, e.g. `['destination', 'namespaces', 0]` or a construct path. */
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

/** Base class of all errors of this package. Branch on `code`, never on the message. */
export abstract class NautesError extends Error {
  abstract readonly code: string;
  readonly [BRAND] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    // bearer credentials at least; the secrets themselves are removed by whoever knows them (a Redactor)
    super(redactCredentials(message), options);
    this.name = new.target.name;
  }
  /** True for any error of this package, even from another copy of it. */
  static isNautesError(e: unknown): e is NautesError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Bad user input (construct props, CLI arguments, plan files). */
export class ValidationError extends NautesError {
  readonly code = 'NAUTES_VALIDATION';
  constructor(
    readonly issues: readonly Issue[],
    context?: string,
  ) {
    super(
      (context ? `${context}: ` : '') +
        issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; '),
    );
  }
}

/** The state observed when a plan was made is not the state now; the plan must be made again. */
export class StalePlanError extends NautesError {
  readonly code = 'NAUTES_STALE_PLAN';
  constructor(readonly products: readonly string[]) {
    super(
      `the runtimes of ${products.map((p) => `"${p}"`).join(', ')} changed since the plan was made; run plan again and review it`,
    );
  }
}

/** plan.json is not the file plan wrote: unreadable, or its content no longer gives the id it carries. */
export class PlanEditedError extends NautesError {
  readonly code = 'NAUTES_PLAN_EDITED';
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(
      `${source} is not the plan that was written and reviewed (${detail}). Nothing was sent. Make and review a new plan (nautes-cdktf plan --out FILE)`,
    );
  }
}

/** The plan about to be applied is not the one that was reviewed (another id, server or content). */
export class PlanMismatchError extends NautesError {
  readonly code = 'NAUTES_PLAN_MISMATCH';
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
    advice = 'Make and review a new plan (nautes-cdktf plan --out FILE)',
  ) {
    super(`${message}. Nothing was sent. ${advice}`);
  }
}

/** `apply --reviewed`: the commit has no reviewed plan (no merged request, or no plan comment on it). */
export class ReviewMissingError extends NautesError {
  readonly code = 'NAUTES_REVIEW_MISSING';
  constructor(
    message: string,
    readonly commit: string,
  ) {
    super(
      `${message}. Nothing was sent. Changes reach the runtimes through a reviewed pull/merge request whose plan comment is current`,
    );
  }
}

/**
 * `apply --reviewed`: the plan comment cannot be trusted as the plan the reviewers saw (two comments of the
 * bot, a damaged record, or a visible text that is not what the fresh plan renders).
 */
export class ReviewCommentRefusedError extends NautesError {
  readonly code = 'NAUTES_REVIEW_COMMENT_REFUSED';
  constructor(
    message: string,
    readonly comments: readonly number[],
  ) {
    super(
      `${message}. Nothing was sent. Push to the pull/merge request (or run its plan job again) so the bot posts the current plan, have it reviewed, and merge again`,
    );
  }
}

/** `apply --reviewed`: the plan removes runtimes and the merged request does not carry the approval label. */
export class RemovalsNotApprovedError extends NautesError {
  readonly code = 'NAUTES_REMOVALS_NOT_APPROVED';
  constructor(
    readonly request: string,
    readonly label: string,
    readonly removals: readonly string[],
  ) {
    super(
      `the plan reviewed on ${request} removes ${removals.length} runtime(s) (${removals.slice(0, 10).join(', ')}${removals.length > 10 ? ', ...' : ''}) and ${request} does not carry the label "${label}". Nothing was sent. Add the label to ${request} and run this job again`,
    );
  }
}

/** A plan whose planning found errors cannot be applied. */
export class PlanNotApplicableError extends NautesError {
  readonly code = 'NAUTES_PLAN_NOT_APPLICABLE';
}
