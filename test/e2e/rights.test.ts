// GitLab rights through the provider: a reporter can plan; a reporter or developer cannot apply, is told
// that the account needs push rights on main of default.project, and nothing is half-written.
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { CdktfApp } from '../helpers/cdktf-app';
import { DEVELOPER, MAINTAINER, REPORTER } from '../helpers/fake-server';

jest.setTimeout(180_000);

describe('rights', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer();
  });
  afterAll(() => server.close());

  const spec = {
    runtimes: [
      {
        id: 'dr-dev',
        product: 'nautes-labs',
        name: 'dr-dev',
        codeRepo: 'api-server',
        manifestPath: 'manifests/development',
        environment: 'env-dev',
      },
      {
        id: 'dr-test',
        product: 'nautes-labs',
        name: 'dr-test',
        codeRepo: 'api-server',
        manifestPath: 'manifests/test',
        environment: 'env-test',
      },
    ],
    inventories: [{ product: 'nautes-labs' }],
  };

  test('a reporter plans; a reporter and a developer cannot deploy, with a clear message', async () => {
    const reporter = new CdktfApp(server.url, REPORTER);
    const developer = new CdktfApp(server.url, DEVELOPER);
    try {
      reporter.write(spec);
      const diff = await reporter.cdktf('diff');
      expect(diff.code).toBe(0);
      expect(diff.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
      for (const app of [reporter, developer]) {
        app.write(spec);
        const deploy = await app.cdktf('deploy', '--auto-approve');
        expect(deploy.code).not.toBe(0);
        expect(deploy.stdout + deploy.stderr).toContain(
          "needs push rights on `main` of the product's default.project",
        );
        const names = (await server.service.treeOf('nautes-labs')) ?? new Map();
        expect([...names.keys()].filter((k) => k.startsWith('runtimes/'))).toEqual([]);
        const commits = (await server.service.repoOf('nautes-labs')?.log()) ?? [];
        expect(commits).toHaveLength(1);
      }
      // the maintainer then deploys the same code
      const maintainer = new CdktfApp(server.url, MAINTAINER);
      try {
        maintainer.write(spec);
        expect((await maintainer.cdktf('deploy', '--auto-approve')).code).toBe(0);
      } finally {
        maintainer.cleanup();
      }
    } finally {
      reporter.cleanup();
      developer.cleanup();
    }
  });
});
