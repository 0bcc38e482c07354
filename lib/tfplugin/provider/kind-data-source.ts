// The data source of a declared kind (`nautes_products`, `nautes_projects`, ...), from its table: the
// objects of the kind (of a product, for a product-scoped kind) from one list call, as
// `nautes_deployment_runtimes` lists runtimes: `names` sorted, `items` with the id and every field.
import { addressOf, formatObjectId, type KindSpec } from '../../model';
import type { AttributeSchema, BlockSchema, CtyObject, CtyType } from '../cty/types';
import { error, type Diagnostic } from './diagnostics';
import { itemValueOf, titleOf } from './kind-attributes';
import { ctyTypeOf } from './kind-schema';
import { kindListCaveat, kindProductAttribute, listKindObjects } from './kind-list';
import type { DataSourceType, ProviderContext, StateResponse } from './resource-type';
import { knownString } from './values';

/** The object type of one item: the id and one attribute per field. */
function itemType(kind: KindSpec): CtyType {
  return [
    'object',
    Object.fromEntries([
      ['id', 'string'],
      ...kind.fields
        .filter((f) => f.secret !== true)
        .map((f): [string, CtyType] => [f.tfName, ctyTypeOf(f, 'list')]),
    ]),
  ];
}

/** The schema of a kind's data source. */
export function kindDataSourceSchema(kind: KindSpec): BlockSchema {
  const product = kind.scope === 'product';
  const attributes: AttributeSchema[] = [
    {
      name: 'id',
      type: 'string',
      computed: true,
      description: product ? 'The product.' : `Always "${kind.family}".`,
    },
    ...(product ? [kindProductAttribute(kind)] : []),
    {
      name: 'names',
      type: ['list', 'string'],
      computed: true,
      description: `The ${kind.title} names, sorted.`,
    },
    {
      name: 'items',
      type: ['list', itemType(kind)],
      computed: true,
      description: `The ${kind.title}s, sorted by name: id (${formatObjectId(kind, { product: 'product', name: 'name' })}) and ${kind.fields.map((f) => f.tfName).join(', ')}.`,
    },
  ];
  return {
    version: 0,
    description: `Lists the ${kind.title}s${product ? ' of a product' : ''}, from one list call.${kindListCaveat(kind)}`,
    attributes,
  };
}

/** The data source type of one declared kind. */
export function kindDataSource(kind: KindSpec): DataSourceType<CtyObject> {
  const Titles = `${titleOf(kind)}s`;

  function validate(config: CtyObject): Diagnostic[] {
    return kind.scope === 'product' && config['product'] === ''
      ? [error('Invalid product', 'product must not be empty.', ['product'])]
      : [];
  }

  async function read(ctx: ProviderContext, config: CtyObject): Promise<StateResponse<CtyObject>> {
    const product = kind.scope === 'product' ? (knownString(config['product']) ?? '') : undefined;
    try {
      const objects = await listKindObjects(ctx, kind, product);
      const items = objects.map((o) => {
        const item: CtyObject = { id: formatObjectId(kind, addressOf(kind, o)) };
        // a secret is never returned by the server, so never listed
        for (const f of kind.fields.filter((x) => x.secret !== true))
          item[f.tfName] = itemValueOf(f, o[f.key]);
        return item;
      });
      return {
        state: {
          ...config,
          id: product ?? kind.family,
          names: objects.map((o) => addressOf(kind, o).name),
          items,
        },
        diagnostics: [],
      };
    } catch (e) {
      return { state: null, diagnostics: [ctx.failure(`Cannot List ${Titles}`, e)] };
    }
  }

  return { schema: kindDataSourceSchema(kind), validate, read };
}
