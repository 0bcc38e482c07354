/**
 * A Nautes deployment runtime as this package sees it: flat, camelCase, empty values meaning "unset".
 *
 * Identity is (product, name). The Nautes save is a whole-spec upsert, so every field is always sent.
 */
export interface DeploymentRuntime {
  /** The product (GitLab group path) the runtime belongs to. */
  readonly product: string;
  /** The runtime name, also the file name `runtimes/<name>.yaml` in `default.project`. */
  readonly name: string;
  /** Nautes projects allowed to use this runtime (`projects_ref`); compared as a set. */
  readonly projectsRef: readonly string[];
  /** The code repo (GitLab project path inside the product group) that holds the manifests. */
  readonly codeRepo: string;
  /** The git revision to deploy (`target_revision`). */
  readonly targetRevision: string;
  /** The folder of the manifests inside the code repo (`manifest_source.path`). */
  readonly manifestPath: string;
  /** The Nautes environment to deploy to (`destination.environment`). Changing it forces replacement. */
  readonly environment: string;
  /** Kubernetes namespaces to deploy into (`destination.namespaces`); compared as a set. */
  readonly namespaces: readonly string[];
  /** The runtime account; empty means the operator's default (the runtime name). */
  readonly account: string;
}

/** The identity of a runtime. */
export interface RuntimeAddress {
  readonly product: string;
  readonly name: string;
}

/** `product/name`, the id used by the Terraform provider and in plans. */
export function formatRuntimeId(address: RuntimeAddress): string {
  return `${address.product}/${address.name}`;
}

/** Parses `product/name`; returns undefined when the text is not of that form. */
export function parseRuntimeId(id: string): RuntimeAddress | undefined {
  const m = /^([^/]+)\/([^/]+)$/.exec(id);
  return m ? { product: m[1] as string, name: m[2] as string } : undefined;
}
