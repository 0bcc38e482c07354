import type { BlockSchema } from '../cty/types';
import type { Diagnostic } from './diagnostics';
import type { Host } from './host';
import type { CachedRuntimeStore } from './cached-runtime-store';

/** What resources need from the configured provider. */
export interface ProviderContext {
  /** The configured store; throws a clear error before ConfigureProvider. */
  directory(): CachedRuntimeStore;
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

/** A managed resource type, in protocol-free terms, on its own attribute type `A`. */
export interface ResourceType<A> {
  readonly schema: BlockSchema;
  validate(config: A): Diagnostic[];
  plan(ctx: ProviderContext, req: PlanRequest<A>): Promise<PlanResponse<A>>;
  apply(ctx: ProviderContext, req: ApplyRequest<A>): Promise<StateResponse<A>>;
  read(ctx: ProviderContext, state: A): Promise<StateResponse<A>>;
  import(ctx: ProviderContext, id: string): Promise<StateResponse<A>>;
}

/** A data source type, on its own attribute type `A`. */
export interface DataSourceType<A> {
  readonly schema: BlockSchema;
  validate(config: A): Diagnostic[];
  read(ctx: ProviderContext, config: A): Promise<StateResponse<A>>;
}
