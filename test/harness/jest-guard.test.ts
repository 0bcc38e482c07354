// The suite cannot hang: a test run that leaves a handle open fails with a message naming it, and the
// process groups its tests started are dead afterwards. Proved on a throwaway Jest project built here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alive } from '../helpers/processes';

const root = resolve(__dirname, '..', '..');

describe('Jest guard', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautes-jest-guard-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a leaked server fails the run with a message, and the leaked child is killed', () => {
    const pidOut = join(dir, 'child.pid');
    writeFileSync(
      join(dir, 'leak.test.js'),
      `const { spawnTracked } = require(${JSON.stringify(join(root, 'test', 'helpers', 'processes.ts'))});
       let keep;
       beforeAll(() => {
         // started outside a test and never stopped by the test itself
         const child = spawnTracked('sleep', ['300'], { stdio: 'ignore' });
         require('node:fs').writeFileSync(${JSON.stringify(pidOut)}, String(child.pid));
         keep = require('node:net').createServer().listen(0, '127.0.0.1');
       });
       test('passes but leaks a listening server', () => expect(keep).toBeDefined());`,
    );
    writeFileSync(
      join(dir, 'jest.config.js'),
      `module.exports = ${JSON.stringify({
        rootDir: dir,
        testEnvironment: 'node',
        transform: {
          '^.+\\.ts$': [require.resolve('ts-jest'), { diagnostics: false, isolatedModules: true }],
        },
        testMatch: ['<rootDir>/*.test.js'],
        setupFilesAfterEnv: [join(root, 'test', 'setup', 'after-env.ts')],
        globalSetup: join(root, 'test', 'setup', 'global-setup.js'),
        globalTeardown: join(root, 'test', 'setup', 'global-teardown.js'),
      })};`,
    );
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--runInBand', '--config', join(dir, 'jest.config.js')],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NAUTES_TEST_EXIT_GRACE_MS: '1000', NAUTES_TEST_RUN: '' },
        // a guard that did not work would hang here: the outer test's timeout then fails it
        timeout: 60_000,
        killSignal: 'SIGKILL',
      },
    );
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/1 passed/);
    expect(run.stderr).toMatch(
      /Jest could not exit 1 s after the last test: open handles \[.*TCPServerWrap.*\]/,
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(alive(Number(readFileSync(pidOut, 'utf8')))).toBe(false);
  }, 90_000);
});
