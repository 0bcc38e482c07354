// A throwaway CA and a server certificate it signs (SAN localhost and 127.0.0.1), for running the local
// server over HTTPS the way the Nautes docs describe (import the server's certificate, then use HTTPS).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** PEM material of a local HTTPS server. */
export interface TlsMaterial {
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

function pemKey(der: ArrayBuffer): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

const serial = (): string =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString('hex')
    .replace(/^[89a-f]/, '1');

/** Makes a CA and a server certificate for the given host names and IPs. */
export async function createTlsMaterial(
  hosts: { dns?: readonly string[]; ips?: readonly string[] } = {
    dns: ['localhost'],
    ips: ['127.0.0.1'],
  },
): Promise<TlsMaterial> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  type Keys = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];
  const now = Date.now();
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, [
    'sign',
    'verify',
  ])) as unknown as Keys;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=Nautes Local Test CA',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 7 * 86_400_000),
    signingAlgorithm: ALG,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
  });
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const names = [
    ...(hosts.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(hosts.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${hosts.dns?.[0] ?? hosts.ips?.[0] ?? 'localhost'}`,
    issuer: ca.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 7 * 86_400_000),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey as unknown as x509.PublicKeyType,
    signingKey: (caKeys as unknown as { privateKey: unknown }).privateKey as Extract<
      Parameters<typeof x509.X509CertificateGenerator.create>[0],
      { signingKey: unknown }
    >['signingKey'],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
    ],
  });
  return {
    caCertPem: ca.toString('pem'),
    certPem: cert.toString('pem'),
    keyPem: pemKey(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}
