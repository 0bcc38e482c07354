// What the Nautes API server does on each cluster call (nautes-api-resources.md 8): clusters live in the
// tenant configuration repository, not in a product's default.project; no whole-tree check, and
// insecure_skip_check is accepted and never read. The kubeconfig of a physical cluster goes to the
// in-memory Vault only: never to git, a reply or a log.
import { parse } from 'yaml';
import { buildComponents, CATEGORY_OF, type Category, type Component } from './cluster-components';
import { KratosFailure, plain500 } from './errors';
import { GITLAB_URL, TENANT_REPO_PATH, type GitLabUser } from './gitlab';
import type { NautesService } from './nautes-service';
import { COMPONENT_KEYS, type ClusterBody, type ComponentKey } from './resource-bodies';
import { API_VERSION, toYaml } from './resource-tree';
import { contains, matchesSelector, type SelectorRules } from './selector';
import type { Seed } from './seed';
import { CLUSTERS_DIR, type TenantRepo } from './tenant-repo';

/** One cluster of the Kubernetes view (the Cluster CRs environments and runtimes are validated against). */
export type KubernetesCluster = Seed['clusters'][number];

/** A component as a cluster reply shows it. */
interface ReplyComponent {
  name: string;
  namespace: string;
  additions: Record<string, string>;
}

/** A cluster as the GET/list reply shows it (key order as the server emits it; no kubeconfig, no vcluster). */
export interface ClusterReply {
  name: string;
  cluster_kind: string;
  cluster_type: string;
  usage: string;
  host_cluster: string;
  primary_domain: string;
  worker_type: string;
  api_server: string;
  components_list: Record<ComponentKey, ReplyComponent | null>;
  reserved_namespaces_allowed_products: Record<string, unknown>;
  product_allowed_cluster_resources: Record<string, unknown>;
}

/** A Cluster CR as the tenant repository holds it. */
interface ClusterFile {
  apiVersion: string;
  kind: string;
  metadata: { creationTimestamp: null; name: string; namespace: string };
  spec: Record<string, unknown>;
  status: { productIDMap: null; warnings: null };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The file of a cluster in the tenant repository. */
export const clusterPath = (name: string): string => `${CLUSTERS_DIR}/${name}.yaml`;

/** Go's url check of the service: an http or https URL with a host. */
function isHttpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The default primary domain: the API server's host, `<ip>.nip.io` for an IP address. */
export function primaryDomainOf(apiServer: string): string {
  let host: string;
  try {
    host = new URL(apiServer).hostname;
  } catch {
    return '';
  }
  const ip = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  return ip ? `${host.replace(/^\[|\]$/g, '')}.nip.io` : host;
}

/** The CRD's JSON of a cluster spec: omitempty keys left out, sorted by the YAML writer. */
function clusterSpec(
  fields: {
    apiServer: string;
    clusterKind: string;
    clusterType: string;
    usage: string;
    hostCluster: string;
    primaryDomain: string;
    workerType: string;
    reserved: Record<string, unknown>;
    allowed: Record<string, unknown>;
  },
  components: ReadonlyMap<Category, Component>,
): Record<string, unknown> {
  const list: Record<string, unknown> = {};
  for (const [category, c] of components) {
    const component: Record<string, unknown> = { name: c.name, namespace: c.namespace };
    if (Object.keys(c.additions).length) component['additions'] = { ...c.additions };
    list[category] = component;
  }
  const spec: Record<string, unknown> = {
    apiServer: fields.apiServer,
    clusterKind: fields.clusterKind,
    clusterType: fields.clusterType,
    componentsList: list,
    usage: fields.usage,
  };
  if (fields.hostCluster) spec['hostCluster'] = fields.hostCluster;
  if (fields.primaryDomain) spec['primaryDomain'] = fields.primaryDomain;
  if (fields.workerType) spec['workerType'] = fields.workerType;
  if (Object.keys(fields.reserved).length)
    spec['reservedNamespacesAllowedProducts'] = fields.reserved;
  if (Object.keys(fields.allowed).length) spec['productAllowedClusterResources'] = fields.allowed;
  return spec;
}

function clusterFile(name: string, spec: Record<string, unknown>): ClusterFile {
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { creationTimestamp: null, name, namespace: 'nautes' },
    spec,
    // written as the real server marshals the whole object: the status is not stripped
    status: { productIDMap: null, warnings: null },
  };
}

/** The namespaces of every component of a cluster spec (DR rule g). */
function componentNamespaces(spec: Record<string, unknown>): string[] {
  return Object.values(obj(spec['componentsList']))
    .map((c) => str(obj(c)['namespace']))
    .filter(Boolean);
}

/** The Cluster CR a tenant-repository file becomes once synced (`seeded` keeps the seed's namespaces). */
export function kubernetesViewOf(text: string, seeded?: KubernetesCluster): KubernetesCluster {
  const file = parse(text) as ClusterFile;
  const spec = obj(file.spec);
  return {
    name: file.metadata.name,
    usage: str(spec['usage']) === 'host' ? 'host' : 'worker',
    workerType: str(spec['workerType']),
    componentNamespaces: seeded?.componentNamespaces ?? componentNamespaces(spec),
    clusterType: str(spec['clusterType']) === 'virtual' ? 'virtual' : 'physical',
    hostCluster: str(spec['hostCluster']),
    apiServer: str(spec['apiServer']),
    // the pipeline component pipeline runtimes need (rule 13); '' when the CR has none
    pipelineComponent:
      seeded?.pipelineComponent ?? str(obj(obj(spec['componentsList'])['pipeline'])['name']),
  };
}

/** The tenant repository's first content: one file per cluster of the seed's Kubernetes view. */
export function seededClusterFiles(clusters: readonly KubernetesCluster[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of clusters) {
    const apiServer = c.apiServer ?? `https://${c.name}.nautes.local:6443`;
    const clusterType = c.clusterType ?? 'physical';
    const workerType = c.usage === 'host' ? '' : c.workerType;
    let components: Map<Category, Component>;
    try {
      components = buildComponents(c.name, c.usage, clusterType, workerType, {});
    } catch {
      // a seeded kind the API could not register: no components in its file
      components = new Map();
    }
    const spec = clusterSpec(
      {
        apiServer,
        clusterKind: 'kubernetes',
        clusterType,
        usage: c.usage,
        hostCluster: c.hostCluster ?? '',
        primaryDomain: primaryDomainOf(apiServer),
        workerType,
        reserved: {},
        allowed: {},
      },
      components,
    );
    files.set(clusterPath(c.name), toYaml(clusterFile(c.name, spec)));
  }
  return files;
}

/** The kubeconfig as the Vault write takes it: base64 decoded, checked, the first server replaced. */
function convertKubeconfig(raw: string, server: string): string {
  if (!raw) throw new Error('register physical cluster, kubeconfig is not empty');
  // the server's base64 character test: decode when the whole text is base64
  const text =
    /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0
      ? Buffer.from(raw, 'base64').toString('utf8')
      : raw;
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true });
  } catch (e) {
    // the first line only: the parser's later lines quote the kubeconfig itself
    throw new Error(`error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  const cfg = obj(doc);
  const clusters = Array.isArray(cfg['clusters']) ? (cfg['clusters'] as unknown[]) : [];
  const users = Array.isArray(cfg['users']) ? (cfg['users'] as unknown[]) : [];
  if (clusters.length < 1)
    throw new Error('invalid kubeconfig file: must have at least one cluster');
  if (users.length < 1) throw new Error('invalid kubeconfig file: must have at least one user');
  const first = obj(clusters[0]);
  first['cluster'] = { ...obj(first['cluster']), server };
  clusters[0] = first;
  return toYaml({ ...cfg, clusters });
}

const CLUSTER_SELECTOR: SelectorRules<ClusterReply> = new Map([
  ['cluster_name', contains<ClusterReply>((c) => c.name)],
  ['cluster_type', (c: ClusterReply, v: string) => c.cluster_type === v],
  ['usage', (c: ClusterReply, v: string) => c.usage === v],
  ['worker_type', (c: ClusterReply, v: string) => c.worker_type === v],
]);

function toReply(file: ClusterFile): ClusterReply {
  const spec = obj(file.spec);
  const list = obj(spec['componentsList']);
  const components = {} as Record<ComponentKey, ReplyComponent | null>;
  for (const key of COMPONENT_KEYS) {
    const c = list[CATEGORY_OF[key]];
    // event_listener is never mapped by the reply code: always null
    components[key] =
      key === 'event_listener' || c === undefined || c === null
        ? null
        : {
            name: str(obj(c)['name']),
            namespace: str(obj(c)['namespace']),
            additions: { ...(obj(obj(c)['additions']) as Record<string, string>) },
          };
  }
  return {
    name: file.metadata.name,
    cluster_kind: str(spec['clusterKind']),
    cluster_type: str(spec['clusterType']),
    usage: str(spec['usage']),
    host_cluster: str(spec['hostCluster']),
    primary_domain: str(spec['primaryDomain']),
    worker_type: str(spec['workerType']),
    api_server: str(spec['apiServer']),
    components_list: components,
    reserved_namespaces_allowed_products: obj(spec['reservedNamespacesAllowedProducts']),
    product_allowed_cluster_resources: obj(spec['productAllowedClusterResources']),
  };
}

/** The cluster routes, over the tenant repository, the Kubernetes view and the Vault of `NautesService`. */
export class ClusterService {
  /** one tenant-repository change at a time (the real server clones, merges and retries) */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(private readonly core: NautesService) {}

  private get tenant(): TenantRepo {
    return this.core.tenant;
  }

  /** The tenant repository as a read sees it: a GitLab 404 or 403 passes through typed. */
  private readable(token: string): void {
    try {
      this.core.gitlab.tenantRepo(token);
    } catch (e) {
      throw this.core.gitlabFailure(
        e,
        (inner) =>
          new KratosFailure(404, 'PROJECT_NOT_FOUND', `failed to get project, err: ${inner}`),
      );
    }
  }

  /** The tenant repository as a save or delete sees it: every failure flattened, mislabelled as the real one. */
  private writable(token: string): { user: GitLabUser; level: number } {
    try {
      return this.core.gitlab.tenantRepo(token);
    } catch (e) {
      throw plain500(`failed to get gitlab certificate, err: ${(e as Error).message}`);
    }
  }

  private read(name: string): ClusterFile | undefined {
    const text = this.tenant.files.get(clusterPath(name));
    return text === undefined ? undefined : (parse(text) as ClusterFile);
  }

  private files(): ClusterFile[] {
    return [...this.tenant.files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, text]) => parse(text) as ClusterFile)
      .filter((f) => f.kind === 'Cluster');
  }

  /** GET /api/v1/clusters */
  list(token: string, fieldSelector: string): { items: ClusterReply[] } {
    this.readable(token);
    const items: ClusterReply[] = [];
    for (const file of this.files()) {
      const reply = toReply(file);
      if (fieldSelector && !matchesSelector(fieldSelector, reply, CLUSTER_SELECTOR)) continue;
      items.push(reply);
    }
    return { items };
  }

  /** GET /api/v1/clusters/{name}: a missing cluster is a plain 500, not a 404. */
  get(token: string, name: string): ClusterReply {
    this.readable(token);
    const file = this.read(name);
    if (!file) throw plain500(`the cluster resource ${name} is not found`);
    return toReply(file);
  }

  /** POST /api/v1/clusters/{name} (the body is decoded and validated; insecure_skip_check is never read). */
  async save(token: string, name: string, body: ClusterBody): Promise<{ message: string }> {
    const invalid = (why: string): KratosFailure =>
      plain500(`failed to validate save request, err: ${why}`);
    if (!isHttpUrl(body.api_server))
      throw invalid(`the apiserver ${body.api_server} is not an https URL`);
    if (body.usage === 'worker' && body.cluster_type === 'virtual' && !body.host_cluster)
      throw invalid("the 'Host Cluster' for virtual cluster is required");
    if (body.usage === 'worker' && !body.worker_type)
      throw invalid("when the cluster usage is 'worker', the 'WorkerType' field is required");
    const components = buildComponents(
      name,
      body.usage,
      body.cluster_type,
      body.worker_type,
      body.components,
    );
    // ValidateCluster's static rules that the component-type match lets through
    if (body.cluster_type === 'physical' && body.host_cluster)
      throw plain500(
        'failed to validate cluster, err: host cluster can not belong to another host',
      );
    const namespaces = new Set([...components.values()].map((c) => c.namespace));
    for (const ns of Object.keys(body.reserved_namespaces_allowed_products))
      if (!namespaces.has(ns))
        throw plain500(
          `failed to validate cluster, err: reserved namespace ${ns} is not in component list`,
        );
    // the Vault write comes before any GitLab call, so before any rights check (nautes-api-resources.md 16.17)
    if (body.cluster_type === 'physical') {
      let config: string;
      try {
        config = convertKubeconfig(body.kubeconfig, body.api_server);
      } catch (e) {
        throw plain500(`failed to save kubeconfig to secret store, err: ${(e as Error).message}`);
      }
      this.core.vault.set(name, config);
    }
    const spec = clusterSpec(
      {
        apiServer: body.api_server,
        clusterKind: body.cluster_kind,
        clusterType: body.cluster_type,
        usage: body.usage,
        hostCluster: body.host_cluster,
        primaryDomain: body.primary_domain || primaryDomainOf(body.api_server),
        workerType: body.worker_type,
        reserved: body.reserved_namespaces_allowed_products,
        allowed: body.product_allowed_cluster_resources,
      },
      components,
    );
    await this.change(token, () => {
      if (body.cluster_type === 'virtual' && !this.read(body.host_cluster))
        throw plain500(
          `failed to get host cluster, err: cluster ${body.host_cluster} is not found`,
        );
      return new Map([[clusterPath(name), toYaml(clusterFile(name, spec))]]);
    });
    // Argo CD syncs the CR at once here: environments and runtimes see the cluster immediately
    const view = kubernetesViewOf(toYaml(clusterFile(name, spec)));
    const clusters = this.core.seed.clusters;
    const at = clusters.findIndex((c) => c.name === name);
    if (at >= 0) clusters[at] = view;
    else clusters.push(view);
    return { message: `Successfully saved ${name} cluster` };
  }

  /** DELETE /api/v1/clusters/{name}: refused for a host of virtual clusters; environments are not checked. */
  async delete(token: string, name: string): Promise<{ message: string }> {
    await this.change(token, () => {
      const file = this.read(name);
      if (!file) throw plain500(`the cluster resource ${name} is not found`);
      if (str(file.spec['usage']) === 'host')
        for (const other of this.files())
          if (str(other.spec['hostCluster']) === name)
            throw plain500(
              `failed to remove cluster ${name}, this cluster is referenced by ${other.metadata.name}`,
            );
      return new Map([[clusterPath(name), null]]);
    });
    // the CR is pruned at once; the kubeconfig stays in Vault, as on the real server
    const clusters = this.core.seed.clusters;
    const at = clusters.findIndex((c) => c.name === name);
    if (at >= 0) clusters.splice(at, 1);
    return { message: `Successfully deleted ${name} cluster` };
  }

  /** `GET /user`, the tenant repository, the change, then the push (Maintainer), one at a time. */
  private async change(token: string, files: () => Map<string, string | null>): Promise<void> {
    const run = async (): Promise<void> => {
      const { user, level } = this.writable(token);
      const changes = files();
      const url = `${GITLAB_URL}/${TENANT_REPO_PATH}.git`;
      if (level < 40)
        throw plain500(
          `failed to save git config to git repo, err: push data: remote: GitLab: You are not allowed to push code to protected branches on this project.\n` +
            `To ${url}\n ! [remote rejected] main -> main (pre-receive hook declined)\n` +
            `error: failed to push some refs to '${url}', err: exit status 1`,
        );
      await this.tenant.commit(changes, { name: user.username, email: user.email });
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    await next;
  }
}
