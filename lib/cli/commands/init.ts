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
import { CDKTN_MIN_NODE, nodeRunsCdktn, scaffoldFiles, type Cdk } from '../scaffold/project-files';

export const INIT_HELP = `Usage: nautes-cdktf init DIR [--product P] [--cdk cdktf|cdktn] [--ci github,gitlab|github|gitlab|none] [--default-branch B]

Creates a new infrastructure repository in DIR (which must be empty or missing): package.json (this
package, the CDK and its CLI, constructs, TypeScript and OpenTofu, pinned to the versions it is tested
with), tsconfig.json, cdktf.json, main.ts, .gitignore, a short README and CI files.

  --cdk C       cdktf (CDKTF 0.21, archived upstream) or cdktn (CDK Terrain 0.24, CDKTF's maintained
                continuation with the same construct API; needs Node >= 22.19). Default: cdktn when
                this Node is new enough, else cdktf.
  --product P   declare the runtimes of product P. When NAUTES_API_SERVER is set, those P already
                has are read from it (token: NAUTES_TOKEN or NAUTES_TOKEN_FILE; CA: NAUTES_CA_CERT)
                and declared with importExisting(), so the first deploy adopts them; when it is not,
                no server is needed and main.ts declares none yet ("nautes-cdktf import --product P"
                prints them later). Without --product, main.ts declares an example runtime of the
                demo product nautes-labs.
  --ci LIST     CI files to write (default github,gitlab): GitHub Actions workflows in
                .github/workflows/ (nautes-plan, nautes-apply, nautes-drift) and a GitLab .gitlab-ci.yml:
                plan and comment on every pull/merge request, apply the reviewed plan after merge
                (removals only with the label nautes-approve-removals), a nightly drift check
  --default-branch B  the branch merges go to, for the GitHub apply workflow (default main)

Then: cd DIR && npm install && npm run plan && npm run deploy (or npm run demo, against an embedded
local server). npm run plan|deploy|destroy take every stack of main.ts, or one by name
(npm run deploy -- runtimes). Each stack's state is terraform.<stack>.tfstate beside main.ts.
`;

/** The options of `nautes-cdktf init` (`!` marks a flag without a value). */
export const INIT_FLAGS: readonly string[] = ['product', 'cdk', 'ci', 'default-branch'];

export async function runInit(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, INIT_FLAGS);
  const ciText = flagString(args, 'ci') ?? 'github,gitlab';
  const ci = ciText === 'none' ? [] : ciText.split(',').map((s) => s.trim());
  for (const c of ci)
    if (c !== 'github' && c !== 'gitlab')
      throw new UsageError(
        `--ci takes github, gitlab, both (github,gitlab) or none, got ${ciText}`,
      );
  const cdkText = flagString(args, 'cdk');
  if (cdkText !== undefined && cdkText !== 'cdktf' && cdkText !== 'cdktn')
    throw new UsageError(`--cdk takes cdktf or cdktn, got ${cdkText}`);
  const nodeVersion = io.nodeVersion ?? '0.0.0';
  const cdkReady = nodeRunsCdktn(nodeVersion);
  const cdk: Cdk = cdkText ?? (cdkReady ? 'cdktn' : 'cdktf');
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
  let readNote = '';
  if (product) {
    const server = io.env['NAUTES_API_SERVER'];
    if (server) {
      const token = io.env['NAUTES_TOKEN_FILE'] ? 'NAUTES_TOKEN_FILE' : 'NAUTES_TOKEN';
      io.stdout.write(
        `Reading the runtimes of ${product} from NAUTES_API_SERVER (${server}) with ${token}${io.env['NAUTES_CA_CERT'] ? ' and NAUTES_CA_CERT' : ''}.\n`,
      );
      const client = new NautesClient({ env: io.env, redactor: io.redactor });
      try {
        existing = (await createRuntimeStore(client).list(product)).sort((a, b) =>
          a.name < b.name ? -1 : 1,
        );
      } finally {
        await client.close();
      }
    } else {
      // init needs no server: the project is written now, the runtimes can be imported once it is reachable
      existing = [];
      readNote =
        `NAUTES_API_SERVER is not set, so no runtimes of ${product} were read (--product reads NAUTES_API_SERVER,\n` +
        `NAUTES_TOKEN or NAUTES_TOKEN_FILE, and NAUTES_CA_CERT): main.ts declares none yet. To declare the ones\n` +
        `${product} has: export NAUTES_API_SERVER=... NAUTES_TOKEN_FILE=..., then\n` +
        `npx nautes-cdktf import --product ${product} prints their code (with importExisting()) for main.ts.\n`;
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
      cdk,
    }),
    ...ciTemplateFiles(ci as CiSystem[], { defaultBranch }),
  ]);
  for (const [file, content] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  io.stdout.write(
    `Created ${dirArg}: ${[...files.keys()].join(', ')}${existing ? ` (${existing.length} runtimes of ${product} declared)` : ''}.\n` +
      `Next: cd ${dirArg} && npm install && npm run plan   (or npm run demo for the embedded local server)\n` +
      readNote +
      `${cdkNote(cdk, cdkText !== undefined, cdkReady, nodeVersion)}\n`,
  );
  return EXIT.OK;
}

/** Why the project uses the CDK it uses, and what the other choice would need. */
function cdkNote(cdk: Cdk, chosen: boolean, nodeReady: boolean, nodeVersion: string): string {
  const minimum = CDKTN_MIN_NODE.join('.');
  if (cdk === 'cdktn')
    return nodeReady
      ? `CDK: cdktn (CDK Terrain), CDKTF's maintained continuation${chosen ? '' : ` (Node ${nodeVersion} runs it)`}; --cdk cdktf for CDKTF 0.21.`
      : `CDK: cdktn (CDK Terrain). Note: it needs Node >= ${minimum}, this is Node ${nodeVersion}: upgrade Node before npm install.`;
  return chosen
    ? 'CDK: cdktf 0.21 (archived upstream in December 2025); --cdk cdktn for its maintained continuation.'
    : `CDK: cdktf 0.21 (archived upstream in December 2025), because cdktn, its maintained continuation, needs Node >= ${minimum} and this is Node ${nodeVersion}; with a newer Node, use --cdk cdktn.`;
}
