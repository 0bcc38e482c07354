// The provider's resource and data source types seen by the RPC table: each typed one wrapped so that it
// takes and returns cty objects (converted at this boundary, checked against its schema), capabilities
// included.
import { attributesFromCty } from '../convert/attributes';
import type { CtyObject } from '../cty/types';
import type { DataSourceType, ResourceType } from '../provider/resource-type';

/** A managed resource type on cty objects. */
export type CtyResourceType = ResourceType<CtyObject>;

/** A data source type on cty objects. */
export type CtyDataSourceType = DataSourceType<CtyObject>;

/** Wraps a typed resource type for the RPC table. */
export function ctyResource<A extends CtyObject>(r: ResourceType<A>): CtyResourceType {
  const from = (o: CtyObject): A => attributesFromCty<A>(r.schema, o);
  const maybe = (o: CtyObject | null): A | null => (o ? from(o) : null);
  const identity = r.identity;
  return {
    schema: r.schema,
    validate: (config) => r.validate(from(config)),
    plan: async (ctx, q) =>
      r.plan(ctx, { prior: maybe(q.prior), proposed: maybe(q.proposed), config: maybe(q.config) }),
    apply: async (ctx, q) =>
      r.apply(ctx, { prior: maybe(q.prior), planned: maybe(q.planned), config: maybe(q.config) }),
    read: async (ctx, state) => r.read(ctx, from(state)),
    import: async (ctx, id) => r.import(ctx, id),
    ...(identity
      ? {
          identity: {
            schema: identity.schema,
            of: (state) => identity.of(maybe(state)),
            importId: (id) => identity.importId(id),
            upgrade: (version, raw) => identity.upgrade(version, raw),
          },
        }
      : {}),
    // its results' states are A, which is a cty object
    ...(r.list ? { list: r.list } : {}),
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
