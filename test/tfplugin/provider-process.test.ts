// The bundled provider executable, driven by a grpc-js client playing OpenTofu (handshake, mTLS, RPCs).
import { RESOURCE_TYPES } from '../helpers/type-names';
import * as grpc from '@grpc/grpc-js';
import { encode, decode } from '@msgpack/msgpack';
import { createServerCertificate, loadProtocol, MAGIC_COOKIE_VALUE } from '../../lib/tfplugin';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER } from '../helpers/fake-server';
import { pemFromHandshake } from '../helpers/handshake';
import { call, connectProvider as connect, launchProvider as launch } from '../helpers/plugin-host';

describe('provider executable', () => {
  let server: FakeServer;
  let hostCert: { certPem: string; keyPem: string };
  beforeAll(async () => {
    server = await startFakeServer();
    hostCert = await createServerCertificate();
  });
  afterAll(() => server.close());

  const baseEnv = (): NodeJS.ProcessEnv => ({
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: hostCert.certPem,
    NAUTES_API_SERVER: server.url,
    NAUTES_TOKEN: MAINTAINER,
  });

  test('refuses to run without the magic cookie, with a message on stderr', async () => {
    await expect(launch({})).rejects.toThrow(/is a plugin/);
  });

  test('writes one handshake line with an unpadded base64 certificate, and serves RPCs over mTLS', async () => {
    const p = await launch(baseEnv());
    try {
      expect(p.line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]+$/);
      const client = connect(p.line, hostCert);
      const schema = await call<{
        resource_schemas: Record<string, unknown>;
        server_capabilities: { get_provider_schema_optional: boolean };
      }>(client, 'GetProviderSchema', {});
      expect(Object.keys(schema.resource_schemas).sort()).toEqual(RESOURCE_TYPES);
      expect(schema.server_capabilities.get_provider_schema_optional).toBe(true);

      const configure = await call<{ diagnostics: unknown[] }>(client, 'ConfigureProvider', {
        terraform_version: '1.6.2',
        config: {
          msgpack: encode({
            api_server: null,
            ca_cert_file: null,
            timeout_seconds: null,
            retries: null,
            allow_insecure_http: null,
          }),
        },
      });
      expect(configure.diagnostics).toEqual([]);

      // a resource that fails local validation gets an error with the attribute path
      const validate = await call<{
        diagnostics: Array<{
          severity: string;
          summary: string;
          attribute: { steps: Array<{ attribute_name?: string }> };
        }>;
      }>(client, 'ValidateResourceConfig', {
        type_name: 'nautes_deployment_runtime',
        config: {
          msgpack: encode({
            product: 'nautes-labs',
            name: 'Bad_Name',
            code_repo: 'api-server',
            manifest_path: 'm',
            environment: 'env-dev',
          }),
        },
      });
      expect(validate.diagnostics[0]).toMatchObject({
        severity: 'ERROR',
        summary: 'Invalid name',
        attribute: { steps: [{ attribute_name: 'name' }] },
      });

      // refresh of a runtime that does not exist says "gone" (nil new_state)
      const read = await call<{ new_state: { msgpack: Buffer } }>(client, 'ReadResource', {
        type_name: 'nautes_deployment_runtime',
        current_state: {
          msgpack: encode({ id: 'nautes-labs/ghost', product: 'nautes-labs', name: 'ghost' }),
        },
      });
      expect(decode(read.new_state.msgpack)).toBeNull();

      const imp = await call<{ diagnostics: Array<{ summary: string }> }>(
        client,
        'ImportResourceState',
        { type_name: 'nautes_deployment_runtime', id: 'not-an-id' },
      );
      expect(imp.diagnostics[0]?.summary).toBe('Invalid Import ID');
      expect(p.stdoutRest()).toBe('');
      client.close();
    } finally {
      p.child.kill();
    }
  });

  test("refuses a client without the host certificate or with a stranger's", async () => {
    const p = await launch(baseEnv());
    try {
      const stranger = await createServerCertificate();
      for (const cert of [undefined, stranger]) {
        const client = connect(p.line, cert);
        await expect(call(client, 'GetProviderSchema', {})).rejects.toMatchObject({
          code: grpc.status.UNAVAILABLE,
        });
        client.close();
      }
    } finally {
      p.child.kill();
    }
  });

  test('GRPCController.Shutdown makes the process exit at once', async () => {
    const p = await launch(baseEnv());
    try {
      const [, , , address, , certB64] = p.line.split('|');
      const { ControllerClient } = loadProtocol();
      const serverPem = pemFromHandshake(certB64 as string);
      const controller = new ControllerClient(
        address as string,
        grpc.credentials.createSsl(
          Buffer.from(serverPem),
          Buffer.from(hostCert.keyPem),
          Buffer.from(hostCert.certPem),
        ),
        { 'grpc.ssl_target_name_override': 'localhost' },
      );
      const exited = new Promise<number | null>((r) => p.child.on('exit', (c) => r(c)));
      const started = Date.now();
      // the reply may race the exit (OpenTofu ignores that); what matters is a prompt, clean exit
      await call(controller, 'Shutdown', {}).catch(() => undefined);
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(1500);
      controller.close();
    } finally {
      p.child.kill('SIGKILL');
    }
  });
});
