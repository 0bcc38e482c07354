// The main job on the embedded default: the local Nautes server with the demo seed, the demo runtimes
// saved through the client, listed back, and the resource files shown from default.project's git history.
import { NautesClient, toWire } from '../../api';
import { startFakeServer } from '../../fake-server';
import type { DeploymentRuntime } from '../../model';

/** The demo product's runtimes (the same ones main.ts declares). */
export const DEMO_RUNTIMES: readonly DeploymentRuntime[] = [
  { product: 'nautes-labs', name: 'dr-dev', projectsRef: ['api-server'], codeRepo: 'api-server', targetRevision: 'HEAD', manifestPath: 'manifests/development', environment: 'env-dev', namespaces: ['dr-dev'], account: '' },
  { product: 'nautes-labs', name: 'dr-test', projectsRef: ['api-server'], codeRepo: 'api-server', targetRevision: 'HEAD', manifestPath: 'manifests/test', environment: 'env-test', namespaces: ['dr-test'], account: '' },
  { product: 'nautes-labs', name: 'dr-dev-canary', projectsRef: ['api-server'], codeRepo: 'api-server', targetRevision: 'canary', manifestPath: 'manifests/development', environment: 'env-dev', namespaces: ['dr-dev-canary'], account: 'canary' },
];

interface DemoIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Runs the demo round trip; returns the exit code. */
export async function runDemo(io: DemoIo): Promise<number> {
  const server = await startFakeServer();
  try {
    io.stdout.write(`local Nautes server (demo seed) listening on ${server.url}\n`);
    const client = new NautesClient({ apiServer: server.url, token: 'demo-maintainer-token', env: {} });
    for (const r of DEMO_RUNTIMES) {
      const reply = await client.saveDeploymentRuntime(r.product, r.name, toWire(r));
      io.stdout.write(`+ ${r.product}/${r.name}: ${reply.message}\n`);
    }
    const items = await client.listDeploymentRuntimes('nautes-labs');
    io.stdout.write(`\nlisted ${items.length} runtimes of nautes-labs: ${items.map((i) => i.name).join(', ')}\n`);
    const repo = server.service.repoOf('nautes-labs');
    for (const r of DEMO_RUNTIMES) {
      io.stdout.write(`\n--- default.project: runtimes/${r.name}.yaml\n${(await repo?.show(`runtimes/${r.name}.yaml`)) ?? '(missing)\n'}`);
    }
    await client.close();
    return 0;
  } finally {
    await server.close();
  }
}
