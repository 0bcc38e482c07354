import { NautesError } from '../../errors';

/** A Terraform diagnostic in our own terms (converted to proto by the server layer). */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** Title Case summary, e.g. "Invalid Destination". */
  readonly summary: string;
  /** A full sentence with the remedy. */
  readonly detail: string;
  /** Attribute path, e.g. `['namespaces', 1]`. */
  readonly path?: readonly (string | number)[];
}

export const error = (
  summary: string,
  detail: string,
  path?: readonly (string | number)[],
): Diagnostic =>
  path ? { severity: 'ERROR', summary, detail, path } : { severity: 'ERROR', summary, detail };

export const warning = (
  summary: string,
  detail: string,
  path?: readonly (string | number)[],
): Diagnostic =>
  path ? { severity: 'WARNING', summary, detail, path } : { severity: 'WARNING', summary, detail };

/** Turns a thrown error into a diagnostic: our errors keep their message, anything else is a bug report. */
export function diagnosticFromError(summary: string, e: unknown): Diagnostic {
  if (NautesError.isNautesError(e)) return error(summary, `${e.message} [${e.code}]`);
  return error(
    'Internal Error',
    `This is a bug in the Nautes provider; please report it. ${e instanceof Error ? e.message : String(e)}`,
  );
}
