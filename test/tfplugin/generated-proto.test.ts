// The committed protocol layer (lib/tfplugin/protocol/generated/) is exactly what scripts/generate-proto.js
// writes for the vendored protos: change a .proto without `npm run generate:proto` and this fails.
import { loadProtocol } from '../../lib/tfplugin/wire/load-protocol';
import { PROVIDER_RPC_NAMES } from '../../lib/tfplugin/protocol/generated/tfplugin6';
import { SERVED_RPCS } from '../../lib/tfplugin/server/rpc-types';

const proto = require('../../scripts/generate-proto') as {
  generateProto(): Promise<Record<string, string>>;
  committedProto(): Record<string, string>;
};

describe('generated tfplugin6 layer', () => {
  test('the committed files are what the generator writes for the vendored protos', async () => {
    const generated = await proto.generateProto();
    const committed = proto.committedProto();
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, text] of Object.entries(generated))
      expect([file, committed[file]]).toEqual([file, text]);
  });

  test('every served RPC is a Provider RPC of the descriptor, and the services load', () => {
    const services = loadProtocol();
    for (const name of SERVED_RPCS) {
      expect(PROVIDER_RPC_NAMES).toContain(name);
      expect(services.provider[name]?.path).toBe(`/tfplugin6.Provider/${name}`);
    }
    expect(services.controller['Shutdown']?.path).toBe('/plugin.GRPCController/Shutdown');
    expect(services.stdio['StreamStdio']?.responseStream).toBe(true);
  });
});
