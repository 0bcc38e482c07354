// The pull-request comment: summary table first, destructive changes and skipped checks called out at the
// top, one collapsible section per runtime, and a size budget met by folding detail, never by dropping a
// change (until even the one-line list cannot fit; then plan.json is the place to look).
import type { AnyChange, Plan } from '../engine';
import { changeLabel, countActions, isKindChange, shortPlanId } from '../engine';
import { RUNTIME_FIELDS, isEmptyFieldValue } from '../model';
import {
  ACTION_SYMBOL,
  ACTION_VERB,
  allRealChanges,
  changeGroups,
  destructiveChanges,
  formatValue,
  reasonText,
  skippedCheckChanges,
  type ChangeGroup,
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

function fieldTable(c: AnyChange): string[] {
  const rows = ['| field | before | after |', '|---|---|---|'];
  if (c.action === 'create' && c.after && !isKindChange(c)) {
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
      `> [!WARNING]\n> **Destructive changes (${destructive.length}):** ${capped(destructive.map((c) => `${inlineCode(changeLabel(c))} (${c.action === 'delete' && c.reasons.includes('orphan-pruned') ? 'prune' : c.action})`))}` +
        destructive
          .filter(isKindChange)
          .filter((c) => c.destroys !== undefined)
          .map(
            (c) =>
              `\n> Deleting ${inlineCode(changeLabel(c))} also deletes ${markdownText(c.destroys ?? '')}.`,
          )
          .join('') +
        (approvalLabel
          ? `\n> The apply after merge refuses them unless this pull request carries the label ${inlineCode(approvalLabel)}.`
          : ''),
      '',
    );
  if (skipped.length)
    out.push(
      `> [!CAUTION]\n> **Server checks skipped (${skipped.length}):** ${skipped.map((c) => `${inlineCode(changeLabel(c))}: ${markdownText(c.skipChecks?.reason ?? '')}`).join('; ')}`,
      '',
    );
  // what the pull request does, apart from what the plan would silently undo on the server
  const changed = allRealChanges(plan).filter((c) => c.reasons.includes('config-changed'));
  const drifted = allRealChanges(plan).filter((c) => c.reasons.includes('drifted'));
  if (changed.length)
    out.push(
      `**Changed by this pull request (${changed.length}):** ${capped(changed.map((c) => inlineCode(changeLabel(c))))}`,
      '',
    );
  if (drifted.length)
    out.push(
      `**Drift on the server, which this plan undoes (${drifted.length}):** ${capped(drifted.map((c) => inlineCode(changeLabel(c))))}`,
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
  const unprunedObjects = plan.kindOrphans.filter((o) => !o.pruned);
  if (unprunedObjects.length)
    out.push(
      `**Unmanaged objects (${unprunedObjects.length}, not declared in code):** ${unprunedObjects.map((o) => inlineCode(changeLabel(o))).join(', ')}`,
      '',
    );
  for (const c of plan.kindChanges)
    for (const f of c.unseen ?? [])
      out.push(
        `_Drift of ${inlineCode(f)} of ${inlineCode(changeLabel(c))} cannot be seen: the server never returns it._`,
        '',
      );
  for (const d of plan.diagnostics.filter((x) => x.severity === 'error'))
    out.push(`**Error:** ${markdownText(d.summary)}: ${markdownText(d.detail)}`, '');
  return out;
}

function detailed(changes: AnyChange[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    out.push(
      `<details><summary><code>${ACTION_SYMBOL[c.action]}</code> <b>${htmlText(changeLabel(c))}</b>: ${ACTION_VERB[c.action]}</summary>`,
      '',
      `Why: ${c.reasons.map((r) => reasonText(c, r)).join('; ')}.${c.skipChecks ? ` Skip reason: ${markdownText(c.skipChecks.reason)}.` : ''}${isKindChange(c) && c.destroys !== undefined ? ` Deleting it also deletes ${markdownText(c.destroys)}.` : ''}`,
      '',
      ...fieldTable(c),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

function oneLine(changes: AnyChange[], noun = 'runtime'): string[] {
  return [
    `| | ${noun} | action | fields |`,
    '|---|---|---|---|',
    ...changes.map(
      (c) =>
        `| ${ACTION_SYMBOL[c.action]} | ${codeText(c.id)} | ${c.action} | ${c.action === 'create' ? '(new)' : c.action === 'delete' ? '(removed)' : c.fieldChanges.map((f) => codeText(f.attribute)).join(' ')} |`,
    ),
    '',
  ];
}

/** One section per kind in dependency order (a heading each), or the runtimes alone without one. */
function sections(
  groups: ChangeGroup[] | undefined,
  changes: AnyChange[],
  body: (g: AnyChange[], noun: string) => string[],
): string[] {
  if (!groups) return body(changes, 'runtime');
  return groups.flatMap((g) => [`#### ${markdownText(g.title)}`, '', ...body(g.changes, g.noun)]);
}

function grouped(changes: AnyChange[]): string[] {
  const out: string[] = [];
  for (const a of ['replace', 'delete', 'create', 'update'] as const) {
    const ids = changes.filter((c) => c.action === a).map((c) => changeLabel(c));
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
    ...header(
      plan,
      options.title ??
        (plan.kindObserved.length ? 'Nautes plan' : 'Nautes deployment runtimes plan'),
      options.approvalLabel,
    ),
  ];
  const changes = allRealChanges(plan);
  if (!changes.length)
    return sealComment(
      [
        ...head,
        plan.kindObserved.length
          ? 'No changes. The Nautes objects match the code.'
          : 'No changes. The Nautes runtimes match the code.',
        '',
      ].join('\n'),
    );
  const footer = ['<sub>Full detail: `nautes-cdktf plan --format json` (plan.json).</sub>', ''];
  const groups = changeGroups(changes);
  const isDestructive = (c: AnyChange): boolean => c.action === 'replace' || c.action === 'delete';
  // fold in steps: full detail -> detail for destructive changes only -> one line each -> ids grouped by action
  const attempts: string[][] = [
    sections(groups, changes, (g, noun) => [...oneLine(g, noun), ...detailed(g)]),
    [
      ...sections(groups, changes, (g, noun) => oneLine(g, noun)),
      '_Detail folded to fit the comment size; destructive changes in full:_',
      '',
      ...detailed(changes.filter(isDestructive)),
    ],
    [
      ...sections(groups, changes, (g, noun) => oneLine(g, noun)),
      '_Field detail folded to fit the comment size._',
      '',
    ],
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
function truncatedList(head: string[], changes: AnyChange[], budget: number): string {
  const end = `\n\n**${changes.length} changes in all: the list is longer than a comment can hold; see plan.json.**\n`;
  const more = ' …';
  let text = head.join('\n');
  for (const a of ['replace', 'delete', 'create', 'update'] as const) {
    const ids = changes.filter((c) => c.action === a).map((c) => changeLabel(c));
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
