// One source, two builds: dist/lib/cdktn (built by scripts/build-cdktn.js from the cdktf build) requires
// only `cdktn`, and an app written against it synthesizes exactly what the same app does with cdktf.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeDecl } from '../../helpers/cdktf-app';

const dist = join(__dirname, '..', '..', '..', 'dist', 'lib');

interface CdkModule {
  Testing: { app(): unknown; synth(stack: unknown): string };
  TerraformStack: new (scope: unknown, id: string) => unknown;
}
interface ConstructsModule {
  NautesProvider: new (scope: unknown, id: string, props?: object) => unknown;
  DeploymentRuntime: new (
    scope: unknown,
    id: string,
    props: object,
  ) => { importExisting(): unknown };
  RuntimeInventory: new (scope: unknown, id: string, props: object) => unknown;
}

function synthWith(cdk: 'cdktf' | 'cdktn'): unknown {
  const lib = require(cdk) as CdkModule;
  const ours = require(join(dist, cdk)) as ConstructsModule;
  const stack = new lib.TerraformStack(lib.Testing.app(), 'runtimes');
  new ours.NautesProvider(stack, 'nautes', { apiServer: 'https://nautes.example.com' });
  const { id, ...runtime } = runtimeDecl('dr-dev', { projects: ['api-server'] });
  new ours.DeploymentRuntime(stack, id, runtime).importExisting();
  new ours.RuntimeInventory(stack, 'inventory', { product: 'nautes-labs', prune: true });
  return JSON.parse(lib.Testing.synth(stack));
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('the cdktn build', () => {
  test('requires cdktn wherever the cdktf build requires cdktf, and nothing else differs', () => {
    const cdktfFiles = files(join(dist, 'cdktf')).filter((f) => /\.(js|d\.ts)$/.test(f));
    expect(cdktfFiles.length).toBeGreaterThan(10);
    let swapped = 0;
    for (const f of cdktfFiles) {
      const a = readFileSync(f, 'utf8');
      const b = readFileSync(f.replace(`${join(dist, 'cdktf')}`, join(dist, 'cdktn')), 'utf8');
      expect(b).not.toMatch(/require\("cdktf"\)|from ['"]cdktf['"]/);
      swapped += (a.match(/require\("cdktf"\)|from ['"]cdktf['"]/g) ?? []).length;
      expect(b.replace(/(["'])cdktn\1/g, '$1cdktf$1')).toBe(a);
    }
    expect(swapped).toBeGreaterThan(5);
  });

  test('the same app synthesizes the same JSON on cdktn 0.24 as on cdktf 0.21', () => {
    const viaCdktf = synthWith('cdktf');
    const viaCdktn = synthWith('cdktn');
    expect(viaCdktn).toEqual(viaCdktf);
    expect(viaCdktn).toMatchObject({
      resource: { nautes_deployment_runtime: { 'dr-dev_runtime': { name: 'dr-dev' } } },
      import: [{ id: 'nautes-labs/dr-dev' }],
    });
  });
});
