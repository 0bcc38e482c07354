// One typed request and response per tfplugin6 RPC the provider serves (the fields it reads and writes, as
// the wire layer hands them over: snake_case keys, bytes as Uint8Array), and the decoding of a request
// from what grpc-js passes in. The server layer works only on these types.
import type {
  ProtoAttributePath,
  ProtoDiagnostic,
  ProtoIdentityAttribute,
  ProtoSchema,
} from './proto';

/** A DynamicValue: a value of a schema, msgpack- (or, from state files, JSON-) encoded. */
export interface DynamicValue {
  readonly msgpack?: Uint8Array | null;
  readonly json?: Uint8Array | null;
}

/** Identity data of a resource instance: a value of its identity schema. */
export interface IdentityData {
  readonly identity_data?: DynamicValue | null;
}

/** One result of ListResource (streamed). */
export interface ListResourceEvent {
  identity?: IdentityData;
  display_name: string;
  resource_object?: DynamicValue;
  diagnostic: ProtoDiagnostic[];
}

interface ServerCapabilities {
  plan_destroy: boolean;
  get_provider_schema_optional: boolean;
}

interface WithDiagnostics {
  readonly diagnostics: ProtoDiagnostic[];
}
interface TypeNamed {
  readonly type_name: string;
}

/** Every RPC served: its request and its response. */
export interface RpcMessages {
  GetMetadata: {
    req: Record<string, never>;
    res: WithDiagnostics & {
      server_capabilities: ServerCapabilities;
      resources: TypeNamed[];
      data_sources: TypeNamed[];
      list_resources: TypeNamed[];
    };
  };
  GetProviderSchema: {
    req: Record<string, never>;
    res: WithDiagnostics & {
      provider: ProtoSchema;
      resource_schemas: Record<string, ProtoSchema>;
      data_source_schemas: Record<string, ProtoSchema>;
      list_resource_schemas: Record<string, ProtoSchema>;
      server_capabilities: ServerCapabilities;
    };
  };
  GetResourceIdentitySchemas: {
    req: Record<string, never>;
    res: WithDiagnostics & {
      identity_schemas: Record<
        string,
        { version: number; identity_attributes: ProtoIdentityAttribute[] }
      >;
    };
  };
  UpgradeResourceIdentity: {
    req: TypeNamed & { version?: number; raw_identity?: { json?: Uint8Array | null } };
    res: WithDiagnostics & { upgraded_identity?: IdentityData };
  };
  ListResource: {
    req: TypeNamed & { config?: DynamicValue; include_resource_object?: boolean; limit?: number };
    /** Streamed: one message per event, in order. */
    res: { events: ListResourceEvent[] };
  };
  ValidateListResourceConfig: {
    req: TypeNamed & { config?: DynamicValue };
    res: WithDiagnostics;
  };
  ValidateProviderConfig: { req: { config?: DynamicValue }; res: WithDiagnostics };
  ConfigureProvider: {
    req: { config?: DynamicValue; terraform_version?: string };
    res: WithDiagnostics;
  };
  ValidateResourceConfig: { req: TypeNamed & { config?: DynamicValue }; res: WithDiagnostics };
  ValidateDataResourceConfig: { req: TypeNamed & { config?: DynamicValue }; res: WithDiagnostics };
  UpgradeResourceState: {
    req: TypeNamed & { version?: number; raw_state?: { json?: Uint8Array | null } };
    res: WithDiagnostics & { upgraded_state?: DynamicValue };
  };
  ReadResource: {
    req: TypeNamed & {
      current_state?: DynamicValue;
      private?: Uint8Array;
      current_identity?: IdentityData;
    };
    res: WithDiagnostics & {
      new_state?: DynamicValue;
      private?: Uint8Array;
      new_identity?: IdentityData;
    };
  };
  PlanResourceChange: {
    req: TypeNamed & {
      prior_state?: DynamicValue;
      proposed_new_state?: DynamicValue;
      config?: DynamicValue;
      prior_private?: Uint8Array;
      prior_identity?: IdentityData;
    };
    res: WithDiagnostics & {
      planned_state?: DynamicValue;
      requires_replace?: ProtoAttributePath[];
      planned_private?: Uint8Array;
      planned_identity?: IdentityData;
    };
  };
  ApplyResourceChange: {
    req: TypeNamed & {
      prior_state?: DynamicValue;
      planned_state?: DynamicValue;
      config?: DynamicValue;
      planned_private?: Uint8Array;
      planned_identity?: IdentityData;
    };
    res: WithDiagnostics & {
      new_state?: DynamicValue;
      private?: Uint8Array;
      new_identity?: IdentityData;
    };
  };
  ImportResourceState: {
    req: TypeNamed & { id: string; identity?: IdentityData };
    res: WithDiagnostics & {
      imported_resources?: Array<{
        type_name: string;
        state: DynamicValue;
        private: Uint8Array;
        identity?: IdentityData;
      }>;
    };
  };
  ReadDataSource: {
    req: TypeNamed & { config?: DynamicValue };
    res: WithDiagnostics & { state?: DynamicValue };
  };
  StopProvider: { req: Record<string, never>; res: { Error: string } };
}

/** The name of a served RPC. */
export type RpcName = keyof RpcMessages;

/** A typed handler per RPC. */
export type RpcHandlers = {
  [K in RpcName]: (req: RpcMessages[K]['req']) => Promise<RpcMessages[K]['res']>;
};

const RPC_NAMES: readonly RpcName[] = [
  'GetMetadata',
  'GetProviderSchema',
  'GetResourceIdentitySchemas',
  'UpgradeResourceIdentity',
  'ListResource',
  'ValidateListResourceConfig',
  'ValidateProviderConfig',
  'ConfigureProvider',
  'ValidateResourceConfig',
  'ValidateDataResourceConfig',
  'UpgradeResourceState',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'ReadDataSource',
  'StopProvider',
];

/** True for the name of an RPC this provider serves. */
export function isRpcName(name: string): name is RpcName {
  return (RPC_NAMES as readonly string[]).includes(name);
}

const DYNAMIC = new Set([
  'config',
  'current_state',
  'prior_state',
  'proposed_new_state',
  'planned_state',
]);
const STRINGS = new Set(['type_name', 'id', 'terraform_version']);
const BYTES = new Set(['private', 'prior_private', 'planned_private']);
const IDENTITIES = new Set(['current_identity', 'prior_identity', 'planned_identity', 'identity']);
const RAW_STATES = new Set(['raw_state', 'raw_identity']);

/** The requests that name no resource or data source type. */
const UNTYPED = new Set<RpcName>([
  'GetMetadata',
  'GetResourceIdentitySchemas',
  'GetProviderSchema',
  'ValidateProviderConfig',
  'ConfigureProvider',
  'StopProvider',
]);

const bytes = (v: unknown): Uint8Array | undefined => (v instanceof Uint8Array ? v : undefined);

function dynamicValue(v: unknown): DynamicValue | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as { msgpack?: unknown; json?: unknown };
  return { msgpack: bytes(o.msgpack) ?? null, json: bytes(o.json) ?? null };
}

/**
 * The typed request of RPC `name` from what grpc-js passes in: the fields the provider reads, each of its
 * proto type or absent (a field of another type is dropped, as proto3 would not have sent it).
 */
export function decodeRequest<K extends RpcName>(name: K, raw: unknown): RpcMessages[K]['req'] {
  const out: Record<string, unknown> = {};
  if (raw !== null && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (DYNAMIC.has(key)) out[key] = dynamicValue(value);
      else if (STRINGS.has(key)) out[key] = typeof value === 'string' ? value : '';
      else if (BYTES.has(key)) out[key] = bytes(value);
      else if (key === 'version') out[key] = typeof value === 'number' ? value : Number(value);
      else if (RAW_STATES.has(key) && value !== null && typeof value === 'object')
        out[key] = { json: bytes((value as { json?: unknown }).json) ?? null };
      else if (IDENTITIES.has(key) && value !== null && typeof value === 'object')
        out[key] = {
          identity_data: dynamicValue((value as { identity_data?: unknown }).identity_data),
        };
      // ListResource's own scalars (ValidateListResourceConfig sends the same names as DynamicValues)
      else if (name === 'ListResource' && key === 'include_resource_object')
        out[key] = value === true;
      else if (name === 'ListResource' && key === 'limit')
        out[key] = typeof value === 'number' ? value : Number(value);
    }
  }
  // every request that names a type carries one (proto3 strings default to '')
  if (!UNTYPED.has(name)) out['type_name'] ??= '';
  if (name === 'ImportResourceState') out['id'] ??= '';
  // each field above has its proto type or is absent: the shape of the typed request
  return out;
}
