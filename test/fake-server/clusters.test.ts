// Clusters (nautes-api-resources.md 8, 15.2): tenant-level routes over the tenant configuration repository,
// the Kubernetes view and the in-memory Vault, over loopback HTTP.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { demoSeed, SeedSchema } from '../../lib/fake-server';
import { DEVELOPER, MAINTAINER, REPORTER, http, useFakeServer } from '../helpers/fake-server';

const CLUSTERS = '/api/v1/clusters';
const one = (name: string): string => `${CLUSTERS}/${name}`;
const PREFIX = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';
const SECRET = 'kubeconfig-secret-token-7f3a';
const KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: c',
  '  cluster: {server: "https://old.example:6443"}',
  'users:',
  `- name: u`,
  `  user: {token: ${SECRET}}`,
  'contexts: [{name: x, context: {cluster: c, user: u}}]',
  '',
].join('\n');

const worker = (overrides: Record<string, unknown> = {}) => ({
  api_server: 'https://10.0.0.5:6443',
  cluster_kind: 'kubernetes',
  cluster_type: 'physical',
  usage: 'worker',
  worker_type: 'deployment',
  kubeconfig: KUBECONFIG,
  ...overrides,
});

const component = (name: string, namespace: string, additions: Record<string, string> = {}) => ({
  name,
  namespace,
  additions,
});
const TRAEFIK = component('traefik', 'traefik', { httpNodePort: '30080', httpsNodePort: '30443' });

/** Every file under a directory, as text (to look for a secret anywhere on disk). */
function allText(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    out += statSync(full).isDirectory() ? allText(full) : readFileSync(full, 'latin1');
  }
  return out;
}

describe('fake server: clusters', () => {
  const ctx = useFakeServer();
  const call = (method: string, path: string, token = MAINTAINER, body?: unknown) =>
    http(ctx.server.url, method, path, {
      token,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const tenant = () => ctx.server.service.tenant;

  test("the seed's clusters are in the tenant repository: list and GET", async () => {
    const list = (await call('GET', CLUSTERS, REPORTER)).json as { items: Array<{ name: string }> };
    // rita is only a Reporter of a product: not a tenant member by default
    expect(list).toMatchObject({ code: 404, reason: 'PROJECT_NOT_FOUND' });
    const mine = (await call('GET', CLUSTERS)).json as { items: Array<{ name: string }> };
    expect(mine.items.map((c) => c.name)).toEqual([
      'cluster-dev',
      'cluster-pipeline',
      'cluster-test',
    ]);
    expect((await call('GET', one('cluster-dev'))).json).toMatchObject({
      name: 'cluster-dev',
      cluster_type: 'physical',
      usage: 'worker',
      worker_type: 'deployment',
      api_server: 'https://cluster-dev.nautes.local:6443',
      primary_domain: 'cluster-dev.nautes.local',
    });
  });

  test('save a physical worker: the reply with the defaulted components, the file, the kubeconfig in Vault only', async () => {
    const r = await call('POST', one('c1'), MAINTAINER, worker());
    expect(r).toMatchObject({ status: 200, text: '{"message":"Successfully saved c1 cluster"}' });
    const reply = {
      name: 'c1',
      cluster_kind: 'kubernetes',
      cluster_type: 'physical',
      usage: 'worker',
      host_cluster: '',
      primary_domain: '10.0.0.5.nip.io',
      worker_type: 'deployment',
      api_server: 'https://10.0.0.5:6443',
      components_list: {
        multi_tenant: component('hnc', 'hnc-system'),
        secret_sync: component('external-secrets', 'external-secrets'),
        gateway: TRAEFIK,
        deployment: component('argocd', 'argocd'),
        progressive_delivery: component('argo-rollouts', 'argo-rollouts'),
        pipeline: null,
        event_listener: null,
      },
      reserved_namespaces_allowed_products: {},
      product_allowed_cluster_resources: {},
    };
    expect((await call('GET', one('c1'))).text).toBe(JSON.stringify(reply));
    expect((await call('GET', `${CLUSTERS}?field_selector=cluster_name=c1`)).text).toBe(
      JSON.stringify({ items: [reply] }),
    );
    const file = await tenant().show('nautes/overlays/production/clusters/c1.yaml');
    expect(file).toContain(
      'kind: Cluster\nmetadata:\n  creationTimestamp: null\n  name: c1\n  namespace: nautes\n',
    );
    expect(file).toContain('status:\n  productIDMap: null\n  warnings: null\n');
    // secretManagement and oauthProxy are added (never shown in replies)
    expect(file).toContain('    secretManagement:\n      name: vault\n      namespace: vault\n');
    expect(file).toContain('    oauthProxy:\n      name: oauth2-proxy\n');
    expect(file).toContain('  primaryDomain: 10.0.0.5.nip.io\n');
    // Vault holds it, with the first cluster's server replaced by api_server
    const stored = ctx.server.service.vault.get('c1') ?? '';
    expect(stored).toContain(SECRET);
    expect(stored).toContain('server: https://10.0.0.5:6443');
    // never in git (any commit), a reply, or the data dir
    expect(await tenant().history()).not.toContain(SECRET);
    expect(await tenant().history()).toContain('[API] Save operator');
    expect(r.text + (await call('GET', CLUSTERS)).text).not.toContain(SECRET);
    expect(allText(ctx.server.dataDir as string)).not.toContain(SECRET);
  });

  test('the Kubernetes view follows at once: an environment can use a cluster just registered', async () => {
    const env = () =>
      call(
        'POST',
        '/api/v1/products/nautes-labs/environments/env-new',
        MAINTAINER,
        '{"cluster":"c1","env_type":"dev"}',
      );
    expect(((await env()).json as { message: string }).message).toContain(
      "Cluster 'c1' does not exist",
    );
    await call('POST', one('c1'), MAINTAINER, worker());
    expect((await env()).status).toBe(200);
  });

  test('validation: 400 VALIDATOR in field order; then the service rules, the component triple, the kubeconfig', async () => {
    const expect400 = async (body: Record<string, unknown>, rule: string) =>
      expect((await call('POST', one('x'), MAINTAINER, body)).json).toEqual({
        code: 400,
        reason: 'VALIDATOR',
        message: `${PREFIX}invalid SaveRequest_Body.${rule}`,
        metadata: {},
      });
    await expect400(worker({ api_server: '' }), 'ApiServer: value length must be at least 1 runes');
    await expect400(
      worker({ cluster_kind: '' }),
      'ClusterKind: value length must be at least 1 runes',
    );
    await expect400(
      worker({ cluster_type: 'cloud' }),
      'ClusterType: value must be in list [physical virtual]',
    );
    await expect400(worker({ usage: 'both' }), 'Usage: value must be in list [host worker]');
    const expect500 = async (body: unknown, message: string) =>
      expect((await call('POST', one('x'), MAINTAINER, body)).json).toEqual({
        code: 500,
        reason: '',
        message,
        metadata: {},
      });
    await expect500('', 'failed to validate save request, err: the apiserver  is not an https URL');
    await expect500(
      worker({ api_server: 'ftp://h' }),
      'failed to validate save request, err: the apiserver ftp://h is not an https URL',
    );
    await expect500(
      worker({ worker_type: '' }),
      "failed to validate save request, err: when the cluster usage is 'worker', the 'WorkerType' field is required",
    );
    await expect500(
      worker({ cluster_type: 'virtual' }),
      "failed to validate save request, err: the 'Host Cluster' for virtual cluster is required",
    );
    await expect500(
      worker({ usage: 'host', cluster_type: 'virtual' }),
      'failed to construct cluster, err: failed to match component type [host|virtual|deployment], please check if the cluster x is correct',
    );
    await expect500(
      worker({ worker_type: 'batch' }),
      'failed to construct cluster, err: failed to match component type [worker|physical|batch], please check if the cluster x is correct',
    );
    await expect500(
      worker({ kubeconfig: '' }),
      'failed to save kubeconfig to secret store, err: register physical cluster, kubeconfig is not empty',
    );
    await expect500(
      worker({ kubeconfig: 'apiVersion: v1\nusers: [{name: u}]\n' }),
      'failed to save kubeconfig to secret store, err: invalid kubeconfig file: must have at least one cluster',
    );
    await expect500(
      worker({ reserved_namespaces_allowed_products: { nope: ['p'] } }),
      'failed to validate cluster, err: reserved namespace nope is not in component list',
    );
    expect((await call('GET', one('x'))).json).toEqual({
      code: 500,
      reason: '',
      message: 'the cluster resource x is not found',
      metadata: {},
    });
    // a base64 kubeconfig is decoded
    const b64 = Buffer.from(KUBECONFIG).toString('base64');
    expect((await call('POST', one('x'), MAINTAINER, worker({ kubeconfig: b64 }))).status).toBe(
      200,
    );
    expect(ctx.server.service.vault.get('x')).toContain(SECRET);
  });

  test('components: given ones filled in, others of the category defaulted, foreign ones dropped; a host; a virtual worker on it', async () => {
    expect(
      (
        await call(
          'POST',
          one('p1'),
          MAINTAINER,
          worker({
            worker_type: 'pipeline',
            primary_domain: 'p1.example',
            components_list: {
              gateway: { name: 'traefik', additions: { httpNodePort: '31080' } },
              progressive_delivery: { name: 'argo-rollouts' },
              event_listener: { name: 'argo-events' },
            },
          }),
        )
      ).status,
    ).toBe(200);
    expect((await call('GET', one('p1'))).json).toMatchObject({
      primary_domain: 'p1.example',
      components_list: {
        gateway: component('traefik', 'traefik', { httpNodePort: '31080', httpsNodePort: '30443' }),
        pipeline: component('tekton', 'tekton-pipelines'),
        progressive_delivery: null,
        event_listener: null,
      },
    });
    expect(await tenant().show('nautes/overlays/production/clusters/p1.yaml')).toContain(
      '    eventListener:\n      name: argo-events\n      namespace: argo-events\n',
    );
    const virtual = (host: string) => ({
      api_server: 'https://v1.example:8443',
      cluster_kind: 'kubernetes',
      cluster_type: 'virtual',
      usage: 'worker',
      worker_type: 'deployment',
      host_cluster: host,
    });
    expect((await call('POST', one('v1'), MAINTAINER, virtual('h1'))).json).toMatchObject({
      code: 500,
      message: 'failed to get host cluster, err: cluster h1 is not found',
    });
    const host = {
      ...worker({ usage: 'host', worker_type: '' }),
      api_server: 'https://h1.example',
    };
    expect((await call('POST', one('h1'), MAINTAINER, host)).status).toBe(200);
    expect((await call('GET', one('h1'))).json).toMatchObject({
      primary_domain: 'h1.example',
      worker_type: '',
      components_list: { gateway: TRAEFIK, deployment: null, multi_tenant: null },
    });
    expect((await call('POST', one('v1'), MAINTAINER, virtual('h1'))).status).toBe(200);
    // a virtual cluster's kubeconfig is ignored: nothing in Vault
    expect(ctx.server.service.vault.has('v1')).toBe(false);
    expect((await call('GET', one('v1'))).json).toMatchObject({
      host_cluster: 'h1',
      components_list: { gateway: null, deployment: component('argocd', 'argocd') },
    });
    const hosts = (await call('GET', `${CLUSTERS}?field_selector=usage=host`)).json as {
      items: Array<{ name: string }>;
    };
    expect(hosts.items.map((c) => c.name)).toEqual(['h1']);
    expect((await call('DELETE', one('h1'))).json).toMatchObject({
      code: 500,
      message: 'failed to remove cluster h1, this cluster is referenced by v1',
    });
    expect((await call('DELETE', one('v1'))).text).toBe(
      '{"message":"Successfully deleted v1 cluster"}',
    );
    expect((await call('DELETE', one('h1'))).status).toBe(200);
    expect(await tenant().show('nautes/overlays/production/clusters/h1.yaml')).toBeUndefined();
  });

  test('delete does not check environments: the cluster leaves the tenant repo and the Kubernetes view; Vault keeps the kubeconfig', async () => {
    await call('POST', one('c1'), MAINTAINER, worker());
    expect((await call('DELETE', one('cluster-dev'))).text).toBe(
      '{"message":"Successfully deleted cluster-dev cluster"}',
    );
    expect((await call('GET', one('cluster-dev'))).json).toMatchObject({
      code: 500,
      message: 'the cluster resource cluster-dev is not found',
    });
    expect((await call('DELETE', one('cluster-dev'))).json).toMatchObject({
      code: 500,
      message: 'the cluster resource cluster-dev is not found',
    });
    // env-dev still names it: every save of the product now fails the whole-tree check
    expect(
      (
        (await call('POST', '/api/v1/products/nautes-labs/projects/web', MAINTAINER, '{}'))
          .json as { message: string }
      ).message,
    ).toContain("Cluster 'cluster-dev' does not exist");
    expect((await call('DELETE', one('c1'))).status).toBe(200);
    expect(ctx.server.service.vault.has('c1')).toBe(true);
  });

  test('rights: an outsider of the tenant repo gets 404 on reads and the mislabelled 500 on a save, after the Vault write', async () => {
    expect((await call('GET', one('cluster-dev'), DEVELOPER)).json).toMatchObject({
      code: 404,
      reason: 'PROJECT_NOT_FOUND',
      message:
        'failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/nautes%2Ftenant-config: 404 {message: 404 Project Not Found}',
    });
    expect((await call('POST', one('d1'), DEVELOPER, worker())).json).toMatchObject({
      code: 500,
      reason: '',
      message:
        'failed to get gitlab certificate, err: GET https://gitlab.nautes.local/api/v4/projects/nautes%2Ftenant-config: 404 {message: 404 Project Not Found}',
    });
    expect(ctx.server.service.vault.has('d1')).toBe(true);
    expect(await tenant().show('nautes/overlays/production/clusters/d1.yaml')).toBeUndefined();
  });
});

describe('fake server: clusters with tenantMembers, in memory', () => {
  const ctx = useFakeServer({
    inMemory: true,
    seed: SeedSchema.parse({
      ...demoSeed(),
      tenantMembers: { rita: 'reporter', dave: 'maintainer' },
    }),
  });
  test('a Reporter reads and cannot push (500 at the push); a listed Maintainer saves; alice is no member', async () => {
    const call = (method: string, path: string, token: string, body?: unknown) =>
      http(ctx.server.url, method, path, {
        token,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await call('GET', CLUSTERS, REPORTER)).status).toBe(200);
    const refused = (await call('POST', one('r1'), REPORTER, worker())).json as { message: string };
    expect(refused.message).toMatch(
      /^failed to save git config to git repo, err: push data: remote: GitLab: You are not allowed to push code to protected branches on this project\./,
    );
    expect(refused.message).not.toContain(SECRET);
    expect((await call('POST', one('r1'), DEVELOPER, worker())).status).toBe(200);
    expect(
      ctx.server.service.tenant.files.get('nautes/overlays/production/clusters/r1.yaml'),
    ).not.toContain(SECRET);
    expect((await call('GET', CLUSTERS, MAINTAINER)).json).toMatchObject({ code: 404 });
    expect((await call('DELETE', one('r1'), REPORTER)).status).toBe(500);
    expect((await call('DELETE', one('r1'), DEVELOPER)).status).toBe(200);
  });
});
