import type { DeploymentRuntime } from '../../lib/model';
import type { RuntimeStore } from '../../lib/engine';

/** A valid runtime, with overrides. */
export const aRuntime = (o: Partial<DeploymentRuntime> = {}): DeploymentRuntime => ({
  product: 'nautes-labs',
  name: 'dr-dev',
  projectsRef: ['api-server'],
  codeRepo: 'api-server',
  targetRevision: 'HEAD',
  manifestPath: 'manifests/development',
  environment: 'env-dev',
  namespaces: ['dr-dev'],
  account: '',
  ...o,
});

/** An in-memory RuntimeStore (the engine's test double), with optional failures by runtime name. */
export class InMemoryRuntimeStore implements RuntimeStore {
  readonly calls: string[] = [];
  readonly data = new Map<string, DeploymentRuntime>();
  failOn = new Set<string>();
  constructor(initial: DeploymentRuntime[] = []) {
    for (const r of initial) this.data.set(`${r.product}/${r.name}`, r);
  }
  async list(product: string): Promise<DeploymentRuntime[]> {
    this.calls.push(`list ${product}`);
    return [...this.data.values()].filter((r) => r.product === product);
  }
  async get(product: string, name: string): Promise<DeploymentRuntime | null> {
    this.calls.push(`get ${product}/${name}`);
    return this.data.get(`${product}/${name}`) ?? null;
  }
  async save(r: DeploymentRuntime, o: { insecureSkipCheck: boolean }): Promise<void> {
    this.calls.push(`save ${r.product}/${r.name}${o.insecureSkipCheck ? ' skip' : ''}`);
    if (this.failOn.has(r.name))
      throw Object.assign(new Error(`save of ${r.name} refused`), { code: 'NAUTES_API_CONFLICT' });
    this.data.set(`${r.product}/${r.name}`, r);
  }
  async delete(product: string, name: string, o: { insecureSkipCheck: boolean }): Promise<void> {
    this.calls.push(`delete ${product}/${name}${o.insecureSkipCheck ? ' skip' : ''}`);
    if (this.failOn.has(name))
      throw Object.assign(new Error(`delete of ${name} refused`), { code: 'NAUTES_API_FORBIDDEN' });
    this.data.delete(`${product}/${name}`);
  }
}
