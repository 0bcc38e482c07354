// `nautes-cdktf apply --plan FILE`: applies exactly a reviewed plan, refusing when the server moved on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { NautesClient, createRuntimeStore } from '../../api';
import { applyPlan, computePlanId, hasChanges, parsePlanJson, shortPlanId, SHORT_PLAN_ID, type Plan } from '../../engine';
import { PlanEditedError, PlanMismatchError, StalePlanError, ValidationError } from '../../errors';
import { runtimesPath } from '../../api';
import { renderText, summaryLine } from '../../render';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { readSynthesized, synthesizeApp } from '../synthesized-app';
import { planDeclarations } from './plan';

export const APPLY_HELP = `Usage: nautes-cdktf apply --plan FILE [--plan-id ID] [--app-dir DIR] [--no-synth] [--auto-approve] [--concurrency N]

Applies exactly the changes of a plan.json written by "nautes-cdktf plan --out FILE", and nothing else.
Before anything is sent it refuses (exit 3):
  - a file whose content does not give the plan id it carries (edited after planning);
  - with --plan-id, a plan whose id is not the one given (the id a reviewer saw, 12+ characters);
  - a plan made against another API server than NAUTES_API_SERVER;
  - a plan that no longer matches a fresh plan of the app (synthesized again, lists read again): the
    server or the code changed since.
Each change then checks that its runtime is still as planned; one that is not is reported as a
conflict and not sent.

Options:
  --plan FILE       the reviewed plan.json
  --plan-id ID      the plan id the reviewer approved (shown by plan in text and markdown)
  --app-dir DIR     the CDKTF project to plan again (default: the current directory)
  --no-synth        read DIR/cdktf.out instead of synthesizing the app
  --auto-approve    do not ask for confirmation (needed without a terminal)
  --concurrency N   changes applied at once (default 4; requests still go one at a time per server)

Exit codes: 0 applied, 1 error, a failed or conflicting change, 3 edited, other or stale plan.
`;

async function confirm(io: CliIo): Promise<boolean> {
  if (!io.stdin || io.stdin.isTTY !== true) throw new UsageError('no terminal to confirm on: pass --auto-approve');
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  const answer = await new Promise<string>((r) => rl.question('Apply these changes? Only "yes" is accepted: ', r));
  rl.close();
  return answer.trim() === 'yes';
}

/** The requests a plan will send, in the form the confirm screen shows them. */
function requestsOf(plan: Plan): string[] {
  const lines: string[] = [];
  for (const c of plan.changes) {
    const q = c.skipChecks ? '?insecure_skip_check=true' : '';
    const path = runtimesPath(c.address.product, c.address.name) + q;
    if (c.action === 'delete' || c.action === 'replace') lines.push(`  DELETE ${path}`);
    if (c.action !== 'delete' && c.action !== 'no-op' && c.after) lines.push(`  POST   ${path}  ${JSON.stringify(c.after)}`);
  }
  return lines;
}

export async function runApply(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['plan', 'plan-id', 'app-dir', '!no-synth', '!auto-approve', 'concurrency']);
  const file = flagString(args, 'plan');
  if (!file) throw new UsageError('--plan FILE is required');
  const concurrencyText = flagString(args, 'concurrency');
  const concurrency = concurrencyText === undefined ? 4 : Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be a whole number from 1 to 64');
  const reviewedId = flagString(args, 'plan-id');
  if (reviewedId !== undefined && !new RegExp(`^[0-9a-f]{${SHORT_PLAN_ID},64}$`).test(reviewedId))
    throw new UsageError(`--plan-id must be the plan id (at least ${SHORT_PLAN_ID} hex characters)`);
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let plan: Plan;
  try {
    plan = parsePlanJson(text, file);
  } catch (e) {
    // plan writes a well-formed file: one that is not was changed (or truncated) after it was reviewed
    if (e instanceof ValidationError) throw new PlanEditedError(file, e.message);
    throw e;
  }
  if (reviewedId !== undefined && !plan.id.startsWith(reviewedId))
    throw new PlanMismatchError(`${file} is plan ${shortPlanId(plan.id)}, not the reviewed plan ${reviewedId}`, reviewedId, plan.id);
  if (!hasChanges(plan)) {
    io.stdout.write(`No changes in plan ${shortPlanId(plan.id)}; nothing to apply.\n`);
    return EXIT.OK;
  }
  const client = new NautesClient({ env: io.env });
  try {
    if (client.apiServer !== plan.apiServer)
      throw new PlanMismatchError(`plan ${shortPlanId(plan.id)} was made against ${plan.apiServer || '(no server)'}, and this apply would talk to ${client.apiServer}`, plan.apiServer, client.apiServer);
    const store = createRuntimeStore(client);
    // plan again from the app and fresh lists: only the very same plan may be applied
    const appDir = resolve(io.cwd, flagString(args, 'app-dir') ?? '.');
    const decl = args.flags.has('no-synth') ? readSynthesized(resolve(appDir, 'cdktf.out')) : await synthesizeApp(appDir, io.env);
    const fresh = await planDeclarations(decl, store, client.apiServer);
    // what will be sent must be the same; reasons may differ (the reviewed plan may know the merge base)
    if (computePlanId(fresh, { explanations: false }) !== computePlanId(plan, { explanations: false })) {
      const moved = plan.observed.filter((o) => fresh.observed.find((f) => f.product === o.product)?.fingerprint !== o.fingerprint).map((o) => o.product);
      if (moved.length || fresh.fingerprint !== plan.fingerprint) throw new StalePlanError(moved.length ? moved : plan.observed.map((o) => o.product));
      throw new PlanMismatchError(
        `the app now plans other changes (plan ${shortPlanId(fresh.id)}) than the reviewed plan ${shortPlanId(plan.id)}`,
        plan.id,
        fresh.id,
      );
    }
    io.stderr.write(renderText(plan));
    io.stderr.write(`\nRequests to send (plan ${shortPlanId(plan.id)}, ${plan.apiServer}):\n${requestsOf(plan).join('\n')}\n`);
    if (!args.flags.has('auto-approve') && !(await confirm(io))) {
      io.stderr.write('Apply cancelled.\n');
      return EXIT.ERROR;
    }
    let stop = false;
    io.onInterrupt?.(() => {
      stop = true;
      io.stderr.write('interrupted: finishing the changes in flight, starting no new ones\n');
    });
    const total = plan.changes.filter((c) => c.action !== 'no-op').length;
    let done = 0;
    const result = await applyPlan(plan, store, {
      concurrency,
      shouldStop: () => stop,
      onOutcome: (o) => {
        done++;
        io.stderr.write(`[${done}/${total}] ${o.id}: ${o.action} ${o.status}${o.error ? `: ${o.error.message}` : ''}\n`);
      },
    });
    const skipped = result.outcomes.filter((o) => o.status === 'skipped').length;
    const incomplete = result.failed || skipped || result.conflicts;
    io.stdout.write(
      `Apply ${incomplete ? 'incomplete' : 'complete'}: ${result.applied} applied, ${result.failed} failed, ${result.conflicts} conflicts, ${skipped} skipped (plan ${shortPlanId(plan.id)}: ${summaryLine(plan)}).\n`,
    );
    return incomplete ? EXIT.ERROR : EXIT.OK;
  } finally {
    await client.close();
  }
}
