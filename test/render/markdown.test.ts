import MarkdownIt from 'markdown-it';
import { planChanges, type DesiredRuntime, type Plan, type ResourceChange } from '../../lib/engine';
import { RUNTIME_FIELDS, isEmptyFieldValue, type DeploymentRuntime } from '../../lib/model';
import { commentMarker, renderMarkdown } from '../../lib/render';
import {
  ACTION_SYMBOL,
  ACTION_VERB,
  REASON_TEXT,
  formatValue,
  printable,
} from '../../lib/render/summary';
import { aRuntime } from '../helpers/builders';
import { seededRandom } from '../helpers/seeded-random';

// the real CommonMark + GFM renderer (tables built in), raw HTML on as GitHub and GitLab pass it
const md = new MarkdownIt({ html: true });

/** Text of an HTML fragment with no tags in it (markdown-it escapes & < > " only). */
const decode = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What the comment must show of a name or value: line breaks as spaces, control and bidi as escapes. */
const shown = (s: string): string => printable(s.replace(/\r\n|\r|\n/g, ' '));

/** The text inside `<code>…</code>`, or undefined when the cell is not one code span. */
const codeOf = (cell: string): string | undefined => {
  const m = /^<code>([^<]*)<\/code>$/.exec(cell);
  return m ? decode(m[1] as string) : undefined;
};

const FRAGMENTS = [
  '<!--',
  '-->',
  '<details>',
  '</summary>',
  '</details>',
  '`',
  '``',
  '```',
  '|',
  '\\',
  '\n',
  '\r',
  '\r\n',
  '\u001b[31m',
  '&lt;',
  '&amp;',
  '<b>',
  '*',
  '_',
  '[x](y)',
  '<!-- nautes-cdktf plan x -->',
  '<!-- nautes-cdktf review plan=x -->',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ud800',
  ' ',
  '#',
  '~~',
  '$',
  '"',
  "'",
  'dr-dev',
  'a',
];

interface Case {
  readonly plan: Plan;
  readonly marker: string;
  readonly title?: string;
  readonly approvalLabel?: string;
}

/** A plan whose runtimes are named, valued and explained with hostile fragments. */
function hostileCase(rand: () => number): Case {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const hostile = (): string =>
    Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(FRAGMENTS)).join('');
  const maybe = (): string | undefined => (rand() < 0.5 ? hostile() : undefined);

  const products = ['nautes-labs', ...(rand() < 0.5 ? [hostile()] : [])];
  const desired: DesiredRuntime[] = [];
  const observed = new Map<string, DeploymentRuntime[]>(products.map((p) => [p, []]));
  const used = new Set<string>();
  const count = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < count; i++) {
    const product = pick(products);
    let name = hostile();
    if (used.has(`${product}/${name}`)) name = `${name}${i}`;
    used.add(`${product}/${name}`);
    const runtime = aRuntime({
      product,
      name,
      codeRepo: hostile(),
      targetRevision: hostile(),
      manifestPath: hostile(),
      environment: hostile(),
      namespaces: [hostile(), hostile()],
      projectsRef: [hostile()],
    });
    const reason = maybe();
    const declare = (r: DeploymentRuntime): void => {
      desired.push({ runtime: r, ...(reason !== undefined ? { skipChecks: { reason } } : {}) });
    };
    const server = observed.get(product) as DeploymentRuntime[];
    switch (pick(['create', 'update', 'replace', 'delete', 'no-op'] as const)) {
      case 'create':
        declare(runtime);
        break;
      case 'update':
        server.push(runtime);
        declare({ ...runtime, manifestPath: hostile(), namespaces: [hostile()] });
        break;
      case 'replace':
        server.push(runtime);
        declare({ ...runtime, environment: `${runtime.environment}${hostile()}` });
        break;
      case 'delete':
        server.push(runtime);
        break;
      case 'no-op':
        server.push(runtime);
        declare(runtime);
        break;
    }
  }
  // an unmanaged runtime of a product nobody prunes
  if (rand() < 0.5) observed.set('other', [aRuntime({ product: 'other', name: hostile() })]);
  const apiServer = maybe();
  const plan = planChanges({
    desired,
    inventories: products.map((product) => ({ product, prune: true })),
    observed,
    ...(apiServer !== undefined ? { apiServer } : {}),
  });
  const title = maybe();
  const approvalLabel = maybe();
  return {
    plan,
    marker: `app=${hostile()} stacks=${hostile()}`,
    ...(title !== undefined ? { title } : {}),
    ...(approvalLabel !== undefined ? { approvalLabel } : {}),
  };
}

/** The rows a change's field table must show: [attribute, before, after], '' for an absent side. */
function expectedRows(c: ResourceChange): [string, string, string][] {
  if (c.action === 'create' && c.after) {
    const after = c.after;
    return RUNTIME_FIELDS.filter((f) => !isEmptyFieldValue(after[f.key])).map((f) => [
      f.tfName,
      '',
      shown(formatValue(after[f.key] ?? null)),
    ]);
  }
  return c.fieldChanges.map((f) => [
    f.attribute,
    f.before === null ? '' : shown(formatValue(f.before)),
    f.after === null ? '' : shown(formatValue(f.after)),
  ]);
}

/** The rows of the tables in an HTML fragment, each as its cells' inner HTML. */
function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>\n((?:<td>[^\n]*<\/td>\n)+)<\/tr>/g)].map((m) =>
    [...(m[1] as string).matchAll(/<td>([^\n]*)<\/td>\n/g)].map((c) => c[1] as string),
  );
}

/** Lines of the markdown a renderer could read as hidden or raw HTML, after the two hidden head lines. */
function checkHiddenLines(text: string, marker: string): void {
  const lines = text.split('\n');
  expect(lines[0]).toBe(commentMarker(marker));
  expect(lines[1]).toMatch(
    /^<!-- nautes-cdktf review v2 plan=[0-9a-f]{64} sends=[0-9a-f]{64} observed=[0-9a-f]{64} removals=\d+ budget=\d+ why=[0-9.*]* text=[0-9a-f]{64} -->$/,
  );
  for (const line of lines.slice(2)) {
    expect(line).not.toMatch(/^\s*<!-- nautes-cdktf/);
    // the only raw HTML the comment writes itself starts a line in one of these ways
    if (/^\s*</.test(line)) expect(line).toMatch(/^(<details><summary><code>|<\/details>$|<sub>)/);
  }
  const html = md.render(text);
  const hidden = `${lines[0]}\n${lines[1]}\n`;
  expect(html.startsWith(hidden)).toBe(true);
  expect(html.slice(hidden.length)).not.toContain('<!--');
}

const SEED = 0x5eed;
const CASES = 300;

describe('renderMarkdown with hostile runtime names and values (property, seeded)', () => {
  const rand = seededRandom(SEED);
  const cases = Array.from({ length: CASES }, () => hostileCase(rand));

  test(`${CASES} plans in full detail: one section per change, each showing its id and fields as typed, nothing hidden`, () => {
    for (const { plan, marker, title, approvalLabel } of cases) {
      const text = renderMarkdown(plan, {
        marker,
        maxCommentChars: 10_000_000,
        ...(title !== undefined ? { title } : {}),
        ...(approvalLabel !== undefined ? { approvalLabel } : {}),
      });
      checkHiddenLines(text, marker);
      const html = md.render(text);
      const changes = plan.changes.filter((c) => c.action !== 'no-op');

      expect(html.match(/<details>/g) ?? []).toHaveLength(changes.length);
      expect(html.match(/<\/details>/g) ?? []).toHaveLength(changes.length);
      const sections = [
        ...html.matchAll(
          /<details><summary><code>([^<]*)<\/code> <b>([^<]*)<\/b>: ([^<]*)<\/summary>\n([\s\S]*?)<\/details>/g,
        ),
      ];
      expect(sections).toHaveLength(changes.length);
      changes.forEach((c, k) => {
        const [, symbol, id, verb, body] = sections[k] as RegExpMatchArray;
        expect(symbol).toBe(ACTION_SYMBOL[c.action]);
        expect(decode(id as string)).toBe(shown(c.id));
        expect(verb).toBe(ACTION_VERB[c.action]);
        const why = /^<p>Why: ([^<]*)<\/p>$/m.exec(body as string);
        expect(why && decode(why[1] as string)).toBe(
          `${c.reasons.map((r) => REASON_TEXT[r]).join('; ')}.${c.skipChecks ? ` Skip reason: ${shown(c.skipChecks.reason)}.` : ''}`,
        );
        const rows = tableRows(body as string).map(([field, before, after]) => [
          codeOf((field as string).replace(/ <strong>forces replacement<\/strong>$/, '')),
          before === '' ? '' : codeOf(before as string),
          after === '' ? '' : codeOf(after as string),
        ]);
        expect(rows).toEqual(expectedRows(c));
      });

      // the one-line table names every change, in the same order
      const summary = html.slice(0, html.indexOf('<details>'));
      const listed = tableRows(summary)
        .filter((cells) => cells.length === 4)
        .map((cells) => codeOf(cells[1] as string));
      expect(listed).toEqual(changes.map((c) => shown(c.id)));

      // the call-outs at the top name their runtimes as typed
      const codes = new Set(
        [...summary.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => decode(m[1] as string)),
      );
      for (const c of plan.changes.filter((x) => x.action === 'replace' || x.action === 'delete'))
        expect(codes).toContain(shown(c.id));
      for (const o of plan.orphans) expect(codes).toContain(shown(o.id));
    }
  });

  test(`${CASES} plans folded to small budgets: the hidden lines intact and alone, the head whole, every list item whole`, () => {
    const budgets = [300, 900, 1_500, 3_000, 6_000];
    cases.forEach(({ plan, marker, title, approvalLabel }, n) => {
      const options = {
        marker,
        ...(title !== undefined ? { title } : {}),
        ...(approvalLabel !== undefined ? { approvalLabel } : {}),
      };
      const budget = budgets[n % budgets.length] as number;
      const full = renderMarkdown(plan, { ...options, maxCommentChars: 10_000_000 });
      const text = renderMarkdown(plan, { ...options, maxCommentChars: budget });
      checkHiddenLines(text, marker);
      const html = md.render(text);
      expect((html.match(/<details>/g) ?? []).length).toBe(
        (html.match(/<\/details>/g) ?? []).length,
      );
      const changes = plan.changes.filter((c) => c.action !== 'no-op');
      if (!changes.length) return;
      const head = full.slice(0, full.indexOf('\n| | runtime | action | fields |'));
      // the record names the budget and the text's digest: those differ between the renderings
      const unsealed = (t: string): string =>
        t.replace(/ budget=\d+ (why=\S*) text=[0-9a-f]{64} -->/, ' $1 -->');
      expect(unsealed(text).startsWith(`${unsealed(head)}\n`)).toBe(true);
      // within the budget, unless the head alone does not leave room for the closing line
      if (head.length + 120 <= budget) expect(text.length).toBeLessThanOrEqual(budget);
      if (!text.includes('the list is longer than a comment can hold')) return;
      // the last resort: each group line is whole code spans of whole ids, perhaps with " …" after
      const ids = new Set(changes.map((c) => shown(c.id)));
      const after = md.render(text.slice(head.length));
      for (const p of after.match(/^<p><strong>(replace|delete|create|update) \(\d+\):.*$/gm) ??
        []) {
        expect(p).toMatch(
          /^<p><strong>\w+ \(\d+\):<\/strong>( <code>[^<]*<\/code>(, <code>[^<]*<\/code>)*)?( …)?<\/p>$/,
        );
        for (const m of p.matchAll(/<code>([^<]*)<\/code>/g))
          expect(ids).toContain(decode(m[1] as string));
      }
    });
  });

  test('a runtime named a<!-- keeps every later section visible', () => {
    const plan = planChanges({
      desired: [
        { runtime: aRuntime({ name: 'a<!--', manifestPath: 'one' }) },
        { runtime: aRuntime({ name: 'b', manifestPath: 'two' }) },
      ],
      inventories: [],
      observed: new Map([['nautes-labs', []]]),
    });
    const text = renderMarkdown(plan, { marker: 'app=infra stacks=runtimes' });
    expect(text).toContain(
      '<details><summary><code>+</code> <b>nautes-labs/a&lt;!--</b>: create</summary>',
    );
    checkHiddenLines(text, 'app=infra stacks=runtimes');
    expect(md.render(text).match(/<details>/g)).toHaveLength(2);
  });

  test('the last-resort cut keeps the marker and review record whole even when the budget is below the head', () => {
    const plan = planChanges({
      desired: Array.from({ length: 50 }, (_, i) => ({
        runtime: aRuntime({ name: `r${i}`, manifestPath: `p${i}` }),
      })),
      inventories: [],
      observed: new Map([['nautes-labs', []]]),
    });
    const marker = 'app=infra stacks=runtimes';
    const full = renderMarkdown(plan, { marker, maxCommentChars: 10_000_000 });
    // the record names the budget and the text's digest: those two differ between the renderings
    const unsealed = (t: string): string =>
      t.replace(/ budget=\d+ (why=\S*) text=[0-9a-f]{64} -->/, ' $1 -->');
    const sealedHead = full.slice(0, full.indexOf('\n| | runtime | action | fields |'));
    const head = unsealed(sealedHead);
    for (const budget of [100, sealedHead.length + 150, sealedHead.length + 400]) {
      const text = renderMarkdown(plan, { marker, maxCommentChars: budget });
      expect(unsealed(text).startsWith(`${head}\n`)).toBe(true);
      checkHiddenLines(text, marker);
      expect(text).toMatch(/\*\*50 changes in all: .* see plan\.json\.\*\*\n$/);
      if (budget > sealedHead.length) expect(text.length).toBeLessThanOrEqual(budget);
    }
    // with room, whole ids up to the budget, then " …"
    const text = renderMarkdown(plan, { marker, maxCommentChars: head.length + 400 });
    expect(text).toMatch(/\n\*\*create \(50\):\*\* `nautes-labs\/r0`(, `nautes-labs\/r\d+`)* …\n/);
  });
});
