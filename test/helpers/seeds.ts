import { everyKindSeed, scaleSeed, type Seed } from '../../lib/fake-server';

/** A seed of `products` products (p0, p1, ...), each with its own repo, project, environment and cluster. */
export function multiProductSeed(products: number): Seed {
  return scaleSeed(products);
}

/** `multiProductSeed` with every kind in each product (see everyKindSeed in lib/fake-server/seed.ts). */
export function everyKindProductSeed(products: number): Seed {
  return everyKindSeed(products);
}
