// The example app: the deployment runtimes of the demo product `nautes-labs`, and its inventory.
// `npm start` deploys it against the embedded local Nautes server; `npm run deploy` against NAUTES_API_SERVER.
import { App, LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DeploymentRuntime, NautesProvider, RuntimeInventory } from './lib/cdktf';

class NautesLabsRuntimes extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // state lives beside the app unless NAUTES_STATE_FILE points elsewhere (npm start uses a temp file)
    new LocalBackend(this, {
      path: process.env['NAUTES_STATE_FILE'] ?? `${process.cwd()}/terraform.nautes-labs.tfstate`,
    });
    // the API server comes from NAUTES_API_SERVER and the token from NAUTES_TOKEN(_FILE): none of it is synthesized
    new NautesProvider(this, 'nautes');

    // the seed document's example
    new DeploymentRuntime(this, 'dr-dev', {
      product: 'nautes-labs',
      name: 'dr-dev',
      projects: ['api-server'],
      codeRepo: 'api-server',
      targetRevision: 'HEAD',
      manifestPath: 'manifests/development',
      environment: 'env-dev',
      namespaces: ['dr-dev'],
    });
    new DeploymentRuntime(this, 'dr-test', {
      product: 'nautes-labs',
      name: 'dr-test',
      projects: ['api-server'],
      codeRepo: 'api-server',
      manifestPath: 'manifests/test',
      environment: 'env-test',
      namespaces: ['dr-test'],
    });
    new DeploymentRuntime(this, 'dr-dev-canary', {
      product: 'nautes-labs',
      name: 'dr-dev-canary',
      projects: ['api-server'],
      codeRepo: 'api-server',
      targetRevision: 'canary',
      manifestPath: 'manifests/development',
      environment: 'env-dev',
      namespaces: ['dr-dev-canary'],
      account: 'canary',
    });

    // report runtimes of nautes-labs that this app does not declare (prune: true would delete them)
    new RuntimeInventory(this, 'inventory', { product: 'nautes-labs' });
  }
}

const app = new App();
new NautesLabsRuntimes(app, 'nautes-labs');
app.synth();
