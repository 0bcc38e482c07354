// cdktf-provider-nautes: the programmatic API (the client, the planner, the renderers and the errors). No
// cdktf and no gRPC here (the constructs are in "cdktf-provider-nautes/cdktf", the local server in
// "cdktf-provider-nautes/fake-server"). Named exports only: what is here is the public surface, recorded in
// api/cdktf-provider-nautes.api.md (a change shows in review; see CONTRIBUTING.md).

// errors: every error this package throws has a stable `code`
export {
  NautesError,
  ValidationError,
  StalePlanError,
  PlanEditedError,
  PlanMismatchError,
  ReviewMissingError,
  ReviewCommentRefusedError,
  RemovalsNotApprovedError,
  PlanNotApplicableError,
  type Issue,
} from './errors';
export {
  ApiError,
  ApiResponseError,
  ApiConnectionError,
  ApiTimeoutError,
  ApiResponseTooLargeError,
  ApiSchemaError,
  ApiConfigError,
  InvalidPathSegmentError,
  API_ERROR_CODES,
  isApiErrorCode,
  type ApiErrorCode,
} from './api/errors';

// the model: what a deployment runtime is
export {
  formatRuntimeId,
  parseRuntimeId,
  validateRuntime,
  type DeploymentRuntime,
  type RuntimeAddress,
} from './model';
// the other kinds, each declared once by its table
export {
  KINDS,
  PRODUCT_KIND,
  PROJECT_KIND,
  ENVIRONMENT_KIND,
  CODE_REPO_KIND,
  CODE_REPO_BINDING_KIND,
  CLUSTER_KIND,
  PIPELINE_RUNTIME_KIND,
  WEBHOOK_EVENTS,
  formatObjectId,
  parseObjectId,
  validateKindObject,
  type KindSpec,
  type KindField,
  type KindObject,
  type KindAddress,
  type ObjectOfFields,
  type Product,
  type Project,
  type Environment,
  type CodeRepo,
  type CodeRepoBinding,
  type Cluster,
  type PipelineRuntime,
  type KindValue,
} from './model';

// the client of the Nautes REST API, and the store the planner reads and writes through
export {
  NautesClient,
  readToken,
  type NautesClientOptions,
  type ListOptions,
  type WriteOptions,
} from './api/client';
export type {
  DeploymentRuntimeItem,
  DeploymentRuntimeList,
  MessageReply,
  SaveBody,
} from './api/schemas';
/** Hides the token (and other secrets) in the messages of errors. */
export type { Redactor } from './internal/redact';
export { createRuntimeStore } from './api/runtime-store';
export { createKindStore } from './api/kind-store';

// the planner: declared vs observed -> a field-level plan; plan.json; applying a plan
export {
  planChanges,
  productsToObserve,
  hasChanges,
  countActions,
  applyPlan,
  toPlanJson,
  parsePlanJson,
  FORMAT_VERSION,
  kindListsToObserve,
  type Action,
  type ActionReason,
  type FieldChange,
  type ResourceChange,
  type Orphan,
  type Plan,
  type PlanDiagnostic,
  type ObservedProduct,
  type DesiredRuntime,
  type InventoryDeclaration,
  type PlanInput,
  type DesiredKindObject,
  type ObservedKindList,
  type KindListRequest,
  type KindChange,
  type KindFieldChange,
  type KindOrphan,
  type ObservedKind,
  type ApplyResult,
  type ApplyOptions,
  type ChangeOutcome,
  type OutcomeError,
  type RestoreOutcome,
  type RuntimeStore,
  type KindStore,
} from './engine';

// the renderers of a plan
export { renderText, renderMarkdown, type TextOptions, type MarkdownOptions } from './render';
