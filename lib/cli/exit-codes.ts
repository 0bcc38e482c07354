/** Exit codes of `nautes-cdktf` (one meaning each; documented in the README). */
export const EXIT = {
  OK: 0,
  ERROR: 1,
  CHANGES: 2,
  STALE_PLAN: 3,
  USAGE: 64,
} as const;
