// `nautes-cdktf init --cdk cdktf|cdktn`: the project written for each CDK, and which one init proposes
// for the Node it runs on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../lib/cli/main';
import { nodeRunsCdktn } from '../../../lib/cli/scaffold/project-files';
import { captureIo } from '../../helpers/streams';

const own = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

describe('init --cdk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nautes-init-cdk-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const init = async (nodeVersion: string | undefined, ...argv: string[]) => {
    const io = { ...captureIo({}, dir), ...(nodeVersion ? { nodeVersion } : {}) };
    const code = await main(['init', 'infra', '--ci', 'none', ...argv], io);
    const file = (f: string) => readFileSync(join(dir, 'infra', f), 'utf8');
    return { code, out: io.out(), err: io.err(), file };
  };
  const manifest = (file: (f: string) => string) =>
    JSON.parse(file('package.json')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      overrides?: Record<string, string>;
      engines?: { node: string };
    };

  test('on Node 22.19 or newer it proposes cdktn: imports, dependencies, CLI and engines for cdktn', async () => {
    const r = await init('22.23.5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Created infra/);
    expect(r.out).toContain(
      "CDK: cdktn (CDK Terrain), CDKTF's maintained continuation (Node 22.23.5 runs it)",
    );
    expect(r.file('main.ts')).toContain(
      "import { App, LocalBackend, TerraformStack } from 'cdktn';",
    );
    expect(r.file('main.ts')).toContain("from 'cdktf-provider-nautes/cdktn';");
    expect(r.file('main.ts')).not.toMatch(/'cdktf'|\/cdktf'/);
    const m = manifest(r.file);
    expect(m.dependencies).toEqual({
      'cdktf-provider-nautes': expect.any(String),
      cdktn: own.devDependencies['cdktn'],
      constructs: own.devDependencies['constructs'],
    });
    expect(m.devDependencies['cdktn-cli']).toBe(own.devDependencies['cdktn-cli']);
    expect(m.devDependencies['cdktf-cli']).toBeUndefined();
    expect(m.scripts['deploy']).toBe('nautes-cdktf cdktn deploy --auto-approve');
    expect(m.scripts['demo']).toBe('nautes-cdktf cdktn --demo deploy --auto-approve');
    expect(m.engines).toEqual({ node: '>=22.19.0' });
    expect(m.overrides).toBeUndefined();
  });

  test.each(['24.22.3', '26.12.1'])(
    'on Node %s (the LTS lines) it proposes cdktn and says Node runs it',
    async (version) => {
      const r = await init(version);
      expect(r.code).toBe(0);
      expect(r.out).toContain(
        `CDK: cdktn (CDK Terrain), CDKTF's maintained continuation (Node ${version} runs it)`,
      );
      expect(manifest(r.file).devDependencies['cdktn-cli']).toBe(own.devDependencies['cdktn-cli']);
    },
  );

  test('on an older Node it stays on cdktf and says why; --cdk cdktf on a new Node is taken as asked', async () => {
    const old = await init('20.20.2');
    expect(old.code).toBe(0);
    expect(old.out).toContain(
      'CDK: cdktf 0.21 (archived upstream in December 2025), because cdktn, its maintained continuation, needs Node >= 22.19 and this is Node 20.20.2',
    );
    expect(old.file('main.ts')).toContain("from 'cdktf-provider-nautes/cdktf';");
    const m = manifest(old.file);
    expect(Object.keys(m.dependencies).sort()).toEqual([
      'cdktf',
      'cdktf-provider-nautes',
      'constructs',
    ]);
    expect(m.scripts['deploy']).toBe('nautes-cdktf cdktf deploy --auto-approve');
    expect(m.engines).toBeUndefined();
    // cdktf-cli's node-pty replaced as in this package, so the project installs and runs on Node 24/26 too
    const pty = '@cdktf/node-pty-prebuilt-multiarch';
    expect(m.devDependencies[pty]).toBe(own.devDependencies[pty]);
    expect(m.devDependencies[pty]).toMatch(/^npm:@lydell\/node-pty@/);
    expect(m.overrides).toEqual({ [pty]: `$${pty}` });
    rmSync(join(dir, 'infra'), { recursive: true });
    const asked = await init('22.23.5', '--cdk', 'cdktf');
    expect(asked.out).toContain(
      'CDK: cdktf 0.21 (archived upstream in December 2025); --cdk cdktn',
    );
    expect(manifest(asked.file).dependencies['cdktf']).toBe(own.devDependencies['cdktf']);
  });

  test('--cdk cdktn on an old Node writes the project and warns to upgrade first; a bad value is refused', async () => {
    const r = await init('20.20.2', '--cdk', 'cdktn');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'it needs Node >= 22.19, this is Node 20.20.2: upgrade Node before npm install',
    );
    rmSync(join(dir, 'infra'), { recursive: true });
    const bad = await init('22.23.5', '--cdk', 'pulumi');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--cdk takes cdktf or cdktn, got pulumi');
  });

  test.each([
    ['22.19.0', true],
    ['v22.23.5', true],
    ['24.1.0', true],
    ['22.18.9', false],
    ['20.20.2', false],
    ['', false],
  ])('Node %s runs cdktn: %s', (version, runs) => {
    expect(nodeRunsCdktn(version)).toBe(runs);
  });
});
