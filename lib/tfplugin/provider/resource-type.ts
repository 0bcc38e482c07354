import type { BlockSchema, CtyObject } from '../cty/types';
import type { Diagnostic } from './diagnostics';
import type { Host } from './host';
import type { CachedRuntimeStore } from './cached-runtime-store';
import type { CachedKindStore } from './cached-kind-store';

/** What resources need from the configured provider. */
export interface ProviderContext {
  /** The configured store; throws a clear error before ConfigureProvider. */
  directory(): CachedRuntimeStore;
  /** The configured store of the declared kinds (products, projects, ...); throws as `directory()` does. */
  objects(): CachedKindStore;
  /** True once StopProvider was called: start no new API writes. */
  readonly stopping: boolean;
  /** Provider attributes still unknown (plan with a configuration from other resources): make no API calls. */
  readonly unknownConfig: readonly string[];
  /** The host in use (for messages that name a command). */
  readonly host: Host;
  /** The configuration's directory, when known (to name the resource an import id is for). */
  readonly workingDir?: string | undefined;
  /**
   * The error diagnostic for a failed call: in full the first time its cause (the provider's configuration,
   * or a product's list at a server) is seen in this process, then a short reference to it.
   */
  failure(summary: string, e: unknown): Diagnostic;
}

export interface PlanRequest<A> {
  readonly prior: A | null;
  readonly proposed: A | null;
  readonly config: A | null;
}
export interface PlanResponse<A> {
  readonly planned: A | null;
  readonly requiresReplace: ReadonlyArray<readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}
export interface ApplyRequest<A> {
  readonly prior: A | null;
  readonly planned: A | null;
  readonly config: A | null;
}
export interface StateResponse<A> {
  readonly state: A | null;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Resource identity (plugin protocol 6.9): a small object that names an instance, stored by the host beside
 * its state, and what an import may name instead of an id.
 */
export interface IdentityCapability<A> {
  /** The identity's attributes (all of them required for import, or optional). */
  readonly schema: BlockSchema;
  /** The identity of a state, or null when it is not known yet (a planned create of an unknown name). */
  of(state: A | null): CtyObject | null;
  /** The import id an identity names, or a diagnostic naming what is missing. */
  importId(identity: CtyObject): string | Diagnostic;
  /** An identity stored by another version of the provider (`raw` is its JSON), as this version's. */
  upgrade(
    version: number,
    raw: unknown,
  ): { readonly identity: CtyObject | null; readonly diagnostics: readonly Diagnostic[] };
}

/** One result of a list resource: its identity, a name for people, and its state when asked for. */
export interface ListResult<A> {
  readonly identity: CtyObject;
  readonly displayName: string;
  readonly state: A | null;
}

/**
 * A list resource of the same type name (plugin protocol 6.10): `terraform query` lists instances, which
 * it can then write config and import blocks for. Its results carry the identity, so a type with a list
 * also has an identity.
 */
export interface ListCapability<A> {
  /** The schema of a query block's configuration. */
  readonly schema: BlockSchema;
  validate(config: CtyObject): Diagnostic[];
  list(
    ctx: ProviderContext,
    config: CtyObject,
    options: { readonly includeResource: boolean; readonly limit: number },
  ): Promise<{
    readonly results: readonly ListResult<A>[];
    readonly diagnostics: readonly Diagnostic[];
  }>;
}

/**
 * A managed resource type, in protocol-free terms, on its own attribute type `A`; identity and list are
 * optional capabilities (the server offers the protocol's identity and list RPCs for the types that have
 * them).
 */
export interface ResourceType<A> {
  readonly schema: BlockSchema;
  validate(config: A): Diagnostic[];
  plan(ctx: ProviderContext, req: PlanRequest<A>): Promise<PlanResponse<A>>;
  apply(ctx: ProviderContext, req: ApplyRequest<A>): Promise<StateResponse<A>>;
  read(ctx: ProviderContext, state: A): Promise<StateResponse<A>>;
  import(ctx: ProviderContext, id: string): Promise<StateResponse<A>>;
  readonly identity?: IdentityCapability<A>;
  readonly list?: ListCapability<A>;
}

/** A data source type, on its own attribute type `A`. */
export interface DataSourceType<A> {
  readonly schema: BlockSchema;
  validate(config: A): Diagnostic[];
  read(ctx: ProviderContext, config: A): Promise<StateResponse<A>>;
}
