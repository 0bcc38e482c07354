// Product, Project, Environment, CodeRepo and its bindings: what they synthesize, the references Terraform
// orders by, and the eager validation that names the construct path and prop.
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  Cluster,
  CodeRepo,
  DeploymentRuntime,
  Environment,
  NautesProvider,
  PipelineRuntime,
  Product,
  Project,
  RuntimeInventory,
} from '../../lib/cdktf';

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

type Synth = { resource: Record<string, Record<string, Record<string, unknown>>> };
const synth = (s: TerraformStack): Synth => JSON.parse(Testing.synth(s)) as Synth;

describe('constructs of the declared kinds', () => {
  test('a product, its environment and project, and a runtime on them: references to each resource', () => {
    const s = stack();
    const shop = new Product(s, 'shop', { name: 'shop', displayName: 'Shop' });
    const dev = new Environment(s, 'dev', {
      product: shop,
      name: 'dev',
      cluster: 'cluster-dev',
      envType: 'development',
    });
    const api = new Project(s, 'api', { product: shop, name: 'api', language: 'go' });
    new DeploymentRuntime(s, 'dr', {
      product: shop,
      name: 'dr',
      projects: [api, 'other'],
      codeRepo: 'api',
      manifestPath: 'deploy',
      environment: dev,
    });
    const r = synth(s).resource;
    expect(r['nautes_product']).toEqual({ shop_product: { name: 'shop', display_name: 'Shop' } });
    expect(r['nautes_environment']?.['dev_environment']).toEqual({
      product: '${nautes_product.shop_product.name}',
      name: 'dev',
      cluster: 'cluster-dev',
      env_type: 'development',
    });
    expect(r['nautes_project']?.['api_project']).toMatchObject({
      product: '${nautes_product.shop_product.name}',
      language: 'go',
    });
    expect(r['nautes_deployment_runtime']?.['dr_runtime']).toMatchObject({
      product: '${nautes_product.shop_product.name}',
      environment: '${nautes_environment.dev_environment.name}',
      projects_ref: ['${nautes_project.api_project.name}', 'other'],
    });
  });

  test('deletion protection and skip checks reach the resource; the id is the product/name form', () => {
    const s = stack();
    const shop = new Product(s, 'shop', { name: 'shop', deletionProtection: false });
    const env = new Environment(s, 'dev', {
      product: 'shop',
      name: 'dev',
      cluster: 'c',
      envType: 'dev',
      skipChecks: { reason: 'cluster registered later' },
    });
    const r = synth(s).resource;
    expect(r['nautes_product']?.['shop_product']).toMatchObject({ deletion_protection: false });
    expect(r['nautes_environment']?.['dev_environment']).toMatchObject({
      insecure_skip_check: true,
      skip_checks_reason: 'cluster registered later',
    });
    expect(shop.objectName).toBe('shop');
    expect(env.productName).toBe('shop');
  });

  test('importExisting adds an import block with the id', () => {
    const s = stack();
    new Project(s, 'api', { product: 'shop', name: 'api' }).importExisting();
    const out = JSON.parse(Testing.synth(s)) as { import?: Array<{ id: string; to: string }> };
    expect(out.import).toEqual([{ id: 'shop/api', to: 'nautes_project.api_project' }]);
  });

  test('bad props are refused at construction, naming the path, the prop and what is allowed', () => {
    const s = stack();
    const bad = errorOf(() => new Product(s, 'p', { name: 'shop', visibility: 'internal' }));
    expect(bad.code).toBe('NAUTES_VALIDATION');
    expect(bad.message).toContain(
      'test/p.visibility: visibility must be one of "private", "public"',
    );
    const missing = errorOf(
      () => new Environment(s, 'e', { product: 'shop', name: 'dev', cluster: '', envType: 'dev' }),
    );
    expect(missing.message).toContain('test/e.cluster: cluster is required');
    const name = errorOf(() => new Project(s, 'q', { product: 'shop', name: 'Not_A_Label' }));
    expect(name.message).toMatch(/test\/q\.name: name "Not_A_Label" is not an RFC 1123 label/);
    const reason = errorOf(
      () => new Project(s, 'r', { product: 'shop', name: 'r', skipChecks: { reason: ' ' } }),
    );
    expect(reason.message).toContain('test/r.skipChecks.reason: skipChecks.reason is required');
  });

  test('one object declared twice in an app is refused, naming the first declaration', () => {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    new Project(a, 'api', { product: 'shop', name: 'api' });
    const twice = errorOf(() => new Project(b, 'api2', { product: 'shop', name: 'api' }));
    expect(twice.message).toContain('project "shop/api" is already declared at a/api');
    // the same name in another product is another project
    expect(() => new Project(b, 'api3', { product: 'billing', name: 'api' })).not.toThrow();
  });
});

describe('CodeRepo and its bindings', () => {
  test('a repo of a project, bound to another project: the binding references repo, product and project', () => {
    const s = stack();
    const shop = new Product(s, 'shop', { name: 'shop' });
    const api = new Project(s, 'api', { product: shop, name: 'api' });
    const web = new Project(s, 'web', { product: shop, name: 'web' });
    const repo = new CodeRepo(s, 'api-repo', {
      product: shop,
      name: 'api-server',
      project: api,
      webhookEvents: ['push_events'],
      deploymentRuntime: true,
    });
    const binding = repo.bind(web, { permissions: 'readwrite' });
    const whole = repo.bind(undefined, { name: 'api-all' });
    new DeploymentRuntime(s, 'dr', {
      product: shop,
      name: 'dr',
      codeRepo: repo,
      manifestPath: 'deploy',
      environment: 'dev',
    });
    const r = synth(s).resource;
    expect(r['nautes_code_repo']?.['api-repo_code_repo']).toEqual({
      product: '${nautes_product.shop_product.name}',
      name: 'api-server',
      project: '${nautes_project.api_project.name}',
      webhook_events: ['push_events'],
      deployment_runtime: true,
    });
    expect(binding.objectName).toBe('api-server-web');
    expect(r['nautes_code_repo_binding']?.['api-repo-api-server-web_code_repo_binding']).toEqual({
      product: '${nautes_product.shop_product.name}',
      name: 'api-server-web',
      code_repo: '${nautes_code_repo.api-repo_code_repo.name}',
      projects: ['${nautes_project.web_project.name}'],
      permissions: 'readwrite',
    });
    expect(
      r['nautes_code_repo_binding']?.['api-repo-api-all_code_repo_binding'],
    ).not.toHaveProperty('projects');
    expect(whole.productName).toBe('shop');
    expect(r['nautes_deployment_runtime']?.['dr_runtime']).toMatchObject({
      code_repo: '${nautes_code_repo.api-repo_code_repo.name}',
    });
  });

  test('a webhook event GitLab does not know is refused, naming the member', () => {
    const s = stack();
    const bad = errorOf(
      () => new CodeRepo(s, 'r', { product: 'shop', name: 'r', webhookEvents: ['push'] }),
    );
    expect(bad.message).toContain('test/r.webhookEvents.0: webhookEvents[0] must be one of');
  });
});

describe('Cluster', () => {
  test('the kubeconfig is read by the host from a file: the JSON holds the file() call, not the secret', () => {
    const s = stack();
    const c = new Cluster(s, 'c-dev', {
      name: 'c-dev',
      apiServer: 'https://10.0.0.5:6443',
      clusterType: 'physical',
      usage: 'worker',
      workerType: 'deployment',
      kubeconfigFile: 'kubeconfigs/dev.yaml',
      kubeconfigVersion: '1',
    });
    new Environment(s, 'dev', { product: 'shop', name: 'dev', cluster: c, envType: 'dev' });
    const r = synth(s).resource;
    expect(r['nautes_cluster']?.['c-dev_cluster']).toMatchObject({
      kubeconfig: '${file("kubeconfigs/dev.yaml")}',
      kubeconfig_version: '1',
    });
    expect(r['nautes_environment']?.['dev_environment']).toMatchObject({
      cluster: '${nautes_cluster.c-dev_cluster.name}',
    });
  });

  test('a literal kubeconfig is refused: it would be written into cdk.tf.json', () => {
    const s = stack();
    const bad = errorOf(
      () =>
        new Cluster(s, 'c', {
          name: 'c',
          apiServer: 'https://x:6443',
          clusterType: 'physical',
          usage: 'worker',
          kubeconfig: 'apiVersion: v1\nusers: [{user: {token: s3cr3t}}]',
        }),
    );
    expect(bad.message).toContain('test/c.kubeconfig: kubeconfig must not be a literal');
    expect(bad.message).not.toContain('s3cr3t');
  });
});

describe('PipelineRuntime', () => {
  const declare = (s: TerraformStack, more: Record<string, unknown> = {}) => {
    const shop = new Product(s, 'shop', { name: 'shop' });
    const api = new Project(s, 'api', { product: shop, name: 'api' });
    const ci = new Environment(s, 'ci', {
      product: shop,
      name: 'ci',
      cluster: 'cluster-ci',
      envType: 'ci',
    });
    const source = new CodeRepo(s, 'pipelines', { product: shop, name: 'pipelines', project: api });
    const app = new CodeRepo(s, 'app', { product: shop, name: 'app', project: api });
    return new PipelineRuntime(s, 'api-ci', {
      product: shop,
      name: 'api-ci',
      project: api,
      pipelineSource: source,
      environment: ci,
      pipelines: [{ name: 'build', path: 'build.yaml' }],
      eventSources: [
        { name: 'push', gitlab: { repoName: app, revision: 'main', events: ['push_events'] } },
      ],
      pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
      additionalGit: { codeRepo: app, path: 'k8s' },
      ...more,
    });
  };

  test('blocks in the JSON, with references to the project, environment and code repos, nested ones too', () => {
    const s = stack();
    declare(s);
    const r = synth(s).resource['nautes_project_pipeline_runtime']?.['api-ci_pipeline_runtime'];
    expect(r).toMatchObject({
      product: '${nautes_product.shop_product.name}',
      project: '${nautes_project.api_project.name}',
      pipeline_source: '${nautes_code_repo.pipelines_code_repo.name}',
      environment: '${nautes_environment.ci_environment.name}',
      pipelines: [{ name: 'build', path: 'build.yaml' }],
      pipeline_triggers: [{ event_source: 'push', pipeline: 'build' }],
    });
    expect(JSON.stringify(r?.['event_sources'])).toContain(
      '"repo_name":"${nautes_code_repo.app_code_repo.name}"',
    );
    expect(JSON.stringify(r?.['additional_git'])).toContain(
      '"code_repo":"${nautes_code_repo.app_code_repo.name}"',
    );
  });

  test('a trigger naming a pipeline that is not declared is refused, naming the construct path and prop', () => {
    const bad = errorOf(() =>
      declare(stack(), { pipelineTriggers: [{ eventSource: 'push', pipeline: 'deploy' }] }),
    );
    expect(bad.code).toBe('NAUTES_VALIDATION');
    expect(bad.message).toContain(
      'test/api-ci.pipelineTriggers.0.pipeline: pipelineTriggers[0].pipeline "deploy" names no item of pipelines (there: "build")',
    );
  });

  test('a token inside a nested value is checked by the provider at apply time, not refused now', () => {
    const s = stack();
    const branch = new TerraformVariable(s, 'branch', { type: 'string' });
    const r = declare(s, {
      pipelineTriggers: [{ eventSource: 'push', pipeline: branch.stringValue }],
    });
    expect(r.objectName).toBe('api-ci');
  });

  test('an isolation Nautes does not know is refused', () => {
    const bad = errorOf(() => declare(stack(), { isolation: 'private' }));
    expect(bad.message).toContain('isolation must be one of "shared", "exclusive"');
  });
});

describe('RuntimeInventory of other kinds', () => {
  test('kinds: the objects of those kinds the app declares for the product, as "<type> <name>"', () => {
    const s = stack();
    const shop = new Product(s, 'shop', { name: 'shop' });
    new Project(s, 'api', { product: shop, name: 'api' });
    new Project(s, 'web', { product: shop, name: 'web' });
    new Project(s, 'other', { product: 'other', name: 'x' });
    new Environment(s, 'dev', { product: shop, name: 'dev', cluster: 'c', envType: 'dev' });
    new RuntimeInventory(s, 'inv', { product: 'shop', kinds: ['nautes_project'], prune: true });
    const inv = synth(s).resource['nautes_runtime_inventory']?.['inv_inventory'];
    expect(inv).toMatchObject({
      kinds: ['nautes_project'],
      declared_objects: ['nautes_project api', 'nautes_project web'],
      prune: true,
    });
  });

  test('a kind an inventory cannot own is refused, naming the allowed ones', () => {
    const bad = errorOf(
      () => new RuntimeInventory(stack(), 'inv', { product: 'shop', kinds: ['nautes_product'] }),
    );
    expect(bad.message).toContain('test/inv.kinds: kinds must name kinds inside a product');
  });
});
