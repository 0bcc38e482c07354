// NautesProvider: the provider block. It has NO token prop: CDKTF writes props into cdk.tf.json, so the
// token comes only from NAUTES_TOKEN / NAUTES_TOKEN_FILE in the provider process's environment.
import { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { PACKAGE_VERSION } from '../version';

/** The provider's source address (always fully qualified: cdktf and OpenTofu then agree on the lock file). */
export const PROVIDER_SOURCE = 'registry.opentofu.org/nautes-labs/nautes';
/** The provider version this package ships. */
export const PROVIDER_VERSION = PACKAGE_VERSION;

/** Props of `NautesProvider`. */
export interface NautesProviderProps {
  /** Base URL of the Nautes API. @default - `NAUTES_API_SERVER` in the environment of `cdktf deploy` */
  readonly apiServer?: string;
  /** PEM file of a CA to trust for HTTPS. @default - `NAUTES_CA_CERT`, else the system CAs */
  readonly caCertFile?: string;
  /** Timeout of one API request in seconds. @default 30 */
  readonly timeoutSeconds?: number;
  /** Retries after connection errors and 502/503/504. @default 3 */
  readonly retries?: number;
  /** Allow the token over plain HTTP to a host that is not loopback. @default false */
  readonly allowInsecureHttp?: boolean;
  /** Provider alias, for several Nautes servers in one stack. @default - none */
  readonly alias?: string;
}

/** The Nautes provider (`registry.opentofu.org/nautes-labs/nautes`). */
export class NautesProvider extends TerraformProvider {
  static readonly tfResourceType = 'nautes';
  private readonly props: NautesProviderProps;

  constructor(scope: Construct, id: string, props: NautesProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: 'nautes',
      terraformGeneratorMetadata: {
        providerName: 'nautes',
        providerVersion: PROVIDER_VERSION,
        providerVersionConstraint: PROVIDER_VERSION,
      },
      terraformProviderSource: PROVIDER_SOURCE,
    });
    if ('token' in (props as Record<string, unknown>))
      throw new Error(
        `${this.node.path}: NautesProvider has no token prop (it would be written into cdk.tf.json); set NAUTES_TOKEN or NAUTES_TOKEN_FILE instead`,
      );
    this.props = props;
    if (props.alias !== undefined) this.alias = props.alias;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    const p = this.props;
    const out: { [name: string]: unknown } = {
      api_server: p.apiServer,
      ca_cert_file: p.caCertFile,
      timeout_seconds: p.timeoutSeconds,
      retries: p.retries,
      allow_insecure_http: p.allowInsecureHttp,
      alias: this.alias,
    };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  }
}
