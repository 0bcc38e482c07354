// Whether this provider process sends resource identity (plugin protocol 6.9) in its replies. Only to a
// host that speaks it: hosts that do not know identity ignore the fields, but hosts that half-know it
// fail with "Missing Resource Identity After Update" when identity comes and goes, so it is sent either
// on every reply of a process or on none.
import { versionAtLeast } from '../../internal/version-at-least';
import type { IdentityData } from './rpc-types';

const IDENTITY_SINCE: readonly [number, number] = [1, 12];

/** Per provider process: has the host shown it speaks resource identity? */
export class IdentityPolicy {
  private on = false;

  /** @param hostProduct the host as detected from the parent process ("Terraform", "OpenTofu", ...) */
  constructor(private readonly hostProduct: string) {}

  /** Send identity in replies. */
  get enabled(): boolean {
    return this.on;
  }

  /** The host called GetResourceIdentitySchemas: it asked. */
  schemasAsked(): void {
    this.on = true;
  }

  /** The host sent identity data in a request: it keeps identity in its state. */
  requestCarried(identity: IdentityData | null | undefined): void {
    if (identity?.identity_data) this.on = true;
  }

  /**
   * ConfigureProvider. Terraform asks for identity schemas only in the process that loads the schema and
   * caches the answer for the later processes of the same run (we allow that: get_provider_schema_optional),
   * so Terraform >= 1.12, which always asks, is recognized by its version in every process. OpenTofu's
   * versions are another line and say nothing here.
   */
  configured(terraformVersion: string | null | undefined): void {
    if (this.hostProduct === 'Terraform' && versionAtLeast(terraformVersion ?? '', IDENTITY_SINCE))
      this.on = true;
  }
}
