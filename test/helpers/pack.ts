// Packs this checkout as `npm publish` would (prepack strips the manifest's scripts, postpack puts them
// back; nothing is built: dist/ is what `npm ci` or `pretest` built).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tarballName } from './offline-install';

const root = join(__dirname, '..', '..');

/** Packs into `dest` and returns the tarball's path; throws with npm's output when npm fails. */
export function packTarball(dest: string): string {
  const pack = spawnSync('npm', ['pack', '--pack-destination', dest], {
    cwd: root,
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
  return join(dest, tarballName());
}
