// The two repo-name conversions of the real server's business layer (`biz/common.go`): a GitLab path of the
// URL's product -> `repo-<pid>` (saves), and `repo-<pid>` -> the GitLab project NAME (reads). Their failures
// are plain Go errors that carry the inner kratos error as text.
import { GitLabCallError, type GitLab } from './gitlab';
import type { SeedProduct } from './seed';

/** A failed GitLab project lookup as `%v` prints the kratos error the data layer made of it. */
function innerText(e: unknown): string {
  if (!(e instanceof GitLabCallError)) return (e as Error).message;
  if (e.status === 404)
    return `error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: ${e.message} metadata = map[] cause = <nil>`;
  if (e.status === 403)
    return `error: code = 403 reason = NO_AUTHORIZATION message = no permission to get project, err: ${e.message} metadata = map[] cause = <nil>`;
  return e.message;
}

/**
 * `GET /projects/<product>/<path>` with the URL's product string (no group lookup first): the project id,
 * or an Error "failed to convert repository name <path> to codeRepo name, err: ...".
 */
export function repoPathToId(gitlab: GitLab, token: string, product: string, path: string): number {
  try {
    return gitlab.projectByFullPath(token, product, path)[1].id;
  } catch (e) {
    throw new Error(
      `failed to convert repository name ${path} to codeRepo name, err: ${innerText(e)}`,
    );
  }
}

/**
 * `repo-<pid>` -> the GitLab project name (`GET /projects/<pid>`, looked up in `group`), or an Error with
 * the real server's text.
 */
export function codeRepoToName(
  gitlab: GitLab,
  token: string,
  group: SeedProduct,
  codeRepo: string,
): string {
  const m = /^repo-(\d+)$/.exec(codeRepo);
  if (!m)
    throw new Error(`the codeRepo name ${codeRepo} is illegal and must be in the format 'repo-ID'`);
  try {
    return gitlab.project(token, group, String(Number(m[1]))).name;
  } catch (e) {
    throw new Error(
      `failed to convert codeRepo name ${codeRepo} to repository name, err: ${innerText(e)}`,
    );
  }
}
