// The components of a cluster (nautes-api-resources.md 8.1): which categories each (usage, type, worker
// type) has (`config/apps/base/component_category_definition.yaml`), and the default component and
// namespace of each (`third_part_components.yaml`). A save drops what its category has not, fills in what
// is missing, and always adds `secretManagement` (and `oauthProxy` on a physical cluster).
import { plain500 } from './errors';
import type { ComponentBody, ComponentKey } from './resource-bodies';

/** A component category, as the Cluster CR's `componentsList` names it. */
export type Category =
  | 'multiTenant'
  | 'secretSync'
  | 'gateway'
  | 'deployment'
  | 'progressiveDelivery'
  | 'pipeline'
  | 'eventListener'
  | 'secretManagement'
  | 'oauthProxy';

/** One component as the Cluster CR holds it. */
export interface Component {
  readonly name: string;
  readonly namespace: string;
  readonly additions: Readonly<Record<string, string>>;
}

/** The body's (and the reply's) key of each category a body can set. */
export const CATEGORY_OF: Readonly<Record<ComponentKey, Category>> = {
  multi_tenant: 'multiTenant',
  secret_sync: 'secretSync',
  gateway: 'gateway',
  deployment: 'deployment',
  progressive_delivery: 'progressiveDelivery',
  pipeline: 'pipeline',
  event_listener: 'eventListener',
};

/** The default component of each category. */
const DEFAULT_COMPONENT: Readonly<Record<Category, string>> = {
  multiTenant: 'hnc',
  secretSync: 'external-secrets',
  gateway: 'traefik',
  deployment: 'argocd',
  progressiveDelivery: 'argo-rollouts',
  pipeline: 'tekton',
  eventListener: 'argo-events',
  secretManagement: 'vault',
  oauthProxy: 'oauth2-proxy',
};

/** The known components: their default namespace and additions. */
type Known = { namespace: string; additions: Record<string, string> };
const KNOWN: ReadonlyMap<string, Known> = new Map<string, Known>([
  ['tekton', { namespace: 'tekton-pipelines', additions: {} }],
  ['argocd', { namespace: 'argocd', additions: {} }],
  ['argo-events', { namespace: 'argo-events', additions: {} }],
  ['argo-rollouts', { namespace: 'argo-rollouts', additions: {} }],
  ['hnc', { namespace: 'hnc-system', additions: {} }],
  ['vault', { namespace: 'vault', additions: {} }],
  ['external-secrets', { namespace: 'external-secrets', additions: {} }],
  ['oauth2-proxy', { namespace: 'oauth2-proxy', additions: {} }],
  [
    'traefik',
    { namespace: 'traefik', additions: { httpNodePort: '30080', httpsNodePort: '30443' } },
  ],
]);

const CATEGORIES: ReadonlyMap<string, readonly Category[]> = new Map<string, readonly Category[]>([
  ['host|physical|', ['oauthProxy', 'gateway', 'secretManagement']],
  [
    'worker|physical|deployment',
    [
      'multiTenant',
      'secretSync',
      'gateway',
      'deployment',
      'progressiveDelivery',
      'secretManagement',
    ],
  ],
  [
    'worker|physical|pipeline',
    [
      'multiTenant',
      'secretSync',
      'gateway',
      'deployment',
      'secretManagement',
      'eventListener',
      'oauthProxy',
      'pipeline',
    ],
  ],
  [
    'worker|virtual|deployment',
    ['multiTenant', 'secretSync', 'deployment', 'progressiveDelivery', 'secretManagement'],
  ],
  [
    'worker|virtual|pipeline',
    [
      'multiTenant',
      'secretSync',
      'gateway',
      'deployment',
      'eventListener',
      'pipeline',
      'secretManagement',
    ],
  ],
]);

/** The components of a cluster of this kind, from what the body gives, or the failure the server answers. */
export function buildComponents(
  cluster: string,
  usage: string,
  clusterType: string,
  workerType: string,
  given: Readonly<Partial<Record<ComponentKey, ComponentBody>>>,
): Map<Category, Component> {
  const categories = CATEGORIES.get(`${usage}|${clusterType}|${workerType}`);
  if (!categories)
    throw plain500(
      `failed to construct cluster, err: failed to match component type [${usage}|${clusterType}|${workerType}], please check if the cluster ${cluster} is correct`,
    );
  const byCategory = new Map<Category, ComponentBody>();
  for (const [key, c] of Object.entries(given) as Array<[ComponentKey, ComponentBody]>)
    byCategory.set(CATEGORY_OF[key], c);
  const wanted = new Set<Category>(categories);
  wanted.add('secretManagement');
  if (clusterType === 'physical') wanted.add('oauthProxy');
  const out = new Map<Category, Component>();
  for (const category of wanted) {
    const c = byCategory.get(category);
    const name = c?.name || DEFAULT_COMPONENT[category];
    const known = KNOWN.get(name);
    if (!known && !c?.namespace)
      throw plain500(
        `failed to construct cluster, err: '${category}' component ${name} is not found`,
      );
    out.set(category, {
      name,
      namespace: c?.namespace || (known?.namespace ?? ''),
      additions: { ...(known?.additions ?? {}), ...(c?.additions ?? {}) },
    });
  }
  return out;
}
