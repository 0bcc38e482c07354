// Readable Terraform addresses of the constructs.
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * A readable Terraform address: the construct path below the stack plus a kind suffix
 * (`dr-dev_runtime`, not `dr-dev_resource_3A28D969`). The suffix keeps one address from being a prefix of
 * another (`dr-dev` / `dr-dev-canary`), which would garble cdktf's output.
 */
export function logicalIdOf(c: Construct, kind: string): string {
  const stack = TerraformStack.of(c);
  const parts = c.node.scopes.slice(stack.node.scopes.length).map((s) => s.node.id);
  return `${parts.join('_').replace(/[^A-Za-z0-9_-]/g, '_')}_${kind}`;
}
