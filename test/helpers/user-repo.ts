// A user's own infrastructure repository, as the e2e tests of test/e2e/user-repo*.test.ts start from it:
// npm pack; `nautes-cdktf init --product nautes-labs` in an empty directory; the tarball and its peers
// installed offline from the npm cache; the local Nautes server, with a runtime someone made with curl
// before adopting code. One per test file (jest runs the files in parallel).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER, drDevBody, rawHttp } from './fake-server';
import { tarballName, writeOfflineLock } from './offline-install';
import { runCommand as run } from './run-command';

const root = join(__dirname, '..', '..');

/** The runtime someone made with curl before adopting code (made again where a test needs it). */
export /** The runtime someone made with curl before adopting code (made again where a test needs it). */
const createCurlRuntime = (server: FakeServer): ReturnType<typeof rawHttp> =>
  rawHttp(server.url, 'POST', '/api/v1/products/nautes-labs/deploymentruntimes/dr-curl', {
    token: MAINTAINER,
    body: JSON.stringify(
      drDevBody({
        manifest_source: {
          code_repo: 'api-server',
          target_revision: 'HEAD',
          path: 'manifests/curl',
        },
        destination: { environment: 'env-test', namespaces: ['dr-curl'] },
      }),
    ),
  });

/** What a test file of the user's repository works with. */
export interface UserRepo {
  /** A temporary folder for everything the file makes. */
  readonly work: string;
  /** The packed tarball. */
  readonly tarball: string;
  /** The repository init made, installed (copy it for each use). */
  readonly template: string;
  readonly server: FakeServer;
  /** The environment of the user's shell (their HOME, the server, the maintainer token). */
  readonly baseEnv: NodeJS.ProcessEnv;
}

/**
 * Registers the set-up (beforeAll) and clean-up (afterAll) of a user's repository for the current test
 * file; `get()` gives it once set up, `timed` records how long a step took (printed after the file).
 */
export function useUserRepo(name: string): {
  get: () => UserRepo;
  timed: <T>(label: string, f: () => Promise<T>) => Promise<T>;
} {
  let repo: UserRepo | undefined;
  let work: string;
  let tarball: string;
  let template: string;
  let server: FakeServer;
  let baseEnv: NodeJS.ProcessEnv;
  const timings: string[] = [];
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await f();
    timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), `nautes-${name}-`));
    server = await startFakeServer();
    // a runtime someone created with curl before adopting code
    const curl = await createCurlRuntime(server);
    expect(curl.status).toBe(200);
    baseEnv = {
      PATH: process.env['PATH'],
      HOME: join(work, 'home'),
      npm_config_cache: execFileSync('npm', ['config', 'get', 'cache'], {
        encoding: 'utf8',
      }).trim(),
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: MAINTAINER,
      CHECKPOINT_DISABLE: '1',
      NO_COLOR: '1',
      CI: '1',
    };
    // the user's own CLI configuration, which must be kept: a plugin cache
    mkdirSync(join(work, 'home', 'plugin-cache'), { recursive: true });
    writeFileSync(
      join(work, 'home', '.terraformrc'),
      `plugin_cache_dir = "${join(work, 'home', 'plugin-cache')}"\n`,
    );
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    tarball = join(work, tarballName());
    // one init and install, copied for each host (the install is what takes time)
    template = join(work, 'template');
    // (asynchronous: the server runs in this process)
    const init = await run(
      process.execPath,
      [join(root, 'bin', 'nautes-cdktf.js'), 'init', template, '--product', 'nautes-labs'],
      work,
      baseEnv,
    );
    expect(init.out).toMatch(/^Created .*1 runtimes of nautes-labs declared/m);
    expect(init.code).toBe(0);
    writeOfflineLock(template, tarball);
    const install = await timed('npm install --offline', () =>
      run('npm', ['install', '--offline', '--no-audit', '--no-fund'], template, baseEnv),
    );
    expect(install.out).not.toMatch(/ERR!|npm error/);
    expect(install.code).toBe(0);
    repo = { work, tarball, template, server, baseEnv };
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    process.stdout.write(`${name} timings:\n  ${timings.join('\n  ')}\n`);
    rmSync(work, { recursive: true, force: true });
  });

  return {
    get: () => {
      if (!repo) throw new Error('the user repository is not set up (its beforeAll failed)');
      return repo;
    },
    timed,
  };
}
