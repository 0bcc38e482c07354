// The protocol layer is generated from the vendored .proto files (scripts/generate-proto.js, protobufjs-cli's
// pbjs): the committed descriptor is what they generate today, and it holds every RPC the provider serves.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Root } from 'protobufjs';
import { PROTOCOL_DESCRIPTOR } from '../../lib/tfplugin/wire/generated/protocol-descriptor';

const root = join(__dirname, '..', '..');

describe('the generated protocol layer', () => {
  test('is current: regenerating from lib/tfplugin/wire/proto/ gives the committed file', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'generate-proto.js'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('describes tfplugin6 with snake_case fields and the go-plugin services', () => {
    const proto = Root.fromJSON(PROTOCOL_DESCRIPTOR);
    const provider = proto.lookupService('tfplugin6.Provider');
    for (const rpc of ['GetMetadata', 'GetProviderSchema', 'PlanResourceChange', 'ListResource'])
      expect(provider.methods[rpc]).toBeDefined();
    expect(
      proto.lookupType('tfplugin6.PlanResourceChange.Response').fields['requires_replace'],
    ).toBeDefined();
    expect(proto.lookupService('plugin.GRPCController').methods['Shutdown']).toBeDefined();
    expect(proto.lookupService('plugin.GRPCStdio').methods['StreamStdio']).toBeDefined();
  });
});
