// The provider's self-signed server certificate for go-plugin AutoMTLS. Cached on disk (mode 0600) so a
// launch skips key generation and the X.509 library (tfplugin-node.md "start-up trick").
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as Generator from './certificate-generator';

/** A PEM key pair and the certificate's DER bytes. */
export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
}

const RENEW_BEFORE_MS = 60 * 60 * 1000;

function fromPem(certPem: string, keyPem: string): ServerCertificate {
  return { certPem, keyPem, der: Buffer.from(new X509Certificate(certPem).raw) };
}

/** Makes a fresh ECDSA P-256 certificate: SAN localhost, CA, server and client auth. */
export async function createServerCertificate(now = new Date()): Promise<ServerCertificate> {
  // loaded lazily (a separate chunk in the bundle): only a launch without a cached certificate pays for it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCertificatePem } = require('./certificate-generator') as typeof Generator;
  const { certPem, keyPem } = await generateCertificatePem(now);
  return fromPem(certPem, keyPem);
}

/** Returns the cached certificate when still valid for an hour, else makes and caches a new one. */
export async function loadServerCertificate(
  cacheFile: string | undefined,
  now = new Date(),
): Promise<ServerCertificate> {
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
        certPem: string;
        keyPem: string;
      };
      const cert = new X509Certificate(cached.certPem);
      if (
        new Date(cert.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS &&
        new Date(cert.validFrom) <= now
      )
        return fromPem(cached.certPem, cached.keyPem);
    } catch {
      // no usable cache: make a new certificate below
    }
  }
  const fresh = await createServerCertificate(now);
  if (cacheFile) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      writeFileSync(cacheFile, JSON.stringify({ certPem: fresh.certPem, keyPem: fresh.keyPem }), {
        mode: 0o600,
      });
    } catch {
      // a read-only cache location only costs start-up time
    }
  }
  return fresh;
}
