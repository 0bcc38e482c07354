// plan.json: the published, versioned form of a Plan (actions as a list, as in Terraform's JSON plan).
import { z } from 'zod';
import { PlanEditedError, PlanNotApplicableError, ValidationError } from '../errors';
import {
  RUNTIME_FIELDS,
  pathSegmentProblem,
  validateRuntime,
  type DeploymentRuntime,
} from '../model';
import {
  ACTIONS,
  FORMAT_VERSION,
  actionCounts,
  actionList,
  countActions,
  type Action,
  type Plan,
} from './plan';
import { computePlanId, shortPlanId } from './plan-id';

const RuntimeJson = z.object(
  Object.fromEntries(
    RUNTIME_FIELDS.map((f) => [f.key, f.type === 'string' ? z.string() : z.array(z.string())]),
  ),
);
const FieldValue = z.union([z.string(), z.array(z.string()), z.null()]);
const Reason = z.enum([
  'new-in-config',
  'config-changed',
  'drifted',
  'immutable-field-changed',
  'orphan-pruned',
  'declared-with-skip-checks',
]);
const ActionSchema = z.enum(ACTIONS as [Action, ...Action[]]);

const PlanJsonSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  // GitLab's Terraform report keys: plan.json is also the MR widget's report
  create: z.number().int().nonnegative(),
  update: z.number().int().nonnegative(),
  delete: z.number().int().nonnegative(),
  planId: z.string().regex(/^[0-9a-f]{64}$/),
  apiServer: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  summary: z.record(z.string(), z.number()),
  observed: z.array(
    z.object({
      product: z.string(),
      runtimeCount: z.number().int().nonnegative(),
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  resourceChanges: z.array(
    z.object({
      id: z.string(),
      address: z.object({ product: z.string().min(1), name: z.string().min(1) }),
      action: ActionSchema,
      actions: z.array(ActionSchema).min(1),
      reasons: z.array(Reason),
      before: RuntimeJson.nullable(),
      after: RuntimeJson.nullable(),
      fieldChanges: z.array(
        z.object({
          path: z.array(z.string()),
          attribute: z.string(),
          before: FieldValue,
          after: FieldValue,
          kind: z.enum(['added', 'removed', 'modified']),
          forcesReplace: z.boolean(),
          sensitive: z.boolean(),
        }),
      ),
      replacePaths: z.array(z.array(z.string())),
      skipChecks: z.object({ reason: z.string().min(1) }).optional(),
      declaredAt: z.string().optional(),
    }),
  ),
  orphans: z.array(
    z.object({
      id: z.string(),
      address: z.object({ product: z.string(), name: z.string() }),
      runtime: RuntimeJson,
      pruned: z.boolean(),
    }),
  ),
  diagnostics: z.array(
    z.object({
      severity: z.enum(['warning', 'error']),
      summary: z.string(),
      detail: z.string(),
      id: z.string().optional(),
    }),
  ),
});

/** A runtime with its keys in field-table order (the file must read back to the same text). */
function runtimeJson(r: DeploymentRuntime | null): Record<string, unknown> | null {
  return r ? Object.fromEntries(RUNTIME_FIELDS.map((f) => [f.key, r[f.key]])) : null;
}

/** Serializes a plan as plan.json (stable key order, 2-space indent). */
export function toPlanJson(plan: Plan): string {
  const doc = {
    formatVersion: plan.formatVersion,
    // GitLab's Terraform report reads only these three (a replace counts as one create and one delete)
    ...actionCounts(plan),
    planId: plan.id,
    apiServer: plan.apiServer,
    fingerprint: plan.fingerprint,
    summary: countActions(plan),
    observed: plan.observed.map((o) => ({
      product: o.product,
      runtimeCount: o.runtimeCount,
      fingerprint: o.fingerprint,
    })),
    resourceChanges: plan.changes.map((c) => ({
      id: c.id,
      address: { product: c.address.product, name: c.address.name },
      action: c.action,
      actions: actionList(c.action),
      reasons: c.reasons,
      before: runtimeJson(c.before),
      after: runtimeJson(c.after),
      fieldChanges: c.fieldChanges.map((f) => ({
        path: f.path,
        attribute: f.attribute,
        before: f.before,
        after: f.after,
        kind: f.kind,
        forcesReplace: f.forcesReplace,
        sensitive: f.sensitive,
      })),
      replacePaths: c.replacePaths,
      ...(c.skipChecks ? { skipChecks: { reason: c.skipChecks.reason } } : {}),
      ...(c.declaredAt ? { declaredAt: c.declaredAt } : {}),
    })),
    orphans: plan.orphans.map((o) => ({
      id: o.id,
      address: { product: o.address.product, name: o.address.name },
      runtime: runtimeJson(o.runtime),
      pruned: o.pruned,
    })),
    diagnostics: plan.diagnostics.map((d) => ({
      severity: d.severity,
      summary: d.summary,
      detail: d.detail,
      ...(d.id !== undefined ? { id: d.id } : {}),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
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
      `cannot read ${source} (format ${FORMAT_VERSION} expected)`,
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
    if (c.id !== `${c.address.product}/${c.address.name}`)
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
  const plan: Omit<Plan, 'id'> = {
    formatVersion: d.formatVersion,
    apiServer: d.apiServer,
    fingerprint: d.fingerprint,
    observed: d.observed,
    diagnostics: d.diagnostics.map((x) => ({
      severity: x.severity,
      summary: x.summary,
      detail: x.detail,
      ...(x.id !== undefined ? { id: x.id } : {}),
    })),
    orphans: d.orphans.map((o) => ({ ...o, runtime: o.runtime as unknown as DeploymentRuntime })),
    changes: d.resourceChanges.map((c) => ({
      id: c.id,
      address: c.address,
      action: c.action,
      reasons: c.reasons,
      before: c.before as unknown as DeploymentRuntime | null,
      after: c.after as unknown as DeploymentRuntime | null,
      fieldChanges: c.fieldChanges,
      replacePaths: c.replacePaths,
      ...(c.skipChecks ? { skipChecks: c.skipChecks } : {}),
      ...(c.declaredAt ? { declaredAt: c.declaredAt } : {}),
    })),
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
