// The id of a plan: a digest over what it will send (every change, field by field), what it observed (the
// fingerprint of each product's list) and the API server it was made against. A reviewer sees its short
// form; apply recomputes it from the file, and again from a fresh plan of the app, and refuses any other.
import { createHash } from 'node:crypto';
import { RUNTIME_FIELDS, type DeploymentRuntime } from '../model';
import type { Plan } from './plan';

// an object's fields in key order: the same object gives the same row whatever order its keys came in
const kindRow = (o: Readonly<Record<string, unknown>> | null): unknown =>
  o
    ? Object.keys(o)
        .sort()
        .map((k) => [k, o[k]])
    : null;

/** Characters of the id shown to people (and accepted by `apply --plan-id`). */
export const SHORT_PLAN_ID = 12;

const row = (r: DeploymentRuntime | null): unknown =>
  r ? RUNTIME_FIELDS.map((f) => r[f.key]) : null;

/**
 * Computes the id of a plan from its content (the `id` field itself is not part of it). With
 * `explanations: false` the reasons, construct paths and diagnostics are left out: what remains is what
 * the plan will send and what it observed, which apply compares with a fresh plan (made without the merge
 * base the reviewed plan may have been explained against).
 */
export function computePlanId(
  plan: Omit<Plan, 'id'>,
  options: { explanations?: boolean } = {},
): string {
  const explain = options.explanations ?? true;
  const canonical = [
    plan.formatVersion,
    plan.apiServer,
    plan.fingerprint,
    plan.observed.map((o) => [o.product, o.runtimeCount, o.fingerprint]),
    plan.changes.map((c) => [
      c.id,
      c.address.product,
      c.address.name,
      c.action,
      explain ? c.reasons : null,
      row(c.before),
      row(c.after),
      c.fieldChanges.map((f) => [
        f.path,
        f.attribute,
        f.before,
        f.after,
        f.kind,
        f.forcesReplace,
        f.sensitive,
      ]),
      c.replacePaths,
      c.skipChecks?.reason ?? null,
      explain ? (c.declaredAt ?? null) : null,
    ]),
    plan.orphans.map((o) => [o.id, o.pruned, row(o.runtime)]),
    explain ? plan.diagnostics.map((d) => [d.severity, d.summary, d.detail, d.id ?? null]) : null,
    // 1.2: only a plan with objects of the other kinds has this part (a runtime-only id is as before)
    ...(plan.kindChanges.length + plan.kindOrphans.length + plan.kindObserved.length
      ? [
          plan.kindObserved.map((o) => [o.kind, o.product ?? null, o.count, o.fingerprint]),
          plan.kindChanges.map((c) => [
            c.kind,
            c.id,
            c.address.product ?? null,
            c.address.name,
            c.action,
            explain ? c.reasons : null,
            kindRow(c.before),
            kindRow(c.after),
            c.fieldChanges.map((f) => [
              f.path,
              f.attribute,
              f.before,
              f.after,
              f.kind,
              f.forcesReplace,
              f.sensitive,
            ]),
            c.replacePaths,
            c.skipChecks?.reason ?? null,
            c.destroys ?? null,
            c.unseen ?? null,
            explain ? (c.declaredAt ?? null) : null,
          ]),
          plan.kindOrphans.map((o) => [o.kind, o.id, o.pruned, kindRow(o.object)]),
        ]
      : []),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The short form of a plan id. */
export function shortPlanId(id: string): string {
  return id.slice(0, SHORT_PLAN_ID);
}
