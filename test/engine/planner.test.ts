import {
  planChanges,
  productsToObserve,
  type DesiredRuntime,
  type InventoryDeclaration,
} from '../../lib/engine';
import type { DeploymentRuntime } from '../../lib/model';
import { aRuntime } from '../helpers/builders';

const plan = (
  desired: DesiredRuntime[],
  observed: DeploymentRuntime[],
  inventories: InventoryDeclaration[] = [],
) => planChanges({ desired, inventories, observed: new Map([['nautes-labs', observed]]) });

describe('planChanges', () => {
  test.each<
    [
      string,
      DesiredRuntime[],
      DeploymentRuntime[],
      InventoryDeclaration[],
      string,
      string[],
      string[],
    ]
  >([
    [
      'a runtime missing on the server is created',
      [{ runtime: aRuntime() }],
      [],
      [],
      'create',
      ['new-in-config'],
      [],
    ],
    [
      'an identical runtime is a no-op',
      [{ runtime: aRuntime() }],
      [aRuntime()],
      [],
      'no-op',
      [],
      [],
    ],
    [
      'namespaces in another order are equal (set semantics)',
      [{ runtime: aRuntime({ namespaces: ['b', 'a'] }) }],
      [aRuntime({ namespaces: ['a', 'b'] })],
      [],
      'no-op',
      [],
      [],
    ],
    [
      'an empty account equals an absent one',
      [{ runtime: aRuntime({ account: '' }) }],
      [aRuntime()],
      [],
      'no-op',
      [],
      [],
    ],
    [
      'a changed revision is an in-place update',
      [{ runtime: aRuntime() }],
      [aRuntime({ targetRevision: 'hotfix' })],
      [],
      'update',
      ['drifted'],
      ['targetRevision'],
    ],
    [
      'a namespace change is an in-place update',
      [{ runtime: aRuntime({ namespaces: ['x'] }) }],
      [aRuntime()],
      [],
      'update',
      ['drifted'],
      ['namespaces'],
    ],
    [
      'a destination change forces a replacement',
      [{ runtime: aRuntime({ environment: 'env-test' }) }],
      [aRuntime()],
      [],
      'replace',
      ['immutable-field-changed'],
      ['environment'],
    ],
    [
      'skipChecks is recorded as a reason',
      [{ runtime: aRuntime(), skipChecks: { reason: 'env comes later' } }],
      [],
      [],
      'create',
      ['new-in-config', 'declared-with-skip-checks'],
      [],
    ],
    [
      'an orphan is deleted when the inventory prunes',
      [],
      [aRuntime({ name: 'stray' })],
      [{ product: 'nautes-labs', prune: true }],
      'delete',
      ['orphan-pruned'],
      [],
    ],
  ])('%s', (_l, desired, observed, inventories, action, reasons, fields) => {
    const p = plan(desired, observed, inventories);
    expect(p.changes).toHaveLength(1);
    const c = p.changes[0];
    expect(c?.action).toBe(action);
    expect(c?.reasons).toEqual(reasons);
    if (action !== 'create' && action !== 'delete')
      expect(c?.fieldChanges.map((f) => f.path[0])).toEqual(fields);
  });

  test('a replacement marks the forcing field', () => {
    const c = plan(
      [{ runtime: aRuntime({ environment: 'env-test', targetRevision: 'v2' }) }],
      [aRuntime()],
    ).changes[0];
    expect(c?.replacePaths).toEqual([['environment']]);
    expect(c?.fieldChanges.find((f) => f.attribute === 'environment')).toMatchObject({
      before: 'env-dev',
      after: 'env-test',
      kind: 'modified',
      forcesReplace: true,
    });
    expect(c?.fieldChanges.find((f) => f.attribute === 'target_revision')?.forcesReplace).toBe(
      false,
    );
  });

  test('an orphan without pruning is reported, not changed', () => {
    const p = plan(
      [{ runtime: aRuntime() }],
      [aRuntime(), aRuntime({ name: 'stray', manifestPath: 'x' })],
    );
    expect(p.changes.map((c) => c.action)).toEqual(['no-op']);
    expect(p.orphans).toEqual([
      expect.objectContaining({ id: 'nautes-labs/stray', pruned: false }),
    ]);
    expect(p.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', summary: 'Unmanaged runtimes found' }),
    ]);
  });

  test('duplicate declarations and duplicate destinations are errors', () => {
    const p = plan(
      [
        { runtime: aRuntime(), declaredAt: 'a' },
        { runtime: aRuntime(), declaredAt: 'b' },
        { runtime: aRuntime({ name: 'dr-copy' }) },
      ],
      [],
    );
    expect(p.diagnostics.map((d) => d.summary)).toEqual([
      'Duplicate runtime',
      'Duplicate destination',
    ]);
  });

  test('invalid declarations are errors naming the field', () => {
    const p = plan([{ runtime: aRuntime({ name: 'Bad_Name' }), declaredAt: 'stack/bad' }], []);
    expect(p.diagnostics[0]).toMatchObject({ severity: 'error', summary: 'Invalid runtime' });
    expect(p.diagnostics[0]?.detail).toContain('stack/bad: name');
  });

  test('the fingerprint changes with what was observed and only with it', () => {
    const a = plan([{ runtime: aRuntime() }], [aRuntime({ namespaces: ['a', 'b'] })]);
    const b = plan(
      [{ runtime: aRuntime({ name: 'other', manifestPath: 'o' }) }],
      [aRuntime({ namespaces: ['b', 'a'] })],
    );
    const c = plan([{ runtime: aRuntime() }], [aRuntime({ namespaces: ['a'] })]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
  });

  test('products to observe are those declared plus those with an inventory', () => {
    expect(
      productsToObserve(
        [{ runtime: aRuntime({ product: 'b' }) }, { runtime: aRuntime({ product: 'a' }) }],
        [{ product: 'c', prune: false }],
      ),
    ).toEqual(['a', 'b', 'c']);
  });

  test('plans 10,000 runtimes (linear maps, no quadratic scans) with the right counts', () => {
    const desired = Array.from({ length: 10_000 }, (_, i) => ({
      runtime: aRuntime({ name: `r${i}`, manifestPath: `p${i}` }),
    }));
    const observed = desired
      .slice(0, 5_000)
      .map((d, i) => (i % 2 ? d.runtime : { ...d.runtime, targetRevision: 'old' }));
    const p = plan(desired, observed);
    const counts = p.changes.reduce<Record<string, number>>(
      (acc, c) => ({ ...acc, [c.action]: (acc[c.action] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ create: 5000, update: 2500, 'no-op': 2500 });
  });
});

describe('planChanges with the merge base', () => {
  const observe = (rs: DeploymentRuntime[]) => new Map([['nautes-labs', rs]]);
  test.each<
    [string, DeploymentRuntime | undefined, DeploymentRuntime | null, DeploymentRuntime, string[]]
  >([
    [
      'the PR changed the code; the server is as the base declared',
      aRuntime(),
      aRuntime(),
      aRuntime({ targetRevision: 'v2' }),
      ['config-changed'],
    ],
    [
      'the code did not change; the server drifted',
      aRuntime(),
      aRuntime({ targetRevision: 'hotfix' }),
      aRuntime(),
      ['drifted'],
    ],
    [
      'both',
      aRuntime(),
      aRuntime({ targetRevision: 'hotfix' }),
      aRuntime({ targetRevision: 'v2' }),
      ['config-changed', 'drifted'],
    ],
    ['new in this PR', undefined, null, aRuntime(), ['new-in-config', 'config-changed']],
    [
      'declared before and deleted on the server',
      aRuntime(),
      null,
      aRuntime(),
      ['new-in-config', 'drifted'],
    ],
  ])('%s', (_label, base, observed, desired, reasons) => {
    const p = planChanges({
      desired: [{ runtime: desired }],
      inventories: [],
      observed: observe(observed ? [observed] : []),
      base: new Map(base ? [['nautes-labs/dr-dev', base]] : []),
    });
    expect(p.changes[0]?.reasons).toEqual(reasons);
  });

  test('removed in this PR and pruned: the delete says so', () => {
    const p = planChanges({
      desired: [],
      inventories: [{ product: 'nautes-labs', prune: true }],
      observed: observe([aRuntime()]),
      base: new Map([['nautes-labs/dr-dev', aRuntime()]]),
    });
    expect(p.changes[0]).toMatchObject({
      action: 'delete',
      reasons: ['orphan-pruned', 'config-changed'],
    });
  });
});

describe('importExisting()', () => {
  test('of a runtime the server has: adopted (no-op or update), never created', () => {
    const p = plan(
      [{ runtime: aRuntime(), importExisting: true, declaredAt: 'runtimes/dr-dev' }],
      [aRuntime()],
    );
    expect(p.diagnostics).toEqual([]);
    expect(p.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  test('of a runtime the server does not have: an error naming the construct, product/name and the fix', () => {
    const p = plan(
      [
        { runtime: aRuntime(), importExisting: true, declaredAt: 'runtimes/dr-dev' },
        { runtime: aRuntime({ name: 'dr-new', manifestPath: 'n' }), declaredAt: 'runtimes/dr-new' },
      ],
      [],
    );
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({
      severity: 'error',
      summary: 'Cannot import a runtime that does not exist',
      id: 'nautes-labs/dr-dev',
    });
    expect(p.diagnostics[0]?.detail).toContain('runtimes/dr-dev calls importExisting()');
    expect(p.diagnostics[0]?.detail).toContain('product "nautes-labs" has no runtime "dr-dev"');
    expect(p.diagnostics[0]?.detail).toContain('remove importExisting()');
    expect(p.diagnostics[0]?.detail).toContain('create it first');
    // not "will be created": only the runtime without importExisting() is
    expect(p.changes.map((c) => [c.id, c.action])).toEqual([['nautes-labs/dr-new', 'create']]);
  });
});
