// One async function per tfplugin6 RPC: decode the request, call the provider, encode the reply. Requests
// and responses are the generated tfplugin6 messages (server/rpc-types.ts). Handlers never throw: every failure
// becomes an error diagnostic (grpc-js must never see an exception).
import { decodeBlock, encodeBlock } from '../cty/codec';
import { UNKNOWN, type BlockSchema, type CtyObject } from '../cty/types';
import {
  toProtoDiagnostics,
  toProtoIdentitySchema,
  toProtoPath,
  toProtoSchema,
  type ProtoDiagnostic,
} from '../convert/proto';
import {
  SERVED_RPCS,
  type DynamicValue,
  type IdentityData,
  type ListResourceEvent,
  type RpcHandlers,
} from './rpc-types';
import { attributesFromCty } from '../convert/attributes';
import type { ProviderConfig } from '../provider/attributes';
import { diagnosticFromError, error, type Diagnostic } from '../provider/diagnostics';
import {
  DATA_SOURCES,
  PROVIDER_SCHEMA,
  RESOURCES,
  type NautesProviderCore,
} from '../provider/provider';
import {
  INVENTORY_RESOURCE,
  RUNTIME_IDENTITY_SCHEMA,
  RUNTIME_LIST_SCHEMA,
  RUNTIME_RESOURCE,
  RUNTIME_SCHEMA,
  RUNTIMES_DATA_SOURCE,
} from '../provider/schema';
import {
  identityOfRuntime,
  importIdOfIdentity,
  upgradeRuntimeIdentity,
} from '../provider/runtime-identity';
import {
  listRuntimes,
  runtimeListConfig,
  validateRuntimeList,
} from '../provider/deployment-runtime-list';
import { IdentityPolicy } from './identity-policy';
import {
  ctyDataSource,
  ctyResource,
  type CtyDataSourceType,
  type CtyResourceType,
} from './typed-types';

/** The resource and data source types by name, on cty objects. */
const RESOURCE_TYPES: Readonly<Record<string, CtyResourceType>> = {
  [RUNTIME_RESOURCE]: ctyResource(RESOURCES[RUNTIME_RESOURCE]),
  [INVENTORY_RESOURCE]: ctyResource(RESOURCES[INVENTORY_RESOURCE]),
};
const DATA_SOURCE_TYPES: Readonly<Record<string, CtyDataSourceType>> = {
  [RUNTIMES_DATA_SOURCE]: ctyDataSource(DATA_SOURCES[RUNTIMES_DATA_SOURCE]),
};

/** Resource types with an identity (protocol 6.9), and the list resources (6.10), by name. */
const IDENTITY_SCHEMAS: Readonly<Record<string, BlockSchema>> = {
  [RUNTIME_RESOURCE]: RUNTIME_IDENTITY_SCHEMA,
};
const LIST_SCHEMAS: Readonly<Record<string, BlockSchema>> = {
  [RUNTIME_RESOURCE]: RUNTIME_LIST_SCHEMA,
};

const dyn = (schema: BlockSchema, v: CtyObject | null): DynamicValue => ({
  msgpack: encodeBlock(schema, v),
});

function obj(schema: BlockSchema, dv: DynamicValue | null | undefined): CtyObject | null {
  const v = decodeBlock(schema, dv ?? undefined);
  return v === UNKNOWN ? null : v;
}

const NO_BYTES = new Uint8Array(0);

/** The provider block's typed attributes. */
const providerConfig = (dv: DynamicValue | null | undefined): ProviderConfig =>
  attributesFromCty<ProviderConfig>(PROVIDER_SCHEMA, obj(PROVIDER_SCHEMA, dv) ?? {});

const unknownType = (kind: string, name: string): { diagnostics: ProtoDiagnostic[] } => ({
  diagnostics: toProtoDiagnostics([
    error(
      `Unknown ${kind} Type`,
      `The Nautes provider has no ${kind.toLowerCase()} type "${name}".`,
    ),
  ]),
});

/** `{ [key]: identity }`, or nothing when there is no identity to send. */
function withIdentity<K extends string>(
  key: K,
  identity: IdentityData | undefined,
): { [P in K]?: IdentityData } {
  return (identity ? { [key]: identity } : {}) as { [P in K]?: IdentityData };
}

/** Runs `run`; any exception becomes an error diagnostic of the reply. */
async function guard<R extends { diagnostics: ProtoDiagnostic[] }>(
  run: () => Promise<R>,
): Promise<R | { diagnostics: ProtoDiagnostic[] }> {
  try {
    return await run();
  } catch (e) {
    return { diagnostics: toProtoDiagnostics([diagnosticFromError('Provider Error', e)]) };
  }
}

/** Runs `run` with the managed resource type the request names; an unknown name is an error diagnostic. */
function onResource<R extends { diagnostics: ProtoDiagnostic[] }>(
  typeName: string,
  run: (r: CtyResourceType) => Promise<R>,
): Promise<R | { diagnostics: ProtoDiagnostic[] }> {
  const r = RESOURCE_TYPES[typeName];
  return guard(() => (r ? run(r) : Promise.resolve(unknownType('Resource', typeName))));
}

/** The same for a data source type. */
function onDataSource<R extends { diagnostics: ProtoDiagnostic[] }>(
  typeName: string,
  run: (d: CtyDataSourceType) => Promise<R>,
): Promise<R | { diagnostics: ProtoDiagnostic[] }> {
  const d = DATA_SOURCE_TYPES[typeName];
  return guard(() => (d ? run(d) : Promise.resolve(unknownType('Data Source', typeName))));
}

/** The RPC handlers of one provider instance, keyed by RPC name. */
export function createRpcHandlers(core: NautesProviderCore): RpcHandlers {
  const identity = new IdentityPolicy(core.host.product);
  /** The identity of a resulting state, when the host speaks identity and the type has one. */
  const identityOf = (typeName: string, state: CtyObject | null): IdentityData | undefined => {
    const schema = IDENTITY_SCHEMAS[typeName];
    if (!identity.enabled || !schema) return undefined;
    const id = identityOfRuntime(state);
    return id ? { identity_data: dyn(schema, { ...id }) } : undefined;
  };
  const capabilities = { plan_destroy: false, get_provider_schema_optional: true };
  return {
    GetMetadata: async () => ({
      server_capabilities: capabilities,
      resources: Object.keys(RESOURCE_TYPES).map((type_name) => ({ type_name })),
      data_sources: Object.keys(DATA_SOURCE_TYPES).map((type_name) => ({ type_name })),
      list_resources: Object.keys(LIST_SCHEMAS).map((type_name) => ({ type_name })),
      diagnostics: [],
    }),

    GetResourceIdentitySchemas: async () => {
      identity.schemasAsked();
      return {
        identity_schemas: Object.fromEntries(
          Object.entries(IDENTITY_SCHEMAS).map(([k, schema]) => [k, toProtoIdentitySchema(schema)]),
        ),
        diagnostics: [],
      };
    },

    UpgradeResourceIdentity: (req) =>
      guard(async () => {
        const schema = IDENTITY_SCHEMAS[req.type_name ?? ''];
        if (!schema) return unknownType('Resource Identity', req.type_name ?? '');
        const json = req.raw_identity?.json;
        const raw: unknown =
          json && json.length ? JSON.parse(Buffer.from(json).toString('utf8')) : null;
        const res = upgradeRuntimeIdentity(req.version ?? 0, raw);
        return {
          ...(res.identity
            ? { upgraded_identity: { identity_data: dyn(schema, { ...res.identity }) } }
            : {}),
          diagnostics: toProtoDiagnostics(res.diagnostics),
        };
      }),

    ValidateListResourceConfig: (req) =>
      guard(async () => {
        const schema = LIST_SCHEMAS[req.type_name ?? ''];
        if (!schema) return unknownType('List Resource', req.type_name ?? '');
        return {
          diagnostics: toProtoDiagnostics(validateRuntimeList(obj(schema, req.config) ?? {})),
        };
      }),

    ListResource: async (req) => {
      const failed = (diagnostics: ProtoDiagnostic[]): { events: ListResourceEvent[] } => ({
        events: [{ display_name: '', diagnostic: diagnostics }],
      });
      try {
        const schema = LIST_SCHEMAS[req.type_name ?? ''];
        if (!schema) return failed(unknownType('List Resource', req.type_name ?? '').diagnostics);
        const res = await listRuntimes(core, runtimeListConfig(obj(schema, req.config) ?? {}), {
          includeResource: req.include_resource_object === true,
          limit: req.limit ?? 0,
        });
        if (res.diagnostics.length) return failed(toProtoDiagnostics(res.diagnostics));
        const identitySchema = IDENTITY_SCHEMAS[req.type_name ?? ''] ?? RUNTIME_IDENTITY_SCHEMA;
        return {
          events: res.results.map((r) => ({
            // a list result always carries its identity: only hosts that speak identity call ListResource
            identity: { identity_data: dyn(identitySchema, { ...r.identity }) },
            display_name: r.displayName,
            ...(r.state ? { resource_object: dyn(RUNTIME_SCHEMA, r.state) } : {}),
            diagnostic: [],
          })),
        };
      } catch (e) {
        return failed(toProtoDiagnostics([diagnosticFromError('Provider Error', e)]));
      }
    },

    GetProviderSchema: async () => ({
      provider: toProtoSchema(PROVIDER_SCHEMA),
      resource_schemas: Object.fromEntries(
        Object.entries(RESOURCE_TYPES).map(([k, r]) => [k, toProtoSchema(r.schema)]),
      ),
      data_source_schemas: Object.fromEntries(
        Object.entries(DATA_SOURCE_TYPES).map(([k, d]) => [k, toProtoSchema(d.schema)]),
      ),
      list_resource_schemas: Object.fromEntries(
        Object.entries(LIST_SCHEMAS).map(([k, schema]) => [k, toProtoSchema(schema)]),
      ),
      diagnostics: [],
      server_capabilities: capabilities,
    }),

    ValidateProviderConfig: (req) =>
      guard(async () => ({
        diagnostics: toProtoDiagnostics(core.validateConfig(providerConfig(req.config))),
      })),

    ConfigureProvider: (req) =>
      guard(async () => {
        identity.configured(req.terraform_version);
        return { diagnostics: toProtoDiagnostics(core.configure(providerConfig(req.config))) };
      }),

    ValidateResourceConfig: (req) =>
      onResource(req.type_name ?? '', async (r) => {
        return { diagnostics: toProtoDiagnostics(r.validate(obj(r.schema, req.config) ?? {})) };
      }),

    ValidateDataResourceConfig: (req) =>
      onDataSource(req.type_name ?? '', async (d) => {
        return { diagnostics: toProtoDiagnostics(d.validate(obj(d.schema, req.config) ?? {})) };
      }),

    UpgradeResourceState: (req) =>
      onResource(req.type_name ?? '', async (r) => {
        const json = req.raw_state?.json;
        // the state file holds JSON of the stored schema; re-encode it as a full schema-shaped object
        const state = json && json.length ? obj(r.schema, { json }) : null;
        return { upgraded_state: dyn(r.schema, state), diagnostics: [] };
      }),

    ReadResource: (req) =>
      onResource(req.type_name ?? '', async (r) => {
        identity.requestCarried(req.current_identity);
        const current = obj(r.schema, req.current_state);
        if (!current) return { new_state: dyn(r.schema, null), diagnostics: [] };
        const res = await r.read(core, current);
        const newIdentity = identityOf(req.type_name ?? '', res.state);
        return {
          new_state: dyn(r.schema, res.state),
          diagnostics: toProtoDiagnostics(res.diagnostics),
          private: req.private ?? NO_BYTES,
          ...(newIdentity ? { new_identity: newIdentity } : {}),
        };
      }),

    PlanResourceChange: (req) =>
      onResource(req.type_name ?? '', async (r) => {
        identity.requestCarried(req.prior_identity);
        const res = await r.plan(core, {
          prior: obj(r.schema, req.prior_state),
          proposed: obj(r.schema, req.proposed_new_state),
          config: obj(r.schema, req.config),
        });
        return {
          planned_state: dyn(r.schema, res.planned),
          requires_replace: res.requiresReplace.map((p) => toProtoPath(p)),
          planned_private: req.prior_private ?? NO_BYTES,
          diagnostics: toProtoDiagnostics(res.diagnostics),
          ...withIdentity('planned_identity', identityOf(req.type_name ?? '', res.planned)),
        };
      }),

    ApplyResourceChange: (req) =>
      onResource(req.type_name ?? '', async (r) => {
        identity.requestCarried(req.planned_identity);
        const res = await r.apply(core, {
          prior: obj(r.schema, req.prior_state),
          planned: obj(r.schema, req.planned_state),
          config: obj(r.schema, req.config),
        });
        return {
          new_state: dyn(r.schema, res.state),
          private: NO_BYTES,
          diagnostics: toProtoDiagnostics(res.diagnostics),
          ...withIdentity('new_identity', identityOf(req.type_name ?? '', res.state)),
        };
      }),

    ImportResourceState: (req) =>
      onResource(req.type_name ?? '', async (r) => {
        identity.requestCarried(req.identity);
        // `import { identity = {...} }` (Terraform >= 1.12) sends the identity instead of an id
        let id = req.id ?? '';
        if (!id && req.identity?.identity_data) {
          const schema = IDENTITY_SCHEMAS[req.type_name ?? ''];
          const given = schema ? obj(schema, req.identity.identity_data) : null;
          const fromIdentity = given
            ? importIdOfIdentity(given)
            : error(
                'Import By Identity Not Supported',
                `${req.type_name ?? ''} has no identity; import it by id.`,
              );
          if (typeof fromIdentity !== 'string')
            return { imported_resources: [], diagnostics: toProtoDiagnostics([fromIdentity]) };
          id = fromIdentity;
        }
        const res = await r.import(core, id);
        const importedIdentity = identityOf(req.type_name ?? '', res.state);
        return {
          imported_resources: res.state
            ? [
                {
                  type_name: req.type_name ?? '',
                  state: dyn(r.schema, res.state),
                  private: NO_BYTES,
                  ...(importedIdentity ? { identity: importedIdentity } : {}),
                },
              ]
            : [],
          diagnostics: toProtoDiagnostics(res.diagnostics),
        };
      }),

    ReadDataSource: (req) =>
      onDataSource(req.type_name ?? '', async (d) => {
        const config = obj(d.schema, req.config) ?? {};
        const res = await d.read(core, config);
        return {
          state: dyn(d.schema, res.state ?? config),
          diagnostics: toProtoDiagnostics(res.diagnostics),
        };
      }),

    StopProvider: async () => {
      core.stop();
      return { Error: '' };
    },
  };
}

/**
 * The handlers as the gRPC layer takes them: by RPC name, on what grpc-js passes in (already decoded into
 * the generated message shape by the wire layer's LOADER_OPTIONS).
 */
export function untypedHandlers(
  handlers: RpcHandlers,
): Record<string, (raw: unknown) => Promise<unknown>> {
  const table: Record<string, (raw: unknown) => Promise<unknown>> = {};
  for (const name of SERVED_RPCS) {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    table[name] = (raw) => handler(raw ?? {});
  }
  return table;
}

export type { Diagnostic };
