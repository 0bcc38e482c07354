// The provider's self-signed server certificate for go-plugin AutoMTLS. Cached on disk (mode 0600) so a
// launch skips key generation and the X.509 library (tfplugin-node.md "start-up trick").
import { webcrypto, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as X509 from '@peculiar/x509';

/** A PEM key pair and the certificate's DER bytes. */
export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
}

const VALID_DAYS = 30;
const RENEW_BEFORE_MS = 60 * 60 * 1000;

function fromPem(certPem: string, keyPem: string): ServerCertificate {
  return { certPem, keyPem, der: Buffer.from(new X509Certificate(certPem).raw) };
}

/** Makes a fresh ECDSA P-256 certificate: SAN localhost, CA, server and client auth. */
export async function createServerCertificate(now = new Date()): Promise<ServerCertificate> {
  // loaded lazily: only a launch without a usable cached certificate pays for the library
  // require (not import()) so the CommonJS build and the bundle both load it synchronously and lazily
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('reflect-metadata');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const x509 = require('@peculiar/x509') as typeof X509;
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=localhost, O=cdktf-provider-nautes',
    notBefore: new Date(now.getTime() - 30_000),
    notAfter: new Date(now.getTime() + VALID_DAYS * 86_400_000),
    signingAlgorithm: alg,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"],
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
  return fromPem(cert.toString('pem'), keyPem);
}

/** Returns the cached certificate when still valid for an hour, else makes and caches a new one. */
export async function loadServerCertificate(cacheFile: string | undefined, now = new Date()): Promise<ServerCertificate> {
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { certPem: string; keyPem: string };
      const cert = new X509Certificate(cached.certPem);
      if (new Date(cert.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS && new Date(cert.validFrom) <= now) return fromPem(cached.certPem, cached.keyPem);
    } catch {
      // no usable cache: make a new certificate below
    }
  }
  const fresh = await createServerCertificate(now);
  if (cacheFile) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      writeFileSync(cacheFile, JSON.stringify({ certPem: fresh.certPem, keyPem: fresh.keyPem }), { mode: 0o600 });
    } catch {
      // a read-only cache location only costs start-up time
    }
  }
  return fresh;
}
