// Which host runs this provider (Terraform or OpenTofu), so that messages name the command the user has.
import { readFileSync } from 'node:fs';

/** The host program, as messages name it. */
export interface Host {
  /** "Terraform", "OpenTofu", or "Terraform or OpenTofu" when it cannot be told. */
  readonly product: string;
  /** The command a user types: "terraform", "tofu", or "terraform (or tofu)". */
  readonly command: string;
}

/**
 * The host that started this process, from the parent's program name (Linux /proc). The plugin protocol
 * does not say which host is calling: both send only a version number.
 */
export function detectHost(parentPid: number): Host {
  let comm = '';
  try {
    comm = readFileSync(`/proc/${parentPid}/comm`, 'utf8').trim();
  } catch {
    // not Linux, or the parent is gone
  }
  if (/tofu/i.test(comm)) return { product: 'OpenTofu', command: 'tofu' };
  if (/terraform/i.test(comm)) return { product: 'Terraform', command: 'terraform' };
  return { product: 'Terraform or OpenTofu', command: 'terraform (or tofu)' };
}
