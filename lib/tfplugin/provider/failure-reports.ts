// One error per cause: when the provider's configuration or a product's list fails, every resource of the
// product fails the same way (16 runtimes: 16 copies, and cdktf shows each twice). The first diagnostic of a
// cause carries the whole message with its hint; the others of the same provider process name it briefly.
import { NautesError } from '../../errors';
import { diagnosticFromError, error, type Diagnostic } from './diagnostics';

/** Where a failure came from, when it is one that every resource of a product (or server) shares. */
export type SharedCause =
  | { readonly kind: 'config' }
  | { readonly kind: 'list'; readonly server: string; readonly product: string };

/** Causes that are the server's (or the token's), whatever product was asked for. */
const SERVER_WIDE = new Set(['NAUTES_API_CONNECTION', 'NAUTES_API_UNAUTHORIZED']);

function brief(cause: SharedCause, code: string): string {
  if (cause.kind === 'config') return `the Nautes provider's configuration is not usable [${code}]`;
  const { server, product } = cause;
  switch (code) {
    case 'NAUTES_API_CONNECTION':
      return `the Nautes provider cannot reach ${server} [${code}]`;
    case 'NAUTES_API_UNAUTHORIZED':
      return `${server} does not accept the token [${code}]`;
    case 'NAUTES_API_FORBIDDEN':
      return `the token has no rights on product "${product}" at ${server} [${code}]`;
    case 'NAUTES_API_GROUP_NOT_FOUND':
      return `product "${product}" is unknown at ${server} [${code}]`;
    default:
      return `listing the runtimes of product "${product}" at ${server} failed [${code}]`;
  }
}

/** The failures one provider process has reported, keyed by (server, product, cause). */
export class FailureReports {
  private readonly seen = new Set<string>();

  /**
   * The diagnostic for `e`: in full the first time its cause is seen in this process, then a short
   * reference to it. Errors of no shared cause are always reported in full.
   */
  diagnostic(summary: string, e: unknown, cause: SharedCause | undefined): Diagnostic {
    if (!cause || !NautesError.isNautesError(e)) return diagnosticFromError(summary, e);
    const key =
      cause.kind === 'config'
        ? `config\0${e.code}`
        : `${cause.server}\0${SERVER_WIDE.has(e.code) ? '*' : cause.product}\0${e.code}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      return diagnosticFromError(summary, e);
    }
    return error(
      summary,
      `Not repeated here: see the error reported in full (with its hint) for this cause: ${brief(cause, e.code)}.`,
    );
  }
}
