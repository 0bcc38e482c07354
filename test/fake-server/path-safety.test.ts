// No request may make the local server read or write outside the product's repository, whatever the name
// or product; a failed change leaves the repository as it was; a restart keeps the history.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { SeedSchema, demoSeed, startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER, drDevBody, rawHttp } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';

/** Every file and link under `dir` but `except`, with a digest of its content. */
function snapshot(dir: string, except: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      if (full === except) continue;
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.push(`${relative(dir, full)} -> ${readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.push(`${relative(dir, full)}/`);
        walk(full);
      } else
        out.push(
          `${relative(dir, full)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`,
        );
    }
  };
  walk(dir);
  return out.sort();
}

const git = (repo: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, HOME: repo } });

describe('local server: names and products cannot leave the product repository', () => {
  let base: string;
  let server: FakeServer;
  let repo: string;
  // a fresh server and data dir per test: no test sees what another wrote
  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'nautes-paths-'));
    const dataDir = join(base, 'outer', 'data');
    mkdirSync(dataDir, { recursive: true });
    server = await startFakeServer({ dataDir });
    repo = join(dataDir, 'nautes-labs', 'default.project');
  });
  afterEach(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  const save = (target: string): ReturnType<typeof rawHttp> =>
    rawHttp(server.url, 'POST', target, { token: MAINTAINER, body: JSON.stringify(drDevBody()) });

  test.each([
    ['..%2F..%2F..%2F..%2Ftmp%2Fx?insecure_skip_check=true', '/api/tmp/x?insecure_skip_check=true'],
    [
      '..%2Fenvs%2Fenv-dev?insecure_skip_check=true',
      '/api/v1/products/nautes-labs/envs/env-dev?insecure_skip_check=true',
    ],
    ['..%2F..%2Fevil', '/api/v1/products/evil'],
    ['%2e%2e', '/api/v1/products/nautes-labs'],
    ['%2E', '/api/v1/products/nautes-labs/deploymentruntimes'],
    ['dr-x/', '/api/v1/products/nautes-labs/deploymentruntimes/dr-x'],
  ])(
    'POST %s is a 301 to %s, as gorilla/mux cleans the decoded path; nothing is written',
    async (name, location) => {
      const head = git(repo, 'rev-parse', 'HEAD');
      const r = await save(`${LIST}/${name}`);
      expect(r.status).toBe(301);
      expect(r.headers['location']).toBe(location);
      expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    },
  );

  test('a pipeline runtime whose project climbs out of the repository writes nothing outside it, even forced', async () => {
    // everything under the test's base dir but the repository itself
    const before = snapshot(base, repo);
    const head = git(repo, 'rev-parse', 'HEAD');
    const body = JSON.stringify({
      project: '../../../../escaped',
      pipeline_source: 'api-server',
      pipelines: [{ name: 'b', path: 'b.yaml' }],
      event_sources: [{ name: 'e', calendar: { schedule: '* * * * *' } }],
      pipeline_triggers: [{ event_source: 'e', pipeline: 'b' }],
      destination: { environment: 'env-dev' },
      isolation: 'shared',
    });
    const r = await rawHttp(
      server.url,
      'POST',
      '/api/v1/products/nautes-labs/projectpipelineruntimes/x?insecure_skip_check=true',
      { token: MAINTAINER, body },
    );
    expect(r.status).toBe(500);
    expect(readdirSync(join(base, 'outer'))).toEqual(['data']);
    expect(snapshot(base, repo)).toEqual(before);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  test('an encoded "/" in a name matches no route: 404 text/plain', async () => {
    const r = await save(`${LIST}/a%2Fb`);
    expect(r).toMatchObject({ status: 404, text: '404 page not found\n' });
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  test('a product "..", encoded or not, never reaches a handler', async () => {
    for (const product of ['..', '%2e%2e', '%2E%2E']) {
      const r = await rawHttp(server.url, 'GET', `/api/v1/products/${product}/deploymentruntimes`, {
        token: MAINTAINER,
      });
      expect(r.status).toBe(301);
      expect(r.headers['location']).toBe('/api/v1/deploymentruntimes');
    }
  });

  test('a NUL byte or a file name over 255 bytes fails as the write fails on Linux: 500, empty reason', async () => {
    const head = git(repo, 'rev-parse', 'HEAD');
    const nul = await save(`${LIST}/a%00b`);
    expect(nul.status).toBe(500);
    expect(JSON.parse(nul.text)).toMatchObject({
      code: 500,
      reason: '',
      message: expect.stringMatching(
        /^failed to write resource file, err: open .*: invalid argument$/,
      ),
    });
    const long = await save(`${LIST}/${'a'.repeat(300)}`);
    expect(long.status).toBe(500);
    expect(JSON.parse(long.text)).toMatchObject({
      reason: '',
      message: expect.stringMatching(/file name too long$/),
    });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  test('backslashes, newlines and unicode are plain characters of a file inside runtimes/', async () => {
    for (const [encoded, file] of [
      ['..%5C..%5Cevil', 'runtimes/..\\..\\evil.yaml'],
      ['a%0Ab', 'runtimes/a\nb.yaml'],
      ['dr-%C3%BC', 'runtimes/dr-ü.yaml'],
    ] as const) {
      const r = await rawHttp(server.url, 'POST', `${LIST}/${encoded}?insecure_skip_check=true`, {
        token: MAINTAINER,
        body: JSON.stringify(
          drDevBody({
            manifest_source: {
              code_repo: 'api-server',
              target_revision: 'HEAD',
              path: `m/${encoded}`,
            },
          }),
        ),
      });
      expect(r.status).toBe(200);
      expect(server.service.treeOf('nautes-labs')?.has(file)).toBe(true);
      expect(git(repo, 'ls-files', '-z').split('\0')).toContain(file);
    }
  });

  test('property: after any request, nothing outside the repo changed, the work tree is clean and git fsck passes', async () => {
    const outside = join(base, 'outer');
    const before = snapshot(base, repo);
    const piece = fc.constantFrom(
      'a',
      '.',
      '..',
      '/',
      '%2F',
      '%2f',
      '%2e',
      '%2E%2E',
      '\\',
      '%5C',
      '%00',
      '%0A',
      '%0D',
      '%1B',
      '%C3%A9',
      '%E2%80%AE',
      '%',
      '-',
      '*',
      ':',
      '~',
    );
    const name = fc.oneof(
      fc.array(piece, { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
      fc.integer({ min: 245, max: 300 }).map((n) => 'n'.repeat(n)),
      fc.constantFrom(
        '..%2F..%2F..%2Ftmp%2Fx',
        '..%2Fenvs%2Fenv-dev',
        '..%2F..%2Fevil',
        'dr-dev',
        '%2e%2e%2fdefault.project',
      ),
    );
    const product = fc.constantFrom(
      'nautes-labs',
      '..',
      '%2e%2e',
      'nautes-labs%2F..',
      '.',
      'nautes-labs%00',
      'other',
      '%2E%2E%2F%2E%2E',
    );
    const call = fc.record({
      method: fc.constantFrom('POST', 'DELETE', 'GET'),
      product,
      name,
      skip: fc.boolean(),
    });
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(call, async ({ method, product: p, name: n, skip }) => {
        const head = git(repo, 'rev-parse', 'HEAD');
        const target = `/api/v1/products/${p}/deploymentruntimes/${n}${skip ? '?insecure_skip_check=true' : ''}`;
        const r = await rawHttp(server.url, method, target, {
          token: MAINTAINER,
          ...(method === 'POST' ? { body: JSON.stringify(drDevBody()) } : {}),
        });
        requests++;
        expect(r.status).toBeGreaterThan(0);
        expect(snapshot(base, repo)).toEqual(before);
        expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('');
        git(repo, 'fsck', '--no-progress');
        if (r.status !== 200 || method === 'GET') expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
      }),
      { numRuns: 150, seed: 20261129, endOnFailure: true },
    );
    expect(requests).toBe(150);
    expect(readdirSync(outside)).toEqual(['data']);
  }, 120_000);
});

describe('local server: restart and seed paths', () => {
  test('a restart with the same data dir keeps every commit and runtime', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nautes-restart-'));
    try {
      const first = await startFakeServer({ dataDir });
      const saved = await rawHttp(first.url, 'POST', `${LIST}/dr-dev`, {
        token: MAINTAINER,
        body: JSON.stringify(drDevBody()),
      });
      expect(saved.status).toBe(200);
      const history = (await first.service.repoOf('nautes-labs')?.log())?.map((c) => c.hash);
      await first.close();

      const second = await startFakeServer({ dataDir });
      try {
        expect((await second.service.repoOf('nautes-labs')?.log())?.map((c) => c.hash)).toEqual(
          history,
        );
        const list = await rawHttp(second.url, 'GET', LIST, { token: MAINTAINER });
        expect(JSON.parse(list.text).items.map((i: { name: string }) => i.name)).toEqual([
          'dr-dev',
        ]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test.each(['../victim', '/abs', 'a/b', '..', '.hidden', 'x.git'])(
    'a seed product path %j is refused with the field named',
    (path) => {
      const seed = demoSeed();
      const bad = { ...seed, products: [{ ...seed.products[0], path }] };
      const parsed = SeedSchema.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['products', 0, 'path']);
    },
  );
});
