// Escaping for the PR/MR comment. Runtime names and values come from code or from the Nautes server, which
// checks no names, so each interpolation is escaped for the exact context it lands in: raw HTML (where
// backslash escapes do nothing), inline markdown, or an inline code span in a GFM table.
import { printable } from './summary';

/** Line breaks become spaces first: a name cannot end a line, a table row or an HTML block. */
const oneLine = (s: string): string => printable(s.replace(/\r\n|\r|\n/g, ' '));

const HTML_ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for inside raw HTML (e.g. `<summary><b>…</b></summary>`): `& < > " '` as entities, so no tag,
 * comment or entity can form; line breaks as spaces; control and bidi characters as visible escapes.
 */
export function htmlText(s: string): string {
  return oneLine(s).replace(/[&<>"']/g, (c) => HTML_ENTITY[c] as string);
}

/**
 * Text for inline markdown and table cells: the punctuation that starts emphasis, code, links, HTML,
 * autolinks, strikethrough, math, headings' closing `#`s and cell borders is backslash-escaped, and `&` is
 * written `&amp;` so no entity forms; line breaks as spaces; control and bidi characters as visible escapes.
 */
export function markdownText(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]<>|#~!$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/**
 * An inline code span: the fence is one backtick longer than the longest backtick run inside, padded with
 * spaces when the text starts or ends with a backtick or a space (CommonMark strips one space from each
 * end). In a GFM table cell (the default) `|` is written `\|`, which tables read as a pipe inside the cell,
 * code spans included; elsewhere a backslash in a code span would show, so `table: false` leaves pipes be
 * (a line outside a table becomes one only when a delimiter row follows, which the comment never writes).
 * Line breaks as spaces; control and bidi characters as visible escapes.
 */
export function codeText(s: string, options: { readonly table?: boolean } = {}): string {
  const text = options.table === false ? oneLine(s) : oneLine(s).replace(/\|/g, '\\|');
  if (text === '') return '` `';
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(text) && !/^ +$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
