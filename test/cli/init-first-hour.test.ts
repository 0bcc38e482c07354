// `nautes-cdktf init` before anything else is set up: --product needs no server (it says which variables it
// reads, and how to import later), the project it writes compiles under its own tsconfig (noUnusedLocals)
// whether it declares runtimes or none, and main.ts keeps each stack's state beside itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleSeed } from '../../lib/fake-server';
import { main } from '../../lib/cli/main';
import { MAINTAINER, useFakeServer } from '../helpers/fake-server';
import { captureIo } from '../helpers/streams';

const root = join(__dirname, '..', '..');

/** Type-checks the project in `dir` as its own `npm run build` would (tsc -p), against this checkout. */
function compile(dir: string): { code: number; out: string } {
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  symlinkSync(root, join(modules, 'cdktf-provider-nautes'));
  for (const m of ['cdktf', 'cdktn', 'constructs', '@types/node'])
    symlinkSync(join(root, 'node_modules', m), join(modules, m));
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir, '--noEmit'],
      { encoding: 'utf8', stdio: 'pipe' },
    );
    return { code: 0, out: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

describe('init --product', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nautes-init-first-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const init = async (env: Record<string, string>, ...argv: string[]) => {
    const io = captureIo(env, dir);
    const code = await main(['init', 'infra', '--ci', 'none', '--cdk', 'cdktf', ...argv], io);
    return {
      code,
      out: io.out(),
      err: io.err(),
      main: () => readFileSync(join(dir, 'infra', 'main.ts'), 'utf8'),
    };
  };

  test('without NAUTES_API_SERVER: no server needed; it names the variables --product reads and how to import later; the project compiles', async () => {
    const r = await init({}, '--product', 'my-product');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Created infra');
    expect(r.out).toContain(
      'NAUTES_API_SERVER is not set, so no runtimes of my-product were read (--product reads NAUTES_API_SERVER,\nNAUTES_TOKEN or NAUTES_TOKEN_FILE, and NAUTES_CA_CERT)',
    );
    expect(r.out).toContain('npx nautes-cdktf import --product my-product');
    const mainTs = r.main();
    expect(mainTs).not.toMatch(/^import .*DeploymentRuntime/m);
    expect(mainTs).not.toMatch(/^ *new DeploymentRuntime/m);
    expect(mainTs).toContain(
      'new RuntimeInventory(this, \'inventory\', { product: "my-product" });',
    );
    expect(mainTs).toContain('`npx nautes-cdktf import --product my-product`');
    expect(compile(join(dir, 'infra'))).toEqual({ code: 0, out: '' });
  });

  describe('with a server', () => {
    const fake = useFakeServer({ seed: scaleSeed(1) });

    test('a product with no runtimes: it says where it read from, declares none, and the project compiles (no unused import)', async () => {
      const r = await init(
        { NAUTES_API_SERVER: fake.server.url, NAUTES_TOKEN: MAINTAINER },
        '--product',
        'p0',
      );
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(
        `Reading the runtimes of p0 from NAUTES_API_SERVER (${fake.server.url}) with NAUTES_TOKEN.`,
      );
      expect(r.out).toContain('(0 runtimes of p0 declared)');
      expect(r.out).not.toContain(MAINTAINER);
      expect(r.main()).toMatch(
        /^import \{ NautesProvider, RuntimeInventory \} from 'cdktf-provider-nautes\/cdktf';$/m,
      );
      expect(compile(join(dir, 'infra'))).toEqual({ code: 0, out: '' });
    });
  });

  test("main.ts keeps each stack's state beside itself (terraform.<stack>.tfstate), the demo's under NAUTES_STATE_DIR", async () => {
    const r = await init({});
    expect(r.code).toBe(0);
    const mainTs = r.main();
    expect(mainTs).toContain(
      "const stateDir = path.resolve(__dirname, process.env['NAUTES_STATE_DIR'] ?? '.');",
    );
    expect(mainTs).toContain(
      'new LocalBackend(this, { path: path.join(stateDir, `terraform.${id}.tfstate`) });',
    );
    expect(compile(join(dir, 'infra'))).toEqual({ code: 0, out: '' });
  });
});
