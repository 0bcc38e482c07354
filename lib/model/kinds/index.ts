// The declared resource kinds besides the deployment runtime, in the order the server needs them created
// (nautes-api-resources.md 13.1); deletes run in reverse.
import { ENVIRONMENT_KIND } from './environment';
import type { KindSpec } from './kind-spec';
import { PRODUCT_KIND } from './product';
import { PROJECT_KIND } from './project';

export { PRODUCT_KIND, type Product } from './product';
export { PROJECT_KIND, type Project } from './project';
export { ENVIRONMENT_KIND, type Environment } from './environment';
export type { KindAddress, KindField, KindObject, KindSpec, ObjectOfFields } from './kind-spec';
export {
  addressOf,
  changedKindFields,
  completeObject,
  formatObjectId,
  idFormatOf,
  kindFieldsFrom,
  normalizeKindValue,
  parseObjectId,
  sameKindValue,
  validateKindObject,
} from './kind-object';

/** Every declared kind, in create order. */
export const KINDS: readonly KindSpec[] = [PRODUCT_KIND, ENVIRONMENT_KIND, PROJECT_KIND];
