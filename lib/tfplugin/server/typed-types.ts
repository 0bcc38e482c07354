// The provider's resource and data source types seen by the RPC table: each typed one wrapped so that it
// takes and returns cty objects (converted at this boundary, checked against its schema).
import { attributesFromCty } from '../convert/attributes';
import type { BlockSchema, CtyObject } from '../cty/types';
import type { Diagnostic } from '../provider/diagnostics';
import type { DataSourceType, ProviderContext, ResourceType } from '../provider/resource-type';

/** Attributes and cty objects share one shape; the wrapper only checks it. */
interface CtyStateResponse {
  readonly state: CtyObject | null;
  readonly diagnostics: readonly Diagnostic[];
}
type CtyChange = { readonly prior: CtyObject | null; readonly config: CtyObject | null };

/** A managed resource type on cty objects. */
export interface CtyResourceType {
  readonly schema: BlockSchema;
  validate(config: CtyObject): Diagnostic[];
  plan(
    ctx: ProviderContext,
    req: CtyChange & { readonly proposed: CtyObject | null },
  ): Promise<{
    planned: CtyObject | null;
    requiresReplace: ReadonlyArray<readonly string[]>;
    diagnostics: readonly Diagnostic[];
  }>;
  apply(
    ctx: ProviderContext,
    req: CtyChange & { readonly planned: CtyObject | null },
  ): Promise<CtyStateResponse>;
  read(ctx: ProviderContext, state: CtyObject): Promise<CtyStateResponse>;
  import(ctx: ProviderContext, id: string): Promise<CtyStateResponse>;
}

/** A data source type on cty objects. */
export interface CtyDataSourceType {
  readonly schema: BlockSchema;
  validate(config: CtyObject): Diagnostic[];
  read(ctx: ProviderContext, config: CtyObject): Promise<CtyStateResponse>;
}

/** Wraps a typed resource type for the RPC table. */
export function ctyResource<A extends CtyObject>(r: ResourceType<A>): CtyResourceType {
  const from = (o: CtyObject): A => attributesFromCty<A>(r.schema, o);
  const maybe = (o: CtyObject | null): A | null => (o ? from(o) : null);
  return {
    schema: r.schema,
    validate: (config) => r.validate(from(config)),
    plan: async (ctx, q) =>
      r.plan(ctx, { prior: maybe(q.prior), proposed: maybe(q.proposed), config: maybe(q.config) }),
    apply: async (ctx, q) =>
      r.apply(ctx, { prior: maybe(q.prior), planned: maybe(q.planned), config: maybe(q.config) }),
    read: async (ctx, state) => r.read(ctx, from(state)),
    import: async (ctx, id) => r.import(ctx, id),
  };
}

/** Wraps a typed data source type for the RPC table. */
export function ctyDataSource<A extends CtyObject>(d: DataSourceType<A>): CtyDataSourceType {
  const from = (o: CtyObject): A => attributesFromCty<A>(d.schema, o);
  return {
    schema: d.schema,
    validate: (config) => d.validate(from(config)),
    read: async (ctx, config) => d.read(ctx, from(config)),
  };
}
