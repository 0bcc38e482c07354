import MarkdownIt from 'markdown-it';
import { codeText, htmlText, markdownText } from '../../lib/render/markdown-escape';
import { printable } from '../../lib/render/summary';

// the real CommonMark + GFM renderer (tables are built in); html on, as GitHub and GitLab pass raw HTML
const md = new MarkdownIt({ html: true });

/** The text a reader sees in an HTML fragment without tags (markdown-it escapes & < > " only). */
const decode = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What each escape must show: line breaks as spaces, control and bidi characters as escapes. */
const shown = (s: string): string => printable(s.replace(/\r\n|\r|\n/g, ' '));

const HOSTILE = [
  'a<!--',
  '-->',
  '<details>',
  '</summary>',
  '</details>',
  '`',
  '``',
  'a```b',
  '`x`',
  ' `lead',
  'trail` ',
  ' both ',
  '|',
  'a\\|b',
  'a\\',
  'line\nbreak',
  'cr\rlf\r\n',
  'esc\u001b[31m',
  '&lt;',
  '&amp;',
  '&#60;',
  '<b>bold</b>',
  '*em*',
  '_em_',
  '**strong**',
  '[x](y)',
  '![img](y)',
  '~~gone~~',
  '$x$',
  '# heading #',
  '<https://example.com>',
  '<!-- nautes-cdktf plan x -->',
  'rtl\u202eevil\u202c',
  'isolate\u2066x\u2069',
  'lone\ud800surrogate',
  '"quoted" \'single\'',
  'nautes-labs/dr-dev',
];

describe('printable', () => {
  test('shows control characters, bidi controls and lone surrogates as escapes; keeps ordinary text and emoji', () => {
    expect(printable('a\u001b[2Jb\u0000')).toBe('a\\u001b[2Jb\\u0000');
    expect(printable('x\u202ey\u202az\u2066w\u2069')).toBe('x\\u202ey\\u202az\\u2066w\\u2069');
    expect(printable('\u200e\u200f\u061c')).toBe('\\u200e\\u200f\\u061c');
    expect(printable('a\ud800b\udc00')).toBe('a\\ud800b\\udc00');
    expect(printable('ok \ud83d\ude00 ü 名')).toBe('ok \ud83d\ude00 ü 名');
    expect(printable('nautes-labs/dr-dev')).toBe('nautes-labs/dr-dev');
  });
});

describe('htmlText', () => {
  test('writes & < > " \' as entities and line breaks as spaces', () => {
    expect(htmlText(`a<!--&"'>`)).toBe('a&lt;!--&amp;&quot;&#39;&gt;');
    expect(htmlText('a\r\nb\nc\rd')).toBe('a b c d');
    expect(htmlText('e\u001b\u202e')).toBe('e\\u001b\\u202e');
    expect(htmlText('nautes-labs/dr-dev')).toBe('nautes-labs/dr-dev');
  });

  test.each(HOSTILE)('inside a raw HTML summary line, %j shows as typed and ends nothing', (s) => {
    const html = md.render(
      `<details><summary><b>${htmlText(s)}</b></summary>\n\nafter\n\n</details>\n\nlast\n`,
    );
    const m =
      /^<details><summary><b>([^<]*)<\/b><\/summary>\n<p>after<\/p>\n<\/details>\n<p>last<\/p>\n$/.exec(
        html,
      );
    expect(m).not.toBeNull();
    expect(decode(m?.[1] ?? '')).toBe(shown(s));
  });
});

describe('markdownText', () => {
  test('keeps ordinary text as it is', () => {
    expect(markdownText('env-later is created next sprint, see ticket 12.')).toBe(
      'env-later is created next sprint, see ticket 12.',
    );
    expect(markdownText('a | <b> & *c*')).toBe('a \\| \\<b\\> &amp; \\*c\\*');
  });

  test.each(HOSTILE)('inline and in a table cell, %j shows as typed, with no markup', (s) => {
    const inline = md.render(`Reason: ${markdownText(s)}.\n`);
    const p = /^<p>Reason: ([^<]*)\.<\/p>\n$/.exec(inline);
    expect(p).not.toBeNull();
    expect(decode(p?.[1] ?? '')).toBe(shown(s));

    const table = md.render(`| a | b |\n|---|---|\n| ${markdownText(s)} | next |\n`);
    const cell = /<tr>\n<td>([^<]*)<\/td>\n<td>next<\/td>\n<\/tr>/.exec(table);
    expect(cell).not.toBeNull();
    expect(decode(cell?.[1] ?? '').trim()).toBe(shown(s).trim());
  });
});

describe('codeText', () => {
  test('a fence longer than any backtick run inside, padded only when needed', () => {
    expect(codeText('nautes-labs/dr-dev')).toBe('`nautes-labs/dr-dev`');
    expect(codeText('a`b')).toBe('``a`b``');
    expect(codeText('a```b`c')).toBe('````a```b`c````');
    expect(codeText('`x')).toBe('`` `x ``');
    expect(codeText(' both ')).toBe('`  both  `');
    expect(codeText('   ')).toBe('`   `');
    expect(codeText('')).toBe('` `');
    expect(codeText('a|b\nc')).toBe('`a\\|b c`');
    expect(codeText('a|b\nc', { table: false })).toBe('`a|b c`');
  });

  test.each(HOSTILE)('in a GFM table cell, %j shows as typed inside one code span', (s) => {
    const html = md.render(`| a | b |\n|---|---|\n| ${codeText(s)} | next |\n`);
    const cell = /<tr>\n<td><code>([^<]*)<\/code><\/td>\n<td>next<\/td>\n<\/tr>/.exec(html);
    expect(cell).not.toBeNull();
    expect(decode(cell?.[1] ?? '')).toBe(shown(s));
  });

  test.each(HOSTILE)(
    'outside a table (table: false), %j shows as typed inside one code span',
    (s) => {
      const html = md.render(
        `**Destructive changes (1):** ${codeText(s, { table: false })} (delete)\n`,
      );
      const p =
        /^<p><strong>Destructive changes \(1\):<\/strong> <code>([^<]*)<\/code> \(delete\)<\/p>\n$/.exec(
          html,
        );
      expect(p).not.toBeNull();
      expect(decode(p?.[1] ?? '')).toBe(shown(s));
    },
  );
});
