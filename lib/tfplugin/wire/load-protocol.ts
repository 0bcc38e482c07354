// Builds grpc-js service definitions from the generated protocol descriptor (protocol/generated/, from
// the vendored .proto files: nothing parses .proto text at launch, and the bundle needs no file beside it).
import * as grpc from '@grpc/grpc-js';
import { Root, type Type } from 'protobufjs';
import { PROTOCOL_DESCRIPTOR } from '../protocol/generated/descriptor';

/**
 * How messages become objects (the proto-loader options that OpenTofu's messages need, tfplugin-node.md):
 * snake_case field names as in the proto (kept at parse time), int64 as numbers, enums as names, absent
 * fields as their defaults, the set member of a oneof named.
 */
export const LOADER_OPTIONS = {
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

/** The loaded services. */
export interface ProtocolServices {
  readonly provider: grpc.ServiceDefinition;
  readonly controller: grpc.ServiceDefinition;
  readonly stdio: grpc.ServiceDefinition;
  /** Client constructors (used by tests that play the host). */
  readonly ProviderClient: grpc.ServiceClientConstructor;
  readonly ControllerClient: grpc.ServiceClientConstructor;
}

let cached: ProtocolServices | undefined;

/**
 * A grpc-js service definition straight from a protobufjs service: what @grpc/proto-loader makes, without
 * the descriptor protos it also encodes for every message (for reflection, which nothing here serves);
 * building those was most of a launch's protocol set-up.
 */
function serviceDefinition(root: Root, fullName: string): grpc.ServiceDefinition {
  const service = root.lookupService(fullName);
  const def: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const req = method.resolvedRequestType as Type;
    const res = method.resolvedResponseType as Type;
    def[method.name] = {
      path: `/${fullName}/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: (v) => Buffer.from(req.encode(req.fromObject(v as object)).finish()),
      requestDeserialize: (b) => req.toObject(req.decode(b), LOADER_OPTIONS),
      responseSerialize: (v) => Buffer.from(res.encode(res.fromObject(v as object)).finish()),
      responseDeserialize: (b) => res.toObject(res.decode(b), LOADER_OPTIONS),
    };
  }
  return def;
}

/** Loads (once) the tfplugin6 and go-plugin service definitions. */
export function loadProtocol(): ProtocolServices {
  if (cached) return cached;
  const root = Root.fromJSON(PROTOCOL_DESCRIPTOR);
  const provider = serviceDefinition(root, 'tfplugin6.Provider');
  const controller = serviceDefinition(root, 'plugin.GRPCController');
  cached = {
    provider,
    controller,
    stdio: serviceDefinition(root, 'plugin.GRPCStdio'),
    ProviderClient: grpc.makeGenericClientConstructor(provider, 'Provider'),
    ControllerClient: grpc.makeGenericClientConstructor(controller, 'GRPCController'),
  };
  return cached;
}
