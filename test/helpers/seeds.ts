import { SeedSchema, type Seed } from '../../lib/fake-server';

/** A seed of `products` products (p0, p1, ...), each with its own repo, project, environment and cluster. */
export function multiProductSeed(products: number): Seed {
  return SeedSchema.parse({
    users: [{ username: 'alice', name: 'Alice Maintainer', token: 'demo-maintainer-token' }],
    clusters: Array.from({ length: products }, (_, i) => ({ name: `cluster-${i}`, usage: 'worker', workerType: 'deployment' })),
    products: Array.from({ length: products }, (_, i) => ({
      path: `p${i}`,
      groupId: 1000 + i,
      defaultProjectId: 5000 + i,
      members: { alice: 'maintainer' },
      codeRepos: [{ path: 'app', id: 9000 + i, project: 'app' }],
      projects: [{ name: 'app' }],
      environments: [{ name: 'env', cluster: `cluster-${i}` }],
    })),
  });
}
