// `nautes-cdktf apply --plan FILE` (and the entry of `apply --reviewed`): applies exactly a reviewed plan,
// refusing when the server or the code moved on.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NautesClient, createKindStore, createRuntimeStore } from '../../api';
import {
  computePlanId,
  hasChanges,
  parsePlanJson,
  shortPlanId,
  SHORT_PLAN_ID,
  type Plan,
} from '../../engine';
import { PlanEditedError, PlanMismatchError, StalePlanError, ValidationError } from '../../errors';
import { flagString, parseArgs, UsageError } from '../arguments';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { readSynthesized, synthesizeApp } from '../synthesized-app';
import { planDeclarations } from './plan';

import { applyChecked, refuseErrors } from './apply-checked';
import { applyReviewed, DEFAULT_APPROVAL_LABEL } from './apply-reviewed';

export { DEFAULT_APPROVAL_LABEL };

export const APPLY_HELP = `Usage: nautes-cdktf apply --plan FILE [--plan-id ID] [--app-dir DIR] [--no-synth] [--auto-approve] [--concurrency N]
       nautes-cdktf apply --reviewed [--commit SHA] [--approval-label L] [--app-dir DIR] [--auto-approve] [...]

Applies exactly the changes of a plan.json written by "nautes-cdktf plan --out FILE", and nothing else.
Before anything is sent it refuses (exit 3):
  - a file whose content does not give the plan id it carries (edited after planning);
  - with --plan-id, a plan whose id is not the one given (the id a reviewer saw, 12+ characters);
  - a plan made against another API server than NAUTES_API_SERVER;
  - a plan that no longer matches a fresh plan of the app (synthesized again, lists read again): the
    server or the code changed since;
  - a fresh plan of the app that found errors (a runtime declared twice with conflicting values).
Each change then checks that its runtime is still as planned; one that is not is reported as a
conflict and not sent. Nautes has no conditional write: a change someone else writes between that
check and apply's own write is overwritten. After its writes apply lists each product it wrote to
again and reports every runtime that is not what it wrote as "changed by someone else during this
apply" (exit 1); it detects such a write, it cannot prevent it.
A replace is a delete, then a create: when the create fails, the previous runtime is saved again;
when that fails too, the message names the deleted runtime and the JSON body that recreates it.
Objects of the other kinds (clusters, products, environments, projects, code repos, bindings) are
applied with the runtimes: deletes first (runtimes first, then the kinds in reverse), then creates and
updates in create order (runtimes last). A change waits for what it needs: when a product's create
fails, nothing in that product is sent, and each such change says what it waited for.

With --reviewed (the CI job on the default branch after a merge), the reviewed plan is the one on the
pull/merge request the commit came from: its plan comment (written by "nautes-cdktf plan --format
markdown" and posted by "nautes-cdktf comment") records what the plan sends. The app at this commit is
planned afresh and applied only when it sends exactly that; otherwise nothing is sent (exit 3: no merged
request, no plan comment, or a stale plan). Only a comment written by the identity that posts the plans
counts (--comment-author, else github-actions[bot] on GitHub and the token's own user on GitLab); marker
comments by anyone else are ignored and named. The comment's visible text must be exactly what the fresh
plan renders (its record binds a digest of the text): an edited or forged text, two plan comments of the
identity, or a fresh plan with errors are refused (exit 3). A plan that deletes, replaces or prunes
runtimes is applied only when the request carries the approval label (exit 6 otherwise).

Options:
  --plan FILE       the reviewed plan.json
  --plan-id ID      the plan id the reviewer approved (shown by plan in text and markdown)
  --reviewed        apply the plan reviewed on the merged pull/merge request of --commit
  --commit SHA      the merged commit (default GITHUB_SHA, else CI_COMMIT_SHA)
  --approval-label L  the label that approves removals (default nautes-approve-removals)
  --comment-key KEY the plan comment's marker, if plan was given --comment-key
  --comment-author L the login that posts the plan comments (as for "nautes-cdktf comment")
  --repo, --project GitHub repository / GitLab project (default: from the CI environment; tokens and
                    API URLs as for "nautes-cdktf comment")
  --app-dir DIR     the CDKTF project to plan again (default: the current directory)
  --no-synth        read DIR/cdktf.out instead of synthesizing the app
  --debug           when the app fails, show all it printed (stack traces included)
  --auto-approve    do not ask for confirmation (needed without a terminal)
  --concurrency N   changes applied at once (default 4; requests still go one at a time per server)

Exit codes: 0 applied, 1 error, a failed or conflicting change, a runtime changed by someone else
during the apply (or not read back), 3 edited, other or stale plan (or no
reviewed plan), 6 removals not approved.
`;

/** The options of `nautes-cdktf apply` (`!` marks a flag without a value). */
export const APPLY_FLAGS: readonly string[] = [
  'plan',
  'plan-id',
  'app-dir',
  '!no-synth',
  '!debug',
  '!auto-approve',
  'concurrency',
  '!reviewed',
  'commit',
  'approval-label',
  'comment-key',
  'repo',
  'project',
  'platform',
  'comment-author',
];

export async function runApply(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, APPLY_FLAGS);
  const concurrencyText = flagString(args, 'concurrency');
  const concurrency = concurrencyText === undefined ? 4 : Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency must be a whole number from 1 to 64');
  if (args.flags.has('reviewed')) {
    if (flagString(args, 'plan') || flagString(args, 'plan-id'))
      throw new UsageError(
        '--reviewed takes the plan from the merged request: leave out --plan and --plan-id',
      );
    return applyReviewed(args, io, concurrency);
  }
  for (const f of [
    'commit',
    'approval-label',
    'comment-key',
    'repo',
    'project',
    'platform',
    'comment-author',
  ])
    if (args.flags.has(f)) throw new UsageError(`--${f} goes with --reviewed`);
  const file = flagString(args, 'plan');
  if (!file) throw new UsageError('--plan FILE (or --reviewed) is required');
  const reviewedId = flagString(args, 'plan-id');
  if (reviewedId !== undefined && !new RegExp(`^[0-9a-f]{${SHORT_PLAN_ID},64}$`).test(reviewedId))
    throw new UsageError(
      `--plan-id must be the plan id (at least ${SHORT_PLAN_ID} hex characters)`,
    );
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let plan: Plan;
  try {
    plan = parsePlanJson(text, file);
  } catch (e) {
    // plan writes a well-formed file: one that is not was changed (or truncated) after it was reviewed
    if (e instanceof ValidationError) throw new PlanEditedError(file, e.message);
    throw e;
  }
  if (reviewedId !== undefined && !plan.id.startsWith(reviewedId))
    throw new PlanMismatchError(
      `${file} is plan ${shortPlanId(plan.id)}, not the reviewed plan ${reviewedId}`,
      reviewedId,
      plan.id,
    );
  if (!hasChanges(plan)) {
    io.stdout.write(`No changes in plan ${shortPlanId(plan.id)}; nothing to apply.\n`);
    return EXIT.OK;
  }
  const client = new NautesClient({ env: io.env, redactor: io.redactor });
  try {
    if (client.apiServer !== plan.apiServer)
      throw new PlanMismatchError(
        `plan ${shortPlanId(plan.id)} was made against ${plan.apiServer || '(no server)'}, and this apply would talk to ${client.apiServer}`,
        plan.apiServer,
        client.apiServer,
      );
    const store = createRuntimeStore(client);
    const kindStore = createKindStore(client);
    // plan again from the app and fresh lists: only the very same plan may be applied
    const appDir = resolve(io.cwd, flagString(args, 'app-dir') ?? '.');
    const decl = args.flags.has('no-synth')
      ? readSynthesized(resolve(appDir, 'cdktf.out'))
      : await synthesizeApp(appDir, io.env, { debug: args.flags.has('debug') });
    const fresh = await planDeclarations(decl, store, client.apiServer, undefined, kindStore);
    refuseErrors(fresh);
    // what will be sent must be the same; reasons may differ (the reviewed plan may know the merge base)
    if (
      computePlanId(fresh, { explanations: false }) !== computePlanId(plan, { explanations: false })
    ) {
      const moved = plan.observed
        .filter(
          (o) => fresh.observed.find((f) => f.product === o.product)?.fingerprint !== o.fingerprint,
        )
        .map((o) => o.product);
      for (const o of plan.kindObserved)
        if (
          fresh.kindObserved.find((f) => f.kind === o.kind && f.product === o.product)
            ?.fingerprint !== o.fingerprint
        )
          moved.push(o.product ?? o.kind);
      if (moved.length || fresh.fingerprint !== plan.fingerprint)
        throw new StalePlanError(moved.length ? moved : plan.observed.map((o) => o.product));
      throw new PlanMismatchError(
        `the app now plans other changes (plan ${shortPlanId(fresh.id)}) than the reviewed plan ${shortPlanId(plan.id)}`,
        plan.id,
        fresh.id,
      );
    }
    return await applyChecked(plan, { runtimes: store, kinds: kindStore }, args, io, concurrency);
  } finally {
    await client.close();
  }
}
