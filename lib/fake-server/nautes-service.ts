// What the Nautes API server does on each deployment-runtime call, in the order of nautes-api.md 2.1/2.4.
import { join } from 'node:path';
import { CloneDirs } from './clone-dirs';
import { KratosFailure, plain500 } from './errors';
import type { FaultInjector } from './faults';
import { GitRepo } from './git-repo';
import { GITLAB_URL, GitLab, GitLabCallError, type GitLabUser } from './gitlab';
import {
  deployedViewOf,
  runtimeNamespaces,
  validateTree,
  type ForeignRuntime,
} from './global-validation';
import { contains, matchesSelector, type SelectorRule, type SelectorRules } from './selector';
import type { DecodedBody } from './request-body';
import {
  runtimeResource,
  runtimeSpec,
  seedTree,
  sortedEntries,
  toYaml,
  type ResourceFile,
  type ResourceTree,
} from './resource-tree';
import type { Seed, SeedProduct } from './seed';
import { kubernetesViewOf, seededClusterFiles } from './cluster-service';
import { TenantRepo } from './tenant-repo';

/** A runtime as the GET/list reply shows it (key order as the server emits it). */
export interface RuntimeReply {
  product: string;
  name: string;
  projects_ref: string[];
  manifest_source: { code_repo: string; target_revision: string; path: string };
  destination: { environment: string; namespaces: string[] };
  account: string;
}

/** One product's default.project: its GitLab group (edited in place by a product save), files, repository. */
export interface ProductState {
  readonly seed: SeedProduct;
  tree: ResourceTree;
  readonly repo: GitRepo | undefined;
  lock: Promise<unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** The state and behaviour of the stand-in Nautes server. */
export class NautesService {
  readonly gitlab: GitLab;
  /** by GitLab group id: a product save may rename a group's path, never its id */
  private readonly products = new Map<number, ProductState>();
  /**
   * The stand-in Vault: cluster name -> kubeconfig (a physical cluster's save). In memory only: never on
   * disk, in git, in a reply or a log.
   */
  readonly vault = new Map<string, string>();

  private constructor(
    readonly seed: Seed,
    private readonly faults: FaultInjector,
    private readonly cloneDirs: CloneDirs,
    /** where each product's default.project repository lives (undefined: in memory) */
    readonly dataDir: string | undefined,
    /** the PATH git is found on */
    readonly searchPath: string,
    /** the tenant configuration repository (clusters) */
    readonly tenant: TenantRepo,
  ) {
    this.gitlab = new GitLab(seed);
  }

  /** Builds the state; with a data dir each default.project is a git repository under it. */
  static async create(
    seed: Seed,
    faults: FaultInjector,
    dataDir: string | undefined,
    cloneDirs = new CloneDirs(false),
    searchPath = '/usr/bin:/bin',
    log: (line: string) => void = () => undefined,
  ): Promise<NautesService> {
    // the GitLab model edits its groups in place: a copy, so a caller's seed object never changes
    const own = structuredClone(seed);
    const { repo: tenant, existed } = await TenantRepo.open(
      dataDir ? join(dataDir, '.tenant', 'tenant-config') : undefined,
      seededClusterFiles(own.clusters),
      searchPath,
    );
    // a tenant repository kept from an earlier run is what Argo CD synced: the Kubernetes view follows it
    if (existed) {
      const seeded = new Map(own.clusters.map((c) => [c.name, c]));
      own.clusters = [...tenant.files.values()].map((text) => {
        const view = kubernetesViewOf(text);
        return kubernetesViewOf(text, seeded.get(view.name));
      });
    }
    const svc = new NautesService(own, faults, cloneDirs, dataDir, searchPath, tenant);
    for (const p of own.products) {
      const repo = dataDir
        ? new GitRepo(join(dataDir, p.path, 'default.project'), searchPath)
        : undefined;
      // a repository kept from an earlier run keeps its history; only a missing one is seeded
      const tree = repo ? await repo.openOrInit(seedTree(p), log) : seedTree(p);
      svc.products.set(p.groupId, { seed: p, tree, repo, lock: Promise.resolve() });
    }
    return svc;
  }

  private stateByPath(product: string): ProductState | undefined {
    for (const st of this.products.values()) if (st.seed.path === product) return st;
    return undefined;
  }

  /** The git repository of a product's default.project, by group path (undefined without a data dir). */
  repoOf(product: string): GitRepo | undefined {
    return this.stateByPath(product)?.repo;
  }

  /** The current resource files of a product, by group path (for tests and the demo). */
  treeOf(product: string): ReadonlyMap<string, ResourceFile> | undefined {
    return this.stateByPath(product)?.tree;
  }

  /** The default.project of a group, if it has one here. */
  stateOf(group: SeedProduct): ProductState | undefined {
    return this.products.get(group.groupId);
  }

  /** Every product's state (for the repository directories in use). */
  states(): Iterable<ProductState> {
    return this.products.values();
  }

  /** Registers the default.project of a group a product save just created. */
  addProduct(state: ProductState): void {
    this.products.set(state.seed.groupId, state);
  }

  /** Forgets the default.project of a deleted group (under its lock, so no write is in flight). */
  async removeProduct(group: SeedProduct): Promise<void> {
    const state = this.products.get(group.groupId);
    if (!state) return;
    const run = async (): Promise<void> => {
      this.products.delete(group.groupId);
      await state.repo?.remove();
    };
    const next = state.lock.then(run, run);
    state.lock = next.catch(() => undefined);
    await next;
  }

  /** Claims this second's clone directory for a call that clones outside `clone` (a new product). */
  claimClone(product: string): () => void {
    return this.cloneDirs.claim(product);
  }

  /** A failed GitLab call as the API answers it: 404 as `notFound` says, 403 NO_AUTHORIZATION, else a plain 500. */
  gitlabFailure(e: unknown, notFound: (inner: string) => KratosFailure): KratosFailure {
    if (!(e instanceof GitLabCallError)) return plain500(String(e));
    if (e.status === 404) return notFound(e.message);
    if (e.status === 403) return new KratosFailure(403, 'NO_AUTHORIZATION', e.message);
    return plain500(e.message);
  }

  /** `GET /groups/<product>` of every call under a product: 404 GROUP_NOT_FOUND (double wrapped on a list). */
  lookupGroup(token: string, product: string, op: 'list' | 'other'): SeedProduct {
    try {
      return this.gitlab.group(token, product);
    } catch (e) {
      throw this.gitlabFailure(e, (inner) =>
        op === 'list'
          ? new KratosFailure(
              404,
              'GROUP_NOT_FOUND',
              `error: code = 404 reason = GROUP_NOT_FOUND message = failed to get group, err: ${inner} metadata = map[] cause = <nil>`,
            )
          : new KratosFailure(404, 'GROUP_NOT_FOUND', `failed to get group, err: ${inner}`),
      );
    }
  }

  /** `GET /projects/<group>/default.project`: 404 PROJECT_NOT_FOUND (another text on a list). */
  lookupDefaultProject(token: string, group: SeedProduct, op: 'list' | 'other'): void {
    try {
      this.gitlab.defaultProject(token, group);
    } catch (e) {
      throw this.gitlabFailure(e, (inner) =>
        op === 'list'
          ? new KratosFailure(
              404,
              'PROJECT_NOT_FOUND',
              `${group.path} is non product, missing metadata`,
            )
          : new KratosFailure(404, 'PROJECT_NOT_FOUND', `failed to get project, err: ${inner}`),
      );
    }
  }

  /** `GET /user` and the clone of default.project into this second's directory; call `release` when done. */
  clone(
    token: string,
    group: SeedProduct,
  ): { user: GitLabUser; state: ProductState; release: () => void } {
    const release = this.cloneDirs.claim(group.path);
    try {
      return { ...this.cloneAs(token, group), release };
    } catch (e) {
      release();
      throw e;
    }
  }

  private cloneAs(token: string, group: SeedProduct): { user: GitLabUser; state: ProductState } {
    let user: GitLabUser;
    try {
      user = this.gitlab.user(token, 'user');
    } catch (e) {
      throw plain500(`failed to get current user, err: ${(e as Error).message}`);
    }
    if (!this.gitlab.canClone(group, user))
      throw plain500(
        `failed to clone repository, the repository url: ${GITLAB_URL}/${group.path}/default.project.git, err: exit status 128`,
      );
    const state = this.products.get(group.groupId);
    if (!state)
      throw plain500(
        `failed to clone repository, the repository url: ${GITLAB_URL}/${group.path}/default.project.git, err: repository not found`,
      );
    return { user, state };
  }

  /**
   * A runtime file as the reply shows it, converted back through GitLab as the real service does
   * (`convertProductAndRepoName`, nautes-api.md 2.4 and 11.9): the code repo first (`GET /projects/<id>`,
   * any failure a plain 500 with the inner error's text), then the product (`GET /groups/<id>`, whose
   * kratos errors come back as they are: 404 GROUP_NOT_FOUND, 403 NO_AUTHORIZATION).
   */
  private toReply(token: string, file: ResourceFile): RuntimeReply {
    const spec = file.spec;
    const ms = obj(spec['manifestSource']);
    const dest = obj(spec['destination']);
    const name = file.metadata.name;
    const codeRepo = str(ms['codeRepo']);
    if (!codeRepo)
      throw plain500(`the codeRepo field value of deploymentruntime ${name} should not be empty`);
    const repoId = extractNumber('repo-', codeRepo);
    if (typeof repoId !== 'number')
      throw plain500(
        `the codeRepo name ${codeRepo} is illegal and must be in the format 'repo-ID'`,
      );
    let repoName: string;
    try {
      repoName = this.gitlab.projectNameById(token, repoId);
    } catch (e) {
      // GetCodeRepo's kratos error, formatted with %v into a plain error
      const inner =
        e instanceof GitLabCallError && e.status === 404
          ? `error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: ${e.message} metadata = map[] cause = <nil>`
          : e instanceof GitLabCallError && e.status === 403
            ? `error: code = 403 reason = NO_AUTHORIZATION message = no permission to get project, err: ${e.message} metadata = map[] cause = <nil>`
            : (e as Error).message;
      throw plain500(
        `failed to convert codeRepo name ${codeRepo} to repository name, err: ${inner}`,
      );
    }
    const product = str(spec['product']);
    if (!product)
      throw plain500(`the product field value of deploymentruntime ${name} should not be empty`);
    const groupId = extractNumber('product-', product);
    if (typeof groupId !== 'number') throw plain500(groupId.problem);
    let productName: string;
    try {
      const g = this.gitlab.group(token, String(groupId));
      productName = g.name ?? g.path;
    } catch (e) {
      throw this.gitlabFailure(
        e,
        (inner) => new KratosFailure(404, 'GROUP_NOT_FOUND', `failed to get group, err: ${inner}`),
      );
    }
    return {
      product: productName,
      name,
      projects_ref: strs(spec['projectsRef']),
      manifest_source: {
        code_repo: repoName,
        target_revision: str(ms['targetRevision']),
        path: str(ms['path']),
      },
      destination: { environment: str(dest['environment']), namespaces: strs(dest['namespaces']) },
      account: str(spec['account']),
    };
  }

  /** GET .../deploymentruntimes */
  list(token: string, product: string, fieldSelector: string): { items: RuntimeReply[] } {
    const group = this.lookupGroup(token, product, 'list');
    this.lookupDefaultProject(token, group, 'list');
    const { state, release } = this.clone(token, group);
    try {
      return { items: this.listItems(token, state, fieldSelector) };
    } finally {
      release();
    }
  }

  private listItems(token: string, state: ProductState, fieldSelector: string): RuntimeReply[] {
    const items: RuntimeReply[] = [];
    for (const [, file] of sortedEntries(state.tree)) {
      if (file.kind !== 'DeploymentRuntime') continue;
      const reply = this.toReply(token, file);
      // the selector is parsed only while iterating runtimes (an empty product never sees a bad selector)
      if (fieldSelector && !matchesSelector(fieldSelector, reply, RUNTIME_SELECTOR)) continue;
      items.push(reply);
    }
    return items;
  }

  /** GET .../deploymentruntimes/{name} */
  get(token: string, product: string, name: string): RuntimeReply {
    const group = this.lookupGroup(token, product, 'other');
    this.lookupDefaultProject(token, group, 'other');
    const { state, release } = this.clone(token, group);
    try {
      const found = findRuntime(state.tree, name);
      if (!found) throw new KratosFailure(404, 'RESOURCE_NOT_FOUND', 'the resource is not found');
      return this.toReply(token, found[1]);
    } finally {
      release();
    }
  }

  /** POST .../deploymentruntimes/{name} (the body is already decoded and validated) */
  async save(
    token: string,
    product: string,
    name: string,
    body: DecodedBody | undefined,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    // the real service dereferences Body and Body.Destination: a nil one panics -> recovery -> 500 UNKNOWN
    if (!body || !body.destination || !body.manifest_source)
      throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
    const ms = body.manifest_source;
    const group = this.lookupGroup(token, product, 'other');
    let repo: { id: number };
    try {
      // looked up as the project path in the group: a numeric code_repo is a path too (nautes-api.md 11.9)
      repo = this.gitlab.project(token, group, `${group.path}/${ms.code_repo}`);
    } catch (e) {
      // the inner kratos error is embedded as text (nautes-api.md 11.5)
      const inner =
        e instanceof GitLabCallError && e.status === 404
          ? `error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: ${e.message} metadata = map[] cause = <nil>`
          : (e as Error).message;
      throw plain500(`failed to get repository ${ms.code_repo}, err: ${inner}`);
    }
    this.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.clone(token, group);
    const spec = runtimeSpec(group.groupId, repo.id, {
      projects_ref: body.projects_ref,
      manifest_source: ms,
      destination: body.destination,
      account: body.account,
    });
    await this.write(state, user, skipCheck, 'POST', release, name, (tree) => {
      const found = findRuntime(tree, name);
      const path = found ? found[0] : `runtimes/${name}.yaml`;
      // an update replaces the spec and keeps the metadata; the validation sets metadata.namespace on the
      // node it then writes, so only a save with insecure_skip_check keeps the file without one
      // (nautes-api.md 11.9: CheckReference `deploymentRuntime.Namespace = options.ProductName`)
      const next: ResourceFile = found ? { ...found[1], spec } : runtimeResource(name, spec);
      if (!skipCheck) next.metadata = { ...next.metadata, namespace: `product-${group.groupId}` };
      tree.set(path, next);
      return new Map([[path, toYaml(next)]]);
    });
    return { message: `Successfully saved ${name} configuration` };
  }

  /** DELETE .../deploymentruntimes/{name} */
  async delete(
    token: string,
    product: string,
    name: string,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    const group = this.lookupGroup(token, product, 'other');
    this.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.clone(token, group);
    await this.write(state, user, skipCheck, 'DELETE', release, name, (tree) => {
      const found = findRuntime(tree, name);
      if (!found)
        throw plain500(
          `DeploymentRuntime resource ${name} not found or invalid. Please check whether the resource exists under the default project`,
        );
      tree.delete(found[0]);
      return new Map([[found[0], null]]);
    });
    return { message: `Successfully deleted ${name} configuration` };
  }

  /**
   * Runs one change under the product lock: on a copy, validated (unless skipped), pushed, then made current.
   * `change` edits the copy and returns the files written (content) or removed (null); it may throw.
   * `_resource` names the resource changed (the validation orders by the file a change creates instead).
   */
  async write(
    state: ProductState,
    user: GitLabUser,
    skipCheck: boolean,
    method: string,
    release: () => void,
    _resource: string,
    change: (tree: ResourceTree) => Map<string, string | null>,
  ): Promise<void> {
    const run = async (): Promise<void> => {
      const tree: ResourceTree = new Map(state.tree);
      const files = change(tree);
      // a file this change creates is appended to its directory's node list: last in the real tree order
      const added = [...files].find(([path, c]) => c !== null && !state.tree.has(path))?.[0];
      if (!skipCheck)
        validateTree(
          tree,
          `product-${state.seed.groupId}`,
          this.seed,
          this.kubernetesRuntimes(),
          added,
          () => deployedViewOf(this.products.values()),
        );
      // WriteResource comes before the push: a name the disk refuses fails first
      for (const [path, content] of files) if (content !== null) checkFileName(path);
      // the push, which the real server makes only when `git status` shows a change (SaveConfig)
      const push = (): void => {
        if (!this.gitlab.canPush(state.seed, user))
          throw plain500(
            `push data: remote: GitLab: You are not allowed to push code to protected branches on this project.\n` +
              `To ${GITLAB_URL}/${state.seed.path}/default.project.git\n ! [remote rejected] main -> main (pre-receive hook declined)\n` +
              `error: failed to push some refs to '${GITLAB_URL}/${state.seed.path}/default.project.git', err: exit status 1`,
          );
        if (this.faults.pick(method, state.seed.path, 'push'))
          throw plain500(
            `failed to merge the remote changes of ${state.seed.path}/default.project into main: conflict in production/kustomization.yaml; manual approval may be required`,
          );
      };
      // author and committer are the GitLab username and email (nautes-api.md 11.7)
      if (state.repo)
        await state.repo.commit(files, tree, { name: user.username, email: user.email }, push);
      else if (changesAnything(state.tree, files)) push();
      state.tree = tree;
    };
    const next = state.lock.then(run, run);
    state.lock = next.catch(() => undefined);
    try {
      await next;
    } finally {
      release();
    }
  }

  /**
   * The runtimes of the Kubernetes view (rule i lists them all, from every product, this one included):
   * every product's runtimes as last pushed, as if Argo CD synced at once.
   */
  private kubernetesRuntimes(): ForeignRuntime[] {
    const out: ForeignRuntime[] = [];
    for (const st of this.products.values()) {
      for (const f of st.tree.values())
        if (f.kind === 'DeploymentRuntime')
          out.push({
            productId: `product-${st.seed.groupId}`,
            environment: str(obj(f.spec['destination'])['environment']),
            namespaces: runtimeNamespaces(f),
          });
    }
    return out;
  }
}

/** Whether writing `files` would change anything of `tree` (the in-memory repository has no git status). */
function changesAnything(tree: ResourceTree, files: ReadonlyMap<string, string | null>): boolean {
  for (const [path, content] of files) {
    const old = tree.get(path);
    if (content === null ? old !== undefined : old === undefined || toYaml(old) !== content)
      return true;
  }
  return false;
}

/**
 * What writing the file would answer on the real server's Linux disk (nautes-api.md 11.8): Go's os.WriteFile
 * fails on a NUL byte ("invalid argument") and on a file name over 255 bytes ("file name too long"). The
 * router already keeps `/`, `.` and `..` out of names, so every other name is a file inside runtimes/.
 */
function checkFileName(path: string): void {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const problem = base.includes('\0')
    ? 'invalid argument'
    : Buffer.byteLength(base) > 255
      ? 'file name too long'
      : undefined;
  if (problem)
    throw plain500(
      `failed to write resource file, err: open /tmp/product${Math.floor(Date.now() / 1000)}/${path}: ${problem}`,
    );
}

/**
 * The API server's ExtractNumber: the prefix, then Go's strconv.Atoi of the rest (a sign allowed, 64-bit);
 * the problem as Go words it otherwise (the codeRepo caller words its own).
 */
function extractNumber(prefix: string, value: string): number | { problem: string } {
  if (!value.startsWith(prefix))
    return { problem: `string ${value} does not have the expected prefix ${prefix}` };
  const rest = value.slice(prefix.length);
  if (!/^[+-]?\d+$/.test(rest))
    return { problem: `strconv.Atoi: parsing ${JSON.stringify(rest)}: invalid syntax` };
  const n = BigInt(rest);
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    return { problem: `strconv.Atoi: parsing ${JSON.stringify(rest)}: value out of range` };
  return Number(n);
}

/** The first runtime of that name in tree order (one pass, no sort: this runs on every get, save and delete). */
function findRuntime(tree: ResourceTree, name: string): [string, ResourceFile] | undefined {
  let found: [string, ResourceFile] | undefined;
  for (const entry of tree)
    if (
      entry[1].kind === 'DeploymentRuntime' &&
      entry[1].metadata.name === name &&
      (!found || entry[0] < found[0])
    )
      found = entry;
  return found;
}

/** The runtime list's selector keys (nautes-api.md 1.4 and 11.6/11.9), including the broken `destination`. */
const RUNTIME_SELECTOR: SelectorRules<RuntimeReply> = new Map<string, SelectorRule<RuntimeReply>>([
  ['projects_ref.in', (r, value) => r.projects_ref.some((p) => p.includes(value))],
  ['manifest_source.code_repo', contains((r) => r.manifest_source.code_repo)],
  [
    'destination',
    () => {
      throw plain500(
        "failed to match resource, err: inconsistent data type, expected is 'String', but now is 'struct'",
      );
    },
  ],
]);
