// The query of a save or delete that skips the server's global validation (nautes-api.md 1.1).
import { SKIP_CHECKS_ATTRIBUTES } from '../model';

/** `?insecure_skip_check=true` when the checks are skipped, else ''. */
export function skipCheckQuery(skip: boolean): string {
  return skip ? `?${SKIP_CHECKS_ATTRIBUTES.flag}=true` : '';
}
