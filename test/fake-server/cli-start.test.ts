// Starting `nautes-cdktf fake-server` (the built CLI, as a user runs it): bad --tls-cert/--tls-key files
// are usage errors, and a stale .git/index.lock a crash left in the data dir does not stop a start.
import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTlsMaterial, startFakeServer } from '../../lib/fake-server';
import { projectPath } from '../helpers/cdktf-app';
import { MAINTAINER, drDevBody, http } from '../helpers/fake-server';
import { spawnTracked } from '../helpers/processes';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';

interface Started {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Spawns the CLI (killed after the test by test/setup/after-env.ts if still running). */
function fakeServerCli(args: readonly string[]): Started {
  const child = spawnTracked(
    process.execPath,
    [projectPath('bin', 'nautes-cdktf.js'), 'fake-server', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } },
  );
  const started: Started = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((r) =>
      child.on('close', (code, signal) => {
        if (signal) started.stderr += `(killed by ${signal})`;
        r(code);
      }),
    ),
  };
  child.stdout?.on('data', (d: Buffer) => (started.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (started.stderr += d.toString()));
  return started;
}

/** Resolves once the CLI printed "listening on <url>" (or rejects when it exited first). */
function listening(s: Started): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const m = /^listening on (\S+)$/m.exec(s.stdout);
      if (m) resolve(m[1] as string);
    };
    s.child.stdout?.on('data', check);
    void s.exited.then((code) =>
      reject(new Error(`exited ${code} before listening:\n${s.stdout}${s.stderr}`)),
    );
    check();
  });
}

describe('fake-server --tls-cert/--tls-key', () => {
  let dir: string;
  let cert: string;
  let key: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-fake-cli-'));
    const material = await createTlsMaterial();
    const other = await createTlsMaterial();
    const files: Record<string, string> = {
      'cert.pem': material.certPem,
      'key.pem': material.keyPem,
      'other-key.pem': other.keyPem,
      'empty.pem': '',
      'blank.pem': ' \n\n',
      'garbage.pem': 'not a certificate\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'a-directory'));
    cert = join(dir, 'cert.pem');
    key = join(dir, 'key.pem');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['an empty certificate', 'empty.pem', 'key.pem', '--tls-cert {cert}: the file is empty'],
    ['a blank key', 'cert.pem', 'blank.pem', '--tls-key {key}: the file is empty'],
    [
      'a missing certificate',
      'missing.pem',
      'key.pem',
      '--tls-cert {cert}: cannot be read (no such file)',
    ],
    [
      'a directory as the key',
      'cert.pem',
      'a-directory',
      '--tls-key {key}: cannot be read (is a directory, not a file)',
    ],
    [
      'a certificate that is no PEM',
      'garbage.pem',
      'key.pem',
      '--tls-cert {cert}: holds no PEM certificate',
    ],
    [
      'a certificate given as the key',
      'cert.pem',
      'cert.pem',
      '--tls-key {key}: holds no PEM private key',
    ],
    [
      'the key of another certificate',
      'cert.pem',
      'other-key.pem',
      '--tls-key {key}: is not the private key of the certificate in --tls-cert {cert}',
    ],
  ])('%s is a usage error (exit 64) naming the file', async (_what, certName, keyName, message) => {
    const certFile = join(dir, certName);
    const keyFile = join(dir, keyName);
    const run = fakeServerCli(['--tls-cert', certFile, '--tls-key', keyFile]);
    expect(await run.exited).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(
      `nautes-cdktf fake-server: ${message.replace('{cert}', certFile).replace('{key}', keyFile)}`,
    );
    expect(run.stderr).toContain('Usage: nautes-cdktf fake-server');
  });

  test('a readable certificate and its key serve HTTPS; SIGTERM stops the server', async () => {
    const run = fakeServerCli(['--tls-cert', cert, '--tls-key', key]);
    expect(await listening(run)).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    run.child.kill('SIGTERM');
    expect([await run.exited, run.stderr]).toEqual([0, '']);
  });
});

describe('a stale .git/index.lock in the data dir', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautes-fake-lock-'));
    // a first run that saved a runtime, then a git process killed mid-change: its lock stays behind
    const first = await startFakeServer({ dataDir });
    expect(
      (
        await http(first.url, 'POST', `${LIST}/dr-kept`, {
          token: MAINTAINER,
          body: JSON.stringify(drDevBody()),
        })
      ).status,
    ).toBe(200);
    await first.close();
    writeFileSync(join(dataDir, 'nautes-labs', 'default.project', '.git', 'index.lock'), '');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('is removed at start, said in one line, and the server works on its kept history', async () => {
    const lines: string[] = [];
    const server = await startFakeServer({ dataDir, log: (l) => lines.push(l) });
    try {
      expect(lines).toEqual([
        `removed a stale .git/index.lock left by a crash (${join(dataDir, 'nautes-labs', 'default.project', '.git')})`,
      ]);
      expect(
        existsSync(join(dataDir, 'nautes-labs', 'default.project', '.git', 'index.lock')),
      ).toBe(false);
      expect((await http(server.url, 'GET', `${LIST}/dr-kept`, { token: MAINTAINER })).status).toBe(
        200,
      );
      const saved = await http(server.url, 'POST', `${LIST}/dr-after`, {
        token: MAINTAINER,
        body: JSON.stringify(
          drDevBody({ destination: { environment: 'env-test', namespaces: ['after'] } }),
        ),
      });
      expect(saved.status).toBe(200);
      expect((await server.service.repoOf('nautes-labs')?.log())?.length).toBe(3);
    } finally {
      await server.close();
    }
  });

  test('the CLI prints that line on stderr and starts', async () => {
    const run = fakeServerCli(['--data-dir', dataDir]);
    const url = await listening(run);
    expect(run.stderr).toBe(
      `removed a stale .git/index.lock left by a crash (${join(dataDir, 'nautes-labs', 'default.project', '.git')})\n`,
    );
    expect((await http(url, 'GET', `${LIST}/dr-kept`, { token: MAINTAINER })).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  test('a start without a lock says nothing', async () => {
    rmSync(join(dataDir, 'nautes-labs', 'default.project', '.git', 'index.lock'));
    const lines: string[] = [];
    const server = await startFakeServer({ dataDir, log: (l) => lines.push(l) });
    await server.close();
    expect(lines).toEqual([]);
  });
});
