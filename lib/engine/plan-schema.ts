// The plan's one declaration: zod schemas of every part of a Plan, from which its TypeScript types are
// inferred and plan.json is written and read (plan-json.ts). The keys are in plan.json's order.
import { z } from 'zod';
import { RUNTIME_FIELDS, type DeploymentRuntime, type KindObject, type KindValue } from '../model';

/**
 * Version of the plan.json format; a change of shape is a versioned event. 1.2 added the objects of the
 * other kinds (`kindChanges`, `kindOrphans`, `kindObserved`); a plan without any is still written as 1.1,
 * byte for byte as before, so runtime-only plans and their ids are unchanged.
 */
export const FORMAT_VERSION = '1.2';

/** The version of a plan that holds deployment runtimes only. */
export const RUNTIME_ONLY_FORMAT_VERSION = '1.1';

/** What happens to one runtime. */
export const ActionSchema = z.enum(['no-op', 'create', 'update', 'replace', 'delete']);

/** Why an action was chosen. For explaining the plan to people, never for decisions. */
export const ActionReasonSchema = z.enum([
  'new-in-config',
  'config-changed',
  'drifted',
  'immutable-field-changed',
  'orphan-pruned',
  'declared-with-skip-checks',
]);

/** A runtime in a plan: every field of the table, in its order. */
export const RuntimeSchema = z
  .object(
    Object.fromEntries(
      RUNTIME_FIELDS.map((f) => [
        f.key,
        f.type === 'string' ? z.string() : z.array(z.string()).readonly(),
      ]),
    ),
  )
  .readonly() as unknown as z.ZodType<DeploymentRuntime>;

const AddressSchema = z.object({ product: z.string().min(1), name: z.string().min(1) }).readonly();
const FieldValueSchema = z.union([z.string(), z.array(z.string()).readonly(), z.null()]);
const PathSchema = z.array(z.string()).readonly();
const DigestSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** One field that differs between before and after. */
export const FieldChangeSchema = z
  .object({
    /** Field path in model terms, e.g. `['namespaces']`. */
    path: PathSchema,
    /** Terraform / API attribute name, for display. */
    attribute: z.string(),
    before: FieldValueSchema,
    after: FieldValueSchema,
    kind: z.enum(['added', 'removed', 'modified']),
    /** This change alone forces a replacement (delete, then create). */
    forcesReplace: z.boolean(),
    sensitive: z.boolean(),
  })
  .readonly();

/** The planned change of one runtime. */
export const ResourceChangeSchema = z
  .object({
    /** `product/name`. */
    id: z.string(),
    address: AddressSchema,
    action: ActionSchema,
    reasons: z.array(ActionReasonSchema).readonly(),
    /** The runtime as observed (null when it does not exist). */
    before: RuntimeSchema.nullable(),
    /** The runtime as it will be (null when deleted). */
    after: RuntimeSchema.nullable(),
    fieldChanges: z.array(FieldChangeSchema).readonly(),
    /** Paths whose change forces replacement. */
    replacePaths: z.array(PathSchema).readonly(),
    /** Set when the save/delete skips the server's global validation. */
    skipChecks: z
      .object({ reason: z.string().min(1) })
      .readonly()
      .optional(),
    /** The construct path that declared it, when known. */
    declaredAt: z.string().optional(),
  })
  .readonly();

/** A runtime that exists in a product but no code declares. */
export const OrphanSchema = z
  .object({
    id: z.string(),
    address: AddressSchema,
    runtime: RuntimeSchema,
    /** True when the product's inventory prunes it (then a delete change is planned too). */
    pruned: z.boolean(),
  })
  .readonly();

/** A finding that is not a change: a warning or an error about the inputs. */
export const PlanDiagnosticSchema = z
  .object({
    severity: z.enum(['warning', 'error']),
    summary: z.string(),
    detail: z.string(),
    id: z.string().optional(),
  })
  .readonly();

/** What was observed of one product (the stale-plan guard). */
export const ObservedProductSchema = z
  .object({
    product: z.string(),
    runtimeCount: z.number().int().nonnegative(),
    /** sha256 of the normalized list. */
    fingerprint: DigestSchema,
  })
  .readonly();

// a value may be a nested object or a list of them (a pipeline runtime's pipelines): the schemas recurse
const KindValueSchema: z.ZodType<KindValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.boolean(),
    z.array(z.string()).readonly(),
    KindObjectSchema,
    z.array(KindObjectSchema).readonly(),
  ]),
);

/** An object of a declared kind in a plan: field key -> value (secrets are never held). */
export const KindObjectSchema: z.ZodType<KindObject> = z.lazy(() =>
  z.record(z.string(), KindValueSchema).readonly(),
);

const KindAddressSchema = z
  .object({ product: z.string().min(1).optional(), name: z.string().min(1) })
  .readonly();

/** One field of an object of a declared kind that differs between before and after. */
export const KindFieldChangeSchema = z
  .object({
    path: PathSchema,
    attribute: z.string(),
    before: z.union([KindValueSchema, z.null()]),
    after: z.union([KindValueSchema, z.null()]),
    kind: z.enum(['added', 'removed', 'modified']),
    forcesReplace: z.boolean(),
    sensitive: z.boolean(),
  })
  .readonly();

/** The planned change of one object of a declared kind (product, environment, project, ...). */
export const KindChangeSchema = z
  .object({
    /** The kind, as its Terraform type (`nautes_product`). */
    kind: z.string(),
    /** `product/name`, or the name of a tenant-level object. */
    id: z.string(),
    address: KindAddressSchema,
    action: ActionSchema,
    reasons: z.array(ActionReasonSchema).readonly(),
    before: KindObjectSchema.nullable(),
    after: KindObjectSchema.nullable(),
    fieldChanges: z.array(KindFieldChangeSchema).readonly(),
    replacePaths: z.array(PathSchema).readonly(),
    skipChecks: z
      .object({ reason: z.string().min(1) })
      .readonly()
      .optional(),
    /**
     * What else a delete of it destroys (kinds with deletion protection), set on a delete or replace: for
     * people reading the plan, never for decisions.
     */
    destroys: z.string().optional(),
    /** Attributes the server never returns (secrets): a change made outside code cannot be seen. */
    unseen: z.array(z.string()).readonly().optional(),
    declaredAt: z.string().optional(),
  })
  .readonly();

/** An object of a declared kind in a product whose inventory owns that kind, which no code declares. */
export const KindOrphanSchema = z
  .object({
    kind: z.string(),
    id: z.string(),
    address: KindAddressSchema,
    object: KindObjectSchema,
    pruned: z.boolean(),
  })
  .readonly();

/** What was observed of one kind in one product (or in the tenant): the stale-plan guard. */
export const ObservedKindSchema = z
  .object({
    kind: z.string(),
    /** Absent for tenant-level kinds. */
    product: z.string().optional(),
    count: z.number().int().nonnegative(),
    fingerprint: DigestSchema,
  })
  .readonly();

/** The whole plan. */
export const PlanSchema = z
  .object({
    formatVersion: z.string(),
    /** Digest over the changes, the observed fingerprints and the API server (`computePlanId`). */
    id: z.string(),
    /** The API server the plan was made against ('' when planned without one, e.g. in tests). */
    apiServer: z.string(),
    /** One entry per declared or pruned runtime, sorted by id. */
    changes: z.array(ResourceChangeSchema).readonly(),
    orphans: z.array(OrphanSchema).readonly(),
    observed: z.array(ObservedProductSchema).readonly(),
    /** One entry per declared or pruned object of the other kinds, in create order of the kinds, by id. */
    kindChanges: z.array(KindChangeSchema).readonly(),
    kindOrphans: z.array(KindOrphanSchema).readonly(),
    kindObserved: z.array(ObservedKindSchema).readonly(),
    /** sha256 over every observed product fingerprint (and every observed kind list). */
    fingerprint: z.string(),
    diagnostics: z.array(PlanDiagnosticSchema).readonly(),
  })
  .readonly();

/** What happens to one runtime. */
export type Action = z.infer<typeof ActionSchema>;
/** Why an action was chosen. */
export type ActionReason = z.infer<typeof ActionReasonSchema>;
/** One field that differs between before and after. */
export type FieldChange = z.infer<typeof FieldChangeSchema>;
/** The planned change of one runtime. */
export type ResourceChange = z.infer<typeof ResourceChangeSchema>;
/** A runtime that exists in a product but no code declares. */
export type Orphan = z.infer<typeof OrphanSchema>;
/** A finding that is not a change. */
export type PlanDiagnostic = z.infer<typeof PlanDiagnosticSchema>;
/** The planned change of one object of a declared kind. */
export type KindChange = z.infer<typeof KindChangeSchema>;
/** One field of a kind object that differs. */
export type KindFieldChange = z.infer<typeof KindFieldChangeSchema>;
/** An undeclared object of a kind an inventory owns. */
export type KindOrphan = z.infer<typeof KindOrphanSchema>;
/** What was observed of one kind in one product. */
export type ObservedKind = z.infer<typeof ObservedKindSchema>;
/** What was observed of one product. */
export type ObservedProduct = z.infer<typeof ObservedProductSchema>;
/** The whole plan. */
export type Plan = z.infer<typeof PlanSchema>;

/** Every action, in the order plans list them. */
export const ACTIONS: readonly Action[] = ActionSchema.options;

/** The plan.json document: the plan, with Terraform's action lists and GitLab's report counts. */
export const PlanJsonSchema = z.object({
  formatVersion: z.enum([RUNTIME_ONLY_FORMAT_VERSION, FORMAT_VERSION]),
  // GitLab's Terraform report keys: plan.json is also the MR widget's report
  create: z.number().int().nonnegative(),
  update: z.number().int().nonnegative(),
  delete: z.number().int().nonnegative(),
  planId: DigestSchema,
  apiServer: z.string(),
  fingerprint: DigestSchema,
  summary: z.record(z.string(), z.number()),
  observed: z.array(ObservedProductSchema),
  resourceChanges: z.array(
    z.object({
      ...ResourceChangeSchema.unwrap().pick({ id: true, address: true, action: true }).shape,
      /** As in Terraform's JSON plan: a replace is ['delete', 'create']. */
      actions: z.array(ActionSchema).min(1),
      ...ResourceChangeSchema.unwrap().omit({ id: true, address: true, action: true }).shape,
    }),
  ),
  orphans: z.array(OrphanSchema),
  // 1.2: written only when the plan holds objects of the other kinds
  kindChanges: z
    .array(
      z.object({
        ...KindChangeSchema.unwrap().pick({ kind: true, id: true, address: true, action: true })
          .shape,
        actions: z.array(ActionSchema).min(1),
        ...KindChangeSchema.unwrap().omit({ kind: true, id: true, address: true, action: true })
          .shape,
      }),
    )
    .optional(),
  kindOrphans: z.array(KindOrphanSchema).optional(),
  kindObserved: z.array(ObservedKindSchema).optional(),
  diagnostics: z.array(PlanDiagnosticSchema),
});
/** The plan.json document. */
export type PlanJson = z.infer<typeof PlanJsonSchema>;
