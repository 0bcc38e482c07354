// Reads what a CDKTF app declares: synthesizes it (the app command of cdktf.json, with CDKTF_OUTDIR set to a
// temp dir) or reads an existing cdktf.out, then collects the Nautes resources of every stack.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesiredKindObject, DesiredRuntime, InventoryDeclaration } from '../engine';
import { ValidationError, type Issue } from '../errors';
import {
  KINDS,
  RUNTIME_FIELDS,
  completeObject,
  completeRuntime,
  kindFieldsFrom,
  runtimeFieldsFrom,
  skipChecksFromAttributes,
  type KindSpec,
} from '../model';
import { appEnvironment } from './app-env';
import { appFailure, MAX_APP_OUTPUT } from './app-failure';

/** What the app declares. */
export interface Declarations {
  readonly desired: DesiredRuntime[];
  readonly inventories: InventoryDeclaration[];
  readonly stacks: string[];
  /** The objects of the other kinds (products, environments, ...), in create order. @default - none */
  readonly objects?: DesiredKindObject[];
}

/** The Terraform attribute of a kind with deletion protection (default true). */
const DELETION_PROTECTION = 'deletion_protection';

/**
 * The declared objects of one kind in a stack. A secret (a kubeconfig) is never read: it is a token that
 * Terraform resolves at apply time (a file or a variable), so only that it is set is kept.
 */
function readKindObjects(
  kind: KindSpec,
  stack: string,
  doc: { resource?: Record<string, Record<string, Record<string, unknown>>> },
  imported: ReadonlySet<unknown>,
  issues: Issue[],
): DesiredKindObject[] {
  const out: DesiredKindObject[] = [];
  for (const [name, declared] of Object.entries(doc.resource?.[kind.tfType] ?? {})) {
    const attrs = resolveNameReferences(declared, doc.resource ?? {});
    const at =
      (attrs['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path ??
      `${stack}/${kind.tfType}.${name}`;
    const secrets: string[] = [];
    const values: Record<string, unknown> = { ...attrs };
    for (const f of kind.fields) {
      if (f.secret === true) {
        if ((attrs[f.tfName] ?? null) !== null) secrets.push(f.key);
        delete values[f.tfName];
      } else if (f.save !== 'never' && hasToken(attrs[f.tfName]))
        issues.push({
          path: [at, f.tfName],
          code: 'unresolved',
          message: `${f.tfName} is known only at apply time; plan it with cdktf diff instead`,
        });
    }
    const skipChecks = kind.skipChecks ? skipChecksFromAttributes(attrs) : undefined;
    // as the provider validates a configuration: the fields set, before defaults fill nested blocks
    const fields = kindFieldsFrom(kind, values, 'tfName');
    out.push({
      kind,
      object: completeObject(kind, fields),
      declared: fields,
      declaredAt: at,
      ...(kind.deletionDestroys !== undefined
        ? { deletionProtection: attrs[DELETION_PROTECTION] !== false }
        : {}),
      ...(secrets.length ? { secrets } : {}),
      ...(skipChecks ? { skipChecks } : {}),
      ...(imported.has(`${kind.tfType}.${name}`) ? { importExisting: true } : {}),
    });
  }
  return out;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ValidationError(
      [{ path: [file], code: 'unreadable', message: (e as Error).message }],
      'cannot read the synthesized app',
    );
  }
}

/**
 * `attrs` with references to a declared object's name (`${nautes_product.shop_product.name}`, what a
 * construct passed as a prop synthesizes to) replaced by that name, when the stack declares it literally:
 * known offline, so the fast path can plan it.
 */
function resolveNameReferences(
  attrs: Record<string, unknown>,
  resources: Readonly<Record<string, Record<string, Record<string, unknown>>>>,
): Record<string, unknown> {
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    // nested blocks (a pipeline runtime's event sources) name objects too
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    if (typeof v !== 'string') return v;
    const m = /^\$\{([a-z_]+)\.([A-Za-z0-9_-]+)\.name\}$/.exec(v);
    if (!m || !KINDS.some((k) => k.tfType === m[1])) return v;
    const name = resources[m[1] as string]?.[m[2] as string]?.['name'];
    return typeof name === 'string' && !name.includes('${') ? name : v;
  };
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, resolve(v)]));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const hasToken = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.includes('${')
    : Array.isArray(v)
      ? v.some(hasToken)
      : isRecord(v)
        ? Object.values(v).some(hasToken)
        : false;

/**
 * Collects runtimes, the objects of the other kinds and inventories from a cdktf output dir (manifest.json
 * + each stack's cdk.tf.json).
 */
export function readSynthesized(outdir: string): Declarations {
  const manifestFile = join(outdir, 'manifest.json');
  if (!existsSync(manifestFile))
    throw new ValidationError([
      {
        path: [manifestFile],
        code: 'missing',
        message: 'no manifest.json: synthesize the app first (cdktf synth) or drop --no-synth',
      },
    ]);
  const manifest = readJson(manifestFile) as {
    stacks?: Record<string, { synthesizedStackPath?: string }>;
  };
  const desired: DesiredRuntime[] = [];
  const inventories: InventoryDeclaration[] = [];
  const objects: DesiredKindObject[] = [];
  const issues: Issue[] = [];
  const stacks = Object.keys(manifest.stacks ?? {}).sort();
  for (const stack of stacks) {
    const rel = manifest.stacks?.[stack]?.synthesizedStackPath;
    if (!rel) continue;
    const doc = readJson(join(outdir, rel)) as {
      resource?: Record<string, Record<string, Record<string, unknown>>>;
      import?: Array<{ to?: unknown }>;
    };
    // importExisting() writes an import block: the planner refuses one whose runtime is not on the server
    const imported = new Set((Array.isArray(doc.import) ? doc.import : []).map((i) => i?.to));
    for (const [name, declared] of Object.entries(
      doc.resource?.['nautes_deployment_runtime'] ?? {},
    )) {
      const attrs = resolveNameReferences(declared, doc.resource ?? {});
      const at =
        (attrs['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path ??
        `${stack}/nautes_deployment_runtime.${name}`;
      for (const f of RUNTIME_FIELDS)
        if (hasToken(attrs[f.tfName]))
          issues.push({
            path: [at, f.tfName],
            code: 'unresolved',
            message: `${f.tfName} is known only at apply time; plan it with cdktf diff instead`,
          });
      const r = completeRuntime(runtimeFieldsFrom(attrs, 'tfName'));
      const skipChecks = skipChecksFromAttributes(attrs);
      desired.push({
        runtime: r,
        declaredAt: at,
        ...(imported.has(`nautes_deployment_runtime.${name}`) ? { importExisting: true } : {}),
        ...(skipChecks ? { skipChecks } : {}),
      });
    }
    for (const kind of KINDS) objects.push(...readKindObjects(kind, stack, doc, imported, issues));
    for (const declared of Object.values(doc.resource?.['nautes_runtime_inventory'] ?? {})) {
      const attrs = resolveNameReferences(declared, doc.resource ?? {});
      // `kinds`: the other kinds the inventory owns (default: runtimes only)
      const kinds = Array.isArray(attrs['kinds'])
        ? attrs['kinds'].filter((k): k is string => typeof k === 'string')
        : [];
      if (typeof attrs['product'] === 'string')
        inventories.push({
          product: attrs['product'],
          prune: attrs['prune'] === true,
          ...(kinds.length ? { kinds } : {}),
        });
    }
  }
  if (issues.length)
    throw new ValidationError(issues, 'the app has values that cannot be planned offline');
  return { desired, inventories, stacks, objects };
}

/**
 * Runs the app command of `<appDir>/cdktf.json` into a temp dir and reads it. The app runs without the
 * credentials of `env` ({@link appEnvironment}): it is the code under review and needs none to synthesize.
 * When the app fails, the error says what it printed that matters (TypeScript's diagnostics, or the error
 * it threw); `debug` keeps all of it, stack traces included.
 */
export async function synthesizeApp(
  appDir: string,
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly debug?: boolean } = {},
): Promise<Declarations> {
  const configFile = join(appDir, 'cdktf.json');
  const config = readJson(configFile) as { app?: string };
  if (!config.app)
    throw new ValidationError([
      { path: [configFile, 'app'], code: 'required', message: 'cdktf.json has no "app" command' },
    ]);
  const outdir = mkdtempSync(join(tmpdir(), 'nautes-synth-'));
  try {
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      const child = spawn(config.app as string, {
        cwd: appDir,
        shell: true,
        env: { ...appEnvironment(env), CDKTF_OUTDIR: outdir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // both streams: tsc writes its diagnostics to stdout, Node its uncaught errors to stderr
      let output = '';
      const keep = (d: Buffer): void => {
        if (output.length < MAX_APP_OUTPUT) output += d.toString();
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
    if (result.code !== 0)
      throw new ValidationError(
        [
          {
            path: [configFile, 'app'],
            code: 'synth_failed',
            message: `the app failed (exit ${result.code}): ${appFailure(result.output, options.debug).summary}`,
          },
        ],
        'cannot synthesize the app',
      );
    return readSynthesized(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
