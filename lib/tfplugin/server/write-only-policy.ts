// Whether this provider process's host keeps write-only attributes out of plan and state (plugin protocol
// 6.8: Terraform >= 1.11, OpenTofu >= 1.11). Such a host sends the value in the configuration and its
// proposed state, and fails the run ("returned a value for the write-only attribute") unless the provider
// plans and stores null for it; an older host does not know the flag, so there the value stays, as a
// sensitive attribute, or the plan would not match the configuration.
import { versionAtLeast } from '../../internal/version-at-least';
import type { BlockSchema, CtyObject } from '../cty/types';

const WRITE_ONLY_SINCE: readonly [number, number] = [1, 11];

/** Per provider process: does the host support write-only attributes? */
export class WriteOnlyPolicy {
  private on = false;

  /** True when write-only attributes are planned and stored as null. */
  get enabled(): boolean {
    return this.on;
  }

  /**
   * A request's client capabilities; ConfigureProvider also says the host's version, which is what
   * Terraform 1.11 has to go on in a process that sees no capability (its plan requests carry only
   * `deferral_allowed`).
   */
  seen(
    capabilities: { write_only_attributes_allowed?: boolean | null } | null | undefined,
    hostVersion?: string | null,
  ): void {
    if (capabilities?.write_only_attributes_allowed === true) this.on = true;
    if (hostVersion && versionAtLeast(hostVersion, WRITE_ONLY_SINCE)) this.on = true;
  }

  /** `state` with every write-only attribute of `schema` null, when the host supports them. */
  strip<A extends CtyObject | null>(schema: BlockSchema, state: A): A {
    if (!this.on || state === null) return state;
    const writeOnly = schema.attributes.filter((a) => a.writeOnly === true);
    if (!writeOnly.length) return state;
    const out: CtyObject = { ...state };
    for (const a of writeOnly) out[a.name] = null;
    return out as A;
  }
}
