// What `nautes-cdktf import` needs to know of each kind beyond its table (lib/model/kinds): the construct
// that declares it and which of its props name objects of other kinds (passed as construct variables).
// Everything else (fields, defaults, server-only and secret values, scope) is read from the kind's table.
import { KINDS, RUNTIME_FIELDS, type KindField, type KindSpec, type KindValue } from '../../model';

/** How one construct takes the objects of a kind. */
interface ConstructRow {
  /** The class exported by `cdktf-provider-nautes/cdktf`. */
  readonly construct: string;
  /**
   * Props that accept a construct of another kind (by `KindSpec.kind`) as well as its name; at any depth
   * (members of nested objects too), as the construct's props type reads them.
   */
  readonly references: Readonly<Record<string, string>>;
  /**
   * For each secret field (by model key): the prop line to suggest, commented out (the server never
   * returns the value, so import cannot write it).
   */
  readonly secretProps?: Readonly<Record<string, string>>;
}

/**
 * One row per kind of `KINDS` (by `KindSpec.kind`); a kind added there needs its row here, which a test
 * checks.
 */
export const CONSTRUCT_ROWS: Readonly<Record<string, ConstructRow>> = {
  Cluster: {
    construct: 'Cluster',
    references: {},
    secretProps: { kubeconfig: "kubeconfigFile: '<fill in: the kubeconfig file>'" },
  },
  Product: { construct: 'Product', references: {} },
  Environment: {
    construct: 'Environment',
    references: { product: 'Product', cluster: 'Cluster' },
  },
  Project: { construct: 'Project', references: { product: 'Product' } },
  CodeRepo: { construct: 'CodeRepo', references: { product: 'Product', project: 'Project' } },
  CodeRepoBinding: {
    construct: 'CodeRepoBinding',
    references: { product: 'Product', codeRepo: 'CodeRepo', projects: 'Project' },
  },
  // repoName (a GitLab event source's) and codeRepo (the additional resources') are nested members
  ProjectPipelineRuntime: {
    construct: 'PipelineRuntime',
    references: {
      product: 'Product',
      project: 'Project',
      environment: 'Environment',
      pipelineSource: 'CodeRepo',
      repoName: 'CodeRepo',
      codeRepo: 'CodeRepo',
    },
  },
};

/** The deployment runtime's kind name here (it has a table of its own, lib/model/fields.ts). */
export const RUNTIME_KIND = 'DeploymentRuntime';

const RUNTIME_ROW: ConstructRow = {
  construct: 'DeploymentRuntime',
  references: {
    product: 'Product',
    environment: 'Environment',
    codeRepo: 'CodeRepo',
    projects: 'Project',
  },
};

/** One field as import writes it. */
export interface ImportedField {
  /** The key in the model object. */
  readonly key: string;
  readonly propName: string;
  readonly type: KindField['type'];
  /** The members of a nested object (`object`, `object-list`). */
  readonly members?: readonly ImportedField[];
  readonly default?: string;
  /** The key of the field whose value is the default. */
  readonly defaultFrom?: string;
  /** False for a value only the server sets (a clone URL) and for a secret: never written. */
  readonly written: boolean;
  /** For a secret: the prop line suggested in a comment. */
  readonly secretProp?: string;
  /** The kind (by `KindSpec.kind`) whose objects this field names, when the construct takes those. */
  readonly namesKind?: string;
}

/** One kind as import reads and writes it. */
export interface ImportedKind {
  /** `KindSpec.kind`, or `DeploymentRuntime`. */
  readonly kind: string;
  /** Words for people (`code repo`). */
  readonly title: string;
  readonly construct: string;
  readonly scope: 'tenant' | 'product';
  /** The kind's table; undefined for the deployment runtime. */
  readonly spec: KindSpec | undefined;
  readonly fields: readonly ImportedField[];
}

/** A model object of any kind: field key -> value. */
export type ImportedObject = Readonly<Record<string, KindValue>>;

function fieldOf(f: KindField, row: ConstructRow): ImportedField {
  const secret = f.secret === true;
  const namesKind = row.references[f.propName];
  const secretProp = secret
    ? (row.secretProps?.[f.key] ?? `${f.propName}: '<fill in>'`)
    : undefined;
  return {
    key: f.key,
    propName: f.propName,
    type: f.type,
    ...(f.members ? { members: f.members.map((m) => fieldOf(m, row)) } : {}),
    ...(f.default !== undefined ? { default: f.default } : {}),
    ...(f.defaultFrom !== undefined ? { defaultFrom: f.defaultFrom } : {}),
    written: f.save !== 'never' && !secret,
    ...(secretProp !== undefined ? { secretProp } : {}),
    ...(namesKind !== undefined ? { namesKind } : {}),
  };
}

/** A kind of `KINDS` as import sees it; undefined when it has no construct row yet. */
function importedKindOf(spec: KindSpec): ImportedKind | undefined {
  const row = CONSTRUCT_ROWS[spec.kind];
  if (!row) return undefined;
  return {
    kind: spec.kind,
    title: spec.title,
    construct: row.construct,
    scope: spec.scope,
    spec,
    fields: spec.fields.map((f) => fieldOf(f, row)),
  };
}

const RUNTIME: ImportedKind = {
  kind: RUNTIME_KIND,
  title: 'deployment runtime',
  construct: RUNTIME_ROW.construct,
  scope: 'product',
  spec: undefined,
  fields: RUNTIME_FIELDS.map((f) => {
    const namesKind = RUNTIME_ROW.references[f.propName];
    return {
      key: f.key,
      propName: f.propName,
      type: f.type,
      ...(f.default !== undefined ? { default: f.default } : {}),
      written: true,
      ...(namesKind !== undefined ? { namesKind } : {}),
    };
  }),
};

/**
 * Every kind import writes, in the order the code declares them: `KINDS` (create order, so a construct
 * is declared before those that name it), then deployment runtimes. Kinds without a construct row are
 * left out (`skipped`).
 */
export function importedKinds(kinds: readonly KindSpec[] = KINDS): {
  readonly kinds: readonly ImportedKind[];
  readonly skipped: readonly KindSpec[];
} {
  const out: ImportedKind[] = [];
  const skipped: KindSpec[] = [];
  for (const spec of kinds) {
    const k = importedKindOf(spec);
    if (k) out.push(k);
    else skipped.push(spec);
  }
  return { kinds: [...out, RUNTIME], skipped };
}
