// The engine's RuntimeStore over the Nautes API.
import type { RuntimeStore } from '../engine';
import type { DeploymentRuntime } from '../model';
import type { NautesClient } from './client';
import { fromWire, toWire } from './convert';
import { isApiErrorCode } from './errors';

/**
 * A store that lists, saves and deletes through a client. A delete of a runtime that is already gone counts
 * as done (also a retried delete whose first attempt landed): the one place that rule lives.
 */
export function createRuntimeStore(client: NautesClient): RuntimeStore {
  return {
    async list(
      product: string,
      options: { fieldSelector?: string } = {},
    ): Promise<DeploymentRuntime[]> {
      return (
        await client.listDeploymentRuntimes(
          product,
          options.fieldSelector ? { fieldSelector: options.fieldSelector } : {},
        )
      ).map((i) => fromWire(i, product));
    },
    async get(product: string, name: string): Promise<DeploymentRuntime | null> {
      try {
        return fromWire(await client.getDeploymentRuntime(product, name), product);
      } catch (e) {
        if (isApiErrorCode(e, 'NAUTES_API_NOT_FOUND')) return null;
        throw e;
      }
    },
    async save(r, { insecureSkipCheck }) {
      await client.saveDeploymentRuntime(r.product, r.name, toWire(r), { insecureSkipCheck });
    },
    async delete(product, name, { insecureSkipCheck }) {
      try {
        await client.deleteDeploymentRuntime(product, name, { insecureSkipCheck });
      } catch (e) {
        if (!isApiErrorCode(e, 'NAUTES_API_NOT_FOUND')) throw e;
      }
    },
  };
}
