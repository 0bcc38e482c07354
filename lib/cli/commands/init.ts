// `nautes-cdktf init DIR [--product P]`: scaffolds a user's infrastructure repository.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NautesClient, createRuntimeStore } from '../../api';
import type { DeploymentRuntime } from '../../model';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { ciTemplateFiles, type CiSystem } from '../scaffold/ci-templates';
import { scaffoldFiles } from '../scaffold/project-files';

export const INIT_HELP = `Usage: nautes-cdktf init DIR [--product P] [--ci github,gitlab|github|gitlab|none] [--default-branch B]

Creates a new infrastructure repository in DIR (which must be empty or missing): package.json (this
package, cdktf, constructs, cdktf-cli, TypeScript and OpenTofu, pinned to the versions it is tested with),
tsconfig.json, cdktf.json, main.ts, .gitignore, a short README and CI files.

  --product P   declare the runtimes product P already has (read from NAUTES_API_SERVER with
                NAUTES_TOKEN), with importExisting() so the first deploy adopts them. Without it,
                main.ts declares an example runtime of the demo product nautes-labs.
  --ci LIST     CI files to write (default github,gitlab): GitHub Actions workflows in
                .github/workflows/ (nautes-plan, nautes-apply, nautes-drift) and a GitLab .gitlab-ci.yml:
                plan and comment on every pull/merge request, apply the reviewed plan after merge
                (removals only with the label nautes-approve-removals), a nightly drift check
  --default-branch B  the branch merges go to, for the GitHub apply workflow (default main)

Then: cd DIR && npm install && npm run deploy (or npm run demo, against an embedded local server).
`;

/** The options of `nautes-cdktf init` (`!` marks a flag without a value). */
export const INIT_FLAGS: readonly string[] = ['product', 'ci', 'default-branch'];

export async function runInit(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, INIT_FLAGS);
  const ciText = flagString(args, 'ci') ?? 'github,gitlab';
  const ci = ciText === 'none' ? [] : ciText.split(',').map((s) => s.trim());
  for (const c of ci)
    if (c !== 'github' && c !== 'gitlab')
      throw new UsageError(
        `--ci takes github, gitlab, both (github,gitlab) or none, got ${ciText}`,
      );
  const defaultBranch = flagString(args, 'default-branch') ?? 'main';
  if (!/^[\w./-]+$/.test(defaultBranch))
    throw new UsageError(`--default-branch must be a branch name, got ${defaultBranch}`);
  const [dirArg, ...extra] = args.positionals;
  if (!dirArg || extra.length) throw new UsageError('name one directory: nautes-cdktf init DIR');
  const dir = resolve(io.cwd, dirArg);
  if (existsSync(dir) && readdirSync(dir).length)
    throw new UsageError(`${dirArg} is not empty: init writes only into a new or empty directory`);
  const product = flagString(args, 'product');
  let existing: DeploymentRuntime[] | undefined;
  if (product) {
    const client = new NautesClient({ env: io.env, redactor: io.redactor });
    try {
      existing = (await createRuntimeStore(client).list(product)).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      );
    } finally {
      await client.close();
    }
  }
  const name =
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'nautes-runtimes';
  const files = new Map([
    ...scaffoldFiles({
      name,
      product: product ?? 'nautes-labs',
      existing,
      projectId: randomUUID(),
      withCi: ci.length > 0,
    }),
    ...ciTemplateFiles(ci as CiSystem[], { defaultBranch }),
  ]);
  for (const [file, content] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  io.stdout.write(
    `Created ${dirArg}: ${[...files.keys()].join(', ')}${existing ? ` (${existing.length} runtimes of ${product} declared)` : ''}.\n` +
      `Next: cd ${dirArg} && npm install && npm run plan   (or npm run demo for the embedded local server)\n`,
  );
  return EXIT.OK;
}
