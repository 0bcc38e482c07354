// The global validation of default.project (nautes-api.md 2.2), skipped by insecure_skip_check.
// Written from the contract, not from lib/model: this server is the independent oracle.
// Where the real server's order is nondeterministic (Go map order) we check in tree order.
import { KratosFailure, plain500 } from './errors';
import { sortedEntries, type ResourceFile, type ResourceTree } from './resource-tree';
import type { Seed } from './seed';

/** A runtime of another product (rule i): its environment's name and the namespaces it sets explicitly. */
export interface ForeignRuntime {
  readonly productId: string;
  readonly environment: string;
  readonly namespaces: readonly string[];
}

type Spec = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const obj = (v: unknown): Spec => (v !== null && typeof v === 'object' ? (v as Spec) : {});

function byKind(tree: ResourceTree, kind: string): Array<[string, ResourceFile]> {
  return sortedEntries(tree).filter(([, f]) => f.kind === kind);
}

/**
 * The files in the real loader's node order: each directory's entries by name (os.ReadDir), except that a
 * file the change creates (`added`) was appended to its directory's list by InsertNodes, and a directory it
 * creates to its parent's: it comes after its siblings (nautes-api.md 11.5, "the new one last").
 */
function treeOrder(tree: ResourceTree, added: string | undefined): Array<[string, ResourceFile]> {
  const split = (p: string): string[] => p.split('/');
  const others = [...tree.keys()].filter((p) => p !== added).map(split);
  // the depth from which the added path's segments exist nowhere else
  let fresh = 0;
  if (added !== undefined) {
    const segs = split(added);
    while (
      fresh < segs.length &&
      others.some((o) => segs.slice(0, fresh + 1).every((s, i) => o[i] === s))
    )
      fresh++;
  }
  const compare = (a: string, b: string): number => {
    const sa = split(a);
    const sb = split(b);
    let k = 0;
    while (k < sa.length && k < sb.length && sa[k] === sb[k]) k++;
    if (a === added && k >= fresh) return 1;
    if (b === added && k >= fresh) return -1;
    const x = sa[k] ?? '';
    const y = sb[k] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...tree.entries()].sort(([a], [b]) => compare(a, b));
}

/** The namespaces a runtime sets explicitly (rule i counts only these, nautes-api.md 11.4). */
export function runtimeNamespaces(file: ResourceFile): string[] {
  return strs(obj(file.spec['destination'])['namespaces']);
}

/** Where each kind may sit (resources_layout.yaml: the directory and the level). */
const LAYOUT: Readonly<Record<string, RegExp>> = Object.assign(Object.create(null) as object, {
  DeploymentRuntime: /^runtimes\/[^/]+\.yaml$/,
  Environment: /^envs\/[^/]+\.yaml$/,
  Project: /^projects\/[^/]+\/[^/]+\.yaml$/,
  CodeRepo: /^code-repos\/[^/]+\/[^/]+\.yaml$/,
  CodeRepoBinding: /^code-repos\/[^/]+\/[^/]+\.yaml$/,
  ProjectPipelineRuntime: /^projects\/[^/]+\/[^/]+\.yaml$/,
});

/** The GitLab hook events a code repo's `webhook.events` may name (nodestree CheckGitHooks). */
const GITLAB_WEBHOOK_EVENTS: ReadonlySet<string> = new Set([
  'confidential_issues_events',
  'confidential_note_events',
  'deployment_events',
  'issues_events',
  'job_events',
  'merge_requests_events',
  'note_events',
  'pipeline_events',
  'push_events',
  'releases_events',
  'tag_push_events',
]);

/** The CodeRepoProvider CRs of the Kubernetes view (the seed's, `gitlab` when it names none). */
export function codeRepoProviders(seed: Seed): readonly string[] {
  return seed.codeRepoProviders ?? ['gitlab'];
}

const fileName = (path: string): string =>
  path.slice(path.lastIndexOf('/') + 1).replace(/\.yaml$/, '');

/** A Project's or CodeRepo's directory must be its name (nautes-api-resources.md 3.3, 5.6). */
function checkDirectory(path: string, name: string): void {
  const dir = path.split('/')[1] ?? '';
  if (dir !== name)
    throw plain500(
      `the resource directory name is inconsistent, the subdirectory name of ${name} resource should be ${name}, but now it is ${dir}`,
    );
}

/**
 * Throws the failure the real server would answer, or returns when the tree is valid.
 * @param kubernetes every runtime of the Kubernetes view (all products, this one as last pushed): rule i
 * @param added the path of a file the change creates (it comes last in its directory, see `treeOrder`)
 */
export function validateTree(
  tree: ResourceTree,
  productId: string,
  seed: Seed,
  kubernetes: readonly ForeignRuntime[],
  added?: string,
  deployed: () => DeployedView = () => NOTHING_DEPLOYED,
): void {
  const entries = treeOrder(tree, added);
  const ofKind = (kind: string): Array<[string, ResourceFile]> =>
    entries.filter(([, f]) => f.kind === kind);
  // 1. repeat names: same kind+name twice in one directory
  const seen = new Set<string>();
  for (const [path, f] of entries) {
    const key = `${path.slice(0, path.lastIndexOf('/'))}|${f.kind}|${f.metadata.name}`;
    if (seen.has(key))
      throw plain500(
        `there are duplicate resources in the directory ${path.slice(0, path.lastIndexOf('/'))}: ${f.kind} ${f.metadata.name}`,
      );
    seen.add(key);
  }
  // 2. layout: each kind at its level in its directory (resources_layout.yaml)
  for (const [path, f] of entries) {
    const where = LAYOUT[f.kind];
    if (where && !where.test(path))
      throw plain500(
        `the resource ${path} is not consistent with the template layout, please check the resource path`,
      );
  }

  const envs = new Map(ofKind('Environment').map(([, f]) => [f.metadata.name, f]));
  const projects = new Set(ofKind('Project').map(([, f]) => f.metadata.name));
  const codeRepos = new Map(ofKind('CodeRepo').map(([, f]) => [f.metadata.name, f]));
  const bindings = ofKind('CodeRepoBinding').map(([, f]) => f);

  // 3. every kind's CheckReference, in tree order of the directories: code-repos, envs, projects, runtimes
  // (nautes-api-resources.md 5.6, 6.5, 4.3, 3.3; the real order is Go map order)
  for (const [path, repo] of ofKind('CodeRepo')) {
    const name = repo.metadata.name;
    const repoName = str(repo.spec['repoName']);
    checkDirectory(path, name);
    if (str(repo.spec['product']) !== productId)
      throw plain500(
        `the product name of resource ${repoName} does not match the current product name, expected product is ${productId}, but now is ${str(repo.spec['product'])}`,
      );
    // "git type cannot be empty" cannot happen: this server is always in gitlab mode
    const webhook = repo.spec['webhook'];
    if (webhook !== null && webhook !== undefined)
      for (const event of strs(obj(webhook)['events']))
        if (event && !GITLAB_WEBHOOK_EVENTS.has(event))
          throw plain500(
            `invalid webhook ${event} please refer to gitlab api documentation: https://docs.gitlab.com/ee/api/projects.html#edit-project-hook`,
          );
    const project = str(repo.spec['project']);
    if (project && !projects.has(project))
      throw plain500(
        `during global validation, it was found that Project '${project}' does not exist or is unavailable. Please check CodeRepo '${repoName}' in directory 'code-repos/${name}'`,
      );
    // a Get of the CR named by spec.codeRepoProvider in the tenant namespace (an empty name fails too)
    const provider = str(repo.spec['codeRepoProvider']);
    if (!codeRepoProviders(seed).includes(provider))
      throw plain500(
        provider
          ? `codeRepoProvider ${provider} is an invalid resource, err: coderepoproviders.nautes.resource.nautes.io "${provider}" not found`
          : `codeRepoProvider  is an invalid resource, err: resource name may not be empty`,
      );
  }
  for (const b of bindings) {
    const repo = str(b.spec['codeRepo']);
    if (!codeRepos.has(repo))
      throw plain500(
        `the authorization repository ${repo} does not exist when checking CodeRepoBinding ${b.metadata.name}`,
      );
    for (const p of strs(b.spec['projects']))
      if (!projects.has(p)) throw plain500(`project resource ${p} does not exist or is invalid`);
  }
  // environments: product, a Cluster CR (the seed's clusters are the Kubernetes view), one cluster each
  const envEntries = ofKind('Environment');
  for (const [i, [, env]] of envEntries.entries()) {
    const product = str(env.spec['product']);
    if (product !== productId)
      throw plain500(
        `the product name of resource ${env.metadata.name} does not match the current product name, expected is ${productId}, but now is ${product}`,
      );
    const cluster = str(env.spec['cluster']);
    if (!seed.clusters.some((c) => c.name === cluster))
      throw plain500(
        `during global validation, it was found that Cluster '${cluster}' does not exist or is unavailable. Please check Environment '${env.metadata.name}' in directory 'envs'err: clusters.nautes.resource.nautes.io "${cluster}" not found`,
      );
    // every environment's check compares all pairs; the first environment's finds a pair first
    if (i === 0)
      for (const [a, [pathA, envA]] of envEntries.entries())
        for (const [pathB, envB] of envEntries.slice(a + 1))
          // the real message, typo included (nautes-api-resources.md 4.3): file names without .yaml
          if (str(envA.spec['cluster']) === str(envB.spec['cluster']))
            throw plain500(
              `duplicate reference cluster resources sbetween resource ${fileName(pathA)} and resource ${fileName(pathB)}`,
            );
  }
  for (const [path, project] of ofKind('Project')) {
    const name = project.metadata.name;
    checkDirectory(path, name);
    const product = str(project.spec['product']);
    // the trailing space is the real message's
    if (product !== productId)
      throw plain500(
        `the product name of resource ${name} does not match the current product name, expected ${productId}, but now is ${product} `,
      );
  }

  // pipeline runtimes live under projects/: checked after the projects (nautes-api-resources.md 7.5)
  checkPipelineRuntimes(tree, productId, seed, deployed, { envs, projects, codeRepos, bindings });

  const runtimes = ofKind('DeploymentRuntime');
  // rule e is one pass over all pairs (compare, i < j), run inside every runtime's check after its rule d:
  // so the first pair in node order fails the check of whichever runtime gets there first
  const duplicate = firstDuplicatePair(runtimes);
  // rule i reads every runtime of the Kubernetes view; resolving one's environment by name in this tree
  // fails for a name it lacks, and that error is thrown away with the whole computation: no check at all
  const namespaceCheck = kubernetes.every((k) => envs.has(k.environment));
  for (const [, dr] of runtimes) {
    const name = dr.metadata.name;
    const spec = dr.spec;
    const ms = obj(spec['manifestSource']);
    const dest = obj(spec['destination']);
    const env = str(dest['environment']);
    const codeRepo = str(ms['codeRepo']);
    // a (the trailing space is the real message's)
    if (str(spec['product']) !== productId)
      throw plain500(
        `the product name of resource ${name} does not match the current product name, expected ${productId}, but now is ${str(spec['product'])} `,
      );
    // b
    for (const p of strs(spec['projectsRef']))
      if (p && !projects.has(p))
        throw plain500(
          `the referenced project ${p} by the deployment runtime ${name} does not exist while verifying the validity of the global template`,
        );
    // c
    if (!envs.has(env))
      throw new KratosFailure(
        500,
        'RESOURCE_NOT_EXIST',
        `During global validation, it was found that ${env} 'Environment' does not exist or is unavailable. Please check resource path of default project: runtimes/${name}`,
      );
    // d
    if (!codeRepos.has(codeRepo))
      throw new KratosFailure(
        500,
        'RESOURCE_NOT_EXIST',
        `During global validation, it was found that ${codeRepo} 'CodeRepo' does not exist or is unavailable. Please check resource path of default project: runtimes/${name}, err: failed to get codeRepo ${codeRepo}`,
      );
    // e: node names (file names without .yaml), in node order
    if (duplicate)
      throw plain500(
        `duplicate reference found between resource ${duplicate[0]} and resource ${duplicate[1]}`,
      );
    // f
    const clusterName = str((envs.get(env) as ResourceFile).spec['cluster']);
    const cluster = seed.clusters.find((c) => c.name === clusterName);
    if (!cluster)
      throw plain500(`verify deployment runtime failed, err: cluster ${clusterName} not found`);
    if (cluster.usage !== 'worker' || cluster.workerType !== 'deployment')
      throw plain500('verify deployment runtime failed, err: cluster is not a deployment cluster');
    // g
    for (const ns of strs(dest['namespaces']))
      if (cluster.componentNamespaces.includes(ns))
        throw plain500(
          `verify deployment runtime failed, err: deployment runtime can not use component namespace ${ns}`,
        );
    // i: the runtimes of other products whose environment, resolved by name in THIS product's tree (the
    // validate client ignores the product), is on this cluster; their explicit namespaces, per product
    if (namespaceCheck) {
      const mine = new Set(runtimeNamespaces(dr));
      const byProduct = new Map<string, Set<string>>();
      for (const k of kubernetes) {
        const cluster = str((envs.get(k.environment) as ResourceFile).spec['cluster']);
        if (k.productId === productId || cluster !== clusterName) continue;
        const set = byProduct.get(k.productId) ?? new Set<string>();
        for (const n of k.namespaces) set.add(n);
        byProduct.set(k.productId, set);
      }
      // one entry per product that uses it (the real order is Go map order: here product, then first use)
      const clash = [...byProduct.values()].flatMap((used) => [...used].filter((n) => mine.has(n)));
      if (clash.length)
        throw plain500(
          `verify deployment runtime failed, err: namespaces [${clash.join('|')}] is used by other product`,
        );
    }
    // j
    const repoFile = codeRepos.get(codeRepo) as ResourceFile;
    const illegal: string[] = [];
    for (const p of strs(spec['projectsRef'])) {
      const owned =
        str(repoFile.spec['project']) === p && str(repoFile.spec['product']) === productId;
      const granted = bindings.some(
        (b) =>
          str(b.spec['codeRepo']) === codeRepo &&
          (strs(b.spec['projects']).length === 0 || strs(b.spec['projects']).includes(p)),
      );
      if (!owned && !granted)
        illegal.push(`project ${p} is illegal: not permitted to use repository ${codeRepo}`);
    }
    if (illegal.length)
      throw plain500(`verify deployment runtime failed, err: ${illegal.join('; ')}`);
  }
}

/** One runtime as Kubernetes holds it (every product's, both kinds): pipeline runtime rule 11. */
export interface DeployedRuntime {
  readonly kind: 'DeploymentRuntime' | 'ProjectPipelineRuntime';
  /** the in-cluster namespace of the runtime object: `product-<gid>` */
  readonly product: string;
  readonly name: string;
  readonly environment: string;
  /** GetNamespaces: what it deploys into (its name when it names none) */
  readonly namespaces: readonly string[];
}

/**
 * What Kubernetes holds of the products' default.project (as Argo CD synced it): the runtimes and the
 * environments (`spec.product` -> environment name -> cluster), in list order.
 */
export interface DeployedView {
  readonly runtimes: readonly DeployedRuntime[];
  readonly environments: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const NOTHING_DEPLOYED: DeployedView = { runtimes: [], environments: new Map() };

/**
 * The Kubernetes view of runtimes and environments: every product's committed default.project, as if Argo
 * CD synced each push at once (a change being validated is not in it yet). Deployment runtimes first, then
 * pipeline runtimes, as GetRuntimes lists them.
 */
export function deployedViewOf(
  states: Iterable<{ readonly seed: { readonly groupId: number }; readonly tree: ResourceTree }>,
): DeployedView {
  const deploymentRuntimes: DeployedRuntime[] = [];
  const pipelineRuntimes: DeployedRuntime[] = [];
  const environments = new Map<string, Map<string, string>>();
  for (const { seed, tree } of states) {
    const product = `product-${seed.groupId}`;
    for (const [, f] of sortedEntries(tree)) {
      const dest = obj(f.spec['destination']);
      const environment = str(dest['environment']);
      const name = f.metadata.name;
      if (f.kind === 'Environment') {
        const owner = str(f.spec['product']);
        const envs = environments.get(owner) ?? new Map<string, string>();
        envs.set(name, str(f.spec['cluster']));
        environments.set(owner, envs);
      } else if (f.kind === 'DeploymentRuntime') {
        const namespaces = strs(dest['namespaces']);
        deploymentRuntimes.push({
          kind: f.kind,
          product,
          name,
          environment,
          namespaces: namespaces.length ? namespaces : [name],
        });
      } else if (f.kind === 'ProjectPipelineRuntime')
        pipelineRuntimes.push({
          kind: f.kind,
          product,
          name,
          environment,
          namespaces: [str(dest['namespace']) || name],
        });
    }
  }
  return { runtimes: [...deploymentRuntimes, ...pipelineRuntimes], environments };
}

/** The `pipeline` component of a cluster in the Kubernetes view ('' = none). */
export function pipelineComponentOf(cluster: Seed['clusters'][number]): string {
  if (cluster.pipelineComponent !== undefined) return cluster.pipelineComponent;
  return cluster.usage === 'worker' && cluster.workerType === 'pipeline' ? 'tekton' : '';
}

const list = (v: unknown): Spec[] => (Array.isArray(v) ? v.map(obj) : []);
const isObject = (v: unknown): boolean => v !== null && typeof v === 'object';

/** The pipeline runtime's StaticCheck (rule 7): the reason, or undefined. */
function staticProblem(spec: Spec): string | undefined {
  const sources = new Set<string>();
  for (const es of list(spec['eventSources'])) {
    const name = str(es['name']);
    if (sources.has(name)) return `event source ${name} is duplicate`;
    sources.add(name);
  }
  const pipelines = new Set<string>();
  for (const p of list(spec['pipelines'])) {
    const name = str(p['name']);
    if (pipelines.has(name)) return `pipeline ${name} is duplicate`;
    pipelines.add(name);
  }
  const git = obj(spec['additionalResources'])['git'];
  if (isObject(git) && !str(obj(git)['codeRepo']) && !str(obj(git)['url']))
    return 'code repo and url can not be empty at the same time';
  const tags = new Set<string>();
  for (const t of list(spec['pipelineTriggers'])) {
    const [source, pipeline, revision] = [t['eventSource'], t['pipeline'], t['revision']].map(str);
    if (!sources.has(source as string))
      return `found non-existent event source ${source} in trigger`;
    if (!pipelines.has(pipeline as string))
      return `found non-existent pipeline ${pipeline} in trigger`;
    const tag = `${source}|${pipeline}|${revision}`;
    if (tags.has(tag))
      return `trigger is duplicate, event source ${source}, pipeline ${pipeline}, trigger ${revision}`;
    tags.add(tag);
  }
  for (const t of list(spec['pipelineTriggers']))
    for (const input of list(t['inputs'])) {
      const source = obj(input['source']);
      const builtIn = typeof source['builtInVar'] === 'string';
      const fromEvent = typeof source['fromEvent'] === 'string';
      if (!builtIn && !fromEvent)
        return 'builtInVar and fromEvent cannot be empty at the same time';
      if (builtIn && fromEvent) return 'both builtInVar and fromEvent has value';
      if (!isObject(obj(input['transmissionMethod'])['kustomization']))
        return 'transmission method can not be nil';
    }
  return undefined;
}

/**
 * The whole-tree rules of every ProjectPipelineRuntime (nautes-api-resources.md 7.5: CheckReference, then
 * Validate), in tree order. The Kubernetes reads: the Cluster CRs (the seed's clusters), the deployed
 * runtimes and environments (`deployed`), and the hooks ConfigMap, which does not exist here: every hook
 * is unknown.
 */
function checkPipelineRuntimes(
  tree: ResourceTree,
  productId: string,
  seed: Seed,
  deployed: () => DeployedView,
  known: {
    readonly envs: ReadonlyMap<string, ResourceFile>;
    readonly projects: ReadonlySet<string>;
    readonly codeRepos: ReadonlyMap<string, ResourceFile>;
    readonly bindings: readonly ResourceFile[];
  },
): void {
  const { envs, projects, codeRepos, bindings } = known;
  const all = byKind(tree, 'ProjectPipelineRuntime').map(([, f]) => f);
  // read from "Kubernetes" only when a pipeline runtime needs it (it walks every product)
  let view: DeployedView | undefined;
  // hasCodeRepoPermission: the repo's own project, or a binding of it (any product) for this project
  const permission = (project: string, repo: string): string | undefined => {
    const file = codeRepos.get(repo);
    if (!file) return `node ${repo} not found`;
    if (str(file.spec['product']) === productId && str(file.spec['project']) === project)
      return undefined;
    for (const b of bindings) {
      if (str(b.spec['codeRepo']) !== repo) continue;
      const scope = strs(b.spec['projects']);
      if (scope.length === 0 || scope.includes(project)) return undefined;
    }
    return `not permitted to use repository ${repo}`;
  };
  for (const ppr of all) {
    const name = ppr.metadata.name;
    const spec = ppr.spec;
    const project = str(spec['project']);
    const dest = obj(spec['destination']);
    const env = str(dest['environment']);
    const pipelineSource = str(spec['pipelineSource']);
    const missing = (kind: string, x: string): KratosFailure =>
      plain500(
        `during global validation, it was found that ${kind} '${x}' does not exist or is unavailable. Please check ProjectPipelineRuntime '${name}' in directory 'projects/${project}'`,
      );
    // 1: the misleading text is the real one
    const paths = list(spec['pipelines']).map((p) => str(p['path']));
    if (new Set(paths).size !== paths.length)
      throw plain500(
        `ProjectPipelineRuntime ${name} uses the same code repository for both codeSource and pipelineSource under ${project} directory, as found in the global validation`,
      );
    // 2-5
    if (!projects.has(project)) throw missing('Project', project);
    if (!envs.has(env)) throw missing('Environment', env);
    if (!codeRepos.has(pipelineSource)) throw missing('CodeRepo', pipelineSource);
    const gitlabSources = list(spec['eventSources'])
      .filter((es) => isObject(es['gitlab']))
      .map((es) => str(obj(es['gitlab'])['repoName']));
    for (const repo of gitlabSources) if (!codeRepos.has(repo)) throw missing('CodeRepo', repo);
    // 6: every pair of the product, the first in tree order named first
    for (const [i, a] of all.entries())
      for (const b of all.slice(i + 1)) {
        const [da, db] = [obj(a.spec['destination']), obj(b.spec['destination'])];
        const pathsOf = (f: ResourceFile): string[] =>
          list(f.spec['pipelines']).map((p) => str(p['path']));
        if (
          str(a.spec['pipelineSource']) === str(b.spec['pipelineSource']) &&
          str(da['environment']) === str(db['environment']) &&
          str(da['namespace']) === str(db['namespace']) &&
          pathsOf(a).some((p) => pathsOf(b).includes(p))
        )
          throw plain500(
            `duplicate reference found between resource ${a.metadata.name} and resource ${b.metadata.name}`,
          );
      }
    // 7-14: Validate, every failure wrapped
    const fail = (why: string): KratosFailure =>
      plain500(`verify project pipeline runtime failed, err: ${why}`);
    const problem = staticProblem(spec);
    if (problem) throw fail(problem);
    // 8: the environment from the tree, its Cluster CR from Kubernetes
    const clusterName = str((envs.get(env) as ResourceFile).spec['cluster']);
    const cluster = seed.clusters.find((c) => c.name === clusterName);
    if (!cluster)
      throw fail(
        `get cluster by runtime failed: clusters.nautes.resource.nautes.io "${clusterName}" not found`,
      );
    if (cluster.usage !== 'worker' || cluster.workerType !== 'pipeline')
      throw fail('cluster is not a pipeline cluster');
    // 9, 10
    const denied = permission(project, pipelineSource);
    if (denied) throw fail(denied);
    const git = obj(spec['additionalResources'])['git'];
    const extra = isObject(git) ? str(obj(git)['codeRepo']) : '';
    if (extra) {
      const why = permission(project, extra);
      if (why) throw fail(`pipeline can not use code repo ${extra} in additional resource: ${why}`);
    }
    // 11: every deployed runtime but this one; an unresolvable product or environment is an error
    const namespace = str(dest['namespace']) || name;
    let used = false;
    view ??= deployed();
    for (const rt of view.runtimes) {
      if (rt.kind === 'ProjectPipelineRuntime' && rt.product === productId && rt.name === name)
        continue;
      const at = view.environments.get(rt.product);
      const where = `get used namespaces in cluster ${clusterName} failed`;
      if (!at) throw fail(`${where}: product ${rt.product} not found`);
      const onCluster = at.get(rt.environment);
      if (onCluster === undefined) throw fail(`${where}: environment ${rt.environment} not found`);
      if (onCluster === clusterName && rt.namespaces.includes(namespace)) used = true;
    }
    if (used) throw fail(`namespace ${namespace} is used by other runtime`);
    // 12 is collected here and reported last
    const illegal = gitlabSources
      .filter(Boolean)
      .map((repo) => permission(project, repo))
      .filter((why): why is string => why !== undefined);
    // 13
    if (!pipelineComponentOf(cluster)) throw fail('cluster component pipeline is empty');
    // 14: no nautes-hooks-metadata ConfigMap, so no hook is known
    const hooks = spec['hooks'];
    if (isObject(hooks))
      for (const key of ['preHooks', 'postHooks'])
        for (const hook of list(obj(hooks)[key]))
          throw fail(`hook is illegal: unknown hook ${str(hook['name'])}`);
    if (illegal.length) throw fail(illegal.join('; '));
  }
}
/** Rule e's `compare`: the first pair (i < j) in node order with one product, environment and manifest. */
function firstDuplicatePair(runtimes: Array<[string, ResourceFile]>): [string, string] | undefined {
  const key = ([, f]: [string, ResourceFile]): string => {
    const ms = obj(f.spec['manifestSource']);
    return JSON.stringify([
      str(f.spec['product']),
      str(obj(f.spec['destination'])['environment']),
      str(ms['codeRepo']),
      str(ms['targetRevision']),
      str(ms['path']),
    ]);
  };
  const keys = runtimes.map(key);
  for (let i = 0; i < runtimes.length; i++) {
    const j = keys.indexOf(keys[i] as string, i + 1);
    if (j >= 0) return [fileName(runtimes[i]?.[0] ?? ''), fileName(runtimes[j]?.[0] ?? '')];
  }
  return undefined;
}
