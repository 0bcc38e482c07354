// The protocol-free provider: configuration and the resource and data-source registry.
import type { ApiConfigError, NautesClient, NautesClientOptions } from '../../api';
import type { KindStore, RuntimeStore } from '../../engine/ports';
import { KINDS } from '../../model';
import { CachedKindStore } from './cached-kind-store';
import { kindDataSource } from './kind-data-source';
import { kindResource } from './kind-resource';
import type { CtyObject } from '../cty/types';
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
import { PROVIDER_OPTIONS, attributeOfClientOption, clientValue } from './provider-options';
import { CachedRuntimeStore } from './cached-runtime-store';
import { FailureReports } from './failure-reports';
import {
  INVENTORY_RESOURCE,
  PROVIDER_SCHEMA,
  RUNTIME_RESOURCE,
  RUNTIMES_DATA_SOURCE,
} from './schema';
import { runtimeInventoryResource } from './runtime-inventory-resource';

/** The resource type of each declared kind (nautes_product, nautes_project, ...), by type name. */
export const KIND_RESOURCES: Readonly<Record<string, ResourceType<CtyObject>>> = Object.fromEntries(
  KINDS.map((k) => [k.tfType, kindResource(k)]),
);

/** The data source of each declared kind (nautes_products, nautes_projects, ...), by type name. */
export const KIND_DATA_SOURCES: Readonly<Record<string, DataSourceType<CtyObject>>> =
  Object.fromEntries(KINDS.map((k) => [k.dataSourceTfType, kindDataSource(k)]));

/** The managed resource types, each on its own attribute type. */
export const RESOURCES = {
  [RUNTIME_RESOURCE]: deploymentRuntimeResource,
  [INVENTORY_RESOURCE]: runtimeInventoryResource,
  ...KIND_RESOURCES,
} as const satisfies {
  [RUNTIME_RESOURCE]: ResourceType<RuntimeAttributes>;
  [INVENTORY_RESOURCE]: ResourceType<InventoryAttributes>;
};
/** The data source types. */
export const DATA_SOURCES = {
  [RUNTIMES_DATA_SOURCE]: deploymentRuntimesDataSource,
  ...KIND_DATA_SOURCES,
} as const satisfies { [RUNTIMES_DATA_SOURCE]: DataSourceType<RuntimesDataAttributes> };
export { PROVIDER_SCHEMA };

/** What a configured provider talks to: a store of runtimes, at an API server. */
export interface StoreConnection {
  readonly store: RuntimeStore;
  /** The declared kinds (products, projects, ...), through the same client. */
  readonly kindStore: KindStore;
  /** The API server it talks to (named in the report of a failed list). */
  readonly apiServer: string;
  /** Requests made so far (for tests and benchmarks). */
  requestCount(): number;
}

/**
 * The Nautes API over HTTP (undici), loaded on first configure, with the client options of the provider's
 * configuration. Throws `ApiConfigError` for options the client refuses.
 */
function httpStoreConnector(options: NautesClientOptions): StoreConnection {
  // loaded on first configure, not at start-up: undici and zod cost more than the rest of a launch
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NautesClient: Client } = require('../../api/client') as {
    NautesClient: new (o: NautesClientOptions) => NautesClient;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createRuntimeStore } = require('../../api/runtime-store') as {
    createRuntimeStore: (c: NautesClient) => RuntimeStore;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createKindStore } = require('../../api/kind-store') as {
    createKindStore: (c: NautesClient) => KindStore;
  };
  const client = new Client(options);
  return {
    store: createRuntimeStore(client),
    kindStore: createKindStore(client),
    apiServer: client.apiServer,
    requestCount: () => client.requestCount,
  };
}

/** One provider instance (one per provider process). */
export class NautesProviderCore implements ProviderContext {
  private dir: CachedRuntimeStore | undefined;
  private kinds: CachedKindStore | undefined;
  private client: StoreConnection | undefined;
  private readonly reports = new FailureReports();
  stopping = false;
  /** Provider attributes that were unknown at the last ConfigureProvider (empty when all are known). */
  unknownConfig: readonly string[] = [];
  /** The host in use, for messages that name a command. */
  readonly host: Host;
  /** API requests made by this instance (for tests and benchmarks). */
  get requestCount(): number {
    return this.client?.requestCount() ?? 0;
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
    /** Where the declared kinds are read and written, with `store` (tests). @default - the Nautes API over HTTP */
    private readonly kindStore?: KindStore,
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

  objects(): CachedKindStore {
    // the same checks as directory(): configuration known, provider configured
    this.directory();
    if (!this.kinds)
      throw new ProviderNotConfiguredError(
        'the provider has no store of products, projects and environments',
      );
    return this.kinds;
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
    for (const o of PROVIDER_OPTIONS) {
      const v = config[o.tfName];
      const problem = 'problem' in o && typeof v === 'number' ? o.problem(v) : undefined;
      if (problem) return [error(`Invalid ${o.tfName}`, problem, [o.tfName])];
    }
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
      this.kinds = undefined;
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
      this.kinds = this.kindStore ? new CachedKindStore(this.kindStore) : undefined;
      return [];
    }
    // each attribute that is set (an empty string is not) gives its client option, from the table
    const options: Record<string, unknown> = { env: this.env, redactor: this.redactor };
    for (const o of PROVIDER_OPTIONS) {
      const v = config[o.tfName];
      if ((typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean')
        options[o.clientOption] = clientValue(o, v);
    }
    try {
      this.client = httpStoreConnector(options);
    } catch (e) {
      // the client names the option at fault; the client module is loaded lazily, so match on the code
      const field =
        NautesError.isNautesError(e) && e.code === 'NAUTES_API_CONFIG'
          ? (e as ApiConfigError).field
          : undefined;
      const attribute = field === undefined ? undefined : attributeOfClientOption(field);
      return [
        error(
          'Invalid Provider Configuration',
          `${(e as Error).message}.`,
          attribute ? [attribute] : undefined,
        ),
      ];
    }
    this.dir = new CachedRuntimeStore(this.client.store);
    this.kinds = new CachedKindStore(this.client.kindStore);
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
