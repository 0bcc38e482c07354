// Terraform-like text: `+ ~ - -/+` with field diffs; colour only when asked (a TTY).
import { shortPlanId, type Plan, type ResourceChange } from '../engine';
import { RUNTIME_FIELDS, isEmptyFieldValue } from '../model';
import {
  ACTION_SYMBOL,
  REASON_TEXT,
  formatValue,
  printable,
  realChanges,
  summaryLine,
} from './summary';

/** Options of `renderText`. */
export interface TextOptions {
  /** ANSI colours. @default false */
  readonly color?: boolean;
}

const COLORS = {
  create: '32',
  update: '33',
  replace: '35',
  delete: '31',
  'no-op': '0',
  warn: '33',
  bold: '1',
} as const;

function changeBlock(c: ResourceChange, paint: (code: string, s: string) => string): string[] {
  const sym = ACTION_SYMBOL[c.action];
  const lines = [
    `${paint(COLORS[c.action], sym.padStart(3))} ${paint(COLORS.bold, printable(c.id))} will be ${c.action === 'update' ? 'updated in place' : c.action === 'replace' ? 'replaced' : `${c.action}d`} (${c.reasons.map((r) => REASON_TEXT[r]).join('; ')})`,
  ];
  if (c.action === 'create' && c.after) {
    const width = Math.max(...RUNTIME_FIELDS.map((f) => f.tfName.length));
    for (const f of RUNTIME_FIELDS) {
      const v = c.after[f.key];
      if (isEmptyFieldValue(v)) continue;
      lines.push(
        `      ${paint(COLORS.create, '+')} ${f.tfName.padEnd(width)} = ${formatValue(v)}`,
      );
    }
  } else {
    const width = Math.max(0, ...c.fieldChanges.map((f) => f.attribute.length));
    for (const f of c.fieldChanges) {
      const mark = f.kind === 'added' ? '+' : f.kind === 'removed' ? '-' : '~';
      const value =
        f.kind === 'added'
          ? formatValue(f.after)
          : f.kind === 'removed'
            ? formatValue(f.before)
            : `${formatValue(f.before)} -> ${formatValue(f.after)}`;
      lines.push(
        `      ${paint(COLORS[f.kind === 'added' ? 'create' : f.kind === 'removed' ? 'delete' : 'update'], mark)} ${f.attribute.padEnd(width)} = ${value}${f.forcesReplace ? paint(COLORS.delete, ' # forces replacement') : ''}`,
      );
    }
  }
  if (c.skipChecks)
    lines.push(`      ${paint(COLORS.warn, '!')} insecure_skip_check: ${c.skipChecks.reason}`);
  return lines;
}

/** Renders a plan for a terminal. */
export function renderText(plan: Plan, options: TextOptions = {}): string {
  const paint = (code: string, s: string): string =>
    options.color && code !== '0' ? `\u001b[${code}m${s}\u001b[0m` : s;
  const out: string[] = [];
  const changes = realChanges(plan);
  if (changes.length === 0) out.push('No changes. The Nautes runtimes match the code.');
  else {
    out.push('Nautes will perform the following actions:', '');
    for (const c of changes) out.push(...changeBlock(c, paint), '');
  }
  for (const d of plan.diagnostics)
    out.push(
      `${paint(d.severity === 'error' ? COLORS.delete : COLORS.warn, d.severity === 'error' ? 'Error' : 'Warning')}: ${printable(d.summary)}: ${printable(d.detail)}`,
    );
  if (plan.diagnostics.length) out.push('');
  out.push(`${paint(COLORS.bold, 'Plan:')} ${summaryLine(plan)}.`);
  out.push(
    `Plan id: ${shortPlanId(plan.id)}${plan.apiServer ? ` (against ${plan.apiServer})` : ''}`,
  );
  if (plan.orphans.length)
    out.push(
      `Unmanaged runtimes: ${plan.orphans.map((o) => `${printable(o.id)}${o.pruned ? ' (pruned)' : ''}`).join(', ')}`,
    );
  return `${out.join('\n')}\n`;
}
