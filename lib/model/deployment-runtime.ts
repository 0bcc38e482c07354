import type { RuntimeFieldRow } from './fields';

/**
 * A Nautes deployment runtime as this package sees it: flat, camelCase, empty values meaning "unset". One
 * property per row of the field table (lib/model/fields.ts, where each field is described): a string, or a
 * list of strings for list fields.
 *
 * Identity is (product, name). The Nautes save is a whole-spec upsert, so every field is always sent.
 */
export type DeploymentRuntime = {
  readonly [F in RuntimeFieldRow as F['key']]: F['type'] extends 'string'
    ? string
    : readonly string[];
};

/** The identity of a runtime. */
export interface RuntimeAddress {
  readonly product: string;
  readonly name: string;
}

/** `product/name`, the id used by the Terraform provider and in plans. */
export function formatRuntimeId(address: RuntimeAddress): string {
  return `${address.product}/${address.name}`;
}

/** Parses `product/name`; returns undefined when the text is not of that form. */
export function parseRuntimeId(id: string): RuntimeAddress | undefined {
  const m = /^([^/]+)\/([^/]+)$/.exec(id);
  return m ? { product: m[1] as string, name: m[2] as string } : undefined;
}
