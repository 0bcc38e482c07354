// Token redaction. A Redactor holds the secrets of whoever created it (a client its token, the CLI and the
// provider the tokens of their environment) and is passed to what formats messages: no module-level
// registry, which each bundled chunk of the provider would hold a copy of.

/** Replaces bearer credentials (`Bearer <anything>`) in `text` with `***`; needs no secret. */
export function redactCredentials(text: string): string {
  return text.replace(/(Bearer\s+)[^\s"',]+/gi, '$1***');
}

/** Removes known secrets (and any bearer credential) from text. */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Adds a secret (values shorter than 4 characters are not secrets worth hiding, and would shred text). */
  add(secret: string | undefined): this {
    if (secret !== undefined && secret.length >= 4) this.#secrets.add(secret);
    return this;
  }

  /** `text` with every secret and bearer credential replaced by `***`. */
  redact(text: string): string {
    let out = redactCredentials(text);
    for (const s of this.#secrets) out = out.split(s).join('***');
    return out;
  }
}

/** The environment variables that hold tokens this package reads. */
const TOKEN_VARIABLES = ['NAUTES_TOKEN', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'CI_JOB_TOKEN'];

/** A redactor that knows the tokens of `env`. */
export function redactorForEnv(env: Readonly<Record<string, string | undefined>>): Redactor {
  return new Redactor(TOKEN_VARIABLES.map((k) => env[k]?.trim()));
}
