import type { DeploymentRuntime, KindAddress, KindObject, KindSpec } from '../model';

/** Where runtimes live; the API client implements it, tests use an in-memory one. */
export interface RuntimeStore {
  /** Every runtime of a product (one call); with a field selector, those the server's selector matches. */
  list(product: string, options?: { fieldSelector?: string }): Promise<DeploymentRuntime[]>;
  /** One runtime as it is now, or null when there is none. */
  get(product: string, name: string): Promise<DeploymentRuntime | null>;
  save(runtime: DeploymentRuntime, options: { insecureSkipCheck: boolean }): Promise<void>;
  delete(product: string, name: string, options: { insecureSkipCheck: boolean }): Promise<void>;
}

/** Where objects of the declared kinds live; the API client implements it, tests use an in-memory one. */
export interface KindStore {
  /** Every object of a kind: of a product, or of the tenant for tenant-level kinds (one call). */
  list(kind: KindSpec, product: string | undefined): Promise<KindObject[]>;
  /** One object as it is now, or null when there is none. */
  get(kind: KindSpec, address: KindAddress): Promise<KindObject | null>;
  save(kind: KindSpec, o: KindObject, options: { insecureSkipCheck: boolean }): Promise<void>;
  delete(
    kind: KindSpec,
    address: KindAddress,
    options: { insecureSkipCheck: boolean },
  ): Promise<void>;
}
