// The lock file beside the code. cdktf runs the host in cdktf.out/stacks/<stack>/, a build folder that is
// gitignored and thrown away, so the lock file the host writes there would be lost with it. The project's
// own `.terraform.lock.hcl` (next to cdktf.json, where users commit it) is the one that counts: before an
// init its providers are copied into the stack's lock file, and after a successful init (or providers lock)
// what the host recorded there is written back. Several stacks share the project lock file: a provider is
// added or updated in it, never removed (another stack may still use it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOCK_FILE, lockBlock } from './lock-file';

const HEADER =
  '# The providers of every stack of this project, kept by nautes-tf-host from what the host records in\n# cdktf.out/stacks/<stack>/. Commit it.\n\n';

/** The project a stack's working folder belongs to: the nearest ancestor (not the folder itself) with a cdktf.json. */
export function projectRootOf(stackDir: string): string | undefined {
  for (let dir = dirname(stackDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'cdktf.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The provider blocks of a lock file, by address, in file order. */
export function lockBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of text.matchAll(/^provider "([^"]+)" \{\n[\s\S]*?^\}\n?/gm))
    blocks.set(m[1] as string, m[0].endsWith('\n') ? m[0] : `${m[0]}\n`);
  return blocks;
}

const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

function write(file: string, header: string, blocks: Map<string, string>): void {
  writeFileSync(file, `${header}${[...blocks.values()].join('\n')}`);
}

/** The version a lock block pins. */
const versionOf = (block: string): string | undefined =>
  /^\s*version\s*=\s*"([^"]+)"/m.exec(block)?.[1];

/**
 * Before an init in `stackDir`: every provider of the project's lock file that the stack's lock file lacks
 * is copied in. Our own provider is copied only when the package mirrors the version it pins (after an
 * upgrade of this package the stale pin is left out, and the stack is locked from the mirror afresh).
 */
export function seedStackLock(stackDir: string, root: string): void {
  const project = lockBlocks(read(join(root, LOCK_FILE)));
  if (!project.size) return;
  const stackFile = join(stackDir, LOCK_FILE);
  const stackText = read(stackFile);
  const stack = lockBlocks(stackText);
  let added = false;
  for (const [address, block] of project) {
    if (stack.has(address)) continue;
    const mirrored = lockBlock(address);
    if (mirrored !== undefined && versionOf(mirrored) !== versionOf(block)) continue;
    stack.set(address, block);
    added = true;
  }
  if (added) write(stackFile, stackText ? '' : HEADER, stack);
}

/**
 * After a successful init in `stackDir`: the providers the host recorded there replace the same providers
 * in the project's lock file; the project's others stay. Returns whether the project lock file changed.
 */
export function saveProjectLock(stackDir: string, root: string): boolean {
  const stack = lockBlocks(read(join(stackDir, LOCK_FILE)));
  if (!stack.size) return false;
  const projectFile = join(root, LOCK_FILE);
  const before = read(projectFile);
  const project = lockBlocks(before);
  for (const [address, block] of stack) project.set(address, block);
  const first = before.search(/^provider "/m);
  const header = !before ? HEADER : first < 0 ? before : before.slice(0, first);
  const text = `${header}${[...project.values()].join('\n')}`;
  if (text === before) return false;
  writeFileSync(projectFile, text);
  return true;
}
