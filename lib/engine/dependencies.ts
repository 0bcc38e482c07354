// What an object needs on the server before it can be saved (and what must be gone or changed before it can
// be deleted): its product, and the objects its fields name. The kind tables do not carry references yet,
// so they are written here, by Terraform type and field key; a kind missing here (a new one) still waits
// for its product.
import { textOf, type DeploymentRuntime, type KindObject, type KindSpec } from '../model';
import { kindOf } from './plan';

/** A field that names an object of another kind (in the same product, for a product-scoped kind). */
interface Reference {
  readonly key: string;
  readonly to: string;
}

const KIND_REFERENCES: Readonly<Record<string, readonly Reference[]>> = {
  nautes_environment: [{ key: 'cluster', to: 'nautes_cluster' }],
  nautes_code_repo: [{ key: 'project', to: 'nautes_project' }],
  nautes_code_repo_binding: [
    { key: 'codeRepo', to: 'nautes_code_repo' },
    { key: 'projects', to: 'nautes_project' },
  ],
  nautes_project_pipeline_runtime: [
    { key: 'project', to: 'nautes_project' },
    { key: 'pipelineSource', to: 'nautes_code_repo' },
    { key: 'environment', to: 'nautes_environment' },
  ],
};

const RUNTIME_REFERENCES: readonly Reference[] = [
  { key: 'environment', to: 'nautes_environment' },
  { key: 'codeRepo', to: 'nautes_code_repo' },
  { key: 'projectsRef', to: 'nautes_project' },
];

/** The Terraform type of a deployment runtime, as dependency keys name it. */
export const RUNTIME_TYPE = 'nautes_deployment_runtime';

/** The key of an object in a dependency graph: `<tfType> <id>`. */
export const objectKey = (tfType: string, id: string): string => `${tfType} ${id}`;

function keysOf(
  refs: readonly Reference[],
  product: string | undefined,
  value: (key: string) => unknown,
): string[] {
  const out: string[] = product ? [objectKey('nautes_product', product)] : [];
  for (const r of refs) {
    const to = kindOf(r.to);
    if (!to) continue;
    const v = value(r.key);
    const names = Array.isArray(v) ? v : [v];
    for (const name of names)
      if (typeof name === 'string' && name !== '')
        out.push(objectKey(r.to, to.scope === 'product' ? `${product ?? ''}/${name}` : name));
  }
  return out;
}

/** The keys of the objects an object of a kind names (its product first). */
export function referencesOfObject(kind: KindSpec, o: KindObject): string[] {
  const product = kind.scope === 'product' ? textOf(o, 'product') : undefined;
  return keysOf(KIND_REFERENCES[kind.tfType] ?? [], product, (k) => o[k]);
}

/** The keys of the objects a runtime names: its product, environment, code repo and projects. */
export function referencesOfRuntime(r: DeploymentRuntime): string[] {
  return keysOf(RUNTIME_REFERENCES, r.product, (k) => r[k as keyof DeploymentRuntime]);
}
