// `nautes-cdktf apply --plan FILE`: applies exactly a reviewed plan, refusing when the server moved on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { NautesClient, createRuntimeStore } from '../../api';
import { applyPlan, assertPlanFresh, hasChanges, parsePlanJson } from '../../engine';
import { renderText, summaryLine } from '../../render';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';

export const APPLY_HELP = `Usage: nautes-cdktf apply --plan FILE [--auto-approve] [--concurrency N]

Applies exactly the changes of a plan.json written by "nautes-cdktf plan --out FILE". Lists the products
again first and refuses (exit 3) when anything changed since the plan was made.

Options:
  --plan FILE       the reviewed plan.json
  --auto-approve    do not ask for confirmation (needed without a terminal)
  --concurrency N   changes applied at once (default 4)

Exit codes: 0 applied, 1 error or a failed change, 3 stale plan.
`;

async function confirm(io: CliIo): Promise<boolean> {
  if (!io.stdin || io.stdin.isTTY !== true) throw new UsageError('no terminal to confirm on: pass --auto-approve');
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  const answer = await new Promise<string>((r) => rl.question('Apply these changes? Only "yes" is accepted: ', r));
  rl.close();
  return answer.trim() === 'yes';
}

export async function runApply(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['plan', '!auto-approve', 'concurrency']);
  const file = flagString(args, 'plan');
  if (!file) throw new UsageError('--plan FILE is required');
  const concurrencyText = flagString(args, 'concurrency');
  const concurrency = concurrencyText === undefined ? 4 : Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be a whole number from 1 to 64');
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const plan = parsePlanJson(text, file);
  if (!hasChanges(plan)) {
    io.stdout.write('No changes in the plan; nothing to apply.\n');
    return EXIT.OK;
  }
  const client = new NautesClient({ env: io.env });
  try {
    const store = createRuntimeStore(client);
    await assertPlanFresh(plan, store);
    io.stderr.write(renderText(plan));
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
    io.stdout.write(`Apply ${result.failed || skipped ? 'incomplete' : 'complete'}: ${result.applied} applied, ${result.failed} failed, ${skipped} skipped (plan: ${summaryLine(plan)}).\n`);
    return result.failed || skipped ? EXIT.ERROR : EXIT.OK;
  } finally {
    await client.close();
  }
}
