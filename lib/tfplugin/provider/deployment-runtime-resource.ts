// `nautes_deployment_runtime`: plan, apply, refresh (from the shared list) and import of one runtime.
import {
  RUNTIME_FIELDS,
  SKIP_CHECKS_ATTRIBUTES,
  formatRuntimeId,
  parseRuntimeId,
  runtimeFieldsFrom,
  sameFieldValue,
  sameRuntime,
  validateRuntime,
} from '../../model';
import { UNKNOWN } from '../cty/types';
import {
  fieldAttribute,
  withFieldAttribute,
  type RuntimeAttributes,
  type StringList,
  type Value,
} from './attributes';
import { error, warning, type Diagnostic } from './diagnostics';
import { missingSkipReason, providerStopping } from './resource-diagnostics';
import type {
  ApplyRequest,
  PlanRequest,
  PlanResponse,
  ProviderContext,
  ResourceType,
  StateResponse,
} from './resource-type';
import { runtimeList } from './deployment-runtime-list';
import { importOrigin } from './import-origin';
import { runtimeIdentity } from './runtime-identity';
import { RUNTIME_RESOURCE, RUNTIME_SCHEMA } from './schema';
import { knownString, objectFromRuntime, runtimeFromObject } from './values';

const { flag: SKIP_FLAG, reason: SKIP_REASON } = SKIP_CHECKS_ATTRIBUTES;

const isUnknown = (v: Value<string> | Value<StringList>): boolean =>
  v === UNKNOWN || (Array.isArray(v) && v.includes(UNKNOWN));

function validateConfig(config: RuntimeAttributes): Diagnostic[] {
  const diags: Diagnostic[] = [];
  // only known values are checked; unknown ones are checked again at plan time
  const partial = runtimeFieldsFrom(
    config,
    'tfName',
    (v) => v !== null && v !== undefined && !isUnknown(v as Value<string>),
  );
  for (const issue of validateRuntime(partial)) {
    const [key, ...rest] = issue.path;
    const field = RUNTIME_FIELDS.find((f) => f.key === key);
    // a null required attribute is reported by OpenTofu itself; an unknown one is checked at plan time
    if (!field || !(field.key in partial)) continue;
    diags.push(
      error(`Invalid ${field.tfName}`, `${issue.message.replace(field.key, field.tfName)}.`, [
        field.tfName,
        ...rest,
      ]),
    );
  }
  const noReason = missingSkipReason(config);
  if (noReason) diags.push(noReason);
  return diags;
}

async function plan(
  _ctx: ProviderContext,
  req: PlanRequest<RuntimeAttributes>,
): Promise<PlanResponse<RuntimeAttributes>> {
  if (!req.proposed) return { planned: null, requiresReplace: [], diagnostics: [] };
  let planned: RuntimeAttributes = { ...req.proposed };
  // an optional+computed attribute keeps its prior value when unset; the default must win instead
  for (const f of RUNTIME_FIELDS)
    if (f.default !== undefined && req.config && fieldAttribute(req.config, f) === null)
      planned = withFieldAttribute(planned, f, f.default);
  const product = knownString(planned.product);
  const name = knownString(planned.name);
  planned.id =
    product !== undefined && name !== undefined ? formatRuntimeId({ product, name }) : UNKNOWN;
  const requiresReplace: string[][] = [];
  const diagnostics: Diagnostic[] = [];
  if (req.prior) {
    for (const f of RUNTIME_FIELDS)
      // the planner's comparison (sets as sets, empty == absent); a value not known yet may differ
      if (
        f.replaceOnChange &&
        (isUnknown(fieldAttribute(planned, f)) ||
          !sameFieldValue(f, fieldAttribute(req.prior, f), fieldAttribute(planned, f)))
      )
        requiresReplace.push([f.tfName]);
  }
  if (planned[SKIP_FLAG] === true)
    diagnostics.push(
      warning(
        'Global Validation Skipped',
        `Runtime ${knownString(planned.id) ?? name ?? '(unknown)'} is saved with ${SKIP_FLAG}: ${knownString(planned[SKIP_REASON]) ?? '(reason not known yet)'}.`,
      ),
    );
  return { planned, requiresReplace, diagnostics };
}

async function apply(
  ctx: ProviderContext,
  req: ApplyRequest<RuntimeAttributes>,
): Promise<StateResponse<RuntimeAttributes>> {
  try {
    const dir = ctx.directory();
    if (!req.planned) {
      if (!req.prior) return { state: null, diagnostics: [] };
      const r = runtimeFromObject(req.prior);
      await dir.delete(r.product, r.name, {
        insecureSkipCheck: req.prior[SKIP_FLAG] === true,
      });
      return { state: null, diagnostics: [] };
    }
    if (ctx.stopping)
      return {
        state: req.prior,
        diagnostics: [providerStopping(ctx)],
      };
    const r = runtimeFromObject(req.planned);
    if (!req.prior) {
      // save is an upsert: refuse to silently take over a runtime someone else created
      const existing = await dir.get(r.product, r.name);
      // exactly what this create would write: an earlier apply saved it and was stopped before the host
      // recorded it (a Ctrl-C to the whole process group); adopting it makes the re-run converge
      if (existing && sameRuntime(existing, r))
        return {
          state: { ...req.planned, id: formatRuntimeId(r) },
          diagnostics: [
            warning(
              'Existing Runtime Adopted',
              `Deployment runtime "${r.name}" of product "${r.product}" already existed with exactly the planned values (an earlier apply that was interrupted?); it was adopted into state, and nothing was sent.`,
            ),
          ],
        };
      if (existing)
        return {
          state: null,
          diagnostics: [
            error(
              'Runtime Already Exists',
              `Deployment runtime "${r.name}" already exists in product "${r.product}", and saving would take it over. Adopt it instead: ` +
                `in CDKTF, call importExisting() on the DeploymentRuntime that declares it (or run "npx nautes-cdktf import --product ${r.product}" for the code), then deploy again; ` +
                `or, in the stack directory (cdktf.out/stacks/<stack>), run: ${ctx.host.command} import '<address>' ${r.product}/${r.name} ` +
                `where <address> is the resource this message is about (shown with it).`,
              ['name'],
            ),
          ],
        };
    }
    await dir.save(r, { insecureSkipCheck: req.planned[SKIP_FLAG] === true });
    return { state: { ...req.planned, id: formatRuntimeId(r) }, diagnostics: [] };
  } catch (e) {
    return {
      state: req.prior,
      diagnostics: [
        ctx.failure(
          req.planned ? 'Cannot Save Deployment Runtime' : 'Cannot Delete Deployment Runtime',
          e,
        ),
      ],
    };
  }
}

async function read(
  ctx: ProviderContext,
  state: RuntimeAttributes,
): Promise<StateResponse<RuntimeAttributes>> {
  // configuration unknown: keep the prior state, call no server (ConfigureProvider warned about it)
  if (ctx.unknownConfig.length) return { state, diagnostics: [] };
  const product = knownString(state.product);
  const name = knownString(state.name);
  if (product === undefined || name === undefined) return { state, diagnostics: [] };
  try {
    const remote = await ctx.directory().get(product, name);
    // a runtime missing from the list is gone: returning null makes the plan create it again
    return { state: remote ? objectFromRuntime(remote, state) : null, diagnostics: [] };
  } catch (e) {
    return { state, diagnostics: [ctx.failure('Cannot Read Deployment Runtimes', e)] };
  }
}

async function importState(
  ctx: ProviderContext,
  id: string,
): Promise<StateResponse<RuntimeAttributes>> {
  const address = parseRuntimeId(id);
  if (!address)
    return {
      state: null,
      diagnostics: [
        error(
          'Invalid Import ID',
          `The import id must be "product/name", got ${JSON.stringify(id)}.`,
        ),
      ],
    };
  try {
    const remote = await ctx.directory().get(address.product, address.name);
    if (!remote) {
      const origin = ctx.workingDir
        ? importOrigin(RUNTIME_RESOURCE, id, ctx.workingDir)
        : undefined;
      const what = origin
        ? `${origin.address}${origin.constructPath ? ` (construct ${origin.constructPath})` : ''}`
        : `the resource imported with id "${id}"`;
      return {
        state: null,
        diagnostics: [
          error(
            'Cannot Import Deployment Runtime',
            `No deployment runtime "${address.name}" in product "${address.product}" on the server, so ${what} has nothing to adopt. ` +
              'An import adopts a runtime that exists already: to create this one instead, remove importExisting() from its DeploymentRuntime ' +
              '(in HCL: remove the import block) and deploy; to adopt it, create it first (or fix the product or name), then deploy again.',
          ),
        ],
      };
    }
    return { state: objectFromRuntime(remote, null), diagnostics: [] };
  } catch (e) {
    return {
      state: null,
      diagnostics: [ctx.failure('Cannot Import Deployment Runtime', e)],
    };
  }
}

/** The `nautes_deployment_runtime` resource type. */
export const deploymentRuntimeResource: ResourceType<RuntimeAttributes> = {
  schema: RUNTIME_SCHEMA,
  validate: validateConfig,
  plan,
  apply,
  read,
  import: importState,
  identity: runtimeIdentity,
  list: runtimeList,
};
