// model: what a deployment runtime is, and the per-field table every other layer reads.
// Pure: imports only ../errors and ../internal; no I/O.
export {
  type DeploymentRuntime,
  type RuntimeAddress,
  formatRuntimeId,
  parseRuntimeId,
} from './deployment-runtime';
export {
  RUNTIME_FIELDS,
  destinationKeyOf,
  runtimeFieldsFrom,
  completeRuntime,
  type FieldSpec,
  type CompareMode,
  type RuntimeFieldRow,
} from './fields';
export {
  normalizeRuntime,
  normalizeFieldValue,
  fieldValuesEqual,
  sameRuntime,
  isEmptyFieldValue,
  sameFieldValue,
} from './normalize';
export { validateRuntime, findDuplicateDestinations, pathSegmentProblem } from './validate';
export {
  SKIP_CHECKS_ATTRIBUTES,
  SKIP_CHECKS_DESCRIPTIONS,
  NO_REASON,
  skipChecksFromAttributes,
  hasSkipReason,
  type SkipChecks,
} from './skip-checks';
export * from './kinds';
export {
  declaredFieldsOf,
  diffKindObjects,
  differingKindFields,
  isComparedKindField,
  unseenKindFields,
  type KindFieldDifference,
} from './kinds/kind-compare';
