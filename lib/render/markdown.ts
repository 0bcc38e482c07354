// The pull-request comment: summary table first, destructive changes and skipped checks called out at the
// top, one collapsible section per runtime, and a size budget met by folding detail, never by dropping a
// change (until even the one-line list cannot fit; then plan.json is the place to look).
import type { Plan, ResourceChange } from '../engine';
import { countActions, shortPlanId } from '../engine';
import { RUNTIME_FIELDS, isEmptyFieldValue } from '../model';
import {
  ACTION_SYMBOL,
  ACTION_VERB,
  REASON_TEXT,
  destructiveChanges,
  formatValue,
  realChanges,
  skippedCheckChanges,
} from './summary';
import { commentMarker, reviewRecordLine, reviewRecordOf, sealComment } from './review-record';
import { codeText, htmlText, markdownText } from './markdown-escape';

/** A code span outside a table, where `\|` would show its backslash. */
const inlineCode = (s: string): string => codeText(s, { table: false });

/** Options of `renderMarkdown`. */
export interface MarkdownOptions {
  /** Size budget of the comment. @default 60000 (GitHub allows 65536) */
  readonly maxCommentChars?: number;
  /** A title line. @default "Nautes deployment runtimes plan" */
  readonly title?: string;
  /**
   * Names the app and stacks the comment is about, in a hidden first line (`<!-- nautes-cdktf plan ... -->`),
   * so a CI step finds and updates its own comment. @default - no marker
   */
  readonly marker?: string;
  /**
   * The label a pull request needs before CI applies its removals (deletes, replaces, prunes); when set
   * and the plan removes something, the comment says so at the top. @default - not mentioned
   */
  readonly approvalLabel?: string;
}

function fieldTable(c: ResourceChange): string[] {
  const rows = ['| field | before | after |', '|---|---|---|'];
  if (c.action === 'create' && c.after) {
    for (const f of RUNTIME_FIELDS) {
      const v = c.after[f.key];
      if (isEmptyFieldValue(v)) continue;
      rows.push(`| ${codeText(f.tfName)} | | ${codeText(formatValue(v))} |`);
    }
  } else
    for (const f of c.fieldChanges)
      rows.push(
        `| ${codeText(f.attribute)}${f.forcesReplace ? ' **forces replacement**' : ''} | ${f.before === null ? '' : codeText(formatValue(f.before))} | ${f.after === null ? '' : codeText(formatValue(f.after))} |`,
      );
  return rows;
}

/** At most 20 items inline; the full list is in the table below. */
function capped(items: string[]): string {
  return items.length <= 20
    ? items.join(', ')
    : `${items.slice(0, 20).join(', ')} and ${items.length - 20} more (all listed below)`;
}

function header(plan: Plan, title: string, approvalLabel: string | undefined): string[] {
  const counts = countActions(plan);
  const out = [
    `### ${markdownText(title)}`,
    '',
    `Plan ${inlineCode(shortPlanId(plan.id))}${plan.apiServer ? ` against ${inlineCode(plan.apiServer)}` : ''}`,
    '',
  ];
  const destructive = destructiveChanges(plan);
  const skipped = skippedCheckChanges(plan);
  if (destructive.length)
    out.push(
      `> [!WARNING]\n> **Destructive changes (${destructive.length}):** ${capped(destructive.map((c) => `${inlineCode(c.id)} (${c.action === 'delete' && c.reasons.includes('orphan-pruned') ? 'prune' : c.action})`))}` +
        (approvalLabel
          ? `\n> The apply after merge refuses them unless this pull request carries the label ${inlineCode(approvalLabel)}.`
          : ''),
      '',
    );
  if (skipped.length)
    out.push(
      `> [!CAUTION]\n> **Server checks skipped (${skipped.length}):** ${skipped.map((c) => `${inlineCode(c.id)}: ${markdownText(c.skipChecks?.reason ?? '')}`).join('; ')}`,
      '',
    );
  // what the pull request does, apart from what the plan would silently undo on the server
  const changed = realChanges(plan).filter((c) => c.reasons.includes('config-changed'));
  const drifted = realChanges(plan).filter((c) => c.reasons.includes('drifted'));
  if (changed.length)
    out.push(
      `**Changed by this pull request (${changed.length}):** ${capped(changed.map((c) => inlineCode(c.id)))}`,
      '',
    );
  if (drifted.length)
    out.push(
      `**Drift on the server, which this plan undoes (${drifted.length}):** ${capped(drifted.map((c) => inlineCode(c.id)))}`,
      '',
    );
  out.push('| action | count |', '|---|---|');
  for (const a of ['create', 'update', 'replace', 'delete', 'no-op'] as const)
    out.push(`| ${ACTION_SYMBOL[a].trim() || '·'} ${a} | ${counts[a]} |`);
  out.push('');
  const unpruned = plan.orphans.filter((o) => !o.pruned);
  if (unpruned.length)
    out.push(
      `**Unmanaged runtimes (${unpruned.length}, not declared in code):** ${unpruned.map((o) => inlineCode(o.id)).join(', ')}`,
      '',
    );
  for (const d of plan.diagnostics.filter((x) => x.severity === 'error'))
    out.push(`**Error:** ${markdownText(d.summary)}: ${markdownText(d.detail)}`, '');
  return out;
}

function detailed(changes: ResourceChange[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    out.push(
      `<details><summary><code>${ACTION_SYMBOL[c.action]}</code> <b>${htmlText(c.id)}</b>: ${ACTION_VERB[c.action]}</summary>`,
      '',
      `Why: ${c.reasons.map((r) => REASON_TEXT[r]).join('; ')}.${c.skipChecks ? ` Skip reason: ${markdownText(c.skipChecks.reason)}.` : ''}`,
      '',
      ...fieldTable(c),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

function oneLine(changes: ResourceChange[]): string[] {
  return [
    '| | runtime | action | fields |',
    '|---|---|---|---|',
    ...changes.map(
      (c) =>
        `| ${ACTION_SYMBOL[c.action]} | ${codeText(c.id)} | ${c.action} | ${c.action === 'create' ? '(new)' : c.action === 'delete' ? '(removed)' : c.fieldChanges.map((f) => codeText(f.attribute)).join(' ')} |`,
    ),
    '',
  ];
}

function grouped(changes: ResourceChange[]): string[] {
  const out: string[] = [];
  for (const a of ['replace', 'delete', 'create', 'update'] as const) {
    const ids = changes.filter((c) => c.action === a).map((c) => c.id);
    if (ids.length) out.push(`**${a} (${ids.length}):** ${ids.map(inlineCode).join(', ')}`, '');
  }
  return out;
}

/** Renders the plan as a PR/MR comment within the size budget. */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const budget = options.maxCommentChars ?? 60_000;
  // the record's text digest is filled in last, when the text is laid out (the line keeps its length)
  const record = reviewRecordLine(reviewRecordOf(plan, budget));
  const head = [
    ...(options.marker ? [commentMarker(options.marker), record] : []),
    ...header(plan, options.title ?? 'Nautes deployment runtimes plan', options.approvalLabel),
  ];
  const changes = realChanges(plan);
  if (!changes.length)
    return sealComment([...head, 'No changes. The Nautes runtimes match the code.', ''].join('\n'));
  const footer = ['<sub>Full detail: `nautes-cdktf plan --format json` (plan.json).</sub>', ''];
  // fold in steps: full detail -> detail for destructive changes only -> one line each -> ids grouped by action
  const destructive = changes.filter((c) => c.action === 'replace' || c.action === 'delete');
  const attempts: string[][] = [
    [...oneLine(changes), ...detailed(changes)],
    [
      ...oneLine(changes),
      '_Detail folded to fit the comment size; destructive changes in full:_',
      '',
      ...detailed(destructive),
    ],
    [...oneLine(changes), '_Field detail folded to fit the comment size._', ''],
    [...grouped(changes), '_Folded to runtime ids to fit the comment size._', ''],
  ];
  for (const body of attempts) {
    const text = [...head, ...body, ...footer].join('\n');
    if (text.length <= budget) return sealComment(text);
  }
  return sealComment(truncatedList(head, changes, budget));
}

/**
 * The last resort: the head lines whole (the hidden marker and review record first, which a cut must never
 * reach), then as many whole runtime ids, grouped by action, as fit, then where the rest is. A cut between
 * list items cannot split an escape or a code span.
 */
function truncatedList(head: string[], changes: ResourceChange[], budget: number): string {
  const end = `\n\n**${changes.length} changes in all: the list is longer than a comment can hold; see plan.json.**\n`;
  const more = ' …';
  let text = head.join('\n');
  for (const a of ['replace', 'delete', 'create', 'update'] as const) {
    const ids = changes.filter((c) => c.action === a).map((c) => c.id);
    if (!ids.length) continue;
    let line = `\n**${a} (${ids.length}):**`;
    let shown = 0;
    for (const id of ids) {
      const item = `${shown ? ',' : ''} ${inlineCode(id)}`;
      if (text.length + line.length + item.length + more.length + end.length > budget) break;
      line += item;
      shown++;
    }
    if (shown < ids.length) {
      // a group whose title alone does not fit is left out: the closing line still counts every change
      const fits = text.length + line.length + more.length + end.length <= budget;
      return `${text}${fits ? `${line}${more}` : ''}${end}`;
    }
    text += `${line}\n`;
  }
  // every id fitted after all (the closing line is shorter than the fold note and footer)
  return `${text}\n_Folded to runtime ids to fit the comment size; see plan.json._\n`;
}
