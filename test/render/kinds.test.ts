// Plans with objects of the declared kinds: the terminal text and the pull-request comment group the changes
// by kind in dependency order, say what a protected delete destroys and which drift cannot be seen.
import { planChanges, type DesiredKindObject } from '../../lib/engine';
import {
  CLUSTER_KIND,
  CODE_REPO_KIND,
  ENVIRONMENT_KIND,
  PRODUCT_KIND,
  completeObject,
} from '../../lib/model';
import { destructiveChanges, readReviewRecord, renderMarkdown, renderText } from '../../lib/render';
import { aRuntime } from '../helpers/builders';

const P = 'shop';
const product = completeObject(PRODUCT_KIND, { name: P });
const env = completeObject(ENVIRONMENT_KIND, {
  product: P,
  name: 'dev',
  cluster: 'c-dev',
  envType: 'dev',
});
const repo = completeObject(CODE_REPO_KIND, { product: P, name: 'old-repo' });
const cluster = completeObject(CLUSTER_KIND, {
  name: 'c-dev',
  apiServer: 'https://10.0.0.1:6443',
  clusterType: 'physical',
  usage: 'worker',
  workerType: 'deployment',
  primaryDomain: 'x.nip.io',
});

function aPlan() {
  const objects: DesiredKindObject[] = [
    { kind: PRODUCT_KIND, object: product },
    { kind: ENVIRONMENT_KIND, object: env },
    { kind: CLUSTER_KIND, object: { ...cluster, primaryDomain: '' }, secrets: ['kubeconfig'] },
  ];
  return planChanges({
    desired: [{ runtime: aRuntime({ product: P, name: 'dr', environment: 'dev' }) }],
    inventories: [{ product: P, prune: true, kinds: ['nautes_code_repo'] }],
    observed: new Map([[P, []]]),
    objects,
    observedObjects: [
      { kind: CLUSTER_KIND, objects: [cluster] },
      { kind: PRODUCT_KIND, objects: [product] },
      { kind: ENVIRONMENT_KIND, product: P, objects: [] },
      { kind: CODE_REPO_KIND, product: P, objects: [repo] },
    ],
  });
}

const order = (text: string, parts: string[]): number[] => parts.map((p) => text.indexOf(p));

describe('renderers with the declared kinds', () => {
  test('the terminal text groups by kind in dependency order, runtimes last', () => {
    const text = renderText(aPlan());
    const at = order(text, ['Environments:', 'Code repos:', 'Deployment runtimes:']);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain(
      '+ environment shop/dev will be created (declared in code, not on the server)',
    );
    expect(text).toContain('- code repo shop/old-repo will be deleted');
    expect(text).toContain(`! deleting it also deletes ${CODE_REPO_KIND.deletionDestroys}`);
    expect(text).toContain(
      'Note: drift of kubeconfig of cluster c-dev cannot be seen (the server never returns it).',
    );
    expect(text).toContain('Error: Deletion protected: code repo shop/old-repo');
    expect(text).toContain(
      'Plan: 2 to create, 0 to update, 0 to replace, 1 to delete, 2 unchanged.',
    );
  });

  test('the comment has a section per kind, the protected delete and what goes with it at the top', () => {
    const plan = aPlan();
    const md = renderMarkdown(plan, { marker: 'app=x stacks=s', approvalLabel: 'ok-remove' });
    expect(md).toContain('### Nautes plan');
    expect(md).toContain('**Destructive changes (1):** `code repo shop/old-repo` (prune)');
    expect(md).toContain(
      `> Deleting \`code repo shop/old-repo\` also deletes ${CODE_REPO_KIND.deletionDestroys}.`,
    );
    const at = order(md, ['#### Environments', '#### Code repos', '#### Deployment runtimes']);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toContain('| | environment | action | fields |');
    expect(md).toContain(
      '_Drift of `kubeconfig` of `cluster c-dev` cannot be seen: the server never returns it._',
    );
    // the removal gate counts the kind's delete
    expect(destructiveChanges(plan).map((c) => c.id)).toEqual(['shop/old-repo']);
    expect(readReviewRecord(md)?.removals).toBe(1);
  });

  test('a comment folded to fit keeps a section per kind', () => {
    const md = renderMarkdown(aPlan(), { maxCommentChars: 1500 });
    expect(md.length).toBeLessThanOrEqual(1500);
    expect(md).toContain('_Field detail folded to fit the comment size._');
    expect(md).toMatch(
      /#### Environments\n\n\| \| environment \| action \| fields \|\n\|---\|---\|---\|---\|\n\| \+ \| `shop\/dev` \| create/,
    );
    expect(md).toMatch(
      /#### Deployment runtimes\n\n\| \| runtime \| action \| fields \|\n\|---\|---\|---\|---\|\n\| \+ \| `shop\/dr` \| create/,
    );
  });
});
