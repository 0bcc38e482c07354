// ConfigureProvider with values that are not known yet, and the words of provider messages, on the
// protocol-free provider (no gRPC): what the hosts see is covered by test/e2e/unknown-provider-config.
import { NautesProviderCore, UNKNOWN } from '../../lib/tfplugin';
import { RESOURCES } from '../../lib/tfplugin/provider/provider';
import { detectHost } from '../../lib/tfplugin/provider/host';
import { MAINTAINER, useFakeServer } from '../helpers/fake-server';

const runtime = RESOURCES['nautes_deployment_runtime']!;
const inventory = RESOURCES['nautes_runtime_inventory']!;
const prior = {
  id: 'nautes-labs/dr-dev',
  product: 'nautes-labs',
  name: 'dr-dev',
  code_repo: 'api-server',
  target_revision: 'HEAD',
  manifest_path: 'm',
  environment: 'env-dev',
  namespaces: null,
  projects_ref: null,
  account: null,
  insecure_skip_check: null,
  skip_checks_reason: null,
};
const TOFU = { product: 'OpenTofu', command: 'tofu' };

describe('provider configuration', () => {
  const ctx = useFakeServer();

  test.each(['api_server', 'ca_cert_file', 'timeout_seconds'])(
    'an unknown %s: a warning naming it, no API call, prior state kept',
    async (attr) => {
      const core = new NautesProviderCore(
        { NAUTES_API_SERVER: ctx.server.url, NAUTES_TOKEN: MAINTAINER },
        TOFU,
      );
      const before = ctx.server.requests.length;
      const diags = core.configure({ api_server: ctx.server.url, [attr]: UNKNOWN });
      expect(diags).toEqual([
        expect.objectContaining({
          severity: 'WARNING',
          summary: 'Provider Configuration Not Known Yet',
          path: [attr],
        }),
      ]);
      expect((await runtime.read(core, prior)).state).toEqual(prior);
      const inv = await inventory.plan(core, {
        prior: null,
        proposed: {
          id: null,
          product: 'nautes-labs',
          declared: ['dr-dev'],
          prune: null,
          unmanaged: UNKNOWN,
          kinds: null,
          declared_objects: null,
          unmanaged_objects: ['nautes_project old'],
        },
        config: null,
      });
      expect(inv.planned?.['unmanaged']).toBe(UNKNOWN);
      // not the prior list: the apply computes it again (a host checks the apply against the plan)
      expect(inv.planned?.['unmanaged_objects']).toBe(UNKNOWN);
      expect(inv.diagnostics).toEqual([]);
      // an apply that still has no known server fails, naming the attribute, instead of guessing one
      const apply = await runtime.apply(core, { prior: null, planned: prior, config: prior });
      expect(apply.diagnostics[0]?.detail).toMatch(
        new RegExp(
          `${attr} is not known yet.*never falls back to NAUTES_API_SERVER.*tofu apply -target`,
        ),
      );
      expect(ctx.server.requests.length).toBe(before);
    },
  );

  test('once the configuration is known, the same provider talks to the configured server', async () => {
    const core = new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER }, TOFU);
    core.configure({ api_server: UNKNOWN });
    expect(core.configure({ api_server: ctx.server.url })).toEqual([]);
    const before = ctx.server.requests.length;
    expect((await runtime.read(core, prior)).state).toBeNull();
    expect(ctx.server.requests.length).toBe(before + 1);
  });

  test('no server at all names api_server and NAUTES_API_SERVER', () => {
    const diags = new NautesProviderCore({}, TOFU).configure({});
    expect(diags[0]).toMatchObject({ severity: 'ERROR', path: ['api_server'] });
    expect(diags[0]?.detail).toMatch(/set NAUTES_API_SERVER, or api_server in the provider block/);
  });

  test.each([
    [
      'a CA file that cannot be read',
      { api_server: 'https://nautes.example.com', ca_cert_file: '/no/such/ca.pem' },
      ['ca_cert_file'],
      /cannot read the CA certificate file \/no\/such\/ca\.pem/,
    ],
    [
      'plain HTTP to a host that is not loopback',
      { api_server: 'http://nautes.example.com' },
      ['api_server'],
      /refusing to send the token over plain HTTP/,
    ],
    ['a server that is not a URL', { api_server: 'nautes' }, ['api_server'], /is not a URL/],
  ])(
    '%s: the attribute comes from the error field, not from its words',
    (_label, config, path, detail) => {
      const [diag] = new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER }, TOFU).configure(config);
      expect(diag).toMatchObject({
        severity: 'ERROR',
        summary: 'Invalid Provider Configuration',
        path,
      });
      expect(diag?.detail).toMatch(detail);
    },
  );

  test('a token file that cannot be read is named, on no attribute (the token has none)', () => {
    const [diag] = new NautesProviderCore({ NAUTES_TOKEN_FILE: '/no/such/token' }, TOFU).configure({
      api_server: 'http://127.0.0.1:1',
    });
    expect(diag).toEqual({
      severity: 'ERROR',
      summary: 'Invalid Provider Configuration',
      detail: expect.stringMatching(/NAUTES_TOKEN_FILE/),
    });
  });

  test('"already exists" names the host\'s own command and the construct method', async () => {
    const seeded = await ctx.server.service.save(
      MAINTAINER,
      'nautes-labs',
      'dr-taken',
      {
        projects_ref: [],
        manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'taken' },
        destination: { environment: 'env-dev', namespaces: ['taken'] },
        account: '',
      },
      false,
    );
    expect(seeded.message).toMatch(/Successfully saved/);
    for (const host of [TOFU, { product: 'Terraform', command: 'terraform' }]) {
      const core = new NautesProviderCore({ NAUTES_TOKEN: MAINTAINER }, host);
      core.configure({ api_server: ctx.server.url });
      const planned = { ...prior, name: 'dr-taken', id: 'nautes-labs/dr-taken' };
      const res = await runtime.apply(core, { prior: null, planned, config: planned });
      expect(res.diagnostics[0]?.summary).toBe('Runtime Already Exists');
      expect(res.diagnostics[0]?.detail).toContain(
        `${host.command} import '<address>' nautes-labs/dr-taken`,
      );
      expect(res.diagnostics[0]?.detail).toContain('importExisting()');
    }
  });

  test('the host is told from the parent program; unknown parents get neutral words', () => {
    expect(detectHost(999_999_999)).toEqual({
      product: 'Terraform or OpenTofu',
      command: 'terraform (or tofu)',
    });
    expect(['OpenTofu', 'Terraform', 'Terraform or OpenTofu']).toContain(
      detectHost(process.ppid).product,
    );
  });
});
