// The PEM rebuilt from the handshake's unpadded base64 holds exactly the certificate's bytes, whatever the
// DER length modulo 3 (the bug that made the provider-process test pass on one machine in three).
import { X509Certificate } from 'node:crypto';
import { createServerCertificate, handshakeLine } from '../../lib/tfplugin';
import { pemFromHandshake } from '../helpers/handshake';

describe('handshake certificate', () => {
  test.each([0, 1, 2])(
    'DER bytes survive the unpadded base64 round trip (length %i mod 3)',
    (rest) => {
      const der = Buffer.from(Array.from({ length: 300 + rest }, (_, i) => (i * 7 + 3) % 256));
      const unpadded = der.toString('base64').replace(/=+$/, '');
      const body = pemFromHandshake(unpadded).split('\n').slice(1, -2).join('');
      expect(Buffer.from(body, 'base64').equals(der)).toBe(true);
    },
  );

  test('the handshake line of a real certificate gives back that certificate', async () => {
    const cert = await createServerCertificate();
    const line = handshakeLine('127.0.0.1:1234', cert.der);
    const certB64 = line.split('|')[5] as string;
    expect(certB64).not.toMatch(/=/);
    const parsed = new X509Certificate(pemFromHandshake(certB64));
    expect(parsed.raw.equals(cert.der)).toBe(true);
  });
});
