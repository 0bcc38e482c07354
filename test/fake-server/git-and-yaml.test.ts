// The resource files and history as a real Nautes writes them (nautes-api.md 11.7): author and committer
// are the GitLab username and email, a new runtime is appended to the kustomization, and strings that
// YAML 1.1 would read as another type are double-quoted.
import { execFileSync } from 'node:child_process';
import { MAINTAINER, drDevBody, http, useFakeServer } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';

describe('local server: git and YAML', () => {
  const ctx = useFakeServer();
  const save = (name: string, body: unknown) =>
    http(ctx.server.url, 'POST', `${LIST}/${name}?insecure_skip_check=true`, {
      token: MAINTAINER,
      body: JSON.stringify(body),
    });
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: ctx.server.service.repoOf('nautes-labs')?.dir,
      encoding: 'utf8',
    });

  test('author and committer are the GitLab username and email', async () => {
    expect((await save('dr-a', drDevBody())).status).toBe(200);
    expect(git('log', '-1', '--format=%an <%ae>|%cn <%ce>').trim()).toBe(
      'alice <alice@nautes.local>|alice <alice@nautes.local>',
    );
  });

  test('a new runtime is appended after the existing kustomization entries; a deleted one leaves the list', async () => {
    expect((await save('dr-a', drDevBody())).status).toBe(200);
    expect(
      (
        await save(
          'zz-last',
          drDevBody({
            manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'z' },
          }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await save(
          'aa-first',
          drDevBody({
            manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'a' },
          }),
        )
      ).status,
    ).toBe(200);
    const entries =
      (await ctx.server.service.repoOf('nautes-labs')?.show('production/kustomization.yaml'))
        ?.split('\n')
        .filter((l) => l.startsWith('- ')) ?? [];
    expect(entries.slice(-3)).toEqual([
      '- ../runtimes/dr-a.yaml',
      '- ../runtimes/zz-last.yaml',
      '- ../runtimes/aa-first.yaml',
    ]);
    // the seeded layout before them stays sorted
    const seeded = entries.slice(0, -3);
    expect(seeded).toEqual([...seeded].sort());
    expect(
      (
        await http(ctx.server.url, 'DELETE', `${LIST}/zz-last?insecure_skip_check=true`, {
          token: MAINTAINER,
        })
      ).status,
    ).toBe(200);
    const after =
      (await ctx.server.service.repoOf('nautes-labs')?.show('production/kustomization.yaml'))
        ?.split('\n')
        .filter((l) => l.startsWith('- ')) ?? [];
    expect(after.slice(-2)).toEqual(['- ../runtimes/dr-a.yaml', '- ../runtimes/aa-first.yaml']);
  });

  test('strings YAML 1.1 would read as another type are double-quoted', async () => {
    expect(
      (
        await save(
          'dr-yes',
          drDevBody({
            account: 'yes',
            manifest_source: { code_repo: 'api-server', target_revision: '2024-01-01', path: 'on' },
          }),
        )
      ).status,
    ).toBe(200);
    const file =
      (await ctx.server.service.repoOf('nautes-labs')?.show('runtimes/dr-yes.yaml')) ?? '';
    expect(file).toContain('account: "yes"');
    expect(file).toContain('targetRevision: "2024-01-01"');
    expect(file).toContain('path: "on"');
    // and they read back as the strings they are
    const got = await http(ctx.server.url, 'GET', `${LIST}/dr-yes`, { token: MAINTAINER });
    expect(got.json).toMatchObject({
      account: 'yes',
      manifest_source: { target_revision: '2024-01-01', path: 'on' },
    });
  });

  const mode = (path: string): string => git('ls-tree', 'HEAD', '--', path).split(' ')[0] ?? '';
  const post = (name: string, query: string, body: unknown = drDevBody()) =>
    http(ctx.server.url, 'POST', `${LIST}/${name}${query}`, {
      token: MAINTAINER,
      body: JSON.stringify(body),
    });

  test('a file the server creates is 100755 (os.WriteFile with os.ModePerm), one it rewrites keeps its mode', async () => {
    expect((await post('dr-m', '')).status).toBe(200);
    expect(mode('runtimes/dr-m.yaml')).toBe('100755');
    expect(mode('production/kustomization.yaml')).toBe('100644');
    expect((await post('dr-m', '', drDevBody({ account: 'x' }))).status).toBe(200);
    expect(mode('runtimes/dr-m.yaml')).toBe('100755');
    // a seeded file rewritten by a save keeps its 100644
    expect(mode('envs/env-dev.yaml')).toBe('100644');
    const env = await http(
      ctx.server.url,
      'POST',
      '/api/v1/products/nautes-labs/environments/env-dev?insecure_skip_check=true',
      { token: MAINTAINER, body: '{"cluster":"cluster-dev","env_type":"production"}' },
    );
    expect(env.status).toBe(200);
    expect(git('show', 'HEAD:envs/env-dev.yaml')).toContain('envType: production');
    expect(mode('envs/env-dev.yaml')).toBe('100644');
  });

  test('metadata.namespace is written by a validated save only; a skipped update keeps the metadata', async () => {
    const show = (name: string): string => git('show', `HEAD:runtimes/${name}.yaml`);
    expect((await post('dr-v', '')).status).toBe(200);
    expect(show('dr-v')).toContain('  name: dr-v\n  namespace: product-101\nspec:');
    const other = drDevBody({
      manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'other' },
    });
    expect((await post('dr-s', '?insecure_skip_check=true', other)).status).toBe(200);
    expect(show('dr-s')).not.toContain('namespace: product');
    // skipped update of a validated file: the namespace stays; validated update of a skipped one: added
    expect(
      (await post('dr-v', '?insecure_skip_check=true', drDevBody({ account: 'a' }))).status,
    ).toBe(200);
    expect(show('dr-v')).toContain('  namespace: product-101\n');
    expect((await post('dr-s', '', other)).status).toBe(200);
    expect(show('dr-s')).toContain('  name: dr-s\n  namespace: product-101\nspec:');
  });
});
