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
  allChanges,
  changeLabel,
  isKindChange,
  kindOf,
  kindRank,
  RUNTIME_ONLY_FORMAT_VERSION,
  type AnyChange,
  type KindChange,
  type KindFieldChange,
  type KindOrphan,
  type ObservedKind,
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
  kindListsToObserve,
  planKindObjects,
  type DesiredKindObject,
  type KindListRequest,
  type KindPlan,
  type KindPlanInput,
  type ObservedKindList,
} from './kind-planner';
export { RUNTIME_TYPE, objectKey, referencesOfObject, referencesOfRuntime } from './dependencies';
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
export { fingerprintKindObjects, fingerprintRuntimes } from './fingerprint';
export { toPlanJson, parsePlanJson } from './plan-json';
export { computePlanId, shortPlanId, SHORT_PLAN_ID } from './plan-id';
export { encodeExplanations, explainAs, EXPLANATIONS_PATTERN, REASON_ORDER } from './explanations';
