// The tenant configuration repository (nautes-api-resources.md 8.2): where the cluster API writes
// `nautes/overlays/production/clusters/<name>.yaml`. A git repository under the data dir
// (`<data dir>/.tenant/tenant-config`; no GitLab group path starts with `.`), or files in memory.
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { COMMIT_MESSAGE, type CommitAuthor } from './git-repo';

const run = promisify(execFile);

/** The directory of the cluster files inside the tenant repository. */
export const CLUSTERS_DIR = 'nautes/overlays/production/clusters';

/** The tenant repository: its files by path (YAML text), and their git history when on disk. */
export class TenantRepo {
  private constructor(
    /** path -> content, as on `main` */
    readonly files: Map<string, string>,
    readonly dir: string | undefined,
    private readonly searchPath: string,
  ) {}

  /**
   * Opens the repository kept from an earlier run (its files win over the seed), or creates it with the
   * seeded files as its first commit. `existed` says which.
   */
  static async open(
    dir: string | undefined,
    seeded: ReadonlyMap<string, string>,
    searchPath: string,
  ): Promise<{ repo: TenantRepo; existed: boolean }> {
    const repo = new TenantRepo(new Map(seeded), dir, searchPath);
    if (!dir) return { repo, existed: false };
    if (await repo.exists()) {
      await repo.git(['reset', '-q', '--hard', 'HEAD']);
      await repo.git(['clean', '-q', '-f', '-d']);
      repo.files.clear();
      for (const path of await listFiles(join(dir, CLUSTERS_DIR), CLUSTERS_DIR))
        repo.files.set(path, await readFile(join(dir, path), 'utf8'));
      return { repo, existed: true };
    }
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await repo.git(['init', '-q', '-b', 'main']);
    for (const [path, content] of seeded) await repo.write(path, content);
    await repo.git(['add', '-A']);
    await repo.git(['commit', '-q', '--allow-empty', '-m', 'initial tenant layout']);
    return { repo, existed: false };
  }

  private git(args: string[], author?: CommitAuthor): Promise<{ stdout: string }> {
    const who = author ?? { name: 'Nautes', email: 'nautes@nautes.local' };
    return run('git', args, {
      cwd: this.dir,
      env: {
        PATH: this.searchPath,
        HOME: this.dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_LITERAL_PATHSPECS: '1',
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email,
      },
    });
  }

  private async exists(): Promise<boolean> {
    try {
      await stat(join(this.dir as string, '.git'));
      await this.git(['rev-parse', '--verify', '-q', 'HEAD']);
      return true;
    } catch {
      return false;
    }
  }

  private async write(path: string, content: string): Promise<void> {
    const full = join(this.dir as string, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }

  /** Writes (content) or removes (null) files and commits them as the caller; then they are current. */
  async commit(changes: ReadonlyMap<string, string | null>, author: CommitAuthor): Promise<void> {
    if (this.dir) {
      try {
        for (const [path, content] of changes)
          if (content === null) await rm(join(this.dir, path), { force: true });
          else await this.write(path, content);
        await this.git(['add', '-A', '--', ...changes.keys()]);
        await this.git(['commit', '-q', '--allow-empty', '-m', COMMIT_MESSAGE], author);
      } catch (e) {
        await this.git(['reset', '-q', '--hard', 'HEAD']);
        throw e;
      }
    }
    for (const [path, content] of changes)
      if (content === null) this.files.delete(path);
      else this.files.set(path, content);
  }

  /** The content of a file at the head of main (from git when on disk), or undefined. */
  async show(path: string): Promise<string | undefined> {
    if (!this.dir) return this.files.get(path);
    try {
      return (await this.git(['show', `HEAD:${path}`])).stdout;
    } catch {
      return undefined;
    }
  }

  /** Every file of every commit on main, as text (to check that nothing secret was ever committed). */
  async history(): Promise<string> {
    if (!this.dir) return [...this.files.values()].join('\n');
    return (await this.git(['log', '-p', '--all', '--format=%H %an %s'])).stdout;
  }
}

async function listFiles(full: string, rel: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(full, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1)))
    if (e.isDirectory()) out.push(...(await listFiles(join(full, e.name), `${rel}/${e.name}`)));
    else if (e.name.endsWith('.yaml')) out.push(`${rel}/${e.name}`);
  return out;
}
