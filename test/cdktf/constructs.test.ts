import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import {
  DeploymentRuntime,
  NautesProvider,
  RuntimeInventory,
  type DeploymentRuntimeProps,
} from '../../lib/cdktf';
import { RUNTIME_SCHEMA } from '../../lib/tfplugin';

const props = (o: Partial<DeploymentRuntimeProps> = {}): DeploymentRuntimeProps => ({
  product: 'nautes-labs',
  name: 'dr-dev',
  projects: ['api-server'],
  codeRepo: 'api-server',
  manifestPath: 'manifests/development',
  environment: 'env-dev',
  namespaces: ['dr-dev'],
  ...o,
});

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new NautesProvider(s, 'nautes');
  return s;
}

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('DeploymentRuntime', () => {
  test('set attributes read back through tolist, as generated bindings do', () => {
    const s = stack();
    const dr = new DeploymentRuntime(s, 'dr-dev', props());
    new TerraformOutput(s, 'namespaces', { value: dr.resource.namespaces });
    new TerraformOutput(s, 'projects', { value: dr.resource.projectsRef });
    const out = JSON.parse(Testing.synth(s)).output as Record<string, { value: string }>;
    expect(out['namespaces']?.value).toBe(
      '${tolist(nautes_deployment_runtime.dr-dev_runtime.namespaces)}',
    );
    expect(out['projects']?.value).toBe(
      '${tolist(nautes_deployment_runtime.dr-dev_runtime.projects_ref)}',
    );
  });

  test('synthesizes a nautes_deployment_runtime with snake_case attributes and a readable address', () => {
    const s = stack();
    new DeploymentRuntime(
      s,
      'dr-dev',
      props({ account: 'svc', skipChecks: { reason: 'env later' } }),
    );
    const doc = JSON.parse(Testing.synth(s));
    expect(doc.resource.nautes_deployment_runtime['dr-dev_runtime']).toMatchObject({
      product: 'nautes-labs',
      name: 'dr-dev',
      projects_ref: ['api-server'],
      code_repo: 'api-server',
      manifest_path: 'manifests/development',
      environment: 'env-dev',
      namespaces: ['dr-dev'],
      account: 'svc',
      insecure_skip_check: true,
      skip_checks_reason: 'env later',
    });
    expect(doc.terraform.required_providers.nautes).toEqual({
      source: 'registry.opentofu.org/nautes-labs/nautes',
      version: '0.1.0',
    });
  });

  test('synthesizes only attributes the provider schema has (L1/provider parity)', () => {
    const s = stack();
    new DeploymentRuntime(
      s,
      'dr-dev',
      props({ targetRevision: 'v1', account: 'a', skipChecks: { reason: 'r' } }),
    );
    const attrs = JSON.parse(Testing.synth(s)).resource.nautes_deployment_runtime['dr-dev_runtime'];
    const keys = Object.keys(attrs).filter((k) => k !== '//');
    const schema = RUNTIME_SCHEMA.attributes
      .filter((a) => !a.computed || a.optional)
      .map((a) => a.name);
    expect(keys.sort()).toEqual(schema.sort());
  });

  test('never writes the token into cdk.tf.json', () => {
    process.env['NAUTES_TOKEN'] = 'super-secret-token-value';
    try {
      const s = stack();
      new DeploymentRuntime(s, 'dr-dev', props());
      expect(Testing.synth(s)).not.toContain('super-secret-token-value');
    } finally {
      delete process.env['NAUTES_TOKEN'];
    }
    expect(
      () =>
        new NautesProvider(new TerraformStack(Testing.app(), 's'), 'n', { token: 'x' } as never),
    ).toThrow(/no token prop/);
  });

  test.each<[string, Partial<DeploymentRuntimeProps>, string]>([
    [
      'a name that is not an RFC 1123 label',
      { name: 'DR_Dev' },
      'test/bad.name: name "DR_Dev" is not an RFC 1123 label',
    ],
    ['a name over 63 characters', { name: 'a'.repeat(64) }, 'must be at most 63 characters'],
    [
      'a bad namespace',
      { namespaces: ['ok', 'Not OK'] },
      'test/bad.namespaces.1: namespaces[1] "Not OK" is not an RFC 1123 label',
    ],
    [
      'an empty code repo',
      { codeRepo: '' },
      'test/bad.codeRepo: codeRepo is required and must not be empty',
    ],
    ['an empty environment', { environment: '' }, 'environment is required'],
    ['an empty manifest path', { manifestPath: '' }, 'manifestPath is required'],
    [
      'a product with a slash',
      { product: 'group/sub' },
      'product "group/sub" is not a GitLab path',
    ],
    ['an empty project entry', { projects: [''] }, 'test/bad.projects.0'],
    [
      'skipChecks without a reason',
      { skipChecks: { reason: ' ' } },
      'skipChecks.reason is required',
    ],
  ])('rejects %s, naming the construct path and the field', (_l, override, message) => {
    const err = errorOf(() => new DeploymentRuntime(stack(), 'bad', props(override)));
    expect(err.code).toBe('NAUTES_VALIDATION');
    expect(err.message).toContain('invalid DeploymentRuntime at test/bad');
    expect(err.message).toContain(message);
  });

  test('rejects the same product and name twice in one app, naming both paths', () => {
    const s = stack();
    new DeploymentRuntime(s, 'one', props());
    const err = errorOf(() => new DeploymentRuntime(s, 'two', props({ manifestPath: 'other' })));
    expect(err.message).toContain(
      'runtime "dr-dev" of product "nautes-labs" is already declared at test/one',
    );
  });

  test('rejects two runtimes with the same destination (the server rule e)', () => {
    const s = stack();
    new DeploymentRuntime(s, 'one', props());
    const err = errorOf(
      () => new DeploymentRuntime(s, 'two', props({ name: 'dr-two', namespaces: ['x'] })),
    );
    expect(err.message).toContain(
      'deploys the same code repo, revision and path to environment "env-dev" as test/one',
    );
  });

  test('importExisting adds an import block with the product/name id', () => {
    const s = stack();
    new DeploymentRuntime(s, 'dr-dev', props()).importExisting();
    expect(JSON.parse(Testing.synth(s)).import).toEqual([
      { id: 'nautes-labs/dr-dev', to: 'nautes_deployment_runtime.dr-dev_runtime' },
    ]);
  });
});

describe('RuntimeInventory', () => {
  test('declares every runtime of its product in the app, across stacks', () => {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    new NautesProvider(a, 'nautes');
    new NautesProvider(b, 'nautes');
    new DeploymentRuntime(a, 'x', props({ name: 'x' }));
    new DeploymentRuntime(b, 'y', props({ name: 'y', manifestPath: 'y' }));
    new DeploymentRuntime(b, 'z', props({ product: 'other', name: 'z' }));
    new RuntimeInventory(a, 'inventory', { product: 'nautes-labs', prune: true });
    const inv = JSON.parse(Testing.synth(a)).resource.nautes_runtime_inventory.inventory_inventory;
    expect(inv).toMatchObject({ product: 'nautes-labs', declared: ['x', 'y'], prune: true });
  });

  test('rejects a second inventory for the same product and an empty product', () => {
    const s = stack();
    new RuntimeInventory(s, 'one', { product: 'p' });
    expect(errorOf(() => new RuntimeInventory(s, 'two', { product: 'p' })).message).toContain(
      'product "p" already has a RuntimeInventory at test/one',
    );
    expect(errorOf(() => new RuntimeInventory(s, 'three', { product: '' })).code).toBe(
      'NAUTES_VALIDATION',
    );
  });
});

test('main.ts declares the demo runtimes and an inventory', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'main-'));
  process.env['CDKTF_OUTDIR'] = outdir;
  try {
    // main.ts runs app.synth(): validation passes and nothing needs the network
    jest.isolateModules(() => {
      require('../../main');
    });
  } finally {
    delete process.env['CDKTF_OUTDIR'];
  }
  const doc = JSON.parse(
    readFileSync(join(outdir, 'stacks', 'nautes-labs', 'cdk.tf.json'), 'utf8'),
  );
  expect(
    Object.values(doc.resource.nautes_deployment_runtime)
      .map((r) => (r as { name: string }).name)
      .sort(),
  ).toEqual(['dr-dev', 'dr-dev-canary', 'dr-test']);
  expect(doc.resource.nautes_runtime_inventory.inventory_inventory.declared).toEqual([
    'dr-dev',
    'dr-dev-canary',
    'dr-test',
  ]);
  rmSync(outdir, { recursive: true, force: true });
});
