// `nautes-cdktf import --product P`: TypeScript that declares what a product holds (every kind, with the
// clusters its environments use), so teams that used curl or the nautes CLI can adopt it.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NautesClient, createKindStore, createRuntimeStore } from '../../api';
import { RUNTIME_FIELDS, isEmptyFieldValue, type DeploymentRuntime } from '../../model';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import { generateImportCode } from '../import/generate-code';
import { isDeclarableName, pascalCase } from '../import/identifiers';
import { importedKinds } from '../import/imported-kinds';
import { readProduct } from '../import/read-product';
import type { CliIo } from '../io';

export const IMPORT_HELP = `Usage: nautes-cdktf import --product P [--out FILE] [--function NAME]

Reads what product P holds in Nautes and writes TypeScript that declares it: the product, its
environments, projects, code repos, code repo bindings, pipeline runtimes and deployment runtimes, and
the clusters its environments use (tenant-level: only those). Each construct calls importExisting() (an
import block), so the first "cdktf deploy" adopts it into state instead of creating it; constructs that
name each other are passed as variables (an environment gets its product and cluster), so Terraform
orders them. Values equal to their defaults are left out, and so are values only the server sets (clone
URLs).

Secrets: Nautes never returns a cluster's kubeconfig, so none is written; each cluster carries a
commented-out kubeconfigFile line instead. Left out, the cluster keeps its kubeconfig; set it to send one.
Clusters need read rights on the tenant repository: without them, environments name their cluster as text.

Options:
  --product P      the product (GitLab group path)
  --out FILE       write the code to FILE (default: stdout)
  --function NAME  name of the generated function (default: declare<Product>, e.g. declareNautesLabs);
                   it takes the scope (a stack) and returns the constructs by variable name
`;

/**
 * The lines of one `new DeploymentRuntime(...).importExisting()` expression, ending in `end` (the runtimes
 * `init` writes into main.ts).
 */
export function runtimeDeclaration(
  r: DeploymentRuntime,
  scope: string,
  indent: string,
  end: string,
): string[] {
  const lines = [`${indent}new DeploymentRuntime(${scope}, ${JSON.stringify(r.name)}, {`];
  for (const f of RUNTIME_FIELDS) {
    const v = r[f.key];
    if (isEmptyFieldValue(v)) continue;
    lines.push(`${indent}  ${f.propName}: ${JSON.stringify(v)},`);
  }
  lines.push(`${indent}}).importExisting()${end}`);
  return lines;
}

export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['product', 'out', 'function']);
  const product = flagString(args, 'product');
  if (!product) throw new UsageError('--product is required');
  const fn = flagString(args, 'function') ?? `declare${pascalCase(product)}`;
  if (!isDeclarableName(fn) || fn === 'scope')
    throw new UsageError(
      `--function must be a TypeScript identifier, not a reserved word or "scope", got ${fn}`,
    );
  const client = new NautesClient({ env: io.env, redactor: io.redactor });
  try {
    const { kinds, skipped } = importedKinds();
    const snapshot = await readProduct(
      { kinds: createKindStore(client), runtimes: createRuntimeStore(client) },
      product,
      kinds,
    );
    const code = generateImportCode(snapshot, kinds, {
      fn,
      skippedKinds: skipped.map((k) => k.kind),
    });
    for (const note of snapshot.notes) io.stderr.write(`note: ${note}\n`);
    const out = flagString(args, 'out');
    if (out) {
      writeFileSync(resolve(io.cwd, out), code);
      const counts = kinds
        .map((k) => [k, snapshot.objects.get(k.kind)?.length ?? 0] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k.title}${n === 1 ? '' : 's'}`);
      io.stderr.write(`wrote ${counts.join(', ')} of ${product} to ${out}\n`);
    } else io.stdout.write(code);
    return EXIT.OK;
  } finally {
    await client.close();
  }
}
