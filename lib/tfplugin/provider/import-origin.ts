// Which resource an import id is for. ImportResourceState carries only the type and the id, and neither host
// names the resource beside the provider's diagnostic. The host runs the provider in the configuration's
// directory (for cdktf: cdktf.out/stacks/<stack>, holding cdk.tf.json), so the import block whose `id` this is
// can be read there: its `to` is the Terraform address, and cdktf's `//` metadata of that resource is the
// construct path. Best effort: a dynamic id or a `terraform import` on the command line finds nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The resource an import id is for, as far as the configuration tells. */
export interface ImportOrigin {
  /** Terraform address, e.g. `nautes_deployment_runtime.runtimes_dr-dev_runtime_1A2B3C`. */
  readonly address: string;
  /** The cdktf construct path, e.g. `runtimes/dr-dev`, when the configuration is cdktf's JSON. */
  readonly constructPath?: string;
}

interface JsonConfig {
  import?: Array<{ to?: unknown; id?: unknown }> | { to?: unknown; id?: unknown };
  resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: unknown } } }>>;
}

function fromJson(text: string, type: string, id: string): ImportOrigin | undefined {
  const doc = JSON.parse(text) as JsonConfig;
  const blocks = Array.isArray(doc.import) ? doc.import : doc.import ? [doc.import] : [];
  for (const b of blocks) {
    if (b.id !== id || typeof b.to !== 'string' || !b.to.startsWith(`${type}.`)) continue;
    const path = doc.resource?.[type]?.[b.to.slice(type.length + 1)]?.['//']?.metadata?.path;
    return typeof path === 'string' ? { address: b.to, constructPath: path } : { address: b.to };
  }
  return undefined;
}

function fromHcl(text: string, type: string, id: string): ImportOrigin | undefined {
  for (const m of text.matchAll(/\bimport\s*\{([^}]*)\}/g)) {
    const body = m[1] ?? '';
    const to = /\bto\s*=\s*([\w.[\]"-]+)/.exec(body)?.[1];
    const given = /\bid\s*=\s*"([^"]*)"/.exec(body)?.[1];
    if (given === id && to?.startsWith(`${type}.`)) return { address: to };
  }
  return undefined;
}

/** The import block for `id` of resource type `type` in the configuration files of `dir`. */
export function importOrigin(type: string, id: string, dir: string): ImportOrigin | undefined {
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return undefined;
  }
  for (const f of files) {
    const json = f.endsWith('.tf.json');
    if (!json && !f.endsWith('.tf')) continue;
    try {
      const text = readFileSync(join(dir, f), 'utf8');
      const found = json ? fromJson(text, type, id) : fromHcl(text, type, id);
      if (found) return found;
    } catch {
      // a file that is not what its name says: the host reports it; we only look for a name
    }
  }
  return undefined;
}
