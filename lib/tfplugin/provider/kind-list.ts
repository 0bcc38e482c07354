// The list resource of a declared kind (plugin protocol 6.10), from its table: every object of the kind
// (of a product, for a product-scoped kind), declared or not, from one list call; `terraform query` shows
// them and can write config and import blocks for them, as for `nautes_deployment_runtime`.
import { addressOf, textOf, type KindObject, type KindSpec } from '../../model';
import type { AttributeSchema, BlockSchema, CtyObject } from '../cty/types';
import { error, type Diagnostic } from './diagnostics';
import { kindAttributesOf, titleOf } from './kind-attributes';
import { kindIdentity } from './kind-identity';
import type { ListCapability, ListResult, ProviderContext } from './resource-type';
import { knownString } from './values';

/** The product a list or data source of a product-scoped kind is of. */
export function kindProductAttribute(kind: KindSpec): AttributeSchema {
  return {
    name: 'product',
    type: 'string',
    required: true,
    description: `The product (GitLab group path) whose ${kind.title}s to list.`,
  };
}

/** What a list of the kind may leave out, for descriptions; '' when the list is complete. */
export function kindListCaveat(kind: KindSpec): string {
  return kind.listMayOmit
    ? ` The server's list may leave out ${kind.title}s that exist (it is capped), so a ${kind.title} missing from it is not proof that it does not exist.`
    : '';
}

/** The schema of a query block of the kind: `product` for a product-scoped kind, nothing for a tenant-level one. */
export function kindListSchema(kind: KindSpec): BlockSchema {
  const of = kind.scope === 'product' ? ' of a product' : '';
  return {
    version: 0,
    description: `Every ${kind.title}${of}, declared in code or not, from one list call.${kindListCaveat(kind)}`,
    attributes: kind.scope === 'product' ? [kindProductAttribute(kind)] : [],
  };
}

/** The objects of a kind (and product) by name, from the provider's cached list: one call per kind and product. */
export async function listKindObjects(
  ctx: ProviderContext,
  kind: KindSpec,
  product: string | undefined,
): Promise<KindObject[]> {
  const objects = await ctx.objects().list(kind, product);
  const name = (o: KindObject): string => textOf(o, 'name');
  return [...objects].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

/** The list capability of a kind's resource type. */
export function kindList(kind: KindSpec): ListCapability<CtyObject> {
  const identity = kindIdentity(kind);
  const Titles = `${titleOf(kind)}s`;
  const productMissing = (): Diagnostic =>
    error('Invalid product', 'product is required and must not be empty.', ['product']);

  function validate(config: CtyObject): Diagnostic[] {
    if (kind.scope !== 'product') return [];
    const product = config['product'];
    return product === '' || product === null ? [productMissing()] : [];
  }

  async function list(
    ctx: ProviderContext,
    config: CtyObject,
    options: { readonly includeResource: boolean; readonly limit: number },
  ): Promise<{ results: ListResult<CtyObject>[]; diagnostics: Diagnostic[] }> {
    const product = kind.scope === 'product' ? knownString(config['product']) : undefined;
    if (kind.scope === 'product' && !product)
      return { results: [], diagnostics: [productMissing()] };
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
      const objects = await listKindObjects(ctx, kind, product);
      const taken = options.limit > 0 ? objects.slice(0, options.limit) : objects;
      const results: ListResult<CtyObject>[] = [];
      for (const o of taken) {
        const state = kindAttributesOf(kind, o, null);
        const id = identity.of(state);
        // every listed object has its name (and product): an identity
        if (!id) continue;
        results.push({
          identity: id,
          displayName: addressOf(kind, o).name,
          state: options.includeResource ? state : null,
        });
      }
      return { results, diagnostics: [] };
    } catch (e) {
      return { results: [], diagnostics: [ctx.failure(`Cannot List ${Titles}`, e)] };
    }
  }

  return { schema: kindListSchema(kind), validate, list };
}
