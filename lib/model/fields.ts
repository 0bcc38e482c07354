// The one per-field table of a deployment runtime. Diff, provider schema, constructs, renderers and the
// wire conversion read it; none of them special-cases a field name.
import type { DeploymentRuntime } from './deployment-runtime';

/** How two values of a field are compared. */
export type CompareMode = 'value' | 'set';

/** Metadata of one runtime field, as written in the table (the table defines `DeploymentRuntime`). */
interface FieldRow {
  /** Property name in `DeploymentRuntime`. */
  readonly key: string;
  /** Prop name of the L2 construct `DeploymentRuntime` (and of generated code). */
  readonly propName: string;
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
  /** Sent in the URL path of save and delete (product, name), not in the save body. */
  readonly inPath: boolean;
  /**
   * Part of the destination key: two runtimes with equal values of these fields (one product, environment,
   * code repo, revision and path) are rejected by the server (nautes-api.md 2.2 e).
   */
  readonly destinationKey: boolean;
  /** Local format rule checked before anything is sent. */
  readonly format?: 'rfc1123-label' | 'gitlab-path';
  /** Value used when the user gives none. */
  readonly default?: string;
  readonly description: string;
}

/** Metadata of one runtime field. */
export interface FieldSpec extends FieldRow {
  readonly key: keyof DeploymentRuntime;
}

const FIELD_TABLE = [
  {
    key: 'product',
    propName: 'product',
    tfName: 'product',
    wirePath: ['product'],
    type: 'string',
    required: true,
    compareAs: 'value',
    replaceOnChange: true,
    inPath: true,
    destinationKey: true,
    format: 'gitlab-path',
    description: 'The product (GitLab group path) that owns the runtime.',
  },
  {
    key: 'name',
    propName: 'name',
    tfName: 'name',
    wirePath: ['name'],
    type: 'string',
    required: true,
    compareAs: 'value',
    replaceOnChange: true,
    inPath: true,
    destinationKey: false,
    format: 'rfc1123-label',
    description: 'The runtime name (RFC 1123 label).',
  },
  {
    key: 'projectsRef',
    propName: 'projects',
    tfName: 'projects_ref',
    wirePath: ['projects_ref'],
    type: 'string-list',
    required: false,
    compareAs: 'set',
    replaceOnChange: false,
    inPath: false,
    destinationKey: false,
    description: 'Nautes projects that may use the runtime.',
  },
  {
    key: 'codeRepo',
    propName: 'codeRepo',
    tfName: 'code_repo',
    wirePath: ['manifest_source', 'code_repo'],
    type: 'string',
    required: true,
    compareAs: 'value',
    replaceOnChange: false,
    inPath: false,
    destinationKey: true,
    format: 'gitlab-path',
    description: 'The code repo (GitLab project path in the product group) holding the manifests.',
  },
  {
    key: 'targetRevision',
    propName: 'targetRevision',
    tfName: 'target_revision',
    wirePath: ['manifest_source', 'target_revision'],
    type: 'string',
    required: true,
    compareAs: 'value',
    replaceOnChange: false,
    inPath: false,
    destinationKey: true,
    default: 'HEAD',
    description: 'The git revision to deploy.',
  },
  {
    key: 'manifestPath',
    propName: 'manifestPath',
    tfName: 'manifest_path',
    wirePath: ['manifest_source', 'path'],
    type: 'string',
    required: true,
    compareAs: 'value',
    replaceOnChange: false,
    inPath: false,
    destinationKey: true,
    description: 'Folder of the manifests inside the code repo.',
  },
  {
    key: 'environment',
    propName: 'environment',
    tfName: 'environment',
    wirePath: ['destination', 'environment'],
    type: 'string',
    required: true,
    compareAs: 'value',
    replaceOnChange: true,
    inPath: false,
    destinationKey: true,
    description: 'The Nautes environment to deploy to; changing it replaces the runtime.',
  },
  {
    key: 'namespaces',
    propName: 'namespaces',
    tfName: 'namespaces',
    wirePath: ['destination', 'namespaces'],
    type: 'string-list',
    required: false,
    compareAs: 'set',
    replaceOnChange: false,
    inPath: false,
    destinationKey: false,
    format: 'rfc1123-label',
    description:
      'Kubernetes namespaces to deploy into; empty means a namespace named after the runtime.',
  },
  {
    key: 'account',
    propName: 'account',
    tfName: 'account',
    wirePath: ['account'],
    type: 'string',
    required: false,
    compareAs: 'value',
    replaceOnChange: false,
    inPath: false,
    destinationKey: false,
    description:
      'The runtime account; empty means the runtime name (filled in by the Nautes operator).',
  },
] as const satisfies readonly FieldRow[];

/** Every field of a runtime, in the order the API emits them. */
export const RUNTIME_FIELDS: readonly FieldSpec[] = FIELD_TABLE;

/** One row of the table with its literal names and types (for types derived from the table). */
export type RuntimeFieldRow = (typeof FIELD_TABLE)[number];

/**
 * The destination key of a (possibly partial) runtime: the values of the destination-key fields, defaults
 * applied; undefined while one of them is not known.
 */
export function destinationKeyOf(
  r: Partial<Record<keyof DeploymentRuntime, unknown>>,
): string | undefined {
  const values: unknown[] = [];
  for (const f of RUNTIME_FIELDS.filter((x) => x.destinationKey)) {
    const v = r[f.key] ?? f.default;
    if (v === undefined) return undefined;
    values.push(v);
  }
  return JSON.stringify(values);
}

/**
 * The fields of a runtime from values named by their Terraform attribute (`tfName`: cdk.tf.json, state) or
 * construct prop (`propName`) name, by model key; a value `keep` refuses (by default undefined and null)
 * is left out.
 */
export function runtimeFieldsFrom(
  values: Readonly<Record<string, unknown>>,
  by: 'tfName' | 'propName',
  keep: (v: unknown) => boolean = (v) => v !== undefined && v !== null,
): Partial<Record<keyof DeploymentRuntime, unknown>> {
  const out: Partial<Record<keyof DeploymentRuntime, unknown>> = {};
  for (const f of RUNTIME_FIELDS) {
    const v = values[f[by]];
    if (keep(v)) out[f.key] = v;
  }
  return out;
}

/**
 * A whole runtime from some of its fields: a missing or non-string string field is its default (or ''), a
 * missing list field is empty, and list members that are not strings are dropped.
 */
export function completeRuntime(
  fields: Partial<Record<keyof DeploymentRuntime, unknown>>,
): DeploymentRuntime {
  const out: Record<string, unknown> = {};
  for (const f of RUNTIME_FIELDS) {
    const v = fields[f.key];
    out[f.key] =
      f.type === 'string'
        ? typeof v === 'string'
          ? v
          : (f.default ?? '')
        : Array.isArray(v)
          ? v.filter((x): x is string => typeof x === 'string')
          : [];
  }
  return out as DeploymentRuntime;
}
