// The resource type of a declared kind (nautes_product, nautes_project, ...): plan, apply, refresh from one
// cached list per kind and product, and import by id, all read from the kind's table.
import {
  SKIP_CHECKS_ATTRIBUTES,
  addressOf,
  completeObject,
  differingKindFields,
  formatObjectId,
  idFormatOf,
  kindFieldsFrom,
  parseObjectId,
  sameKindValue,
  validateKindObject,
  type KindObject,
  type KindSpec,
} from '../../model';
import { UNKNOWN, type CtyObject, type CtyValue } from '../cty/types';
import { error, warning, type Diagnostic } from './diagnostics';
import { attributeValueOf, kindAttributesOf, titleOf } from './kind-attributes';
import { kindIdentity } from './kind-identity';
import { kindList } from './kind-list';
import { DELETION_PROTECTION, kindResourceSchema } from './kind-schema';
import { missingSkipReason, providerStopping } from './resource-diagnostics';
import { knownString } from './values';
import type {
  ApplyRequest,
  PlanRequest,
  PlanResponse,
  ProviderContext,
  ResourceType,
  StateResponse,
} from './resource-type';

const { flag: SKIP_FLAG, reason: SKIP_REASON } = SKIP_CHECKS_ATTRIBUTES;

/** True when a value is unknown or holds an unknown value (a block with a reference in it). */
const isUnknown = (v: CtyValue | undefined): boolean =>
  v === UNKNOWN ||
  (Array.isArray(v)
    ? v.some(isUnknown)
    : typeof v === 'object' && v !== null && Object.values(v).some(isUnknown));

/** The model object of fully known attributes (missing values become defaults). */
function objectOf(kind: KindSpec, a: CtyObject): KindObject {
  return completeObject(kind, kindFieldsFrom(kind, a, 'tfName'));
}

/** The resource type of one declared kind. */
export function kindResource(kind: KindSpec): ResourceType<CtyObject> {
  const Title = titleOf(kind);
  const idOf = (a: CtyObject): string | undefined => {
    const product = knownString(a['product']);
    const name = knownString(a['name']);
    if (name === undefined || (kind.scope === 'product' && product === undefined)) return undefined;
    return formatObjectId(kind, kind.scope === 'product' ? { product: product, name } : { name });
  };

  function validate(config: CtyObject): Diagnostic[] {
    const diags: Diagnostic[] = [];
    const partial = kindFieldsFrom(
      kind,
      config,
      'tfName',
      (v) => v !== null && v !== undefined && !isUnknown(v as CtyValue),
    );
    for (const issue of validateKindObject(kind, partial, 'tfName')) {
      const f = kind.fields.find((x) => x.tfName === issue.path[0]);
      // a null required attribute is reported by the host itself
      if (!f || !(f.key in partial)) continue;
      diags.push(error(`Invalid ${f.tfName}`, `${issue.message}.`, issue.path));
    }
    const noReason = kind.skipChecks ? missingSkipReason(config) : undefined;
    if (noReason) diags.push(noReason);
    return diags;
  }

  /**
   * What a plan that deletes (or replaces) an object of a kind whose delete destroys more than a file says:
   * an error while deletion protection is on, so the host stops before it changes anything (not after it
   * deleted what depends on the object); else a warning naming what goes with it.
   */
  function deletionDiagnostics(prior: CtyObject, action: 'delete' | 'replace'): Diagnostic[] {
    if (kind.deletionDestroys === undefined) return [];
    const id = knownString(prior['id']) ?? '(unknown)';
    const verb = action === 'delete' ? 'Deleting' : 'Replacing';
    if (prior[DELETION_PROTECTION] !== false)
      return [
        error(
          'Deletion Protected',
          `${Title} "${id}" cannot be ${action === 'delete' ? 'deleted' : 'replaced'}: ${verb.toLowerCase()} it deletes ${kind.deletionDestroys}. ` +
            `To allow it, set ${DELETION_PROTECTION} = false (deletionProtection: false in TypeScript), apply that, then plan again.`,
          [DELETION_PROTECTION],
        ),
      ];
    return [
      warning(
        `${Title} Deleted With Its Contents`,
        `${verb} ${kind.title} "${id}" deletes ${kind.deletionDestroys}.`,
      ),
    ];
  }

  async function plan(
    _ctx: ProviderContext,
    req: PlanRequest<CtyObject>,
  ): Promise<PlanResponse<CtyObject>> {
    if (!req.proposed)
      return {
        planned: null,
        requiresReplace: [],
        diagnostics: req.prior ? deletionDiagnostics(req.prior, 'delete') : [],
      };
    const planned: CtyObject = { ...req.proposed };
    const config = req.config ?? {};
    // an optional+computed attribute keeps its prior value when unset; the default must win instead
    for (const f of kind.fields) {
      if ((config[f.tfName] ?? null) !== null) continue;
      if (f.default !== undefined) planned[f.tfName] = f.default;
      else if (f.defaultFrom !== undefined) {
        const from = kind.fields.find((x) => x.key === f.defaultFrom);
        planned[f.tfName] = from ? (planned[from.tfName] ?? null) : null;
      } else if (f.save === 'never' || f.serverDefault === true)
        // chosen by the server: known after the first save, then kept
        planned[f.tfName] = req.prior ? (req.prior[f.tfName] ?? null) : UNKNOWN;
    }
    if (kind.deletionDestroys !== undefined && (config[DELETION_PROTECTION] ?? null) === null)
      planned[DELETION_PROTECTION] = true;
    planned['id'] = idOf(planned) ?? UNKNOWN;
    const requiresReplace: string[][] = [];
    if (req.prior)
      for (const f of kind.fields)
        if (
          f.replaceOnChange &&
          (isUnknown(planned[f.tfName]) ||
            !sameKindValue(f, req.prior[f.tfName], planned[f.tfName]))
        )
          requiresReplace.push([f.tfName]);
    const diagnostics: Diagnostic[] = [];
    if (kind.skipChecks && planned[SKIP_FLAG] === true)
      diagnostics.push(
        warning(
          'Global Validation Skipped',
          `${Title} ${knownString(planned['id']) ?? '(unknown)'} is saved with ${SKIP_FLAG}: ${knownString(planned[SKIP_REASON]) ?? '(reason not known yet)'}.`,
        ),
      );
    // a replace deletes first: refused (or warned about) at plan time as a delete is
    if (req.prior && requiresReplace.length)
      diagnostics.push(...deletionDiagnostics(req.prior, 'replace'));
    return { planned, requiresReplace, diagnostics };
  }

  async function apply(
    ctx: ProviderContext,
    req: ApplyRequest<CtyObject>,
  ): Promise<StateResponse<CtyObject>> {
    try {
      const store = ctx.objects();
      if (!req.planned) {
        if (!req.prior) return { state: null, diagnostics: [] };
        const o = objectOf(kind, req.prior);
        const id = formatObjectId(kind, addressOf(kind, o));
        if (kind.deletionDestroys !== undefined && req.prior[DELETION_PROTECTION] !== false)
          return {
            state: req.prior,
            diagnostics: [
              error(
                'Deletion Protected',
                `${Title} "${id}" was not deleted: deleting it deletes ${kind.deletionDestroys}. ` +
                  `To delete it, set ${DELETION_PROTECTION} = false (deletionProtection: false in TypeScript), apply that, then destroy.`,
                [DELETION_PROTECTION],
              ),
            ],
          };
        await store.delete(kind, addressOf(kind, o), {
          insecureSkipCheck: req.prior[SKIP_FLAG] === true,
        });
        return { state: null, diagnostics: [] };
      }
      if (ctx.stopping)
        return {
          state: req.prior,
          diagnostics: [providerStopping(ctx)],
        };
      // a write-only secret is only in the configuration (the plan holds null for it)
      const secrets: CtyObject = Object.fromEntries(
        kind.fields
          .filter((f) => f.secret === true)
          .map((f): [string, CtyValue] => [
            f.tfName,
            req.config?.[f.tfName] ?? req.planned?.[f.tfName] ?? null,
          ]),
      );
      const o = objectOf(kind, { ...req.planned, ...secrets });
      const id = formatObjectId(kind, addressOf(kind, o));
      const state: CtyObject = { ...req.planned, id };
      if (!req.prior) {
        // save is an upsert: refuse to silently take over an object someone else created (values only the
        // server sets, and secrets it never returns, cannot tell the two apart)
        const existing = await store.get(kind, addressOf(kind, o));
        if (existing && differingKindFields(kind, o, existing).length === 0)
          return {
            state,
            diagnostics: [
              warning(
                `Existing ${Title} Adopted`,
                `${Title} "${id}" already existed with exactly the planned values (an earlier apply that was interrupted?); it was adopted into state, and nothing was sent.`,
              ),
            ],
          };
        if (existing)
          return {
            state: null,
            diagnostics: [
              error(
                `${Title} Already Exists`,
                `${Title} "${id}" already exists on the Nautes server, and saving would take it over. Adopt it instead: ` +
                  `in CDKTF, call importExisting() on the construct that declares it, then deploy again; ` +
                  `or, in the stack directory (cdktf.out/stacks/<stack>), run: ${ctx.host.command} import '<address>' ${id}.`,
                ['name'],
              ),
            ],
          };
      }
      await store.save(kind, o, { insecureSkipCheck: req.planned[SKIP_FLAG] === true });
      // values the server chose are read back once (one GET), so the state holds no unknown value
      const pending = kind.fields.filter((f) => state[f.tfName] === UNKNOWN);
      if (pending.length) {
        const saved = await store.fetch(kind, addressOf(kind, o));
        for (const f of pending) state[f.tfName] = attributeValueOf(saved?.[f.key] ?? '');
      }
      return { state, diagnostics: [] };
    } catch (e) {
      return {
        state: req.prior,
        diagnostics: [
          ctx.failure(req.planned ? `Cannot Save ${Title}` : `Cannot Delete ${Title}`, e),
        ],
      };
    }
  }

  async function read(ctx: ProviderContext, state: CtyObject): Promise<StateResponse<CtyObject>> {
    // configuration unknown: keep the prior state, call no server
    if (ctx.unknownConfig.length) return { state, diagnostics: [] };
    const id = idOf(state);
    const address = id === undefined ? undefined : parseObjectId(kind, id);
    if (!address) return { state, diagnostics: [] };
    try {
      const remote = await ctx.objects().get(kind, address);
      // missing on the server: gone, so the plan creates it again
      return { state: remote ? kindAttributesOf(kind, remote, state) : null, diagnostics: [] };
    } catch (e) {
      return { state, diagnostics: [ctx.failure(`Cannot Read ${Title}`, e)] };
    }
  }

  async function importState(ctx: ProviderContext, id: string): Promise<StateResponse<CtyObject>> {
    const address = parseObjectId(kind, id);
    if (!address)
      return {
        state: null,
        diagnostics: [
          error(
            'Invalid Import ID',
            `The import id of a ${kind.title} must be "${idFormatOf(kind)}", got ${JSON.stringify(id)}.`,
          ),
        ],
      };
    try {
      const remote = await ctx.objects().get(kind, address);
      if (!remote)
        return {
          state: null,
          diagnostics: [
            error(
              `Cannot Import ${Title}`,
              `No ${kind.title} "${id}" on the Nautes server, so there is nothing to adopt. An import adopts an object that exists already: ` +
                'to create it instead, remove importExisting() (in HCL: the import block) and deploy.',
            ),
          ],
        };
      return { state: kindAttributesOf(kind, remote, null), diagnostics: [] };
    } catch (e) {
      return { state: null, diagnostics: [ctx.failure(`Cannot Import ${Title}`, e)] };
    }
  }

  return {
    schema: kindResourceSchema(kind),
    validate,
    plan,
    apply,
    read,
    import: importState,
    identity: kindIdentity(kind),
    list: kindList(kind),
  };
}
