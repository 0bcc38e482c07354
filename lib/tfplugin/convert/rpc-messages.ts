// One typed request and response per tfplugin6 RPC the provider serves (the fields it reads and writes, as
// @grpc/proto-loader hands them over: snake_case keys, bytes as Uint8Array), and the decoding of a request
// from what grpc-js passes in. The server layer works only on these types.
import type { ProtoAttributePath, ProtoDiagnostic, ProtoSchema } from './proto';

/** A DynamicValue: a value of a schema, msgpack- (or, from state files, JSON-) encoded. */
export interface DynamicValue {
  readonly msgpack?: Uint8Array | null;
  readonly json?: Uint8Array | null;
}

interface WithDiagnostics {
  readonly diagnostics: ProtoDiagnostic[];
}
interface TypeNamed {
  readonly type_name: string;
}

/** Every RPC served: its request and its response. */
export interface RpcMessages {
  GetProviderSchema: {
    req: Record<string, never>;
    res: WithDiagnostics & {
      provider: ProtoSchema;
      resource_schemas: Record<string, ProtoSchema>;
      data_source_schemas: Record<string, ProtoSchema>;
      server_capabilities: { plan_destroy: boolean; get_provider_schema_optional: boolean };
    };
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
    req: TypeNamed & { current_state?: DynamicValue; private?: Uint8Array };
    res: WithDiagnostics & { new_state?: DynamicValue; private?: Uint8Array };
  };
  PlanResourceChange: {
    req: TypeNamed & {
      prior_state?: DynamicValue;
      proposed_new_state?: DynamicValue;
      config?: DynamicValue;
      prior_private?: Uint8Array;
    };
    res: WithDiagnostics & {
      planned_state?: DynamicValue;
      requires_replace?: ProtoAttributePath[];
      planned_private?: Uint8Array;
    };
  };
  ApplyResourceChange: {
    req: TypeNamed & {
      prior_state?: DynamicValue;
      planned_state?: DynamicValue;
      config?: DynamicValue;
      planned_private?: Uint8Array;
    };
    res: WithDiagnostics & { new_state?: DynamicValue; private?: Uint8Array };
  };
  ImportResourceState: {
    req: TypeNamed & { id: string };
    res: WithDiagnostics & {
      imported_resources?: Array<{ type_name: string; state: DynamicValue; private: Uint8Array }>;
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
  'GetProviderSchema',
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

/** The requests that name no resource or data source type. */
const UNTYPED = new Set<RpcName>([
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
      else if (key === 'raw_state' && value !== null && typeof value === 'object')
        out[key] = { json: bytes((value as { json?: unknown }).json) ?? null };
    }
  }
  // every request that names a type carries one (proto3 strings default to '')
  if (!UNTYPED.has(name)) out['type_name'] ??= '';
  if (name === 'ImportResourceState') out['id'] ??= '';
  // each field above has its proto type or is absent: the shape of the typed request
  return out;
}
