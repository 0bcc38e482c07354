// Diagnostics every resource type of the provider gives in the same words.
import { SKIP_CHECKS_ATTRIBUTES } from '../../model';
import { UNKNOWN, type CtyValue } from '../cty/types';
import { error, type Diagnostic } from './diagnostics';
import type { ProviderContext } from './resource-type';

const { flag: SKIP_FLAG, reason: SKIP_REASON } = SKIP_CHECKS_ATTRIBUTES;

/**
 * The error for a configuration that skips the server's checks without saying why (a reason not known
 * yet is checked again at plan time), or undefined.
 */
export function missingSkipReason(config: {
  readonly [SKIP_FLAG]?: CtyValue | undefined;
  readonly [SKIP_REASON]?: CtyValue | undefined;
}): Diagnostic | undefined {
  const reason = config[SKIP_REASON];
  if (config[SKIP_FLAG] !== true || reason === UNKNOWN) return undefined;
  if (typeof reason === 'string' && reason.trim()) return undefined;
  return error(
    'Missing Skip Reason',
    `${SKIP_FLAG} = true makes the Nautes server skip its global validation of default.project; say why in ${SKIP_REASON}.`,
    [SKIP_REASON],
  );
}

/** The error of a change not started because the host asked the provider to stop. */
export function providerStopping(ctx: ProviderContext): Diagnostic {
  return error(
    'Provider Stopping',
    `${ctx.host.product} asked the provider to stop; this change was not started.`,
  );
}
