// Runs a real CDKTF app (real cdktf CLI, real OpenTofu, our bundled provider) in a temp dir.
import { spawnTracked } from './processes';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const paths = require('../../scripts/paths') as {
  root: string;
  cdktfBinary: string;
  tofuBinary: string;
};
const { tofuEnv, assertBuilt } = require('../../scripts/tofu-env') as {
  tofuEnv: (base: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  assertBuilt: () => void;
};

/** One declared runtime (DeploymentRuntime props) with the construct id. */
export interface RuntimeDecl {
  id: string;
  /** calls importExisting() on the construct */
  importExisting?: boolean;
  product: string;
  name: string;
  projects?: string[];
  codeRepo: string;
  targetRevision?: string;
  manifestPath: string;
  environment: string;
  namespaces?: string[];
  account?: string;
  skipChecks?: { reason: string };
}

/** A runtime of the demo product (code repo api-server, env-dev, path m/<name>, namespace <name>). */
export const runtimeDecl = (name: string, o: Partial<RuntimeDecl> = {}): RuntimeDecl => ({
  id: name,
  product: 'nautes-labs',
  name,
  codeRepo: 'api-server',
  manifestPath: `m/${name}`,
  environment: 'env-dev',
  namespaces: [name],
  ...o,
});

/** What the app declares. */
export interface AppSpec {
  runtimes: RuntimeDecl[];
  inventories?: Array<{ product: string; prune?: boolean }>;
  /** the app writes JSON.stringify(process.env) to this file when it synthesizes */
  dumpEnvTo?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const APP_SOURCE = (root: string): string => `
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { App, LocalBackend, PgBackend, TerraformStack } from 'cdktf';
import { DeploymentRuntime, NautesProvider, RuntimeInventory } from ${JSON.stringify(join(root, 'lib', 'cdktf'))};

// the app's own spec.json (cdktf and nautes-cdktf run the app in its directory), else E2E_SPEC
const spec = JSON.parse(readFileSync(existsSync('spec.json') ? 'spec.json' : (process.env['E2E_SPEC'] as string), 'utf8'));
if (spec.dumpEnvTo) writeFileSync(spec.dumpEnvTo, JSON.stringify(process.env));
const app = new App();
const stack = new TerraformStack(app, 'e2e');
if (process.env['E2E_PG_CONN']) new PgBackend(stack, { connStr: process.env['E2E_PG_CONN'], schemaName: 'nautes_e2e' });
else new LocalBackend(stack, { path: process.env['E2E_STATE'] as string });
new NautesProvider(stack, 'nautes');
for (const r of spec.runtimes) {
  const { id, importExisting, ...props } = r;
  const runtime = new DeploymentRuntime(stack, id, props);
  if (importExisting) runtime.importExisting();
}
for (const inv of spec.inventories ?? []) new RuntimeInventory(stack, 'inventory-' + inv.product, inv);
app.synth();
`;

/** A CDKTF project in a temp dir, talking to a Nautes API server. */
export class CdktfApp {
  readonly dir: string;
  readonly specFile: string;
  readonly stateFile: string;
  readonly env: NodeJS.ProcessEnv;

  /** `source` is the app's TypeScript, given the package root @default - the runtimes app of `AppSpec` */
  constructor(
    apiServer: string,
    token: string,
    extraEnv: NodeJS.ProcessEnv = {},
    source: (root: string) => string = APP_SOURCE,
  ) {
    assertBuilt();
    this.dir = mkdtempSync(join(tmpdir(), 'nautes-e2e-'));
    this.specFile = join(this.dir, 'spec.json');
    this.stateFile = join(this.dir, 'terraform.e2e.tfstate');
    writeFileSync(join(this.dir, 'app.ts'), source(paths.root));
    writeFileSync(
      join(this.dir, 'cdktf.json'),
      JSON.stringify({
        language: 'typescript',
        app: `node ${join(paths.root, 'scripts', 'run-app.js')} app.ts`,
        projectId: 'e2e',
        sendCrashReports: 'false',
        terraformProviders: [],
        terraformModules: [],
        context: {},
      }),
    );
    const base: NodeJS.ProcessEnv = { ...process.env };
    delete base['NAUTES_TOKEN_FILE'];
    this.env = tofuEnv({
      ...base,
      ...extraEnv,
      NAUTES_API_SERVER: apiServer,
      NAUTES_TOKEN: token,
      E2E_SPEC: this.specFile,
      E2E_STATE: this.stateFile,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    });
  }

  write(spec: AppSpec | Record<string, unknown>): void {
    writeFileSync(this.specFile, JSON.stringify(spec, null, 2));
  }

  private spawn(bin: string, args: string[], cwd: string): Promise<RunResult> {
    return new Promise((res) => {
      const child = spawnTracked(bin, args, {
        cwd,
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => res({ code: code ?? 1, stdout, stderr }));
    });
  }

  /** Runs `cdktf <args> --skip-provider-lock`. */
  cdktf(...args: string[]): Promise<RunResult> {
    const extra = ['diff', 'deploy', 'destroy'].includes(args[0] ?? '')
      ? ['--skip-provider-lock']
      : [];
    return this.spawn(paths.cdktfBinary, [...args, ...extra], this.dir);
  }

  /** The synthesized stack directory. */
  get stackDir(): string {
    return join(this.dir, 'cdktf.out', 'stacks', 'e2e');
  }

  /** Runs OpenTofu itself in the synthesized stack directory. */
  tofu(...args: string[]): Promise<RunResult> {
    return this.spawn(paths.tofuBinary, args, this.stackDir);
  }

  state(): {
    resources: Array<{
      type: string;
      name: string;
      instances: Array<{ attributes: Record<string, unknown> }>;
    }>;
  } {
    return existsSync(this.stateFile)
      ? JSON.parse(readFileSync(this.stateFile, 'utf8'))
      : { resources: [] };
  }

  synthesized(): string {
    return readFileSync(join(this.stackDir, 'cdk.tf.json'), 'utf8');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Absolute path inside the project. */
export const projectPath = (...p: string[]): string => resolve(paths.root, ...p);
