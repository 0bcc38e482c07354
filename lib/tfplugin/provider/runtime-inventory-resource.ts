// `nautes_runtime_inventory`: which runtimes of a product code owns. Refresh computes the undeclared ones
// (orphans) from the shared list; plans warn about them; with prune = true the apply deletes them.
// the orphan rule only, not the engine index: that would load zod before the handshake
import { findOrphans } from '../../engine/orphans';
import { formatRuntimeId } from '../../model';
import { UNKNOWN } from '../cty/types';
import type { InventoryAttributes } from './attributes';
import { diagnosticFromError, error, warning, type Diagnostic } from './diagnostics';
import type {
  ApplyRequest,
  PlanRequest,
  PlanResponse,
  ProviderContext,
  ResourceType,
  StateResponse,
} from './resource-type';
import { INVENTORY_SCHEMA } from './schema';
import { knownString } from './values';

const names = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The names of the product's runtimes that `declared` does not name: the planner's orphan rule. */
async function orphansOf(
  ctx: ProviderContext,
  product: string,
  declared: readonly string[],
): Promise<string[]> {
  const remote = await ctx.directory().list(product);
  const ids = new Set(declared.map((name) => formatRuntimeId({ product, name })));
  return findOrphans(
    remote.values(),
    (id) => ids.has(id),
    () => false,
  ).map((o) => o.address.name);
}

function orphanWarning(product: string, orphans: readonly string[], prune: boolean): Diagnostic {
  return warning(
    prune ? 'Unmanaged Runtimes Will Be Deleted' : 'Unmanaged Runtimes Found',
    `Product "${product}" has deployment runtimes that no code declares: ${orphans.join(', ')}.` +
      (prune
        ? ' prune = true: this apply deletes them.'
        : ' Declare or import them, or set prune = true to delete them.'),
    ['unmanaged'],
  );
}

async function plan(
  ctx: ProviderContext,
  req: PlanRequest<InventoryAttributes>,
): Promise<PlanResponse<InventoryAttributes>> {
  if (!req.proposed) return { planned: null, requiresReplace: [], diagnostics: [] };
  const planned: InventoryAttributes = { ...req.proposed, id: req.proposed.product ?? UNKNOWN };
  const product = knownString(planned.product);
  const prune = planned.prune === true;
  const requiresReplace = req.prior && req.prior.product !== planned.product ? [['product']] : [];
  const diagnostics: Diagnostic[] = [];
  if (product === undefined || planned.declared === UNKNOWN || ctx.unknownConfig.length) {
    planned.unmanaged = UNKNOWN;
    return { planned, requiresReplace, diagnostics };
  }
  try {
    const orphans = await orphansOf(ctx, product, names(planned.declared));
    if (orphans.length) diagnostics.push(orphanWarning(product, orphans, prune));
    // orphans show as a change only when they will be deleted; otherwise they are reported (warning + state)
    planned.unmanaged = prune ? [] : req.prior && !requiresReplace.length ? orphans : UNKNOWN;
  } catch (e) {
    diagnostics.push(ctx.failure('Cannot List Deployment Runtimes', e));
  }
  return { planned, requiresReplace, diagnostics };
}

async function apply(
  ctx: ProviderContext,
  req: ApplyRequest<InventoryAttributes>,
): Promise<StateResponse<InventoryAttributes>> {
  if (!req.planned) return { state: null, diagnostics: [] };
  const product = knownString(req.planned.product) ?? '';
  const declared = names(req.planned.declared);
  try {
    const orphans = await orphansOf(ctx, product, declared);
    if (req.planned.prune === true) {
      const diags: Diagnostic[] = [];
      for (const name of orphans) {
        if (ctx.stopping) break;
        try {
          await ctx.directory().delete(product, name, { insecureSkipCheck: false });
        } catch (e) {
          diags.push(diagnosticFromError(`Cannot Delete Unmanaged Runtime ${name}`, e));
        }
      }
      const left = diags.length || ctx.stopping ? await orphansOf(ctx, product, declared) : [];
      if (left.length && !diags.length)
        diags.push(error('Prune Interrupted', `Not deleted: ${left.join(', ')}.`));
      return { state: { ...req.planned, id: product, unmanaged: left }, diagnostics: diags };
    }
    // a known planned value must be returned as planned (OpenTofu checks apply against plan)
    const planned = req.planned.unmanaged ?? null;
    return {
      state: {
        ...req.planned,
        id: product,
        unmanaged: planned === UNKNOWN || planned === null ? orphans : planned,
      },
      diagnostics: [],
    };
  } catch (e) {
    return {
      state: req.prior,
      diagnostics: [ctx.failure('Cannot List Deployment Runtimes', e)],
    };
  }
}

async function read(
  ctx: ProviderContext,
  state: InventoryAttributes,
): Promise<StateResponse<InventoryAttributes>> {
  const product = knownString(state.product);
  if (product === undefined || ctx.unknownConfig.length) return { state, diagnostics: [] };
  try {
    return {
      state: { ...state, unmanaged: await orphansOf(ctx, product, names(state.declared)) },
      diagnostics: [],
    };
  } catch (e) {
    return { state, diagnostics: [ctx.failure('Cannot List Deployment Runtimes', e)] };
  }
}

async function importState(
  _ctx: ProviderContext,
  id: string,
): Promise<StateResponse<InventoryAttributes>> {
  return {
    state: null,
    diagnostics: [
      error(
        'Import Not Supported',
        `nautes_runtime_inventory needs no import: declare it for product ${JSON.stringify(id)} and apply.`,
      ),
    ],
  };
}

function validate(config: InventoryAttributes): Diagnostic[] {
  const product = config.product;
  if (product === '') return [error('Invalid product', 'product must not be empty.', ['product'])];
  return [];
}

/** The `nautes_runtime_inventory` resource type. */
export const runtimeInventoryResource: ResourceType<InventoryAttributes> = {
  schema: INVENTORY_SCHEMA,
  validate,
  plan,
  apply,
  read,
  import: importState,
};
