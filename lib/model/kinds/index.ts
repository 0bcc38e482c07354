// The declared resource kinds besides the deployment runtime, in the order the server needs them created
// (nautes-api-resources.md 13.1); deletes run in reverse.
import { ENVIRONMENT_KIND } from './environment';
import type { KindSpec } from './kind-spec';
import { PRODUCT_KIND } from './product';
import { PROJECT_KIND } from './project';
import { CODE_REPO_KIND } from './code-repo';
import { CODE_REPO_BINDING_KIND } from './code-repo-binding';
import { CLUSTER_KIND } from './cluster';
import { PIPELINE_RUNTIME_KIND } from './pipeline-runtime';

export { PRODUCT_KIND, type Product } from './product';
export { PROJECT_KIND, type Project } from './project';
export { ENVIRONMENT_KIND, type Environment } from './environment';
export { CODE_REPO_KIND, WEBHOOK_EVENTS, type CodeRepo } from './code-repo';
export { CODE_REPO_BINDING_KIND, type CodeRepoBinding } from './code-repo-binding';
export { CLUSTER_KIND, type Cluster } from './cluster';
export { PIPELINE_RUNTIME_KIND, type PipelineRuntime } from './pipeline-runtime';
export type {
  KindAddress,
  KindField,
  KindObject,
  KindSpec,
  KindValue,
  ObjectOfFields,
} from './kind-spec';
export {
  addressOf,
  completeObject,
  formatObjectId,
  idFormatOf,
  isEmptyKindValue,
  isNestedField,
  kindFieldsFrom,
  normalizeKindValue,
  parseObjectId,
  sameKindValue,
  textOf,
  validateKindObject,
  type FieldNaming,
} from './kind-object';

/** Every declared kind, in create order. */
export const KINDS: readonly KindSpec[] = [
  CLUSTER_KIND,
  PRODUCT_KIND,
  ENVIRONMENT_KIND,
  PROJECT_KIND,
  CODE_REPO_KIND,
  CODE_REPO_BINDING_KIND,
  PIPELINE_RUNTIME_KIND,
];
