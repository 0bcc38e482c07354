// What `nautes-cdktf apply` prints about its outcomes: one line per change, the runtimes someone else changed
// during the apply, and the summary line. Runtimes are shown as the JSON body the API takes.
import { runtimesPath, skipCheckQuery, toWire } from '../../api';
import type { ApplyResult, ChangeOutcome, Plan, ReadBackResult } from '../../engine';
import type { DeploymentRuntime } from '../../model';
import { summaryLine } from '../../render';
import { changeLabel, shortPlanId } from '../../engine';

/** A runtime as the body a save sends (what the API and its docs show). */
function body(r: DeploymentRuntime): string {
  return JSON.stringify(toWire(r));
}

/**
 * The progress line of one change, e.g. `[2/5] nautes-labs/dr-dev: update applied`. A replace whose create
 * failed says whether the previous runtime was saved again, and if not, what is gone and how to get it back.
 */
export function outcomeLine(o: ChangeOutcome, done: number, total: number): string {
  const head = `[${done}/${total}] ${changeLabel(o)}: ${o.action}`;
  const error = o.error?.message ?? '';
  const r = o.restore;
  if (!r) return `${head} ${o.status}${o.error ? `: ${error}` : ''}`;
  if (r.status === 'restored')
    return `${head} failed: ${error}; the previous runtime was saved again`;
  const p = r.previous;
  const post = `POST ${runtimesPath(p.product, p.name)}${skipCheckQuery(r.insecureSkipCheck)}`;
  return (
    `${head} failed after its delete: ${error}; restoring the previous runtime failed too: ${r.error?.message ?? ''}. ` +
    `${o.id} is deleted; its previous fields: ${body(p)}. ` +
    `To recreate it: fix the cause, then plan and apply again (a create with the declared fields); or, to have it back as it was, send that body as ${post}`
  );
}

/** The runtimes not as this apply left them, and a read-back that could not be done; '' when none. */
export function readBackReport(readBack: ReadBackResult): string {
  const lines: string[] = [];
  if (readBack.changed.length) {
    lines.push(
      `Changed by someone else during this apply (read back after the writes; Nautes has no conditional write, so a change made between this apply's check of a runtime and its write was overwritten by it):`,
    );
    for (const c of readBack.changed)
      lines.push(
        `  ${c.id}: this apply ${c.wrote ? `wrote ${body(c.wrote)}` : 'deleted it'}; now ${c.now ? `there is ${body(c.now)}` : 'there is none'}`,
      );
  }
  if (readBack.error)
    lines.push(
      `Could not read the runtimes of ${readBack.error.product} back after the writes (${readBack.error.code}: ${readBack.error.message}): changes by someone else during this apply were not checked`,
    );
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** True when the apply did not do all of the plan, or cannot tell that it stands as it left it. */
export function isIncomplete(result: ApplyResult): boolean {
  const skipped = result.outcomes.filter((o) => o.status === 'skipped').length;
  return (
    result.failed > 0 ||
    skipped > 0 ||
    result.conflicts > 0 ||
    result.readBack.changed.length > 0 ||
    result.readBack.error !== undefined
  );
}

/** The last line of an apply, e.g. `Apply complete: 2 applied, 0 failed, 0 conflicts, 0 skipped (plan ...)`. */
export function applySummary(result: ApplyResult, plan: Plan): string {
  const skipped = result.outcomes.filter((o) => o.status === 'skipped').length;
  const restored = result.outcomes.filter((o) => o.restore?.status === 'restored').length;
  const lost = result.outcomes.filter((o) => o.restore?.status === 'failed').length;
  const extra = [
    restored ? `${restored} restored after a failed replace` : '',
    lost ? `${lost} deleted by a failed replace` : '',
    result.readBack.changed.length
      ? `${result.readBack.changed.length} changed by someone else`
      : '',
    result.readBack.error ? 'not read back' : '',
  ]
    .filter(Boolean)
    .map((s) => `, ${s}`)
    .join('');
  return `Apply ${isIncomplete(result) ? 'incomplete' : 'complete'}: ${result.applied} applied, ${result.failed} failed, ${result.conflicts} conflicts, ${skipped} skipped${extra} (plan ${shortPlanId(plan.id)}: ${summaryLine(plan)}).\n`;
}
