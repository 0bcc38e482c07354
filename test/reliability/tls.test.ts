// HTTPS with a local CA: the client and the provider trust it through NAUTES_CA_CERT / ca_cert_file, and
// fail clearly with an unknown CA or a wrong host name.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '@msgpack/msgpack';
import { NautesClient } from '../../lib/api';
import { createTlsMaterial, startFakeServer, type FakeServer } from '../../lib/fake-server';
import { NautesProviderCore, createRpcHandlers } from '../../lib/tfplugin';
import { MAINTAINER } from '../helpers/fake-server';

describe('HTTPS with a local CA', () => {
  let server: FakeServer;
  let otherCa: string;
  beforeAll(async () => {
    server = await startFakeServer({ tls: 'generate' });
    const dir = mkdtempSync(join(tmpdir(), 'nautes-ca-'));
    otherCa = join(dir, 'other-ca.pem');
    writeFileSync(otherCa, (await createTlsMaterial()).caCertPem);
  });
  afterAll(() => server.close());

  test('the server speaks HTTPS and writes its CA', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.caCertFile).toMatch(/ca\.pem$/);
  });

  test('the client trusts the CA from NAUTES_CA_CERT', async () => {
    const c = new NautesClient({
      env: {
        NAUTES_API_SERVER: server.url,
        NAUTES_TOKEN: MAINTAINER,
        NAUTES_CA_CERT: server.caCertFile,
      },
    });
    await expect(c.listDeploymentRuntimes('nautes-labs')).resolves.toEqual([]);
    await c.close();
  });

  test('an unknown CA fails clearly, without retrying forever', async () => {
    const c = new NautesClient({
      apiServer: server.url,
      token: MAINTAINER,
      caCertFile: otherCa,
      env: {},
      retries: 1,
      retryDelayMs: 1,
    });
    const err = await c.listDeploymentRuntimes('nautes-labs').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NAUTES_API_CONNECTION' });
    expect(String(err)).toMatch(
      /GET \/api\/v1\/products\/nautes-labs\/deploymentruntimes failed: .*(self[- ]signed|unable to verify|certificate)/i,
    );
    await c.close();
  });

  test('a wrong host name fails clearly', async () => {
    // a certificate for another host, signed by a CA the client trusts
    const material = await createTlsMaterial({ dns: ['nautes.example.com'] });
    const other = await startFakeServer({
      tls: { key: material.keyPem, cert: material.certPem },
      inMemory: true,
    });
    const caFile = join(mkdtempSync(join(tmpdir(), 'nautes-ca-')), 'ca.pem');
    writeFileSync(caFile, material.caCertPem);
    try {
      const c = new NautesClient({
        apiServer: other.url,
        token: MAINTAINER,
        caCertFile: caFile,
        env: {},
        retries: 0,
      });
      const err = await c.listDeploymentRuntimes('nautes-labs').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'NAUTES_API_CONNECTION' });
      expect(String(err)).toMatch(/Hostname\/IP does not match certificate's altnames/);
      await c.close();
    } finally {
      await other.close();
    }
  });

  test('an unreadable CA file is a config error naming the file', () => {
    expect(
      () =>
        new NautesClient({
          apiServer: server.url,
          token: MAINTAINER,
          caCertFile: '/nonexistent/ca.pem',
          env: {},
        }),
    ).toThrow(/cannot read the CA certificate file \/nonexistent\/ca.pem/);
  });

  test('the provider trusts ca_cert_file and reads through it', async () => {
    const core = new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER });
    const rpc = createRpcHandlers(core);
    const config = {
      api_server: server.url,
      ca_cert_file: server.caCertFile,
      timeout_seconds: 5,
      retries: 0,
      allow_insecure_http: null,
    };
    expect(
      (await rpc['ConfigureProvider']?.({ config: { msgpack: encode(config) } }))?.['diagnostics'],
    ).toEqual([]);
    const read = await rpc['ReadDataSource']?.({
      type_name: 'nautes_deployment_runtimes',
      config: { msgpack: encode({ product: 'nautes-labs', field_selector: null }) },
    });
    expect(read?.['diagnostics']).toEqual([]);

    const untrusting = createRpcHandlers(new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER }));
    await untrusting['ConfigureProvider']?.({
      config: { msgpack: encode({ ...config, ca_cert_file: otherCa }) },
    });
    const failed = (await untrusting['ReadDataSource']?.({
      type_name: 'nautes_deployment_runtimes',
      config: { msgpack: encode({ product: 'nautes-labs', field_selector: null }) },
    })) as { diagnostics: Array<{ summary: string; detail: string }> };
    expect(failed.diagnostics[0]?.summary).toBe('Cannot List Deployment Runtimes');
    expect(failed.diagnostics[0]?.detail).toContain('NAUTES_API_CONNECTION');
  });

  test('the provider refuses the token over plain HTTP to a remote host unless allow_insecure_http', async () => {
    const rpc = createRpcHandlers(new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER }));
    const base = {
      api_server: 'http://nautes.example.com',
      ca_cert_file: null,
      timeout_seconds: null,
      retries: null,
    };
    const refused = (await rpc['ConfigureProvider']?.({
      config: { msgpack: encode({ ...base, allow_insecure_http: null }) },
    })) as { diagnostics: Array<{ summary: string; detail: string; attribute: unknown }> };
    expect(refused.diagnostics[0]).toMatchObject({
      summary: 'Invalid Provider Configuration',
      attribute: { steps: [{ attribute_name: 'api_server' }] },
    });
    expect(refused.diagnostics[0]?.detail).toContain(
      'refusing to send the token over plain HTTP to nautes.example.com',
    );
    const allowed = (await createRpcHandlers(new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER }))[
      'ConfigureProvider'
    ]?.({ config: { msgpack: encode({ ...base, allow_insecure_http: true }) } })) as {
      diagnostics: unknown[];
    };
    expect(allowed.diagnostics).toEqual([]);
  });
});
