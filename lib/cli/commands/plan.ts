// `nautes-cdktf plan`: the fast in-process plan of the synthesized app against the API (no tofu, no state).
import { appendFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { NautesClient, createKindStore, createRuntimeStore } from '../../api';
import {
  allChanges,
  hasChanges,
  kindListsToObserve,
  planChanges,
  productsToObserve,
  shortPlanId,
  toPlanJson,
  type KindStore,
  type ObservedKindList,
  type Plan,
  type RuntimeStore,
} from '../../engine';
import {
  PRODUCT_KIND,
  addressOf,
  formatObjectId,
  formatRuntimeId,
  textOf,
  type DeploymentRuntime,
  type KindObject,
} from '../../model';
import { renderGitlabReport, renderMarkdown, renderText } from '../../render';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { readSynthesized, synthesizeApp, type Declarations } from '../synthesized-app';

export const PLAN_HELP = `Usage: nautes-cdktf plan [--app-dir DIR] [--format text|json|markdown|gitlab] [--out FILE] [--summary-file FILE] [--no-synth] [...]

Plans what a CDKTF app declares against the Nautes API (clusters, products, environments, projects,
code repos, code repo bindings and deployment runtimes): one list call per kind and product, no
OpenTofu, no state. Shows creates, updates, replacements, pruned orphans and objects that no code
declares, grouped by kind in dependency order.

Options:
  --app-dir DIR       the CDKTF project (cdktf.json) (default: the current directory)
  --format F          text (default), json (plan.json), markdown (a pull-request comment, with a hidden
                      first line naming the app and its stacks, which "nautes-cdktf comment" finds
                      again), or gitlab (GitLab's Terraform report: create/update/delete counts; a
                      replace counts as one create and one delete, a pruned orphan as a delete)
  --out FILE          also write plan.json to FILE (for "nautes-cdktf apply --plan FILE"); it carries
                      the same create/update/delete keys at the top, so it also serves as the GitLab
                      report (artifacts:reports:terraform)
  --summary-file F    also append the markdown comment to F (e.g. $GITHUB_STEP_SUMMARY)
  --comment-key KEY   what the comment's hidden marker names (default: app=<dir> stacks=<stacks>)
  --base-app-dir DIR  the same app at the merge base of the pull request (CI checks it out): each
                      change is then labelled "changed in this PR", "drift on the server", or both
  --no-synth          read DIR/cdktf.out instead of synthesizing the app
  --debug             when the app fails, show all it printed (stack traces included)
  --max-comment-chars N  size budget of the markdown comment (default 60000)
  --approval-label L  when the plan removes runtimes, the comment says at the top that the apply after
                      merge ("nautes-cdktf apply --reviewed") needs the label L on the pull request
  --detailed-exitcode  for drift checks: 2 changes asked for by the code, 4 drift only (every change
                      undoes a change made on the server; with --base-app-dir, none comes from the
                      PR), 5 no change but unmanaged runtimes found, 0 nothing at all

Environment: NAUTES_API_SERVER, NAUTES_TOKEN or NAUTES_TOKEN_FILE, NAUTES_CA_CERT.
Exit codes: 0 no changes, 2 changes, 1 error (and 4, 5 with --detailed-exitcode).
`;

/** The options of `nautes-cdktf plan` (`!` marks a flag without a value). */
export const PLAN_FLAGS: readonly string[] = [
  'app-dir',
  'format',
  'out',
  '!no-synth',
  '!debug',
  'max-comment-chars',
  'summary-file',
  'comment-key',
  'base-app-dir',
  '!detailed-exitcode',
  'approval-label',
];

/**
 * Lists what the plan needs and plans: each tenant-level kind once (a declared product the capped product
 * list leaves out is asked for by name), then each product-scoped kind and the runtimes once per product.
 * A product the plan creates has nothing yet: its lists are empty without a call.
 */
export async function planDeclarations(
  decl: Declarations,
  store: RuntimeStore,
  apiServer: string,
  base?: Declarations,
  kindStore?: KindStore,
): Promise<Plan> {
  const objects = decl.objects ?? [];
  const requests = kindListsToObserve(objects, decl.inventories);
  if (requests.length && !kindStore)
    throw new Error(
      'planDeclarations: the app declares objects of other kinds, and no kindStore was given',
    );
  const kinds = kindStore as KindStore;
  const tenant = await Promise.all(
    requests
      .filter((r) => r.product === undefined)
      .map(async (r): Promise<ObservedKindList> => {
        const listed = await kinds.list(r.kind, undefined);
        if (!r.kind.listMayOmit) return { kind: r.kind, objects: listed };
        const seen = new Set(listed.map((o) => formatObjectId(r.kind, addressOf(r.kind, o))));
        const missing = objects.filter(
          (d) =>
            d.kind === r.kind && !seen.has(formatObjectId(r.kind, addressOf(r.kind, d.object))),
        );
        const found = await Promise.all(
          missing.map((d) => kinds.get(r.kind, addressOf(r.kind, d.object))),
        );
        return {
          kind: r.kind,
          objects: [...listed, ...found.filter((o): o is KindObject => o !== null)],
        };
      }),
  );
  const existing = new Set(
    tenant
      .filter((l) => l.kind === PRODUCT_KIND)
      .flatMap((l) => l.objects.map((o) => textOf(o, 'name'))),
  );
  const declaredProducts = new Set(
    objects.filter((d) => d.kind === PRODUCT_KIND).map((d) => textOf(d.object, 'name')),
  );
  // created by this plan: nothing of it can be listed yet
  const creating = (p: string): boolean => declaredProducts.has(p) && !existing.has(p);
  const scoped = await Promise.all(
    requests
      .filter((r) => r.product !== undefined)
      .map(async (r): Promise<ObservedKindList> => ({
        kind: r.kind,
        product: r.product as string,
        objects: creating(r.product as string) ? [] : await kinds.list(r.kind, r.product),
      })),
  );
  const products = productsToObserve(decl.desired, decl.inventories);
  const lists = await Promise.all(
    products.map(
      async (p) => [p, creating(p) ? [] : await store.list(p)] as [string, DeploymentRuntime[]],
    ),
  );
  return planChanges({
    desired: decl.desired,
    inventories: decl.inventories,
    observed: new Map(lists),
    apiServer,
    objects,
    observedObjects: [...tenant, ...scoped],
    ...(base
      ? {
          base: new Map(base.desired.map((d) => [formatRuntimeId(d.runtime), d.runtime])),
          baseObjects: new Map(
            (base.objects ?? []).map((d) => [
              `${d.kind.tfType} ${formatObjectId(d.kind, addressOf(d.kind, d.object))}`,
              d.object,
            ]),
          ),
        }
      : {}),
  });
}

/** What the hidden marker of an app's comment names, unless --comment-key says otherwise. */
export function defaultCommentKey(appDir: string, decl: Declarations): string {
  return `app=${basename(appDir)} stacks=${decl.stacks.join(',') || productsToObserve(decl.desired, decl.inventories).join(',')}`;
}

/**
 * The exit code of a drift check: 2 when the code asks for a change, 4 when every change only undoes drift
 * on the server, 5 when nothing changes but runtimes nobody declares exist, else 0.
 */
export function detailedExitCode(plan: Plan): number {
  const changes = allChanges(plan).filter((c) => c.action !== 'no-op');
  if (changes.length)
    return changes.every(
      (c) => c.reasons.includes('drifted') && !c.reasons.includes('config-changed'),
    )
      ? EXIT.DRIFT_ONLY
      : EXIT.CHANGES;
  return [...plan.orphans, ...plan.kindOrphans].some((o) => !o.pruned)
    ? EXIT.UNMANAGED_FOUND
    : EXIT.OK;
}

export async function runPlan(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, PLAN_FLAGS);
  const format = flagString(args, 'format') ?? 'text';
  if (!['text', 'json', 'markdown', 'gitlab'].includes(format))
    throw new UsageError(`--format must be text, json, markdown or gitlab, got ${format}`);
  const appDir = resolve(io.cwd, flagString(args, 'app-dir') ?? '.');
  const maxText = flagString(args, 'max-comment-chars');
  const maxCommentChars = maxText === undefined ? undefined : Number(maxText);
  if (
    maxCommentChars !== undefined &&
    !(Number.isInteger(maxCommentChars) && maxCommentChars >= 1000)
  )
    throw new UsageError('--max-comment-chars must be a whole number of at least 1000');
  const decl = args.flags.has('no-synth')
    ? readSynthesized(resolve(appDir, 'cdktf.out'))
    : await synthesizeApp(appDir, io.env, { debug: args.flags.has('debug') });
  const client = new NautesClient({ env: io.env, redactor: io.redactor });
  try {
    const baseDir = flagString(args, 'base-app-dir');
    const base = baseDir
      ? await synthesizeApp(resolve(io.cwd, baseDir), io.env, { debug: args.flags.has('debug') })
      : undefined;
    const plan = await planDeclarations(
      decl,
      createRuntimeStore(client),
      client.apiServer,
      base,
      createKindStore(client),
    );
    const out = flagString(args, 'out');
    const failed = plan.diagnostics.some((d) => d.severity === 'error');
    // a plan whose planning found errors is never written as something to apply
    if (out && !failed) writeFileSync(resolve(io.cwd, out), toPlanJson(plan));
    const marker = flagString(args, 'comment-key') ?? defaultCommentKey(appDir, decl);
    const approvalLabel = flagString(args, 'approval-label');
    const markdown = (): string =>
      renderMarkdown(plan, {
        marker,
        ...(maxCommentChars ? { maxCommentChars } : {}),
        ...(approvalLabel ? { approvalLabel } : {}),
      });
    io.stdout.write(
      format === 'json'
        ? toPlanJson(plan)
        : format === 'markdown'
          ? markdown()
          : format === 'gitlab'
            ? renderGitlabReport(plan)
            : renderText(plan, { color: io.stdout.isTTY === true && !io.env['NO_COLOR'] }),
    );
    const summaryFile = flagString(args, 'summary-file');
    if (summaryFile) appendFileSync(resolve(io.cwd, summaryFile), `${markdown()}\n`);
    if (out && failed)
      io.stderr.write(
        `plan NOT written to ${out}: its planning found errors (above); fix them and plan again\n`,
      );
    else if (out)
      io.stderr.write(
        `plan ${shortPlanId(plan.id)} written to ${out} (${client.requestCount} API requests); apply it with: nautes-cdktf apply --plan ${out} --plan-id ${shortPlanId(plan.id)}\n`,
      );
    if (failed) return EXIT.ERROR;
    if (args.flags.has('detailed-exitcode')) return detailedExitCode(plan);
    return hasChanges(plan) ? EXIT.CHANGES : EXIT.OK;
  } finally {
    await client.close();
  }
}
