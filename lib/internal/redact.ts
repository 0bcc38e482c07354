// Token redaction shared by every layer that formats messages: the token must never leave the process.

const secrets = new Set<string>();

/** Registers a secret so that `redact` removes it from any text. */
export function registerSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= 4) secrets.add(secret);
}

/** Replaces every registered secret and any bearer credential in `text` with `***`. */
export function redact(text: string): string {
  let out = text.replace(/(Bearer\s+)[^\s"',]+/gi, '$1***');
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}
