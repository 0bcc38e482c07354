// The token never leaves the process: not in any field of an error, not cut in half by a length limit, not
// over plain HTTP to a host that only looks like loopback, not echoed from a misused NAUTES_TOKEN_FILE.
import { inspect } from 'node:util';
import { ApiConnectionError, ApiResponseError, NautesClient, readToken } from '../../lib/api';
import { isLoopback } from '../../lib/api/client';
import { Redactor } from '../../lib/internal/redact';
import { NautesProviderCore } from '../../lib/tfplugin';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOKEN = 'glpat-Zq8Xw3Vt9Ky2Lm5Np7Rb';
// every 6-character piece of the token: none may appear anywhere
const pieces = Array.from({ length: TOKEN.length - 5 }, (_, i) => TOKEN.slice(i, i + 6));
const leaks = (text: string): string[] => pieces.filter((p) => text.includes(p));

describe('secrets', () => {
  // the client adds its token to its redactor, and makes its errors with it, as in real use
  const { redactor } = new NautesClient({ apiServer: 'http://127.0.0.1:1', token: TOKEN, env: {} });

  test.each([0, 1, 5, 10, 20])(
    'a token in a server message is redacted in every field, also across the 2000-character cut (offset %i)',
    (offset) => {
      const message = `${'x'.repeat(2000 - offset)}${TOKEN} and again Bearer ${TOKEN}`;
      const e = new ApiResponseError(
        'GET',
        '/api/v1/products/p/deploymentruntimes',
        500,
        `R ${TOKEN}`,
        message,
        redactor,
      );
      for (const text of [
        e.message,
        e.serverMessage,
        e.reason,
        JSON.stringify(e),
        inspect(e, { depth: 5 }),
        String(e.stack),
      ])
        expect(leaks(text)).toEqual([]);
    },
  );

  test('a connection error keeps only the redacted text of its cause', () => {
    const e = new ApiConnectionError(
      'GET',
      '/x',
      new Error(`connect failed for ${TOKEN}`),
      false,
      redactor,
    );
    expect(leaks(inspect(e, { depth: 5 }))).toEqual([]);
    expect(leaks(JSON.stringify(e))).toEqual([]);
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['[::1]', true],
    ['127.0.0.1.attacker.example', false],
    ['127.attacker.example', false],
    ['localhost.attacker.example', false],
    ['10.0.0.1', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });

  test('the token is not sent over plain HTTP to a host that only starts with 127.', () => {
    expect(
      () =>
        new NautesClient({
          apiServer: 'http://127.0.0.1.attacker.example:8000',
          token: TOKEN,
          env: {},
        }),
    ).toThrow(/refusing to send the token over plain HTTP to 127\.0\.0\.1\.attacker\.example:8000/);
  });

  test('NAUTES_TOKEN_FILE holding the token itself is never echoed', () => {
    let message = '';
    try {
      readToken({ NAUTES_TOKEN_FILE: TOKEN });
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(message).toMatch(/cannot read the token file that NAUTES_TOKEN_FILE names: ENOENT/);
    expect(leaks(message)).toEqual([]);
  });

  test('a token read from NAUTES_TOKEN_FILE is removed by the redactor the client shares (the CLI, the provider log)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautes-secret-'));
    try {
      writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
      const shared = new Redactor();
      new NautesClient({
        apiServer: 'http://127.0.0.1:1',
        env: { NAUTES_TOKEN_FILE: join(dir, 'token') },
        redactor: shared,
      });
      expect(shared.redact(`log line with ${TOKEN}`)).toBe('log line with ***');
      // the provider: its client is made in ConfigureProvider (in another bundle chunk) with the core's redactor
      const core = new NautesProviderCore({
        NAUTES_TOKEN_FILE: join(dir, 'token'),
        NAUTES_API_SERVER: 'http://127.0.0.1:1',
      });
      expect(
        core.configure({
          api_server: null,
          ca_cert_file: null,
          timeout_seconds: null,
          retries: null,
          allow_insecure_http: null,
        }),
      ).toEqual([]);
      expect(core.redactor.redact(`log line with ${TOKEN}`)).toBe('log line with ***');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
