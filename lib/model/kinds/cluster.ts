// A Nautes cluster: tenant-level, a file in the tenant configuration repo; its kubeconfig goes to Vault and
// is never returned (nautes-api-resources.md 8).
import type { KindSpec, ObjectOfFields } from './kind-spec';

const CLUSTER_FIELDS = [
  {
    key: 'name',
    tfName: 'name',
    propName: 'name',
    type: 'string',
    required: true,
    replaceOnChange: true,
    save: 'path',
    reply: ['name'],
    format: 'rfc1123-label',
    description: 'The cluster name (RFC 1123 label).',
  },
  {
    key: 'apiServer',
    tfName: 'api_server',
    propName: 'apiServer',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['api_server'],
    reply: ['api_server'],
    description: 'The Kubernetes API server URL (http:// or https://).',
  },
  {
    key: 'clusterKind',
    tfName: 'cluster_kind',
    propName: 'clusterKind',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['cluster_kind'],
    reply: ['cluster_kind'],
    default: 'kubernetes',
    allowed: ['kubernetes'],
    description: 'The cluster kind. Default: kubernetes (the only one Nautes knows).',
  },
  {
    key: 'clusterType',
    tfName: 'cluster_type',
    propName: 'clusterType',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['cluster_type'],
    reply: ['cluster_type'],
    allowed: ['physical', 'virtual'],
    description: 'physical, or virtual (a vcluster on a host cluster).',
  },
  {
    key: 'usage',
    tfName: 'usage',
    propName: 'usage',
    type: 'string',
    required: true,
    replaceOnChange: false,
    save: ['usage'],
    reply: ['usage'],
    allowed: ['host', 'worker'],
    description: 'host (runs virtual clusters) or worker (runs runtimes).',
  },
  {
    key: 'workerType',
    tfName: 'worker_type',
    propName: 'workerType',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['worker_type'],
    reply: ['worker_type'],
    allowed: ['deployment', 'pipeline'],
    description: 'For a worker: deployment (deployment runtimes) or pipeline (pipeline runtimes).',
  },
  {
    key: 'hostCluster',
    tfName: 'host_cluster',
    propName: 'hostCluster',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['host_cluster'],
    reply: ['host_cluster'],
    description: 'For a virtual cluster: the host cluster it runs on.',
  },
  {
    key: 'primaryDomain',
    tfName: 'primary_domain',
    propName: 'primaryDomain',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['primary_domain'],
    reply: ['primary_domain'],
    serverDefault: true,
    description:
      'The primary domain of the cluster. Default (chosen by the server): the host of api_server, with .nip.io for an IP address.',
  },
  {
    key: 'kubeconfig',
    tfName: 'kubeconfig',
    propName: 'kubeconfig',
    type: 'string',
    required: false,
    replaceOnChange: false,
    save: ['kubeconfig'],
    reply: 'never',
    secret: true,
    description:
      'The kubeconfig of a physical cluster (required there; ignored for virtual ones). Nautes keeps it in Vault and never returns it, so a change made outside code cannot be seen.',
  },
] as const;

/** The `Cluster` kind. */
export const CLUSTER_KIND = {
  kind: 'Cluster',
  title: 'cluster',
  tfType: 'nautes_cluster',
  dataSourceTfType: 'nautes_clusters',
  scope: 'tenant',
  family: 'clusters',
  fields: CLUSTER_FIELDS,
  // accepted by the server and never read (nautes-api-resources.md 8.3)
  skipChecks: false,
  missingGet: { status: 500, message: '^the cluster resource \\S+ is not found$' },
  description:
    'A Nautes cluster of the tenant, kept in the tenant configuration repo. Environments use it once Argo CD has synced it into Kubernetes.',
} as const satisfies KindSpec;

/** A cluster as this package sees it. */
export type Cluster = ObjectOfFields<typeof CLUSTER_FIELDS>;
