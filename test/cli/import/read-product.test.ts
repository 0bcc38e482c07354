// What import reads of a product, through in-memory stores: one call per kind, the clusters named by
// environments only, a GET for what a list may leave out, and a note where the token may not read.
import { importedKinds, RUNTIME_KIND } from '../../../lib/cli/import/imported-kinds';
import { readProduct } from '../../../lib/cli/import/read-product';
import { NautesError } from '../../../lib/errors';
import {
  CLUSTER_KIND,
  CODE_REPO_KIND,
  ENVIRONMENT_KIND,
  PIPELINE_RUNTIME_KIND,
  PRODUCT_KIND,
  PROJECT_KIND,
  completeObject,
  type KindObject,
  type KindSpec,
} from '../../../lib/model';
import { aRuntime, InMemoryRuntimeStore } from '../../helpers/builders';
import { InMemoryKindStore } from '../../helpers/in-memory-kind-store';

const { kinds } = importedKinds();

class ApiFailure extends NautesError {
  constructor(readonly code: string) {
    super(`GET /api/v1/clusters failed (${code})`);
  }
}

/** An in-memory store whose lists leave out `omitted` names and may fail for one kind. */
class Store extends InMemoryKindStore {
  omitted = new Set<string>();
  failList: { kind: KindSpec; code: string } | undefined;
  override async list(kind: KindSpec, product: string | undefined): Promise<KindObject[]> {
    const all = await super.list(kind, product);
    if (this.failList?.kind === kind) throw new ApiFailure(this.failList.code);
    return all.filter((o) => !this.omitted.has(String(o['name'])));
  }
}

function shop(): { kinds: Store; runtimes: InMemoryRuntimeStore } {
  const o = (k: KindSpec, f: Record<string, unknown>) => [k, completeObject(k, f)] as const;
  const store = new Store([
    o(PRODUCT_KIND, { name: 'shop' }),
    o(PRODUCT_KIND, { name: 'other' }),
    o(CLUSTER_KIND, { name: 'c-dev', apiServer: 'https://c', clusterType: 'physical' }),
    o(CLUSTER_KIND, { name: 'c-unused', apiServer: 'https://u', clusterType: 'physical' }),
    o(ENVIRONMENT_KIND, { product: 'shop', name: 'dev', cluster: 'c-dev', envType: 'd' }),
    o(ENVIRONMENT_KIND, { product: 'other', name: 'dev', cluster: 'c-unused', envType: 'd' }),
    o(PROJECT_KIND, { product: 'shop', name: 'api' }),
    o(CODE_REPO_KIND, { product: 'shop', name: 'api', project: 'api' }),
    o(CODE_REPO_KIND, { product: 'shop', name: 'renamed' }),
  ]);
  const runtimes = new InMemoryRuntimeStore([
    aRuntime({ product: 'shop', name: 'dr', codeRepo: 'renamed', environment: 'dev' }),
  ]);
  return { kinds: store, runtimes };
}

const names = (s: Awaited<ReturnType<typeof readProduct>>, kind: string): string[] =>
  (s.objects.get(kind) ?? []).map((o) => String(o['name']));

describe('readProduct', () => {
  test('one GET of the product, one list per kind of it, and of the clusters only those its environments use', async () => {
    const stores = shop();
    const s = await readProduct(stores, 'shop', kinds);
    expect(stores.kinds.calls).toEqual([
      'get nautes_product shop',
      'list nautes_environment shop',
      'list nautes_project shop',
      'list nautes_code_repo shop',
      'list nautes_code_repo_binding shop',
      'list nautes_project_pipeline_runtime shop',
      'list nautes_cluster',
    ]);
    expect(stores.runtimes.calls).toEqual(['list shop']);
    expect(names(s, 'Product')).toEqual(['shop']);
    expect(names(s, 'Cluster')).toEqual(['c-dev']);
    expect(names(s, 'Environment')).toEqual(['dev']);
    expect(names(s, 'CodeRepo')).toEqual(['api', 'renamed']);
    expect(names(s, RUNTIME_KIND)).toEqual(['dr']);
    expect(s.notes).toEqual([]);
  });

  test('an object a list may leave out (a code repo) is asked with a GET when something names it', async () => {
    const stores = shop();
    stores.kinds.omitted.add('renamed');
    const s = await readProduct(stores, 'shop', kinds);
    expect(names(s, 'CodeRepo')).toEqual(['api', 'renamed']);
    expect(stores.kinds.calls.filter((c) => c.startsWith('get'))).toEqual([
      'get nautes_product shop',
      'get nautes_code_repo shop/renamed',
    ]);
  });

  test('names in nested objects count: a pipeline runtime event source names a repo the list left out', async () => {
    const stores = shop();
    stores.kinds.omitted.add('renamed');
    stores.runtimes.data.clear();
    stores.kinds.put(
      PIPELINE_RUNTIME_KIND,
      completeObject(PIPELINE_RUNTIME_KIND, {
        product: 'shop',
        name: 'ci',
        project: 'api',
        pipelineSource: 'api',
        pipelines: [{ name: 'build', path: 'build.yaml' }],
        eventSources: [{ name: 'push', gitlab: { repoName: 'renamed' } }],
        pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
        environment: 'dev',
      }),
    );
    const s = await readProduct(stores, 'shop', kinds);
    expect(names(s, 'ProjectPipelineRuntime')).toEqual(['ci']);
    expect(names(s, 'CodeRepo')).toEqual(['api', 'renamed']);
    expect(stores.kinds.calls).toContain('get nautes_code_repo shop/renamed');
  });

  test('a kind the server does not serve (an older Nautes): a note, the rest is read', async () => {
    const stores = shop();
    stores.kinds.failList = { kind: PIPELINE_RUNTIME_KIND, code: 'NAUTES_API_NOT_FOUND' };
    const s = await readProduct(stores, 'shop', kinds);
    expect(s.notes).toEqual([
      'the pipeline runtimes could not be read (NAUTES_API_NOT_FOUND), so none is declared',
    ]);
    expect(names(s, 'Cluster')).toEqual(['c-dev']);
  });

  test('clusters the token may not read: a note, and the environments keep their names', async () => {
    const stores = shop();
    stores.kinds.failList = { kind: CLUSTER_KIND, code: 'NAUTES_API_PROJECT_NOT_FOUND' };
    const s = await readProduct(stores, 'shop', kinds);
    expect(s.objects.get('Cluster')).toBeUndefined();
    expect(names(s, 'Environment')).toEqual(['dev']);
    expect(s.notes).toEqual([
      'the clusters could not be read (NAUTES_API_PROJECT_NOT_FOUND: the token may lack read rights there), so "c-dev" is named as text, not declared',
    ]);
  });

  test('rejects when a list fails otherwise', async () => {
    const stores = shop();
    stores.kinds.failList = { kind: CLUSTER_KIND, code: 'NAUTES_API_SERVER' };
    await expect(readProduct(stores, 'shop', kinds)).rejects.toMatchObject({
      code: 'NAUTES_API_SERVER',
    });
  });

  test('rejects a product that does not exist, naming it', async () => {
    await expect(readProduct(shop(), 'nope', kinds)).rejects.toMatchObject({
      code: 'NAUTES_VALIDATION',
      issues: [
        {
          path: ['--product'],
          code: 'not_found',
          message:
            'product "nope" does not exist on the Nautes server, or this token cannot see it',
        },
      ],
    });
  });
});
