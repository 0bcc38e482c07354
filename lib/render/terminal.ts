// Terraform-like text: `+ ~ - -/+` with field diffs; colour only when asked (a TTY).
import { changeLabel, isKindChange, shortPlanId, type AnyChange, type Plan } from '../engine';
import { RUNTIME_FIELDS, isEmptyFieldValue } from '../model';
import {
  ACTION_SYMBOL,
  allRealChanges,
  changeGroups,
  formatValue,
  printable,
  reasonText,
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

function changeBlock(c: AnyChange, paint: (code: string, s: string) => string): string[] {
  const sym = ACTION_SYMBOL[c.action];
  const lines = [
    `${paint(COLORS[c.action], sym.padStart(3))} ${paint(COLORS.bold, printable(changeLabel(c)))} will be ${c.action === 'update' ? 'updated in place' : c.action === 'replace' ? 'replaced' : `${c.action}d`} (${c.reasons.map((r) => reasonText(c, r)).join('; ')})`,
  ];
  if (c.action === 'create' && c.after && !isKindChange(c)) {
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
  if (isKindChange(c) && c.destroys !== undefined)
    lines.push(
      `      ${paint(COLORS.delete, '!')} deleting it also deletes ${printable(c.destroys)}`,
    );
  return lines;
}

/** The drift a plan cannot see: secrets the server never returns. */
function unseenNotes(plan: Plan): string[] {
  return plan.kindChanges.flatMap((c) =>
    (c.unseen ?? []).map(
      (f) =>
        `Note: drift of ${f} of ${printable(changeLabel(c))} cannot be seen (the server never returns it).`,
    ),
  );
}

/** Renders a plan for a terminal. */
export function renderText(plan: Plan, options: TextOptions = {}): string {
  const paint = (code: string, s: string): string =>
    options.color && code !== '0' ? `\u001b[${code}m${s}\u001b[0m` : s;
  const out: string[] = [];
  const changes = allRealChanges(plan);
  const groups = changeGroups(changes);
  if (changes.length === 0)
    out.push(
      plan.kindObserved.length
        ? 'No changes. The Nautes objects match the code.'
        : 'No changes. The Nautes runtimes match the code.',
    );
  else {
    out.push('Nautes will perform the following actions:', '');
    // in dependency order, one heading per kind (a plan of runtimes only has none)
    for (const g of groups ?? [{ title: '', changes }]) {
      if (g.title) out.push(paint(COLORS.bold, `${g.title}:`), '');
      for (const c of g.changes) out.push(...changeBlock(c, paint), '');
    }
  }
  const notes = unseenNotes(plan);
  if (notes.length) out.push(...notes, '');
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
  if (plan.kindOrphans.length)
    out.push(
      `Unmanaged objects: ${plan.kindOrphans.map((o) => `${printable(changeLabel(o))}${o.pruned ? ' (pruned)' : ''}`).join(', ')}`,
    );
  return `${out.join('\n')}\n`;
}
