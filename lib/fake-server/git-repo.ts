// A product's default.project as a real git repository on disk: one commit per change, authored by the
// token's user, message "[API] Save operator" even for deletes (nautes-api.md section 4, last point).
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import {
  emptyKustomization,
  fromYaml,
  kustomization,
  kustomizationOf,
  nextKustomizationEntries,
  toYaml,
  type ResourceTree,
} from './resource-tree';

const run = promisify(execFile);

export const COMMIT_MESSAGE = '[API] Save operator';

/** The top-level directories of the resources layout (resources_layout.yaml). */
const LAYOUT_DIRS = new Set(['projects', 'envs', 'artifact-repos', 'code-repos', 'runtimes']);

/** Who a commit is by. */
export interface CommitAuthor {
  readonly name: string;
  readonly email: string;
}

/** A git work tree of one default.project on `main`. */
export class GitRepo {
  /** @param searchPath the PATH to find `git` on (the only thing taken from the caller's environment) */
  constructor(
    readonly dir: string,
    private readonly searchPath: string,
  ) {}

  private git(args: string[], author?: CommitAuthor): Promise<{ stdout: string }> {
    const env: NodeJS.ProcessEnv = {
      PATH: this.searchPath,
      HOME: this.dir,
      GIT_CONFIG_NOSYSTEM: '1',
      // paths are runtime names, which may hold `*`, `:` or `[`: never read them as pathspec magic or globs
      GIT_LITERAL_PATHSPECS: '1',
      GIT_AUTHOR_NAME: author?.name ?? 'Nautes',
      GIT_AUTHOR_EMAIL: author?.email ?? 'nautes@nautes.local',
      GIT_COMMITTER_NAME: author?.name ?? 'Nautes',
      GIT_COMMITTER_EMAIL: author?.email ?? 'nautes@nautes.local',
    };
    return run('git', args, { cwd: this.dir, env, maxBuffer: 64 * 1024 * 1024 });
  }

  /**
   * Opens the repository kept from an earlier run (its history and content win over the seed), or creates
   * it with the seeded tree as its first commit. Returns the tree now on `main`.
   * @param log told, in one line, when a stale `.git/index.lock` was removed
   */
  async openOrInit(
    seeded: ResourceTree,
    log: (line: string) => void = () => undefined,
  ): Promise<ResourceTree> {
    if (await this.exists()) {
      if (await this.removeStaleIndexLock())
        log(`removed a stale .git/index.lock left by a crash (${join(this.dir, '.git')})`);
      await this.restoreClean();
      return this.readTree();
    }
    await this.init(seeded);
    return seeded;
  }

  private async exists(): Promise<boolean> {
    try {
      await stat(join(this.dir, '.git'));
      await this.git(['rev-parse', '--verify', '-q', 'HEAD']);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Removes `.git/index.lock` if there is one. The server is the only writer of its data dir and starts
   * before any request, so a lock found now was left by a git process killed mid-change (a crash), and
   * would make every later git call fail ("Unable to create '.../index.lock': File exists").
   */
  private async removeStaleIndexLock(): Promise<boolean> {
    const lock = join(this.dir, '.git', 'index.lock');
    try {
      await stat(lock);
    } catch {
      return false;
    }
    await rm(lock, { force: true });
    return true;
  }

  /** Creates the repository with the seeded tree as its first commit. */
  private async init(tree: ResourceTree): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    await this.git(['init', '-q', '-b', 'main']);
    for (const [path, file] of tree) await this.writeFile(path, toYaml(file));
    await this.writeFile('production/kustomization.yaml', kustomization(tree));
    await this.git(['add', '-A']);
    await this.git(['commit', '-q', '--allow-empty', '-m', 'initial product layout'], {
      name: 'Nautes',
      email: 'nautes@nautes.local',
    });
  }

  /**
   * Creates the default.project of a new product as GitLab and the API server leave it
   * (nautes-api-resources.md 2.3 step 4, not section 18): GitLab's `initialize_with_readme` (forced by the
   * API server's GitLab client) makes a first commit `Initial commit` with `README.md` on `main`, by the
   * creating user; the API server then commits `production/kustomization.yaml` (two lines) as
   * `[API] Save operator`.
   */
  async initNewProduct(projectName: string, author: CommitAuthor): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    await this.git(['init', '-q', '-b', 'main']);
    await this.writeFile('README.md', `# ${projectName}\n`);
    await this.git(['add', '-A']);
    await this.git(['commit', '-q', '-m', 'Initial commit'], author);
    await this.writeFile('production/kustomization.yaml', emptyKustomization());
    await this.git(['add', '-A']);
    await this.git(['commit', '-q', '-m', COMMIT_MESSAGE], author);
  }

  /** Removes the repository from disk (its group was deleted in GitLab). */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** The resource files at HEAD (the files of the layout directories). */
  private async readTree(): Promise<ResourceTree> {
    const { stdout } = await this.git(['ls-files', '-z']);
    const tree: ResourceTree = new Map();
    for (const path of stdout.split('\0').filter(Boolean).sort()) {
      // the loader reads only the layout directories and skips .md/.txt (nautes-api-resources.md 1.4):
      // the kustomization and a new product's README.md are no resources
      if (!LAYOUT_DIRS.has(path.split('/')[0] ?? '') || /\.(md|txt)$/.test(path)) continue;
      tree.set(path, fromYaml(await readFile(join(this.dir, path), 'utf8')));
    }
    return tree;
  }

  /** The entries of production/kustomization.yaml as they are now. */
  private async kustomizationEntries(): Promise<string[]> {
    try {
      const doc = parse(
        await readFile(join(this.dir, 'production', 'kustomization.yaml'), 'utf8'),
      ) as { resources?: unknown } | null;
      return Array.isArray(doc?.resources)
        ? doc.resources.filter((r): r is string => typeof r === 'string')
        : [];
    } catch {
      return [];
    }
  }

  /** Puts the work tree back to HEAD: nothing staged, modified or untracked. */
  private async restoreClean(): Promise<void> {
    await this.git(['reset', '-q', '--hard', 'HEAD']);
    await this.git(['clean', '-q', '-f', '-d']);
  }

  /**
   * Writes a file; `newMode` is the mode of a file that does not exist yet (an existing one keeps its own,
   * as Go's os.WriteFile does: O_TRUNC never changes a mode).
   */
  private async writeFile(path: string, content: string, newMode = 0o644): Promise<void> {
    const full = join(this.dir, path);
    await mkdir(dirname(full), { recursive: true });
    let exists = true;
    try {
      await stat(full);
    } catch {
      exists = false;
    }
    await writeFile(full, content);
    // chmod, not the mode option: the mode is the real server's, whatever this process's umask is
    if (!exists) await chmod(full, newMode);
  }

  /**
   * Writes (content) or removes (null) files, regenerates the kustomization and commits. Returns false when
   * nothing changed on disk: then nothing is committed and `beforePush` is not called, as the real server
   * commits and pushes only when `git status` shows a change (`SaveConfig`). `beforePush` stands for the
   * push (it throws when the push is refused): it runs before the commit, so a refusal commits nothing.
   * A new resource file gets mode 0755: the real server writes it with os.WriteFile(path, data,
   * os.ModePerm) under the usual umask 022 (nautes-api.md 11.9), so git records it as 100755.
   */
  async commit(
    changes: ReadonlyMap<string, string | null>,
    tree: ResourceTree,
    author: CommitAuthor,
    beforePush: () => void = () => undefined,
  ): Promise<boolean> {
    // a path taken from a body (a pipeline runtime's project) may climb out of the repository: this
    // server runs on the user's machine, so nothing is written outside it (the request fails as a write
    // failure does, 500 UNKNOWN, with the repository untouched)
    const root = resolve(this.dir) + sep;
    for (const path of changes.keys())
      if (!resolve(this.dir, path).startsWith(root))
        throw new Error(`refused to write outside the repository: ${JSON.stringify(path)}`);
    try {
      const entries = nextKustomizationEntries(
        await this.kustomizationEntries(),
        tree,
        changes.keys(),
      );
      for (const [path, content] of changes) {
        if (content === null) await rm(join(this.dir, path), { force: true });
        else await this.writeFile(path, content, 0o755);
      }
      // the kustomization is opened with mode 0644 (writeKustomize)
      await this.writeFile('production/kustomization.yaml', kustomizationOf(entries));
      // stage exactly the touched paths; `diff --cached --quiet` exits 1 when something is staged
      await this.git(['add', '-A', '--', ...changes.keys(), 'production/kustomization.yaml']);
      try {
        await this.git(['diff', '--cached', '--quiet']);
        return false;
      } catch (e) {
        if ((e as { code?: unknown }).code !== 1) throw e;
      }
      beforePush();
      await this.git(['commit', '-q', '-m', COMMIT_MESSAGE], author);
      return true;
    } catch (e) {
      // a failed change leaves the repository exactly as it was: same HEAD, clean work tree
      await this.restoreClean();
      throw e;
    }
  }

  /** The commits on main, newest first: hash, author and the files touched. */
  async log(): Promise<
    Array<{ hash: string; author: string; email: string; message: string; files: string[] }>
  > {
    const { stdout } = await this.git([
      'log',
      '--name-only',
      '--format=%x00%H%x1f%an%x1f%ae%x1f%s',
    ]);
    return stdout
      .split('\0')
      .filter((s) => s.trim())
      .map((block) => {
        const [head = '', ...rest] = block.split('\n');
        const [hash = '', author = '', email = '', message = ''] = head.split('\x1f');
        return { hash, author, email, message, files: rest.filter((l) => l.trim()) };
      });
  }

  /** The content of a file at the head of main, or undefined. */
  async show(path: string): Promise<string | undefined> {
    try {
      return (await this.git(['show', `HEAD:${path}`])).stdout;
    } catch {
      return undefined;
    }
  }
}
