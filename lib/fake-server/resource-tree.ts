// The content of one product's default.project: k8s-style resource files by path, written as the real
// server writes them (nautes-api.md 5.1 and 5.2: JSON -> YAML, keys sorted, creationTimestamp: null).
import { parse, stringify } from 'yaml';
import { pipelineRuntimeSpec, seedRepoRef } from './pipeline-runtime-spec';
import type { SeedProduct, SeedRuntime } from './seed';

export const API_VERSION = 'nautes.resource.nautes.io/v1alpha1';

/** One resource file of default.project. */
export interface ResourceFile {
  apiVersion: string;
  kind: string;
  /** `namespace` only where a save wrote it (a validated runtime or pipeline runtime save: `product-<gid>`) */
  metadata: { creationTimestamp: null; name: string; namespace?: string };
  spec: Record<string, unknown>;
}

/** The files of a default.project, keyed by path (e.g. `runtimes/dr-dev.yaml`). */
export type ResourceTree = Map<string, ResourceFile>;

/** A new resource file of `kind`. */
export function resource(kind: string, name: string, spec: Record<string, unknown>): ResourceFile {
  return { apiVersion: API_VERSION, kind, metadata: { creationTimestamp: null, name }, spec };
}

/**
 * The first resource of that kind and name anywhere in the tree, in tree order (GetNode, nautes-api-resources.md
 * 1.3): names are unique per product, whatever the directory. One pass, no sort.
 */
export function findResource(
  tree: ResourceTree,
  kind: string,
  name: string,
): [string, ResourceFile] | undefined {
  let found: [string, ResourceFile] | undefined;
  for (const entry of tree)
    if (
      entry[1].kind === kind &&
      entry[1].metadata.name === name &&
      (!found || entry[0] < found[0])
    )
      found = entry;
  return found;
}

/** The spec of a runtime file, with the omitempty rules of the CRD type. */
export function runtimeSpec(
  productId: number,
  repoId: number,
  body: Omit<SeedRuntime, 'name'>,
): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (body.account) spec['account'] = body.account;
  // namespaces has no omitempty: an empty list is written as null
  spec['destination'] = {
    environment: body.destination.environment,
    namespaces: body.destination.namespaces.length ? [...body.destination.namespaces] : null,
  };
  const ms: Record<string, unknown> = { path: body.manifest_source.path };
  if (body.manifest_source.code_repo) ms['codeRepo'] = `repo-${repoId}`;
  if (body.manifest_source.target_revision)
    ms['targetRevision'] = body.manifest_source.target_revision;
  spec['manifestSource'] = ms;
  spec['product'] = `product-${productId}`;
  if (body.projects_ref.length) spec['projectsRef'] = [...body.projects_ref];
  return spec;
}

/** Builds the seeded tree of a product. */
export function seedTree(p: SeedProduct): ResourceTree {
  const tree: ResourceTree = new Map();
  const productId = `product-${p.groupId}`;
  for (const proj of p.projects)
    tree.set(
      `projects/${proj.name}/${proj.name}.yaml`,
      resource('Project', proj.name, { language: proj.language, product: productId }),
    );
  for (const env of p.environments)
    tree.set(
      `envs/${env.name}.yaml`,
      resource('Environment', env.name, {
        cluster: env.cluster,
        envType: env.envType,
        product: productId,
      }),
    );
  for (const repo of p.codeRepos) {
    const name = `repo-${repo.id}`;
    tree.set(
      `code-repos/${name}/${name}.yaml`,
      resource('CodeRepo', name, {
        codeRepoProvider: 'gitlab',
        product: productId,
        project: repo.project,
        repoName: repo.path,
      }),
    );
  }
  for (const b of p.bindings) {
    const repo = p.codeRepos.find((r) => r.path === b.codeRepo);
    const repoName = repo ? `repo-${repo.id}` : b.codeRepo;
    tree.set(
      `code-repos/${repoName}/${b.name}.yaml`,
      resource('CodeRepoBinding', b.name, {
        codeRepo: repoName,
        permissions: b.permissions,
        product: productId,
        projects: b.projects,
      }),
    );
  }
  for (const r of p.runtimes) {
    const repo = p.codeRepos.find((c) => c.path === r.manifest_source.code_repo);
    const file = resource('DeploymentRuntime', r.name, runtimeSpec(p.groupId, repo?.id ?? 0, r));
    // as a validated save through the API writes it (nautes-api.md 11.9)
    file.metadata.namespace = productId;
    tree.set(`runtimes/${r.name}.yaml`, file);
  }
  for (const r of p.pipelineRuntimes)
    tree.set(
      `projects/${r.project}/${r.name}.yaml`,
      resource('ProjectPipelineRuntime', r.name, pipelineRuntimeSpec(r, seedRepoRef(p))),
    );
  return tree;
}

/** A new runtime resource. */
export function runtimeResource(name: string, spec: Record<string, unknown>): ResourceFile {
  return resource('DeploymentRuntime', name, spec);
}

/**
 * Serializes a resource as sigs.k8s.io/yaml (yaml.v2) does: sorted keys, sequences not indented, and strings
 * that YAML 1.1 would read as another type (`yes`, `on`, `2024-01-01`) double-quoted (nautes-api.md 11.7).
 */
export function toYaml(value: unknown): string {
  return stringify(value, {
    version: '1.1',
    sortMapEntries: true,
    indentSeq: false,
    lineWidth: 0,
    nullStr: 'null',
  });
}

/** Reads back a resource file written by `toYaml` (a repository kept from an earlier run). */
export function fromYaml(text: string): ResourceFile {
  const doc = parse(text) as Partial<ResourceFile> | null;
  const metadata = (doc?.metadata ?? {}) as Partial<ResourceFile['metadata']>;
  return {
    apiVersion: String(doc?.apiVersion ?? ''),
    kind: String(doc?.kind ?? ''),
    metadata: {
      creationTimestamp: null,
      name: String(metadata.name ?? ''),
      ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    },
    spec: doc?.spec ?? {},
  };
}

/** `production/kustomization.yaml` of the seeded layout: every resource file, sorted. */
export function kustomization(tree: ResourceTree): string {
  return kustomizationOf([...tree.keys()].sort().map((p) => `../${p}`));
}

/**
 * The `production/kustomization.yaml` a product save writes into a new default.project: no resources yet,
 * and `resources` is omitempty in the Go type, so only these two lines (nautes-api-resources.md 2.3 step 4).
 */
export function emptyKustomization(): string {
  return toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
}

/** `production/kustomization.yaml` listing these entries in this order. */
export function kustomizationOf(resources: readonly string[]): string {
  return toYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
  });
}

/**
 * The entries after a change, as the real server keeps them (nautes-api.md 11.7): removed files leave the
 * list, a new file is appended after the existing entries (not sorted in).
 */
export function nextKustomizationEntries(
  current: readonly string[],
  tree: ResourceTree,
  changed: Iterable<string>,
): string[] {
  const next = current.filter((entry) => tree.has(entry.replace(/^\.\.\//, '')));
  for (const path of changed)
    if (tree.has(path) && !next.includes(`../${path}`)) next.push(`../${path}`);
  return next;
}

/** Files in the order the server walks the tree (paths sorted bytewise, like os.ReadDir). */
export function sortedEntries(tree: ResourceTree): Array<[string, ResourceFile]> {
  return [...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
