import type { BlockSchema, CtyObject } from '../cty/types';
import type { Diagnostic } from './diagnostics';
import type { Host } from './host';
import type { CachedRuntimeStore } from './cached-runtime-store';

/** What resources need from the configured provider. */
export interface ProviderContext {
  /** The configured directory; throws a clear error before ConfigureProvider. */
  directory(): CachedRuntimeStore;
  /** True once StopProvider was called: start no new API writes. */
  readonly stopping: boolean;
  /** Provider attributes still unknown (plan with a configuration from other resources): make no API calls. */
  readonly unknownConfig: readonly string[];
  /** The host in use (for messages that name a command). */
  readonly host: Host;
}

export interface PlanRequest {
  readonly prior: CtyObject | null;
  readonly proposed: CtyObject | null;
  readonly config: CtyObject | null;
}
export interface PlanResponse {
  readonly planned: CtyObject | null;
  readonly requiresReplace: ReadonlyArray<readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}
export interface ApplyRequest {
  readonly prior: CtyObject | null;
  readonly planned: CtyObject | null;
  readonly config: CtyObject | null;
}
export interface StateResponse {
  readonly state: CtyObject | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** A managed resource type, in protocol-free terms. */
export interface ResourceType {
  readonly schema: BlockSchema;
  validate(config: CtyObject): Diagnostic[];
  plan(ctx: ProviderContext, req: PlanRequest): Promise<PlanResponse>;
  apply(ctx: ProviderContext, req: ApplyRequest): Promise<StateResponse>;
  read(ctx: ProviderContext, state: CtyObject): Promise<StateResponse>;
  import(ctx: ProviderContext, id: string): Promise<StateResponse>;
}

/** A data source type. */
export interface DataSourceType {
  readonly schema: BlockSchema;
  validate(config: CtyObject): Diagnostic[];
  read(ctx: ProviderContext, config: CtyObject): Promise<StateResponse>;
}
