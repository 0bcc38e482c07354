// `nautes_deployment_runtimes`: the runtimes of a product from one list call.
import { RUNTIME_FIELDS, formatRuntimeId } from '../../model';
import type { RuntimeItem, RuntimesDataAttributes } from './attributes';
import { error, type Diagnostic } from './diagnostics';
import type { DataSourceType, ProviderContext, StateResponse } from './resource-type';
import { RUNTIMES_DATA_SCHEMA } from './schema';
import { knownString } from './values';

async function read(
  ctx: ProviderContext,
  config: RuntimesDataAttributes,
): Promise<StateResponse<RuntimesDataAttributes>> {
  const product = knownString(config.product) ?? '';
  const selector = knownString(config.field_selector);
  try {
    const dir = ctx.directory();
    const runtimes = await dir.list(product, selector ? { fieldSelector: selector } : {});
    runtimes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const items = runtimes.map((r) => {
      const o: Record<string, string | string[]> = { id: formatRuntimeId(r) };
      for (const f of RUNTIME_FIELDS) {
        const v = r[f.key];
        o[f.tfName] = typeof v === 'string' ? v : [...v];
      }
      // every attribute of the item type is set: id and one per field of the table
      return o as RuntimeItem;
    });
    return {
      state: { ...config, id: product, names: runtimes.map((r) => r.name), runtimes: items },
      diagnostics: [],
    };
  } catch (e) {
    return {
      state: null,
      diagnostics: [ctx.failure('Cannot List Deployment Runtimes', e)],
    };
  }
}

function validate(config: RuntimesDataAttributes): Diagnostic[] {
  return config.product === ''
    ? [error('Invalid product', 'product must not be empty.', ['product'])]
    : [];
}

/** The `nautes_deployment_runtimes` data source. */
export const deploymentRuntimesDataSource: DataSourceType<RuntimesDataAttributes> = {
  schema: RUNTIMES_DATA_SCHEMA,
  validate,
  read,
};
