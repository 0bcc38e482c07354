// The protocol-free provider: configuration and the resource and data-source registry.
import type { NautesClient, NautesClientOptions } from '../../api';
import { NautesError } from '../../errors';
import type { CtyObject } from '../cty/types';
import { deploymentRuntimeResource } from './deployment-runtime-resource';
import { deploymentRuntimesDataSource } from './deployment-runtimes-data-source';
import { error, type Diagnostic } from './diagnostics';
import type { DataSourceType, ProviderContext, ResourceType } from './resource-type';
import { RuntimeDirectory } from './runtime-directory';
import { INVENTORY_RESOURCE, PROVIDER_SCHEMA, RUNTIME_RESOURCE, RUNTIMES_DATA_SOURCE } from './schema';
import { runtimeInventoryResource } from './runtime-inventory-resource';
import { knownString } from './values';

export const RESOURCES: Readonly<Record<string, ResourceType>> = {
  [RUNTIME_RESOURCE]: deploymentRuntimeResource,
  [INVENTORY_RESOURCE]: runtimeInventoryResource,
};
export const DATA_SOURCES: Readonly<Record<string, DataSourceType>> = {
  [RUNTIMES_DATA_SOURCE]: deploymentRuntimesDataSource,
};
export { PROVIDER_SCHEMA };

/** One provider instance (one per provider process). */
export class NautesProviderCore implements ProviderContext {
  private dir: RuntimeDirectory | undefined;
  private client: NautesClient | undefined;
  stopping = false;
  /** API requests made by this instance (for tests and benchmarks). */
  get requestCount(): number {
    return this.client?.requestCount ?? 0;
  }

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  directory(): RuntimeDirectory {
    if (!this.dir) throw new ProviderNotConfiguredError('the provider is not configured yet');
    return this.dir;
  }

  validateConfig(config: CtyObject): Diagnostic[] {
    const t = config['timeout_seconds'];
    if (typeof t === 'number' && !(t > 0)) return [error('Invalid timeout_seconds', 'timeout_seconds must be greater than 0.', ['timeout_seconds'])];
    const r = config['retries'];
    if (typeof r === 'number' && (!Number.isInteger(r) || r < 0 || r > 10))
      return [error('Invalid retries', 'retries must be a whole number from 0 to 10.', ['retries'])];
    return [];
  }

  configure(config: CtyObject): Diagnostic[] {
    const timeout = config['timeout_seconds'];
    const retries = config['retries'];
    const apiServer = knownString(config['api_server']);
    const caCertFile = knownString(config['ca_cert_file']);
    try {
      // loaded on first configure, not at start-up: undici and zod cost more than the rest of a launch
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { NautesClient: Client } = require('../../api/client') as { NautesClient: new (o: NautesClientOptions) => NautesClient };
      this.client = new Client({
        env: this.env,
        ...(apiServer ? { apiServer } : {}),
        ...(caCertFile ? { caCertFile } : {}),
        ...(typeof timeout === 'number' ? { timeoutMs: Math.round(timeout * 1000) } : {}),
        ...(typeof retries === 'number' ? { retries } : {}),
        allowInsecureHttp: config['allow_insecure_http'] === true,
      });
    } catch (e) {
      const path = /API server|NAUTES_API_SERVER|plain HTTP/.test(String(e)) ? ['api_server'] : /CA certificate/.test(String(e)) ? ['ca_cert_file'] : undefined;
      return [error('Invalid Provider Configuration', `${(e as Error).message}.`, path)];
    }
    this.dir = new RuntimeDirectory(this.client);
    return [];
  }

  stop(): void {
    this.stopping = true;
  }
}

/** Raised when a resource call comes before ConfigureProvider. */
export class ProviderNotConfiguredError extends NautesError {
  readonly code = 'NAUTES_PROVIDER_NOT_CONFIGURED';
}
