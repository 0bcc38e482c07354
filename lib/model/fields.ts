// The one per-field table of a deployment runtime. Diff, provider schema, constructs, renderers and the
// wire conversion read it; none of them special-cases a field name.
import type { DeploymentRuntime } from './deployment-runtime';

/** How two values of a field are compared. */
export type CompareMode = 'value' | 'set';

/** Metadata of one runtime field. */
export interface FieldSpec {
  /** Property name in `DeploymentRuntime` (and the L2 construct prop). */
  readonly key: keyof DeploymentRuntime;
  /** Attribute name in the Terraform schema and `cdk.tf.json`. */
  readonly tfName: string;
  /** Path of the field in the API's JSON. */
  readonly wirePath: readonly string[];
  readonly type: 'string' | 'string-list';
  /** Must be given (non-empty) by the user. */
  readonly required: boolean;
  readonly compareAs: CompareMode;
  /** A change cannot be made in place: the runtime is deleted and created again. */
  readonly replaceOnChange: boolean;
  /** Part of the identity (product, name). */
  readonly identity: boolean;
  /** Local format rule checked before anything is sent. */
  readonly format?: 'rfc1123-label' | 'gitlab-path';
  /** Value used when the user gives none. */
  readonly default?: string;
  readonly description: string;
}

/** Every field of a runtime, in the order the API emits them. */
export const RUNTIME_FIELDS: readonly FieldSpec[] = [
  { key: 'product', tfName: 'product', wirePath: ['product'], type: 'string', required: true, compareAs: 'value', replaceOnChange: true, identity: true, format: 'gitlab-path', description: 'The product (GitLab group path) that owns the runtime.' },
  { key: 'name', tfName: 'name', wirePath: ['name'], type: 'string', required: true, compareAs: 'value', replaceOnChange: true, identity: true, format: 'rfc1123-label', description: 'The runtime name (RFC 1123 label).' },
  { key: 'projectsRef', tfName: 'projects_ref', wirePath: ['projects_ref'], type: 'string-list', required: false, compareAs: 'set', replaceOnChange: false, identity: false, description: 'Nautes projects that may use the runtime.' },
  { key: 'codeRepo', tfName: 'code_repo', wirePath: ['manifest_source', 'code_repo'], type: 'string', required: true, compareAs: 'value', replaceOnChange: false, identity: false, format: 'gitlab-path', description: 'The code repo (GitLab project path in the product group) holding the manifests.' },
  { key: 'targetRevision', tfName: 'target_revision', wirePath: ['manifest_source', 'target_revision'], type: 'string', required: true, compareAs: 'value', replaceOnChange: false, identity: false, default: 'HEAD', description: 'The git revision to deploy.' },
  { key: 'manifestPath', tfName: 'manifest_path', wirePath: ['manifest_source', 'path'], type: 'string', required: true, compareAs: 'value', replaceOnChange: false, identity: false, description: 'Folder of the manifests inside the code repo.' },
  { key: 'environment', tfName: 'environment', wirePath: ['destination', 'environment'], type: 'string', required: true, compareAs: 'value', replaceOnChange: true, identity: false, description: 'The Nautes environment to deploy to; changing it replaces the runtime.' },
  { key: 'namespaces', tfName: 'namespaces', wirePath: ['destination', 'namespaces'], type: 'string-list', required: false, compareAs: 'set', replaceOnChange: false, identity: false, format: 'rfc1123-label', description: 'Kubernetes namespaces to deploy into; empty means a namespace named after the runtime.' },
  { key: 'account', tfName: 'account', wirePath: ['account'], type: 'string', required: false, compareAs: 'value', replaceOnChange: false, identity: false, description: 'The runtime account; empty means the runtime name (filled in by the Nautes operator).' },
];

/** Looks a field up by its Terraform attribute name. */
export function fieldByTfName(tfName: string): FieldSpec | undefined {
  return RUNTIME_FIELDS.find((f) => f.tfName === tfName);
}
