// `nautes_runtime_inventory`: which runtimes of a product code owns (and, with `kinds`, which objects of
// other kinds). Refresh computes the undeclared ones (orphans) from the shared lists; plans warn about
// them; with prune = true the apply deletes them (never a code repo: that would delete its code).
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
import {
  kindsIssues,
  protectedPrune,
  unmanagedObjectsOf,
  type UnmanagedObject,
} from './inventory-objects';
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

/** The owned kinds' undeclared objects of the inventory `a` (none when it owns no other kind). */
const objectsOf = (
  ctx: ProviderContext,
  product: string,
  a: InventoryAttributes,
): Promise<UnmanagedObject[]> =>
  unmanagedObjectsOf(ctx, product, names(a.kinds), names(a.declared_objects));

function objectsWarning(
  product: string,
  objects: readonly UnmanagedObject[],
  prune: boolean,
): Diagnostic {
  return warning(
    prune ? 'Unmanaged Objects Will Be Deleted' : 'Unmanaged Objects Found',
    `Product "${product}" has objects of the kinds its inventory owns that no code declares: ${objects.map((o) => `${o.kind.title} ${o.name}`).join(', ')}.` +
      (prune
        ? ' prune = true: this apply deletes them.'
        : ' Declare or import them, or set prune = true to delete them.'),
    ['unmanaged_objects'],
  );
}

/** Deletes the undeclared objects in reverse create order; a protected one is never deleted. */
async function pruneObjects(
  ctx: ProviderContext,
  product: string,
  objects: readonly UnmanagedObject[],
): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  for (const o of [...objects].reverse()) {
    if (ctx.stopping) break;
    const refused = protectedPrune(product, o);
    if (refused) {
      diags.push(refused);
      continue;
    }
    try {
      await ctx.objects().delete(o.kind, { product, name: o.name }, { insecureSkipCheck: false });
    } catch (e) {
      diags.push(diagnosticFromError(`Cannot Delete Unmanaged ${o.kind.title} ${o.name}`, e));
    }
  }
  return diags;
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
    // known after apply, as the runtimes: the apply computes both (OpenTofu checks it against the plan)
    planned.unmanaged_objects = UNKNOWN;
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
  if (planned.kinds === UNKNOWN || planned.declared_objects === UNKNOWN) {
    planned.unmanaged_objects = UNKNOWN;
    return { planned, requiresReplace, diagnostics };
  }
  try {
    const objects = await objectsOf(ctx, product, planned);
    if (objects.length) diagnostics.push(objectsWarning(product, objects, prune));
    // a protected object is refused now, before the host changes anything
    if (prune)
      for (const o of objects) {
        const refused = protectedPrune(product, o);
        if (refused) diagnostics.push(refused);
      }
    planned.unmanaged_objects = prune
      ? []
      : req.prior && !requiresReplace.length
        ? objects.map((o) => o.entry)
        : UNKNOWN;
  } catch (e) {
    diagnostics.push(ctx.failure('Cannot List Unmanaged Objects', e));
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
    const objects = await objectsOf(ctx, product, req.planned);
    if (req.planned.prune === true) {
      // runtimes first: they may use the objects
      const diags: Diagnostic[] = [];
      for (const name of orphans) {
        if (ctx.stopping) break;
        try {
          await ctx.directory().delete(product, name, { insecureSkipCheck: false });
        } catch (e) {
          diags.push(diagnosticFromError(`Cannot Delete Unmanaged Runtime ${name}`, e));
        }
      }
      diags.push(...(await pruneObjects(ctx, product, objects)));
      const left = diags.length || ctx.stopping ? await orphansOf(ctx, product, declared) : [];
      const leftObjects =
        diags.length || ctx.stopping ? await objectsOf(ctx, product, req.planned) : [];
      if ((left.length || leftObjects.length) && !diags.length)
        diags.push(
          error(
            'Prune Interrupted',
            `Not deleted: ${[...left, ...leftObjects.map((o) => o.entry)].join(', ')}.`,
          ),
        );
      return {
        state: {
          ...req.planned,
          id: product,
          unmanaged: left,
          unmanaged_objects: leftObjects.map((o) => o.entry),
        },
        diagnostics: diags,
      };
    }
    // a known planned value must be returned as planned (OpenTofu checks apply against plan)
    const planned = req.planned.unmanaged ?? null;
    const plannedObjects = req.planned.unmanaged_objects ?? null;
    return {
      state: {
        ...req.planned,
        id: product,
        unmanaged: planned === UNKNOWN || planned === null ? orphans : planned,
        unmanaged_objects:
          plannedObjects === UNKNOWN || plannedObjects === null
            ? objects.map((o) => o.entry)
            : plannedObjects,
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
      state: {
        ...state,
        unmanaged: await orphansOf(ctx, product, names(state.declared)),
        unmanaged_objects: (await objectsOf(ctx, product, state)).map((o) => o.entry),
      },
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
  return config.kinds === UNKNOWN ? [] : kindsIssues(names(config.kinds));
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
