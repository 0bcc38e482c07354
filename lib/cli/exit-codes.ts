/** Exit codes of `nautes-cdktf` (one meaning each; documented in the README). */
export const EXIT = {
  OK: 0,
  ERROR: 1,
  CHANGES: 2,
  STALE_PLAN: 3,
  /** plan --detailed-exitcode: every change undoes drift on the server (none comes from the code) */
  DRIFT_ONLY: 4,
  /** plan --detailed-exitcode: no change, but runtimes that no code declares were found */
  UNMANAGED_FOUND: 5,
  /** apply --reviewed: the reviewed plan removes runtimes and the removal approval is missing */
  REMOVALS_NOT_APPROVED: 6,
  USAGE: 64,
} as const;
