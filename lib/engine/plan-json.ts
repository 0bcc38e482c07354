// plan.json: the published, versioned form of a Plan (actions as a list, as in Terraform's JSON plan).
import { PlanEditedError, PlanNotApplicableError, ValidationError, type Issue } from '../errors';
import {
  addressOf,
  declaredFieldsOf,
  formatObjectId,
  formatRuntimeId,
  pathSegmentProblem,
  validateKindObject,
  validateRuntime,
} from '../model';
import { actionCounts, actionList, countActions, kindOf } from './plan';
import {
  FORMAT_VERSION,
  PlanJsonSchema,
  RUNTIME_ONLY_FORMAT_VERSION,
  type Plan,
  type PlanJson,
} from './plan-schema';

const hasKinds = (plan: Omit<Plan, 'id'>): boolean =>
  plan.kindChanges.length + plan.kindOrphans.length + plan.kindObserved.length > 0;
import { computePlanId, shortPlanId } from './plan-id';

/** Serializes a plan as plan.json (the schema's key order, 2-space indent). */
export function toPlanJson(plan: Plan): string {
  const withKinds = hasKinds(plan);
  const doc: PlanJson = {
    formatVersion: withKinds ? FORMAT_VERSION : RUNTIME_ONLY_FORMAT_VERSION,
    // GitLab's Terraform report reads only these three (a replace counts as one create and one delete)
    ...actionCounts(plan),
    planId: plan.id,
    apiServer: plan.apiServer,
    fingerprint: plan.fingerprint,
    summary: countActions(plan),
    observed: [...plan.observed],
    resourceChanges: plan.changes.map((c) => ({ ...c, actions: actionList(c.action) })),
    orphans: [...plan.orphans],
    // 1.2 only: a runtime-only plan is written exactly as 1.1
    ...(withKinds
      ? {
          kindChanges: plan.kindChanges.map((c) => ({ ...c, actions: actionList(c.action) })),
          kindOrphans: [...plan.kindOrphans],
          kindObserved: [...plan.kindObserved],
        }
      : {}),
    diagnostics: [...plan.diagnostics],
  };
  // the schema writes every key in its order and nothing it does not hold (the file reads back to the same text)
  return `${JSON.stringify(PlanJsonSchema.parse(doc), null, 2)}\n`;
}

/**
 * Parses plan.json and checks it is applicable as written: a malformed file is a ValidationError naming the
 * bad path; a file whose content does not give the id it carries is a PlanEditedError; a plan whose
 * planning found errors is a PlanNotApplicableError. Never a crash.
 */
export function parsePlanJson(text: string, source = 'plan.json'): Plan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ValidationError(
      [{ path: [], code: 'invalid_json', message: `not JSON (${(e as Error).message})` }],
      `cannot read ${source}`,
    );
  }
  const parsed = PlanJsonSchema.safeParse(doc);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.slice(0, 5).map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        code: i.code,
        message: i.message,
      })),
      `cannot read ${source} (format ${RUNTIME_ONLY_FORMAT_VERSION} or ${FORMAT_VERSION} expected)`,
    );
  const d = parsed.data;
  for (const c of d.resourceChanges) {
    if ((c.action === 'create' || c.action === 'update' || c.action === 'replace') && !c.after)
      throw new ValidationError(
        [
          {
            path: ['resourceChanges', c.id, 'after'],
            code: 'required',
            message: `a ${c.action} needs "after"`,
          },
        ],
        `cannot read ${source}`,
      );
    if (c.id !== formatRuntimeId(c.address))
      throw new ValidationError(
        [
          {
            path: ['resourceChanges', c.id, 'id'],
            code: 'invalid',
            message: 'id must be "product/name" of the address',
          },
        ],
        `cannot read ${source}`,
      );
    // every value that will be sent is checked again, as if it had been declared (the file may be edited)
    const sent = c.after ? ([['after', c.after]] as const) : [];
    for (const [where, runtime] of sent) {
      const issues = validateRuntime(runtime).map((i) => ({
        ...i,
        path: ['resourceChanges', c.id, where, ...i.path],
      }));
      if (runtime['product'] !== c.address.product || runtime['name'] !== c.address.name)
        issues.push({
          path: ['resourceChanges', c.id, where],
          code: 'invalid',
          message: `product and name must be those of the address ${c.id}`,
        });
      if (issues.length) throw new ValidationError(issues, `cannot read ${source}`);
    }
    for (const [field, value] of [
      ['product', c.address.product],
      ['name', c.address.name],
    ] as const)
      if (pathSegmentProblem(value))
        throw new ValidationError(
          [
            {
              path: ['resourceChanges', c.id, 'address', field],
              code: 'invalid',
              message: `${JSON.stringify(value)} cannot be a path segment of the API`,
            },
          ],
          `cannot read ${source}`,
        );
  }
  for (const c of d.kindChanges ?? []) {
    const fail = (path: Array<string | number>, message: string): never => {
      const issue: Issue = {
        path: ['kindChanges', c.kind, c.id, ...path],
        code: 'invalid',
        message,
      };
      throw new ValidationError([issue], `cannot read ${source}`);
    };
    const kind = kindOf(c.kind);
    if (!kind) return fail(['kind'], `${c.kind} is not a kind this version knows`);
    if ((c.action === 'create' || c.action === 'update' || c.action === 'replace') && !c.after)
      fail(['after'], `a ${c.action} needs "after"`);
    if ((kind.scope === 'product') !== (c.address.product !== undefined))
      fail(['address'], `a ${kind.title} is ${kind.scope === 'product' ? '' : 'not '}in a product`);
    if (c.id !== formatObjectId(kind, c.address))
      fail(
        ['id'],
        `id must be "${kind.scope === 'product' ? 'product/name' : 'name'}" of the address`,
      );
    // every value that will be sent is checked again, as if it had been declared (the file may be edited)
    if (c.after) {
      const issue = validateKindObject(kind, declaredFieldsOf(kind, c.after))[0];
      if (issue) fail(['after', ...issue.path], issue.message);
      if (formatObjectId(kind, addressOf(kind, c.after)) !== c.id)
        fail(['after'], `product and name must be those of the address ${c.id}`);
    }
    for (const value of [c.address.product, c.address.name])
      if (value !== undefined && pathSegmentProblem(value))
        fail(['address'], `${JSON.stringify(value)} cannot be a path segment of the API`);
  }
  const plan: Omit<Plan, 'id'> = {
    formatVersion: d.formatVersion,
    apiServer: d.apiServer,
    fingerprint: d.fingerprint,
    observed: d.observed,
    diagnostics: d.diagnostics,
    orphans: d.orphans,
    changes: d.resourceChanges.map(({ actions: _actions, ...change }) => change),
    kindChanges: (d.kindChanges ?? []).map(({ actions: _actions, ...change }) => change),
    kindOrphans: d.kindOrphans ?? [],
    kindObserved: d.kindObserved ?? [],
  };
  const id = computePlanId(plan);
  if (id !== d.planId)
    throw new PlanEditedError(
      source,
      `its content gives plan id ${shortPlanId(id)}, not the ${shortPlanId(d.planId)} it carries`,
    );
  // anything else edited (the summary counts, an added key): the file must be exactly what plan wrote
  if (JSON.stringify(JSON.parse(toPlanJson({ ...plan, id }))) !== JSON.stringify(doc))
    throw new PlanEditedError(
      source,
      `plan ${shortPlanId(id)} holds content that plan did not write`,
    );
  const errors = plan.diagnostics.filter((x) => x.severity === 'error');
  if (errors.length)
    throw new PlanNotApplicableError(
      `${source} cannot be applied: its planning found errors (${errors.map((e) => `${e.summary}: ${e.detail}`).join('; ')}). Fix them and plan again`,
    );
  return { ...plan, id };
}
