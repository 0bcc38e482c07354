// NautesProvider: the provider block, the generated binding plus one guard. It has NO token prop: CDKTF
// writes props into cdk.tf.json, so the token comes only from NAUTES_TOKEN / NAUTES_TOKEN_FILE in the
// provider process's environment.
import type { Construct } from 'constructs';
import { PACKAGE_VERSION } from '../version';
import * as l1 from './l1/generated/provider';

/** The provider's source address (always fully qualified: cdktf and OpenTofu then agree on the lock file). */
export const PROVIDER_SOURCE = 'registry.opentofu.org/nautes-labs/nautes';
/** The provider version this package ships. */
export const PROVIDER_VERSION = PACKAGE_VERSION;

/**
 * Props of `NautesProvider`: `apiServer` (default `NAUTES_API_SERVER` in the environment of the deploy),
 * `caCertFile` (default `NAUTES_CA_CERT`, else the system CAs), `timeoutSeconds` (30), `retries` (3),
 * `allowInsecureHttp` (false), `alias`.
 */
export type NautesProviderProps = l1.NautesProviderConfig;

/** The Nautes provider (`registry.opentofu.org/nautes-labs/nautes`). */
export class NautesProvider extends l1.NautesProvider {
  constructor(scope: Construct, id: string, props: NautesProviderProps = {}) {
    super(scope, id, props);
    if ('token' in (props as Record<string, unknown>))
      throw new Error(
        `${this.node.path}: NautesProvider has no token prop (it would be written into cdk.tf.json); set NAUTES_TOKEN or NAUTES_TOKEN_FILE instead`,
      );
  }
}
