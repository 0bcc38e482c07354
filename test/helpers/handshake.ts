// Reading the provider's handshake line the way go-plugin does.

/**
 * The handshake carries the server's DER certificate as base64 without padding (Go's RawStdEncoding);
 * a PEM needs it padded again, or TLS fails for two DER lengths in three.
 */
export function pemFromHandshake(certB64: string): string {
  const padded = Buffer.from(certB64, 'base64').toString('base64');
  const lines = padded.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
