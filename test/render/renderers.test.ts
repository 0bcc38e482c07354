import { createHash } from 'node:crypto';
import { planChanges, type Plan } from '../../lib/engine';
import { computePlanId, encodeExplanations, explainAs } from '../../lib/engine';
import { readReviewRecord, renderMarkdown, renderText, visibleTextDigest } from '../../lib/render';
import { aRuntime } from '../helpers/builders';

function samplePlan(): Plan {
  return planChanges({
    desired: [
      { runtime: aRuntime({ name: 'dr-new', manifestPath: 'new' }) },
      { runtime: aRuntime({ name: 'dr-upd', manifestPath: 'upd', namespaces: ['a', 'b'] }) },
      { runtime: aRuntime({ name: 'dr-move', manifestPath: 'move', environment: 'env-test' }) },
      { runtime: aRuntime({ name: 'dr-same', manifestPath: 'same' }) },
      {
        runtime: aRuntime({ name: 'dr-forced', manifestPath: 'forced', environment: 'env-later' }),
        skipChecks: { reason: 'env-later is created next sprint | see <ticket>' },
      },
    ],
    inventories: [
      { product: 'nautes-labs', prune: true },
      { product: 'other', prune: false },
    ],
    observed: new Map([
      [
        'nautes-labs',
        [
          aRuntime({ name: 'dr-upd', manifestPath: 'upd', namespaces: ['a'] }),
          aRuntime({ name: 'dr-move', manifestPath: 'move' }),
          aRuntime({ name: 'dr-same', manifestPath: 'same' }),
          aRuntime({ name: 'dr-stray', manifestPath: 'stray' }),
        ],
      ],
      ['other', [aRuntime({ product: 'other', name: 'legacy', manifestPath: 'l' })]],
    ]),
  });
}

describe('renderText', () => {
  test('shows every change with Terraform-like symbols and field diffs', () => {
    expect(renderText(samplePlan())).toMatchSnapshot();
  });
  test('colours only when asked', () => {
    expect(renderText(samplePlan())).not.toContain('\u001b[');
    expect(renderText(samplePlan(), { color: true })).toContain('\u001b[32m');
  });
  test('says so when nothing changes', () => {
    const plan = planChanges({
      desired: [{ runtime: aRuntime() }],
      inventories: [],
      observed: new Map([['nautes-labs', [aRuntime()]]]),
    });
    expect(renderText(plan)).toContain('No changes.');
  });
});

describe('renderMarkdown', () => {
  test('a comment with a marker records the plan id, what it sends and what it observed, for the apply after merge', () => {
    const plan = samplePlan();
    const md = renderMarkdown(plan, { marker: 'app=infra stacks=runtimes' });
    expect(md.split('\n')[0]).toBe('<!-- nautes-cdktf plan app=infra stacks=runtimes -->');
    expect(readReviewRecord(md)).toEqual({
      planId: plan.id,
      sendsId: computePlanId(plan, { explanations: false }),
      observed: plan.fingerprint,
      removals: 2,
      budget: 60_000,
      explanations: encodeExplanations(plan),
      textDigest: visibleTextDigest(md),
    });
    // the digest is of the visible text: the lines after the marker and the record
    expect(visibleTextDigest(md)).toBe(
      createHash('sha256').update(md.split('\n').slice(2).join('\n').trimEnd()).digest('hex'),
    );
    // a fresh plan explained as the record says renders the very same comment
    const again = explainAs(
      {
        ...plan,
        changes: plan.changes.map((c) => ({
          ...c,
          reasons: c.reasons.map((r) => (r === 'config-changed' ? 'drifted' : r)),
        })),
      },
      encodeExplanations(plan),
    );
    expect(again && renderMarkdown(again, { marker: 'app=infra stacks=runtimes' })).toBe(md);
    // a damaged record is no record; a comment without a marker carries none
    expect(readReviewRecord(md.replace(/sends=[0-9a-f]/, 'sends=x'))).toBeUndefined();
    expect(readReviewRecord(renderMarkdown(plan))).toBeUndefined();
  });

  test('puts the summary table, destructive changes and skipped checks first', () => {
    const md = renderMarkdown(samplePlan());
    expect(md).toMatchSnapshot();
    const warning = md.indexOf('Destructive changes');
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(md.indexOf('| action | count |'));
    expect(md).toContain('Server checks skipped (1)');
    expect(md).toContain('env-later is created next sprint \\| see \\<ticket\\>');
    expect(md).toContain('`other/legacy`');
  });

  test('folds detail to stay under the budget and never drops a change', () => {
    const desired = Array.from({ length: 600 }, (_, i) => ({
      runtime: aRuntime({
        name: `runtime-${i}`,
        manifestPath: `path/${i}`,
        namespaces: [`ns-${i}`, `extra-${i}`],
      }),
    }));
    const observed = desired.slice(0, 300).map((d) => ({ ...d.runtime, environment: 'env-old' }));
    const plan = planChanges({
      desired,
      inventories: [],
      observed: new Map([['nautes-labs', observed]]),
    });
    const full = renderMarkdown(plan, { maxCommentChars: 10_000_000 });
    const folded = renderMarkdown(plan, { maxCommentChars: 60_000 });
    expect(full.length).toBeGreaterThan(60_000);
    expect(folded.length).toBeLessThanOrEqual(60_000);
    for (let i = 0; i < 600; i++) expect(folded).toContain(`nautes-labs/runtime-${i}\``);
    // destructive changes stay called out at the top
    expect(folded.indexOf('Destructive changes (300)')).toBeLessThan(
      folded.indexOf('| action | count |'),
    );
  });

  test('stays within a tiny budget by folding to ids', () => {
    const desired = Array.from({ length: 200 }, (_, i) => ({
      runtime: aRuntime({ name: `r${i}`, manifestPath: `p${i}` }),
    }));
    const plan = planChanges({
      desired,
      inventories: [],
      observed: new Map([['nautes-labs', []]]),
    });
    const md = renderMarkdown(plan, { maxCommentChars: 5_000 });
    expect(md.length).toBeLessThanOrEqual(5_000);
    expect(md).toContain('create (200)');
    expect(md).toContain('nautes-labs/r199');
  });
});

describe('renderMarkdown at scale', () => {
  test("10,000 runtimes with 1,000 changes: under GitHub's limit, every changed runtime by name, unchanged ones in one line", () => {
    const observed = Array.from({ length: 10_000 }, (_, i) =>
      aRuntime({ name: `rt-${i}`, manifestPath: `m/${i}`, namespaces: [`ns-${i}`] }),
    );
    const desired = observed.map((r, i) => ({
      runtime: i % 10 === 0 ? { ...r, targetRevision: 'v2' } : r,
    }));
    const plan = planChanges({
      desired,
      inventories: [],
      observed: new Map([['nautes-labs', observed]]),
    });
    const md = renderMarkdown(plan);
    expect(md.length).toBeLessThanOrEqual(65_536);
    for (let i = 0; i < 10_000; i += 10) expect(md).toContain(`\`nautes-labs/rt-${i}\``);
    // no unchanged runtime is named; they are one count in the summary table
    expect(md).not.toContain('`nautes-labs/rt-1`');
    expect(md.match(/no-op \| 9000 \|/g)).toHaveLength(1);
  });
});
