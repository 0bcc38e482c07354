// One async function per tfplugin6 RPC: decode the request, call the provider, encode the reply.
// Handlers never throw: every failure becomes an error diagnostic (grpc-js must never see an exception).
import { decodeBlock, encodeBlock } from '../cty/codec';
import { UNKNOWN, type BlockSchema, type CtyObject } from '../cty/types';
import { toProtoDiagnostics, toProtoPath, toProtoSchema } from '../convert/proto';
import { diagnosticFromError, error, type Diagnostic } from '../provider/diagnostics';
import {
  DATA_SOURCES,
  PROVIDER_SCHEMA,
  RESOURCES,
  type NautesProviderCore,
} from '../provider/provider';
import type { DataSourceType, ResourceType } from '../provider/resource-type';

type Dyn = { msgpack?: Uint8Array | null; json?: Uint8Array | null } | null | undefined;
type Req = Record<string, unknown>;
type Res = Record<string, unknown>;

const dyn = (schema: BlockSchema, v: CtyObject | null): { msgpack: Uint8Array } => ({
  msgpack: encodeBlock(schema, v),
});

function obj(schema: BlockSchema, dv: unknown): CtyObject | null {
  const v = decodeBlock(schema, dv as Dyn);
  return v === UNKNOWN ? null : v;
}

const unknownType = (kind: string, name: string): Res => ({
  diagnostics: toProtoDiagnostics([
    error(
      `Unknown ${kind} Type`,
      `The Nautes provider has no ${kind.toLowerCase()} type "${name}".`,
    ),
  ]),
});

/** Wraps a handler so that any exception turns into an error diagnostic under `diagKey`. */
async function guard(diagKey: string, run: () => Promise<Res>): Promise<Res> {
  try {
    return await run();
  } catch (e) {
    return { [diagKey]: toProtoDiagnostics([diagnosticFromError('Provider Error', e)]) };
  }
}

/** Runs `run` with the managed resource type the request names; an unknown name is an error diagnostic. */
function onResource(
  req: Req,
  run: (r: ResourceType, typeName: string) => Promise<Res>,
): Promise<Res> {
  const typeName = req['type_name'] as string;
  const r = RESOURCES[typeName];
  return guard('diagnostics', () =>
    r ? run(r, typeName) : Promise.resolve(unknownType('Resource', typeName)),
  );
}

/** The same for a data source type. */
function onDataSource(req: Req, run: (d: DataSourceType) => Promise<Res>): Promise<Res> {
  const d = DATA_SOURCES[req['type_name'] as string];
  return guard('diagnostics', () =>
    d ? run(d) : Promise.resolve(unknownType('Data Source', req['type_name'] as string)),
  );
}

/** The RPC handlers of one provider instance, keyed by RPC name. */
export function createRpcHandlers(
  core: NautesProviderCore,
): Record<string, (req: Req) => Promise<Res>> {
  return {
    GetProviderSchema: async () => ({
      provider: toProtoSchema(PROVIDER_SCHEMA),
      resource_schemas: Object.fromEntries(
        Object.entries(RESOURCES).map(([k, r]) => [k, toProtoSchema(r.schema)]),
      ),
      data_source_schemas: Object.fromEntries(
        Object.entries(DATA_SOURCES).map(([k, d]) => [k, toProtoSchema(d.schema)]),
      ),
      diagnostics: [],
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: true },
    }),

    ValidateProviderConfig: (req) =>
      guard('diagnostics', async () => ({
        diagnostics: toProtoDiagnostics(
          core.validateConfig(obj(PROVIDER_SCHEMA, req['config']) ?? {}),
        ),
      })),

    ConfigureProvider: (req) =>
      guard('diagnostics', async () => ({
        diagnostics: toProtoDiagnostics(core.configure(obj(PROVIDER_SCHEMA, req['config']) ?? {})),
      })),

    ValidateResourceConfig: (req) =>
      onResource(req, async (r) => {
        return { diagnostics: toProtoDiagnostics(r.validate(obj(r.schema, req['config']) ?? {})) };
      }),

    ValidateDataResourceConfig: (req) =>
      onDataSource(req, async (d) => {
        return { diagnostics: toProtoDiagnostics(d.validate(obj(d.schema, req['config']) ?? {})) };
      }),

    UpgradeResourceState: (req) =>
      onResource(req, async (r) => {
        const raw = req['raw_state'] as { json?: Uint8Array } | undefined;
        // the state file holds JSON of the stored schema; re-encode it as a full schema-shaped object
        const state = raw?.json && raw.json.length ? obj(r.schema, { json: raw.json }) : null;
        return { upgraded_state: dyn(r.schema, state), diagnostics: [] };
      }),

    ReadResource: (req) =>
      onResource(req, async (r) => {
        const current = obj(r.schema, req['current_state']);
        if (!current) return { new_state: dyn(r.schema, null), diagnostics: [] };
        const res = await r.read(core, current);
        return {
          new_state: dyn(r.schema, res.state),
          diagnostics: toProtoDiagnostics(res.diagnostics),
          private: req['private'] ?? Buffer.alloc(0),
        };
      }),

    PlanResourceChange: (req) =>
      onResource(req, async (r) => {
        const res = await r.plan(core, {
          prior: obj(r.schema, req['prior_state']),
          proposed: obj(r.schema, req['proposed_new_state']),
          config: obj(r.schema, req['config']),
        });
        return {
          planned_state: dyn(r.schema, res.planned),
          requires_replace: res.requiresReplace.map((p) => toProtoPath(p)),
          planned_private: req['prior_private'] ?? Buffer.alloc(0),
          diagnostics: toProtoDiagnostics(res.diagnostics),
        };
      }),

    ApplyResourceChange: (req) =>
      onResource(req, async (r) => {
        const res = await r.apply(core, {
          prior: obj(r.schema, req['prior_state']),
          planned: obj(r.schema, req['planned_state']),
          config: obj(r.schema, req['config']),
        });
        return {
          new_state: dyn(r.schema, res.state),
          private: Buffer.alloc(0),
          diagnostics: toProtoDiagnostics(res.diagnostics),
        };
      }),

    ImportResourceState: (req) =>
      onResource(req, async (r, typeName) => {
        const id = req['id'];
        const res = await r.import(core, typeof id === 'string' ? id : '');
        return {
          imported_resources: res.state
            ? [{ type_name: typeName, state: dyn(r.schema, res.state), private: Buffer.alloc(0) }]
            : [],
          diagnostics: toProtoDiagnostics(res.diagnostics),
        };
      }),

    ReadDataSource: (req) =>
      onDataSource(req, async (d) => {
        const config = obj(d.schema, req['config']) ?? {};
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

export type { Diagnostic };
