// The skip-checks option of a runtime, declared once: its Terraform attributes (also the API's query flag,
// nautes-api.md 1.1), how it reads from a resource's attributes, and the rule that a reason is given.

/** Why the server's global validation of default.project is skipped for a runtime. */
export interface SkipChecks {
  /** Required: shown in every plan and PR comment. */
  readonly reason: string;
}

/** The Terraform attributes of the option; the flag is also the query parameter of save and delete. */
export const SKIP_CHECKS_ATTRIBUTES = {
  flag: 'insecure_skip_check',
  reason: 'skip_checks_reason',
} as const;

/** The descriptions of the two attributes (the provider schema and the generated bindings). */
export const SKIP_CHECKS_DESCRIPTIONS = {
  flag: `Skip the server's global validation of default.project on save and delete. Needs ${SKIP_CHECKS_ATTRIBUTES.reason}.`,
  reason: `Why ${SKIP_CHECKS_ATTRIBUTES.flag} is needed; shown in every plan.`,
} as const;

/** What a plan shows for an option whose reason is missing or not known. */
export const NO_REASON = '(no reason given)';

/** The option as a resource's attributes hold it (cdk.tf.json or state): undefined when the flag is not true. */
export function skipChecksFromAttributes(
  attributes: Readonly<Record<string, unknown>>,
): SkipChecks | undefined {
  if (attributes[SKIP_CHECKS_ATTRIBUTES.flag] !== true) return undefined;
  const reason = attributes[SKIP_CHECKS_ATTRIBUTES.reason];
  return { reason: typeof reason === 'string' && reason.trim() ? reason : NO_REASON };
}

/** True when a declared reason says something (the option needs one). */
export function hasSkipReason(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim() !== '';
}
