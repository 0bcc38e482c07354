// The environment in which a user's CDKTF app runs (its synthesis): everything but the credentials. In CI
// the app is the pull request's code, so whatever it can read, the pull request's author can read; the
// token reaches only the processes that talk to Nautes or to the review platform (our CLI and the provider).

/** Variables removed by name. */
const SECRET_NAMES: ReadonlySet<string> = new Set([
  'NAUTES_TOKEN',
  'NAUTES_TOKEN_FILE',
  'NAUTES_PLAN_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITLAB_TOKEN',
  'CI_JOB_TOKEN',
  'CI_REGISTRY_PASSWORD',
  'CI_DEPLOY_PASSWORD',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
]);

/** Whether `name` is a credential that the user's app must not see (see {@link appEnvironment}). */
export function isCredentialVariable(name: string): boolean {
  return (
    SECRET_NAMES.has(name) ||
    name.startsWith('CI_JOB_JWT') ||
    (name.startsWith('ACTIONS_') && name.includes('TOKEN'))
  );
}

/**
 * A copy of `env` for running the user's CDKTF app (its synthesis), without the credentials of the Nautes
 * API, the review platforms and the CI runner:
 *
 * - Nautes: `NAUTES_TOKEN`, `NAUTES_TOKEN_FILE` (the path would let the app read the file),
 *   `NAUTES_PLAN_TOKEN`
 * - GitHub: `GITHUB_TOKEN`, `GH_TOKEN`, `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN` and any
 *   other `ACTIONS_*` variable whose name contains `TOKEN` (`ACTIONS_ID_TOKEN_REQUEST_URL` too, which is
 *   of no use without its token)
 * - GitLab: `GITLAB_TOKEN`, `CI_JOB_TOKEN`, `CI_JOB_JWT*` (`CI_JOB_JWT`, `CI_JOB_JWT_V1`, `CI_JOB_JWT_V2`),
 *   `CI_REGISTRY_PASSWORD`, `CI_DEPLOY_PASSWORD`
 *
 * Everything else is kept (`NAUTES_API_SERVER` included: an app may read it, and it is no secret). Names
 * are matched exactly (environment names are case-sensitive on Linux). Synthesis needs no token: the
 * provider, which does, is launched by the host with the full environment.
 */
export function appEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env))
    if (!isCredentialVariable(name)) out[name] = value;
  return out;
}
