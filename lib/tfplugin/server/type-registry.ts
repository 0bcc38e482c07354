// The provider's schema and its resource and data source types by name, on cty objects: what every RPC
// looks a request's type name up in. Identity and list RPCs serve the resource types that have those
// capabilities; nothing here knows which types those are.
import type { BlockSchema } from '../cty/types';
import { DATA_SOURCES, PROVIDER_SCHEMA, RESOURCES } from '../provider/provider';
import type { DataSourceType, ResourceType } from '../provider/resource-type';
import type { CtyObject } from '../cty/types';
import {
  ctyDataSource,
  ctyResource,
  type CtyDataSourceType,
  type CtyResourceType,
} from './typed-types';

/** The types an RPC table serves. */
export interface TypeRegistry {
  readonly providerSchema: BlockSchema;
  readonly resources: Readonly<Record<string, CtyResourceType>>;
  readonly dataSources: Readonly<Record<string, CtyDataSourceType>>;
}

/** A registry of the given typed resource and data source types. */
export function typeRegistry(
  providerSchema: BlockSchema,
  resources: Readonly<Record<string, ResourceType<CtyObject>>>,
  dataSources: Readonly<Record<string, DataSourceType<CtyObject>>>,
): TypeRegistry {
  const map = <T, U>(o: Readonly<Record<string, T>>, f: (t: T) => U): Record<string, U> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
  return {
    providerSchema,
    resources: map(resources, (r) => ctyResource(r)),
    dataSources: map(dataSources, (d) => ctyDataSource(d)),
  };
}

/** The Nautes provider's types. */
export const PROVIDER_TYPES: TypeRegistry = typeRegistry(PROVIDER_SCHEMA, RESOURCES, DATA_SOURCES);

/** Every resource type that has an identity (protocol 6.9), by name. */
export function withIdentity(types: TypeRegistry): Array<[string, CtyResourceType]> {
  return Object.entries(types.resources).filter(([, r]) => r.identity !== undefined);
}

/** Every resource type that has a list resource (protocol 6.10), by name. */
export function withList(types: TypeRegistry): Array<[string, CtyResourceType]> {
  return Object.entries(types.resources).filter(([, r]) => r.list !== undefined);
}
