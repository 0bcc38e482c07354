// engine: desired vs observed -> Plan; applying a plan through a store port. Imports only model, errors
// and internal; talks to the server through ports.ts.
export {
  FORMAT_VERSION,
  ACTIONS,
  isDestructive,
  actionList,
  countActions,
  actionCounts,
  hasChanges,
  type Action,
  type ActionReason,
  type FieldChange,
  type ResourceChange,
  type Orphan,
  type Plan,
  type PlanDiagnostic,
  type ObservedProduct,
} from './plan';
export { diffFields } from './diff';
export {
  planChanges,
  productsToObserve,
  type DesiredRuntime,
  type InventoryDeclaration,
  type PlanInput,
} from './planner';
export {
  applyPlan,
  assertPlanFresh,
  type ApplyResult,
  type ApplyOptions,
  type ChangeOutcome,
  type OutcomeError,
  type RestoreOutcome,
} from './apply';
export {
  readBack,
  type ChangedDuringApply,
  type ReadBackResult,
  type WrittenRuntime,
} from './read-back';
export type { KindStore, RuntimeStore } from './ports';
export { fingerprintRuntimes } from './fingerprint';
export { toPlanJson, parsePlanJson } from './plan-json';
export { computePlanId, shortPlanId, SHORT_PLAN_ID } from './plan-id';
export { encodeExplanations, explainAs, EXPLANATIONS_PATTERN, REASON_ORDER } from './explanations';
