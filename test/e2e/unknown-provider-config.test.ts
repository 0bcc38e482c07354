// The provider never talks to a server other than the configured one: when api_server is unknown at plan
// time (it comes from another resource), refresh keeps the prior state and makes no API call at all, even
// with NAUTES_API_SERVER pointing at another server. Run with OpenTofu and, where on PATH, Terraform.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from '../../lib/fake-server';
import { MAINTAINER } from '../helpers/fake-server';
import { availableHosts, runHost, type HostBinary } from '../helpers/hosts';

const { tofuEnv } = require('../../scripts/tofu-env') as {
  tofuEnv: (base: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
};

const MAIN_TF = `
terraform {
  required_providers {
    nautes = { source = "registry.opentofu.org/nautes-labs/nautes" }
  }
}
variable "server" { type = string }
variable "generation" { type = number }

# the API server comes from a resource: unknown at plan time whenever this resource is (re)created
resource "terraform_data" "server" {
  input            = var.server
  triggers_replace = [var.generation]
}

provider "nautes" {
  api_server = terraform_data.server.output
}

resource "nautes_deployment_runtime" "dr" {
  product       = "nautes-labs"
  name          = "dr-dev"
  projects_ref  = ["api-server"]
  code_repo     = "api-server"
  manifest_path = "manifests/development"
  environment   = "env-dev"
  namespaces    = ["dr-dev"]
}

resource "nautes_runtime_inventory" "inventory" {
  product  = "nautes-labs"
  declared = ["dr-dev"]
}
`;

const hosts = availableHosts();
process.stdout.write(`unknown-provider-config: hosts ${hosts.map((h) => h.product).join(', ')}\n`);

describe.each(hosts.map((h) => [h.product, h] as [string, HostBinary]))(
  'unknown provider configuration with %s',
  (_name, host) => {
    let configured: FakeServer;
    let other: FakeServer;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      configured = await startFakeServer();
      other = await startFakeServer();
      dir = mkdtempSync(join(tmpdir(), 'nautes-unknown-'));
      writeFileSync(join(dir, 'main.tf'), MAIN_TF);
      // the trap: the environment names another server, which must never be called
      env = tofuEnv({
        PATH: process.env['PATH'],
        HOME: dir,
        NAUTES_API_SERVER: other.url,
        NAUTES_TOKEN: MAINTAINER,
        TF_IN_AUTOMATION: '1',
        NO_COLOR: '1',
      });
    });
    afterAll(async () => {
      await configured.close();
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const run = (...args: string[]) => runHost(host, args, dir, env);
    const names = async (s: FakeServer): Promise<string[]> =>
      [...(s.service.treeOf('nautes-labs')?.values() ?? [])]
        .filter((f) => f.kind === 'DeploymentRuntime')
        .map((f) => f.metadata.name);

    test('create, then a plan with api_server unknown keeps the runtime and calls no server', async () => {
      expect((await run('init', '-no-color', '-input=false')).code).toBe(0);
      const first = await run(
        'apply',
        '-no-color',
        '-input=false',
        '-auto-approve',
        `-var=server=${configured.url}`,
        '-var=generation=1',
      );
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(await names(configured)).toEqual(['dr-dev']);

      const requestsBefore = configured.requests.length;
      const plan = await run(
        'plan',
        '-no-color',
        '-input=false',
        '-detailed-exitcode',
        `-var=server=${configured.url}`,
        '-var=generation=2',
      );
      expect(plan.code).toBe(2);
      const out = plan.stdout + plan.stderr;
      expect(out).toMatch(/Provider Configuration Not Known Yet/);
      expect(out).toMatch(/api_server is not known until apply/);
      expect(out).toMatch(/terraform_data\.server must be replaced/);
      expect(out).not.toMatch(/nautes_deployment_runtime\.dr will be created/);
      expect(out).toMatch(/Plan: 1 to add, \d to change, 1 to destroy/);
      expect(configured.requests.length).toBe(requestsBefore);

      const apply = await run(
        'apply',
        '-no-color',
        '-input=false',
        '-auto-approve',
        `-var=server=${configured.url}`,
        '-var=generation=2',
      );
      expect(apply.code).toBe(0);
      expect(await names(configured)).toEqual(['dr-dev']);
      // the server in NAUTES_API_SERVER was never called, in any step
      expect(other.requests).toEqual([]);
    }, 180_000);
  },
);
