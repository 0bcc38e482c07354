// What the fast path reads from a synthesized app: runtimes whose product, environment and projects are
// constructs of the same stack are planned with the names those constructs declare.
import { TerraformStack, Testing } from 'cdktf';
import { DeploymentRuntime, Environment, NautesProvider, Product, Project } from '../../lib/cdktf';
import { readSynthesized } from '../../lib/cli/synthesized-app';

describe('readSynthesized', () => {
  test('references to declared products, environments and projects resolve to their names', () => {
    const s = new TerraformStack(Testing.app(), 'app');
    new NautesProvider(s, 'nautes');
    const shop = new Product(s, 'shop', { name: 'shop' });
    const dev = new Environment(s, 'dev', {
      product: shop,
      name: 'dev',
      cluster: 'c-dev',
      envType: 'development',
    });
    const api = new Project(s, 'api', { product: shop, name: 'api' });
    new DeploymentRuntime(s, 'dr', {
      product: shop,
      name: 'dr',
      projects: [api],
      codeRepo: 'api',
      manifestPath: 'deploy',
      environment: dev,
    });
    const outdir = Testing.fullSynth(s);
    const { desired } = readSynthesized(outdir);
    expect(desired.map((d) => d.runtime)).toEqual([
      expect.objectContaining({
        product: 'shop',
        name: 'dr',
        environment: 'dev',
        projectsRef: ['api'],
      }),
    ]);
  });

  test('a value known only at apply time is still refused, naming the attribute', () => {
    const s = new TerraformStack(Testing.app(), 'app');
    new NautesProvider(s, 'nautes');
    const shop = new Product(s, 'shop', { name: 'shop' });
    new DeploymentRuntime(s, 'dr', {
      product: 'shop',
      name: 'dr',
      codeRepo: 'api',
      manifestPath: 'deploy',
      // the id is computed by the provider: not known offline
      environment: shop.id,
    });
    expect(() => readSynthesized(Testing.fullSynth(s))).toThrow(
      /environment: environment is known only at apply time/,
    );
  });
});
