// The last step of both applies: show the requests, ask, apply a plan that passed every check, report.
import { createInterface } from 'node:readline';
import {
  applyPlan,
  kindOf,
  shortPlanId,
  type KindStore,
  type Plan,
  type RuntimeStore,
} from '../../engine';
import { PlanNotApplicableError } from '../../errors';
import { kindPath, runtimesPath, skipCheckQuery, toKindWire } from '../../api';
import { renderText } from '../../render';
import { UsageError, type ParsedArgs } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { applySummary, isIncomplete, outcomeLine, readBackReport } from './apply-report';

async function confirm(io: CliIo): Promise<boolean> {
  if (!io.stdin || io.stdin.isTTY !== true)
    throw new UsageError('no terminal to confirm on: pass --auto-approve');
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  const answer = await new Promise<string>((r) =>
    rl.question('Apply these changes? Only "yes" is accepted: ', r),
  );
  rl.close();
  return answer.trim() === 'yes';
}

/** The requests a plan will send, in the form the confirm screen shows them. */
function requestsOf(plan: Plan): string[] {
  const lines: string[] = [];
  // the objects of the other kinds first (deletes of them run after the runtimes' deletes)
  for (const c of plan.kindChanges) {
    const kind = kindOf(c.kind);
    if (!kind || c.action === 'no-op') continue;
    const path =
      kindPath(kind, c.address.product, c.address.name) +
      skipCheckQuery(kind.skipChecks && c.skipChecks !== undefined);
    if (c.action === 'delete' || c.action === 'replace') lines.push(`  DELETE ${path}`);
    if (c.action !== 'delete' && c.after)
      lines.push(`  POST   ${path}  ${JSON.stringify(toKindWire(kind, c.after))}`);
  }
  for (const c of plan.changes) {
    const q = skipCheckQuery(c.skipChecks !== undefined);
    const path = runtimesPath(c.address.product, c.address.name) + q;
    if (c.action === 'delete' || c.action === 'replace') lines.push(`  DELETE ${path}`);
    if (c.action !== 'delete' && c.action !== 'no-op' && c.after)
      lines.push(`  POST   ${path}  ${JSON.stringify(c.after)}`);
  }
  return lines;
}

/** A fresh plan whose planning found errors is never applied (nothing is sent). */
export function refuseErrors(fresh: Plan): void {
  const errors = fresh.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new PlanNotApplicableError(
      `the plan of the app now found errors: ${errors.map((d) => `${d.summary}: ${d.detail}`).join('; ')}. Nothing was sent`,
    );
}

/** Shows the requests, asks (unless --auto-approve) and applies a plan that passed every check. */
export async function applyChecked(
  plan: Plan,
  stores: { readonly runtimes: RuntimeStore; readonly kinds: KindStore },
  args: ParsedArgs,
  io: CliIo,
  concurrency: number,
): Promise<number> {
  io.stderr.write(renderText(plan));
  io.stderr.write(
    `\nRequests to send (plan ${shortPlanId(plan.id)}, ${plan.apiServer}):\n${requestsOf(plan).join('\n')}\n`,
  );
  if (!args.flags.has('auto-approve') && !(await confirm(io))) {
    io.stderr.write('Apply cancelled.\n');
    return EXIT.ERROR;
  }
  let stop = false;
  io.onInterrupt?.(() => {
    stop = true;
    io.stderr.write('interrupted: finishing the changes in flight, starting no new ones\n');
  });
  const total = [...plan.kindChanges, ...plan.changes].filter((c) => c.action !== 'no-op').length;
  let done = 0;
  const result = await applyPlan(plan, stores.runtimes, {
    kindStore: stores.kinds,
    concurrency,
    shouldStop: () => stop,
    onOutcome: (o) => io.stderr.write(`${outcomeLine(o, ++done, total)}\n`),
  });
  io.stderr.write(readBackReport(result.readBack));
  io.stdout.write(applySummary(result, plan));
  return isIncomplete(result) ? EXIT.ERROR : EXIT.OK;
}
