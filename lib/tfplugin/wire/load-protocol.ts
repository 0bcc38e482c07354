// Parses the protocol text into grpc-js service definitions (no .proto files on disk).
import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import { parse, Root } from 'protobufjs';
import { GO_PLUGIN_PROTO, TFPLUGIN6_PROTO } from './protocol';

/** proto-loader options that OpenTofu's messages need (tfplugin-node.md). */
export const LOADER_OPTIONS = {
  keepCase: true,
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

// the bundle build injects the parsed descriptor, so a launch skips parsing the .proto text
declare const __NAUTES_PROTOCOL_JSON__: Record<string, unknown> | undefined;

/** The protocol as a protobufjs JSON descriptor (also used by the bundle build). */
export function protocolDescriptor(): Record<string, unknown> {
  if (typeof __NAUTES_PROTOCOL_JSON__ !== 'undefined') return __NAUTES_PROTOCOL_JSON__;
  const root = new Root();
  parse(TFPLUGIN6_PROTO, root, { keepCase: true });
  parse(GO_PLUGIN_PROTO, root, { keepCase: true });
  return root.toJSON() as Record<string, unknown>;
}

/** Loads (once) the tfplugin6 and go-plugin service definitions. */
export function loadProtocol(): ProtocolServices {
  if (cached) return cached;
  const def = fromJSON(protocolDescriptor(), LOADER_OPTIONS);
  const pkg = grpc.loadPackageDefinition(def) as unknown as {
    tfplugin6: { Provider: grpc.ServiceClientConstructor };
    plugin: {
      GRPCController: grpc.ServiceClientConstructor;
      GRPCStdio: grpc.ServiceClientConstructor;
    };
  };
  cached = {
    provider: pkg.tfplugin6.Provider.service,
    controller: pkg.plugin.GRPCController.service,
    stdio: pkg.plugin.GRPCStdio.service,
    ProviderClient: pkg.tfplugin6.Provider,
    ControllerClient: pkg.plugin.GRPCController,
  };
  return cached;
}
