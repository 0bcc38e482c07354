// The protocol-free provider: configuration and the resource and data-source registry.
import type { ApiConfigError, NautesClient, NautesClientOptions } from '../../api';
import type { RuntimeStore } from '../../engine/ports';
import { NautesError } from '../../errors';
import { redactorForEnv, type Redactor } from '../../internal/redact';
import { UNKNOWN } from '../cty/types';
import type {
  InventoryAttributes,
  ProviderConfig,
  RuntimeAttributes,
  RuntimesDataAttributes,
} from './attributes';
import { deploymentRuntimeResource } from './deployment-runtime-resource';
import { deploymentRuntimesDataSource } from './deployment-runtimes-data-source';
import { error, warning, type Diagnostic } from './diagnostics';
import type { Host } from './host';
import type { DataSourceType, ProviderContext, ResourceType } from './resource-type';
import { CachedRuntimeStore } from './cached-runtime-store';
import { FailureReports } from './failure-reports';
import {
  INVENTORY_RESOURCE,
  PROVIDER_SCHEMA,
  RUNTIME_RESOURCE,
  RUNTIMES_DATA_SOURCE,
} from './schema';
import { runtimeInventoryResource } from './runtime-inventory-resource';
import { knownString } from './values';

/** The managed resource types, each on its own attribute type. */
export const RESOURCES = {
  [RUNTIME_RESOURCE]: deploymentRuntimeResource,
  [INVENTORY_RESOURCE]: runtimeInventoryResource,
} as const satisfies {
  [RUNTIME_RESOURCE]: ResourceType<RuntimeAttributes>;
  [INVENTORY_RESOURCE]: ResourceType<InventoryAttributes>;
};
/** The data source types. */
export const DATA_SOURCES = {
  [RUNTIMES_DATA_SOURCE]: deploymentRuntimesDataSource,
} as const satisfies { [RUNTIMES_DATA_SOURCE]: DataSourceType<RuntimesDataAttributes> };
export { PROVIDER_SCHEMA };

/** One provider instance (one per provider process). */
export class NautesProviderCore implements ProviderContext {
  private dir: CachedRuntimeStore | undefined;
  private client: NautesClient | undefined;
  private readonly reports = new FailureReports();
  stopping = false;
  /** Provider attributes that were unknown at the last ConfigureProvider (empty when all are known). */
  unknownConfig: readonly string[] = [];
  /** The host in use, for messages that name a command. */
  readonly host: Host;
  /** API requests made by this instance (for tests and benchmarks). */
  get requestCount(): number {
    return this.client?.requestCount ?? 0;
  }

  constructor(
    private readonly env: Readonly<Record<string, string | undefined>>,
    /** @default - the host that launched this process (the serve() entry passes it) */
    host: Host = { product: 'Terraform or OpenTofu', command: 'terraform (or tofu)' },
    /** Shared with the provider's log, so the token read from NAUTES_TOKEN_FILE is removed there too. */
    readonly redactor: Redactor = redactorForEnv(env),
    /** The configuration's directory (the host's working directory), to name resources in messages. */
    readonly workingDir?: string,
    /**
     * Where runtimes are read and written once configured (tests pass an in-memory one; the provider
     * block's API settings are then not used).
     * @default - the Nautes API over HTTP, as the provider block and the environment configure it
     */
    private readonly store?: RuntimeStore,
  ) {
    this.host = host;
  }

  directory(): CachedRuntimeStore {
    if (this.unknownConfig.length)
      throw new ProviderConfigUnknownError(
        `the provider's ${this.unknownConfig.join(', ')} is not known yet, so the provider cannot tell which Nautes API server to call; ` +
          'it calls none rather than guess (it never falls back to NAUTES_API_SERVER then). Apply the resources it depends on first, ' +
          `e.g. ${this.host.command} apply -target=<that resource>, or set ${this.unknownConfig.join(', ')} to a value known at plan time`,
        this.unknownConfig,
      );
    if (!this.dir) throw new ProviderNotConfiguredError('the provider is not configured yet');
    return this.dir;
  }

  failure(summary: string, e: unknown): Diagnostic {
    const product = this.dir?.listFailureOf(e);
    const cause =
      e instanceof ProviderConfigUnknownError || e instanceof ProviderNotConfiguredError
        ? ({ kind: 'config' } as const)
        : product !== undefined && this.client
          ? ({ kind: 'list', server: this.client.apiServer, product } as const)
          : product !== undefined && this.store
            ? ({ kind: 'list', server: 'the runtime store', product } as const)
            : undefined;
    return this.reports.diagnostic(summary, e, cause);
  }

  validateConfig(config: Readonly<Partial<ProviderConfig>>): Diagnostic[] {
    const t = config.timeout_seconds;
    if (typeof t === 'number' && !(t > 0))
      return [
        error('Invalid timeout_seconds', 'timeout_seconds must be greater than 0.', [
          'timeout_seconds',
        ]),
      ];
    const r = config.retries;
    if (typeof r === 'number' && (!Number.isInteger(r) || r < 0 || r > 10))
      return [
        error('Invalid retries', 'retries must be a whole number from 0 to 10.', ['retries']),
      ];
    return [];
  }

  configure(config: Readonly<Partial<ProviderConfig>>): Diagnostic[] {
    // an unknown value (from a resource not created yet) must never be replaced by an environment default:
    // that would silently read and write another server (terraform-plugin-framework leaves unknown
    // configuration to the provider; well-behaved providers make no API calls until it is known)
    this.unknownConfig = Object.entries(config)
      .filter(([, v]) => v === UNKNOWN)
      .map(([k]) => k);
    if (this.unknownConfig.length) {
      this.client = undefined;
      this.dir = undefined;
      return this.unknownConfig.map((k) =>
        warning(
          'Provider Configuration Not Known Yet',
          `${k} is not known until apply (it comes from a value that is not created yet). Until it is known, the Nautes provider makes no API calls: ` +
            'refresh keeps the prior state, values read from the server are shown as "known after apply", and nothing falls back to NAUTES_API_SERVER. ' +
            'Unmanaged runtimes and "already exists" checks are reported at apply.',
          [k],
        ),
      );
    }
    if (this.store) {
      this.dir = new CachedRuntimeStore(this.store);
      return [];
    }
    const timeout = config.timeout_seconds;
    const retries = config.retries;
    const apiServer = knownString(config.api_server);
    const caCertFile = knownString(config.ca_cert_file);
    try {
      // loaded on first configure, not at start-up: undici and zod cost more than the rest of a launch
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { NautesClient: Client } = require('../../api/client') as {
        NautesClient: new (o: NautesClientOptions) => NautesClient;
      };
      this.client = new Client({
        env: this.env,
        redactor: this.redactor,
        ...(apiServer ? { apiServer } : {}),
        ...(caCertFile ? { caCertFile } : {}),
        ...(typeof timeout === 'number' ? { timeoutMs: Math.round(timeout * 1000) } : {}),
        ...(typeof retries === 'number' ? { retries } : {}),
        allowInsecureHttp: config.allow_insecure_http === true,
      });
    } catch (e) {
      // the client names the option at fault; the client module is loaded lazily, so match on the code
      const field =
        NautesError.isNautesError(e) && e.code === 'NAUTES_API_CONFIG'
          ? (e as ApiConfigError).field
          : undefined;
      const attribute =
        field === 'apiServer' ? 'api_server' : field === 'caCertFile' ? 'ca_cert_file' : undefined;
      return [
        error(
          'Invalid Provider Configuration',
          `${(e as Error).message}.`,
          attribute ? [attribute] : undefined,
        ),
      ];
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createRuntimeStore } = require('../../api/runtime-store') as {
      createRuntimeStore: (c: NautesClient) => RuntimeStore;
    };
    this.dir = new CachedRuntimeStore(createRuntimeStore(this.client));
    return [];
  }

  stop(): void {
    this.stopping = true;
  }
}

/** Raised when a call needs the API while the provider configuration is still unknown. */
export class ProviderConfigUnknownError extends NautesError {
  readonly code = 'NAUTES_PROVIDER_CONFIG_UNKNOWN';
  constructor(
    message: string,
    readonly attributes: readonly string[],
  ) {
    super(message);
  }
}

/** Raised when a resource call comes before ConfigureProvider. */
export class ProviderNotConfiguredError extends NautesError {
  readonly code = 'NAUTES_PROVIDER_NOT_CONFIGURED';
}
