// The list resource `nautes_deployment_runtime` (plugin protocol 6.10): every runtime of a product,
// declared or not, from one list call; `terraform query` shows them and can write config and import
// blocks for them.
import type { RuntimeAttributes } from './attributes';
import { error, type Diagnostic } from './diagnostics';
import type { ListCapability, ProviderContext } from './resource-type';
import type { RuntimeIdentity } from './runtime-identity';
import { RUNTIME_LIST_SCHEMA } from './schema';
import { knownString, objectFromRuntime } from './values';
import type { CtyObject } from '../cty/types';

/** The configuration of a query block. */
export interface RuntimeListConfig {
  readonly product: string | null;
  readonly field_selector: string | null;
}

/** One result: the identity, a name for people, and (when asked) the full resource state. */
export interface RuntimeListResult {
  readonly identity: RuntimeIdentity;
  readonly displayName: string;
  readonly state: RuntimeAttributes | null;
}

/** A query's configuration from its cty object (unknown values count as absent). */
export function runtimeListConfig(o: CtyObject): RuntimeListConfig {
  return {
    product: knownString(o['product']) ?? null,
    field_selector: knownString(o['field_selector']) ?? null,
  };
}

/** ValidateListResourceConfig: a product is required and not empty. */
export function validateRuntimeList(config: CtyObject): Diagnostic[] {
  const product = config['product'];
  return product === '' || product === null
    ? [error('Invalid product', 'product is required and must not be empty.', ['product'])]
    : [];
}

/**
 * ListResource: the runtimes of the product, sorted by name, at most `limit` (0: no limit); the state of
 * each only when the host asks for resource objects.
 */
export async function listRuntimes(
  ctx: ProviderContext,
  config: RuntimeListConfig,
  options: { readonly includeResource: boolean; readonly limit: number },
): Promise<{ results: RuntimeListResult[]; diagnostics: Diagnostic[] }> {
  if (!config.product)
    return {
      results: [],
      diagnostics: [
        error('Invalid product', 'product is required and must not be empty.', ['product']),
      ],
    };
  if (ctx.unknownConfig.length)
    return {
      results: [],
      diagnostics: [
        error(
          'Provider Configuration Not Known',
          `The provider attributes ${ctx.unknownConfig.join(', ')} are not known; a query needs them known.`,
        ),
      ],
    };
  try {
    const selector = config.field_selector;
    const runtimes = await ctx
      .directory()
      .list(config.product, selector ? { fieldSelector: selector } : {});
    runtimes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const taken = options.limit > 0 ? runtimes.slice(0, options.limit) : runtimes;
    return {
      results: taken.map((r) => ({
        identity: { product: r.product, name: r.name },
        displayName: r.name,
        state: options.includeResource ? objectFromRuntime(r, null) : null,
      })),
      diagnostics: [],
    };
  } catch (e) {
    return {
      results: [],
      diagnostics: [ctx.failure('Cannot List Deployment Runtimes', e)],
    };
  }
}

/** The list capability of `nautes_deployment_runtime`. */
export const runtimeList: ListCapability<RuntimeAttributes> = {
  schema: RUNTIME_LIST_SCHEMA,
  validate: validateRuntimeList,
  list: async (ctx, config, options) => {
    const res = await listRuntimes(ctx, runtimeListConfig(config), options);
    return {
      results: res.results.map((r) => ({ ...r, identity: { ...r.identity } })),
      diagnostics: res.diagnostics,
    };
  },
};
