// The code `nautes-cdktf import` writes, from a snapshot built here: every kind, references as construct
// variables, defaults, server-only values and secrets left out, valid and distinct names.
import { generateImportCode, literal } from '../../../lib/cli/import/generate-code';
import { camelCase, Namer } from '../../../lib/cli/import/identifiers';
import {
  CONSTRUCT_ROWS,
  RUNTIME_KIND,
  importedKinds,
  type ImportedField,
  type ImportedObject,
} from '../../../lib/cli/import/imported-kinds';
import type { ProductSnapshot } from '../../../lib/cli/import/read-product';
import { KINDS, PRODUCT_KIND, completeObject, type KindSpec } from '../../../lib/model';
import { aRuntime } from '../../helpers/builders';

const { kinds } = importedKinds();
const specOf = (kind: string): KindSpec => KINDS.find((k) => k.kind === kind) as KindSpec;

/** A whole object of `kind` (defaults filled in, as the store reads one) from some fields. */
const anObject = (kind: string, fields: Record<string, unknown>): ImportedObject =>
  completeObject(specOf(kind), fields);

function snapshot(
  objects: Record<string, ImportedObject[]>,
  notes: string[] = [],
): ProductSnapshot {
  return { product: 'shop', objects: new Map(Object.entries(objects)), notes };
}

const SHOP = snapshot({
  Cluster: [
    anObject('Cluster', {
      name: 'cluster-dev',
      apiServer: 'https://10.0.0.5:6443',
      clusterType: 'physical',
      usage: 'worker',
      workerType: 'deployment',
      primaryDomain: '10.0.0.5.nip.io',
    }),
  ],
  Product: [anObject('Product', { name: 'shop', description: 'the shop' })],
  Environment: [
    anObject('Environment', {
      product: 'shop',
      name: 'dev',
      cluster: 'cluster-dev',
      envType: 'development',
    }),
    // its cluster is not declared (not readable): named as text
    anObject('Environment', {
      product: 'shop',
      name: 'prod',
      cluster: 'cluster-prod',
      envType: 'production',
    }),
  ],
  Project: [anObject('Project', { product: 'shop', name: 'api', language: 'go' })],
  CodeRepo: [
    anObject('CodeRepo', {
      product: 'shop',
      name: 'api',
      project: 'api',
      sshUrl: 'git@gitlab.example:shop/api.git',
      httpUrl: 'https://gitlab.example/shop/api.git',
      webhookEvents: ['push_events'],
      deploymentRuntime: true,
    }),
  ],
  CodeRepoBinding: [
    anObject('CodeRepoBinding', {
      product: 'shop',
      name: 'api-all',
      codeRepo: 'api',
      projects: ['api', 'gone'],
    }),
  ],
  [RUNTIME_KIND]: [
    { ...aRuntime({ product: 'shop', projectsRef: ['api'], codeRepo: 'api', environment: 'dev' }) },
  ],
});

describe('generateImportCode', () => {
  const code = generateImportCode(SHOP, kinds, { fn: 'declareShop' });

  test('declares every kind in create order, each with importExisting(), and returns the constructs', () => {
    const order = [...code.matchAll(/^ {2}const (\w+) = new (\w+)\(scope, '([^']+)'/gm)].map(
      (m) => `${m[2]} ${m[1]} ${m[3]}`,
    );
    expect(order).toEqual([
      'Cluster clusterDev cluster-dev',
      'Product shop shop',
      'Environment dev dev',
      'Environment prod prod',
      'Project api api',
      'CodeRepo apiCodeRepo api-code-repo',
      'CodeRepoBinding apiAll api-all',
      'DeploymentRuntime drDev dr-dev',
    ]);
    expect(code.match(/\}\)\.importExisting\(\);/g)).toHaveLength(8);
    expect(code).toContain('export function declareShop(scope: Construct) {');
    expect(code).toContain(
      '  return {\n    clusterDev,\n    shop,\n    dev,\n    prod,\n    api,\n    apiCodeRepo,\n    apiAll,\n    drDev,\n  };',
    );
    // only the constructs used are imported (an unused import fails noUnusedLocals)
    expect(code).toContain(
      "import {\n  Cluster,\n  CodeRepo,\n  CodeRepoBinding,\n  DeploymentRuntime,\n  Environment,\n  Product,\n  Project,\n} from 'cdktf-provider-nautes/cdktf';",
    );
  });

  test('passes declared constructs as references, and names what is not declared as text', () => {
    expect(code).toContain(
      "  const dev = new Environment(scope, 'dev', {\n    product: shop,\n    name: 'dev',\n    cluster: clusterDev,\n    envType: 'development',\n  }).importExisting();",
    );
    expect(code).toContain("    cluster: 'cluster-prod',");
    expect(code).toContain('    project: api,\n');
    expect(code).toContain("    codeRepo: apiCodeRepo,\n    projects: [api, 'gone'],\n");
    expect(code).toContain(
      "    projects: [api],\n    codeRepo: apiCodeRepo,\n    manifestPath: 'manifests/development',\n    environment: dev,\n",
    );
  });

  test('leaves out values equal to their defaults, values only the server sets, and secrets', () => {
    // product: display name = name, visibility private; binding: permissions readonly; cluster: kind
    // kubernetes; runtime: target revision HEAD, empty account
    expect(code).not.toMatch(
      /displayName|visibility|permissions|clusterKind|targetRevision|account/,
    );
    expect(code).not.toMatch(/sshUrl|httpUrl|gitlab\.example/);
    expect(code).toContain("    description: 'the shop',");
    expect(code).toContain("    webhookEvents: ['push_events'],\n    deploymentRuntime: true,\n");
    expect(code).not.toContain('pipelineRuntime');
    expect(code).toContain("    primaryDomain: '10.0.0.5.nip.io',");
    // the kubeconfig only as a commented-out prop, so the code compiles as it is
    expect(code).toContain("    // kubeconfigFile: '<fill in: the kubeconfig file>',");
    expect(code).not.toMatch(/^\s+kubeconfig/m);
  });

  test('writes a value that differs from its default', () => {
    const s = snapshot({
      Product: [anObject('Product', { name: 'shop', displayName: 'Shop', visibility: 'public' })],
      [RUNTIME_KIND]: [{ ...aRuntime({ product: 'shop', targetRevision: 'main', account: 'ci' }) }],
    });
    const c = generateImportCode(s, kinds, { fn: 'f' });
    expect(c).toContain("    displayName: 'Shop',\n    visibility: 'public',\n");
    expect(c).toContain("    targetRevision: 'main',");
    expect(c).toContain("    account: 'ci',");
    // the runtime names the product construct; nothing else is declared
    expect(c).toContain('    product: shop,\n');
    expect(c).toContain(
      "import { DeploymentRuntime, Product } from 'cdktf-provider-nautes/cdktf';",
    );
    expect(c).toContain('  return { shop, drDev };');
  });

  test('writes nested objects (blocks) with references inside them, and leaves empty ones out', () => {
    const s = snapshot({
      Product: [anObject('Product', { name: 'shop' })],
      Project: [anObject('Project', { product: 'shop', name: 'api' })],
      CodeRepo: [anObject('CodeRepo', { product: 'shop', name: 'ci' })],
      ProjectPipelineRuntime: [
        anObject('ProjectPipelineRuntime', {
          product: 'shop',
          name: 'api-ci',
          project: 'api',
          pipelineSource: 'ci',
          pipelines: [
            { name: 'build', path: 'pipelines/build.yaml' },
            { name: 'test', label: 'unit', path: 'pipelines/test.yaml' },
          ],
          eventSources: [
            { name: 'push', gitlab: { repoName: 'ci', revision: 'main', events: ['push_events'] } },
            { name: 'nightly', calendar: { schedule: '0 2 * * *' } },
          ],
          pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
          environment: 'ci-env',
          isolation: 'shared',
        }),
      ],
    });
    const c = generateImportCode(s, kinds, { fn: 'f' });
    expect(c).toContain(
      [
        "  const apiCi = new PipelineRuntime(scope, 'api-ci', {",
        '    product: shop,',
        "    name: 'api-ci',",
        '    project: api,',
        '    pipelineSource: ci,',
        '    pipelines: [',
        "      { name: 'build', path: 'pipelines/build.yaml' },",
        "      { name: 'test', label: 'unit', path: 'pipelines/test.yaml' },",
        '    ],',
        '    eventSources: [',
        "      { name: 'push', gitlab: { repoName: ci, revision: 'main', events: ['push_events'] } },",
        "      { name: 'nightly', calendar: { schedule: '0 2 * * *' } },",
        '    ],',
        '    pipelineTriggers: [',
        "      { eventSource: 'push', pipeline: 'build' },",
        '    ],',
        "    environment: 'ci-env',",
        '  }).importExisting();',
      ].join('\n'),
    );
    // isolation is its default; additionalGit has no member set: both left out
    expect(c).not.toMatch(/isolation|additionalGit/);
  });

  test('writes the notes of the snapshot and the kinds it cannot write into the header', () => {
    const c = generateImportCode(
      snapshot({ Product: [anObject('Product', { name: 'shop' })] }, [
        'the clusters could not be read',
      ]),
      kinds,
      { fn: 'f', skippedKinds: ['ProjectPipelineRuntime'] },
    );
    expect(c).toContain('// Note: the clusters could not be read.');
    expect(c).toContain(
      '// Note: objects of kind ProjectPipelineRuntime are not written by this version of nautes-cdktf',
    );
  });

  test('makes distinct, valid identifiers of any object name', () => {
    const s = snapshot({
      Product: [anObject('Product', { name: 'shop' })],
      Project: ['default', '1st', 'shop', 'scope', 'declareShop', 'a.b', 'a_b', 'a-b'].map((name) =>
        anObject('Project', { product: 'shop', name }),
      ),
    });
    const c = generateImportCode(s, kinds, { fn: 'declareShop' });
    const made = [...c.matchAll(/^ {2}const (\w+) = new Project\(scope, '([^']+)'/gm)].map((m) => [
      m[2],
      m[1],
    ]);
    expect(made).toEqual([
      ['1st', 'project1st'],
      ['a-b', 'aB'],
      ['a.b', 'aBProject'],
      ['a_b-project', 'aBProject2'],
      ['declareShop', 'declareShopProject'],
      ['default', 'defaultProject'],
      ['scope', 'scopeProject'],
      ['shop-project', 'shopProject'],
    ]);
  });

  test('quotes strings as TypeScript literals', () => {
    expect(literal("it's \\ a\nb\u2028")).toBe("'it\\'s \\\\ a\\nb\\u2028'");
  });
});

describe('Namer', () => {
  test('construct ids stay distinct as Terraform addresses, which turn other characters into _', () => {
    const n = new Namer([]);
    expect(['a.b', 'a_b', 'a.b'].map((x) => n.id(x, 'CodeRepo'))).toEqual([
      'a.b',
      'a_b-code-repo',
      'a.b-code-repo-2',
    ]);
  });

  test('camelCase keeps letters and digits', () => {
    expect(['api-server', 'API_gateway', 'env-DEV', '--x--'].map(camelCase)).toEqual([
      'apiServer',
      'apiGateway',
      'envDev',
      'x',
    ]);
  });
});

describe('the kinds import writes', () => {
  test('every kind of KINDS has a construct row, so nothing is skipped', () => {
    expect(importedKinds().skipped).toEqual([]);
    expect(Object.keys(CONSTRUCT_ROWS).sort()).toEqual(KINDS.map((k) => k.kind).sort());
  });

  test('a kind without a row is skipped and named', () => {
    const extra = { ...PRODUCT_KIND, kind: 'Unknown' } as KindSpec;
    expect(importedKinds([...KINDS, extra]).skipped).toEqual([extra]);
  });

  test('each reference (nested ones too) names a prop of its kind and a kind declared before it', () => {
    const order = kinds.map((k) => k.kind);
    const refs: string[] = [];
    const walk = (kind: string, fields: readonly ImportedField[], path: string): void => {
      for (const f of fields) {
        if (f.members) walk(kind, f.members, `${path}${f.propName}.`);
        if (f.namesKind === undefined) continue;
        expect([kind, f.propName, order.indexOf(f.namesKind) < order.indexOf(kind)]).toEqual([
          kind,
          f.propName,
          true,
        ]);
        refs.push(`${kind}.${path}${f.propName}`);
      }
    };
    for (const k of kinds) walk(k.kind, k.fields, '');
    expect(refs).toEqual([
      'Environment.product',
      'Environment.cluster',
      'Project.product',
      'CodeRepo.product',
      'CodeRepo.project',
      'CodeRepoBinding.product',
      'CodeRepoBinding.codeRepo',
      'CodeRepoBinding.projects',
      'ProjectPipelineRuntime.product',
      'ProjectPipelineRuntime.project',
      'ProjectPipelineRuntime.pipelineSource',
      'ProjectPipelineRuntime.eventSources.gitlab.repoName',
      'ProjectPipelineRuntime.environment',
      'ProjectPipelineRuntime.additionalGit.codeRepo',
      'DeploymentRuntime.product',
      'DeploymentRuntime.projects',
      'DeploymentRuntime.codeRepo',
      'DeploymentRuntime.environment',
    ]);
  });

  test('the fields import never writes: server-only ones and secrets', () => {
    const never = kinds.flatMap((k) =>
      k.fields.filter((f) => !f.written).map((f) => `${k.kind}.${f.key}`),
    );
    expect(never).toEqual(['Cluster.kubeconfig', 'CodeRepo.sshUrl', 'CodeRepo.httpUrl']);
  });
});
