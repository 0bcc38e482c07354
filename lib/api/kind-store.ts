// The engine's KindStore over the Nautes API: the wire codec of each kind, and the one place where "not
// there" is read out of the server's answers.
import type { KindStore } from '../engine';
import { addressOf, type KindAddress, type KindObject, type KindSpec } from '../model';
import type { NautesClient } from './client';
import { NautesError } from '../errors';
import { isApiErrorCode, type ApiResponseError } from './errors';
import { fromKindWire, toKindWire } from './kind-wire';

/** True when an error of a GET means the object does not exist. */
function isMissing(kind: KindSpec, e: unknown): boolean {
  if (isApiErrorCode(e, 'NAUTES_API_NOT_FOUND')) return true;
  const m = kind.missingGet;
  // not instanceof: the provider's bundle may hold another copy of the error classes
  const r = e as Partial<Pick<ApiResponseError, 'status' | 'reason' | 'serverMessage'>>;
  return (
    m !== undefined &&
    NautesError.isNautesError(e) &&
    typeof r.serverMessage === 'string' &&
    r.status === m.status &&
    (m.reason === undefined || r.reason === m.reason) &&
    (m.message === undefined || new RegExp(m.message).test(r.serverMessage))
  );
}

/** The values a reply does not carry as written: the address asked with. */
const askedOf = (a: KindAddress): Record<string, string> =>
  a.product === undefined ? { name: a.name } : { product: a.product, name: a.name };

/**
 * A store of the declared kinds through a client. A delete of an object already gone counts as done (also
 * a retried delete whose first attempt landed).
 */
export function createKindStore(client: NautesClient): KindStore {
  const store: KindStore = {
    async list(kind, product) {
      const items = await client.listObjects(kind, product);
      return items.map((i) => fromKindWire(kind, i, product === undefined ? {} : { product }));
    },
    async get(kind, address): Promise<KindObject | null> {
      try {
        return fromKindWire(kind, await client.getObject(kind, address), askedOf(address));
      } catch (e) {
        if (isMissing(kind, e)) return null;
        throw e;
      }
    },
    async save(kind, o, { insecureSkipCheck }) {
      await client.saveObject(kind, addressOf(kind, o), toKindWire(kind, o), { insecureSkipCheck });
    },
    async delete(kind, address, { insecureSkipCheck }) {
      try {
        await client.deleteObject(kind, address, { insecureSkipCheck });
      } catch (e) {
        if (isGone(e)) return;
        // some deletes of a missing object answer a 500 (an environment's: UNKNOWN): ask whether it is there
        const now = await store.get(kind, address).catch(() => undefined);
        if (now === null) return;
        throw e;
      }
    },
  };
  return store;
}

/**
 * True when a delete failed because the object is already gone: its 404, or the 404 of its product's
 * group (a product-scoped object cannot outlive its product, nautes-api-resources.md 2.4).
 */
function isGone(e: unknown): boolean {
  return (
    isApiErrorCode(e, 'NAUTES_API_NOT_FOUND') || isApiErrorCode(e, 'NAUTES_API_GROUP_NOT_FOUND')
  );
}
