// What npm publishes: the packed package.json is publishable and carries no scripts (no `prepare`, which
// would put the package among the install scripts npm asks users to approve), the checkout's manifest is
// back after packing, and the release workflow publishes with provenance from a tested build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packTarball } from '../helpers/pack';

const root = join(__dirname, '..', '..');

describe('the published package', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'nautes-pack-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the packed package.json: no scripts, not private, repository, license, keywords, engines, both bin names', () => {
    const before = readFileSync(join(root, 'package.json'), 'utf8');
    const tarball = packTarball(dir);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(before);
    const packed = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    expect(packed['scripts']).toBeUndefined();
    expect(packed['private']).toBeUndefined();
    expect(packed['license']).toBe('Apache-2.0');
    expect(packed['repository']).toEqual({
      type: 'git',
      url: expect.stringMatching(/^git\+https:/),
    });
    expect(packed['keywords']).toEqual(expect.arrayContaining(['nautes', 'cdktf', 'cdktn']));
    expect(packed['engines']).toEqual({ node: '>=20.18.1' });
    // `npx cdktf-provider-nautes` from an empty directory runs the bin named after the package
    expect(packed['bin']).toEqual({
      'cdktf-provider-nautes': 'bin/nautes-cdktf.js',
      'nautes-cdktf': 'bin/nautes-cdktf.js',
      'nautes-tf-host': 'bin/nautes-tf-host.js',
    });
    // init pins the versions it writes from these
    expect(packed['devDependencies']).toEqual(
      (JSON.parse(before) as { devDependencies: unknown }).devDependencies,
    );
  });

  test('the checkout still builds on npm ci (prepare) and before the tests (pretest)', () => {
    const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(own.scripts['prepare']).toMatch(/^npm run build/);
    expect(own.scripts['pretest']).toBe('npm run build');
  });

  test('the release workflow: on a version tag, npm ci, npm test, npm publish --provenance', () => {
    const wf = parse(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: { publish: { steps: Array<{ run?: string; env?: Record<string, string> }> } };
    };
    expect(wf.on.push.tags).toEqual(['v*']);
    expect(wf.permissions['id-token']).toBe('write');
    const runs = wf.jobs.publish.steps.flatMap((s) => (s.run ? [s.run] : []));
    const at = (cmd: RegExp): number => runs.findIndex((r) => cmd.test(r));
    expect(at(/^npm ci$/)).toBeGreaterThanOrEqual(0);
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^npm ci$/));
    expect(at(/^npm publish --provenance/)).toBeGreaterThan(at(/^npm test$/));
    const publish = wf.jobs.publish.steps.find((s) => s.run?.startsWith('npm publish'));
    expect(publish?.env?.['NODE_AUTH_TOKEN']).toBe('${{ secrets.NPM_TOKEN }}');
  });
});
