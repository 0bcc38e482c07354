// go-plugin handshake (core protocol 1): the magic cookie check and the one line written to stdout.

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE =
  'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const PROTOCOL_VERSION = 6;

/** Why the process cannot serve, or undefined when it can. */
export function checkHandshakeEnv(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE)
    return 'This binary is a plugin (the Nautes Terraform provider). It is not meant to be run directly; OpenTofu or Terraform start it.';
  // the order of PLUGIN_PROTOCOL_VERSIONS is random: look for 6 anywhere
  const versions = (env['PLUGIN_PROTOCOL_VERSIONS'] ?? String(PROTOCOL_VERSION))
    .split(',')
    .map((v) => v.trim());
  if (!versions.includes(String(PROTOCOL_VERSION)))
    return `This provider speaks plugin protocol ${PROTOCOL_VERSION}; the host offers ${versions.join(',')}. Use OpenTofu >= 1.6 or Terraform >= 1.0.`;
  return undefined;
}

/** `1|6|tcp|127.0.0.1:PORT|grpc[|CERT]`, CERT being unpadded base64 of the DER certificate. */
export function handshakeLine(address: string, certDer?: Buffer): string {
  const base = `1|${PROTOCOL_VERSION}|tcp|${address}|grpc`;
  return certDer ? `${base}|${certDer.toString('base64').replace(/=+$/, '')}` : base;
}
