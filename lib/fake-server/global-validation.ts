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

/** Throws the failure the real server would answer, or returns when the tree is valid. */
export function validateTree(
  tree: ResourceTree,
  productId: string,
  seed: Seed,
  foreign: readonly ForeignRuntime[],
  changed?: string,
): void {
  // 1. repeat names: same kind+name twice in one directory
  const seen = new Set<string>();
  for (const [path, f] of sortedEntries(tree)) {
    const key = `${path.slice(0, path.lastIndexOf('/'))}|${f.kind}|${f.metadata.name}`;
    if (seen.has(key))
      throw plain500(
        `there are duplicate resources in the directory ${path.slice(0, path.lastIndexOf('/'))}: ${f.kind} ${f.metadata.name}`,
      );
    seen.add(key);
  }
  // 2. layout: each kind at its level in its directory (resources_layout.yaml)
  for (const [path, f] of sortedEntries(tree)) {
    const where = LAYOUT[f.kind];
    if (where && !where.test(path))
      throw plain500(
        `the resource ${path} is not consistent with the template layout, please check the resource path`,
      );
  }

  const envs = new Map(byKind(tree, 'Environment').map(([, f]) => [f.metadata.name, f]));
  const projects = new Set(byKind(tree, 'Project').map(([, f]) => f.metadata.name));
  const codeRepos = new Map(byKind(tree, 'CodeRepo').map(([, f]) => [f.metadata.name, f]));
  const bindings = byKind(tree, 'CodeRepoBinding').map(([, f]) => f);

  // 3. every kind's CheckReference, in tree order of the directories: code-repos, envs, projects, runtimes
  // (nautes-api-resources.md 5.6, 6.5, 4.3, 3.3; the real order is Go map order)
  for (const [path, repo] of byKind(tree, 'CodeRepo')) {
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
  const envEntries = byKind(tree, 'Environment');
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
  for (const [path, project] of byKind(tree, 'Project')) {
    const name = project.metadata.name;
    checkDirectory(path, name);
    const product = str(project.spec['product']);
    // the trailing space is the real message's
    if (product !== productId)
      throw plain500(
        `the product name of resource ${name} does not match the current product name, expected ${productId}, but now is ${product} `,
      );
  }

  const runtimes = byKind(tree, 'DeploymentRuntime');
  // rule e by a map of destinations seen so far (linear; the first of a pair is named first)
  const seenDestinations = new Map<string, string>();
  for (const [, dr] of runtimes) {
    const name = dr.metadata.name;
    const spec = dr.spec;
    const ms = obj(spec['manifestSource']);
    const dest = obj(spec['destination']);
    const env = str(dest['environment']);
    const codeRepo = str(ms['codeRepo']);
    // a
    if (str(spec['product']) !== productId)
      throw plain500(
        `the product name of resource ${name} does not match the current product name, expected ${productId}, but now is ${str(spec['product'])}`,
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
    // e
    const destination = JSON.stringify([
      str(spec['product']),
      env,
      codeRepo,
      str(ms['targetRevision']),
      str(ms['path']),
    ]);
    const other = seenDestinations.get(destination);
    // runtime names without .yaml, the one being saved last (nautes-api.md 11.5)
    if (other !== undefined) {
      const [first, last] = other === changed ? [name, other] : [other, name];
      throw plain500(`duplicate reference found between resource ${first} and resource ${last}`);
    }
    seenDestinations.set(destination, name);
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
    // i
    // other products' runtimes: their environment is resolved by name in THIS product's tree; a name that
    // does not resolve is skipped (the real server throws that error away)
    const mine = runtimeNamespaces(dr);
    const used = foreign
      .filter(
        (f) =>
          f.productId !== productId &&
          envs.has(f.environment) &&
          str((envs.get(f.environment) as ResourceFile).spec['cluster']) === clusterName,
      )
      .flatMap((f) => f.namespaces);
    const clash = mine.filter((n) => used.includes(n));
    if (clash.length)
      throw plain500(
        `verify deployment runtime failed, err: namespaces [${clash.join('|')}] is used by other product`,
      );
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
