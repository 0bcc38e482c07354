// The field table is the one list of runtime fields: the wire schemas (the contract as written), the save
// body, the provider schema and the destination key agree with it, both ways.
import { z } from 'zod';
import { DeploymentRuntimeItemSchema, SaveBodySchema } from '../../lib/api/schemas';
import { fromWire, toWire } from '../../lib/api/convert';
import { RUNTIME_FIELDS, destinationKeyOf, type DeploymentRuntime } from '../../lib/model';
import { RUNTIME_SCHEMA } from '../../lib/tfplugin/provider/schema';
import { aRuntime } from '../helpers/builders';

/** Every leaf of a zod object: its path and whether it is a string or a list of strings. */
function leaves(
  schema: z.ZodTypeAny,
  at: string[] = [],
): Array<[string, 'string' | 'string-list']> {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodTypeAny;
  if (s instanceof z.ZodObject)
    return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) =>
      leaves(v, [...at, k]),
    );
  if (s instanceof z.ZodString) return [[at.join('.'), 'string']];
  if (s instanceof z.ZodArray) return [[at.join('.'), 'string-list']];
  throw new Error(`unexpected schema at ${at.join('.')}`);
}
const sorted = <T>(xs: T[]): T[] => [...xs].sort();

describe('RUNTIME_FIELDS', () => {
  test('the wire item schema has exactly the table fields, with their types', () => {
    expect(sorted(leaves(DeploymentRuntimeItemSchema).map(([p, t]) => `${p}:${t}`))).toEqual(
      sorted(RUNTIME_FIELDS.map((f) => `${f.wirePath.join('.')}:${f.type}`)),
    );
  });

  test('the save body schema has the table fields that are not in the URL path', () => {
    expect(sorted(leaves(SaveBodySchema).map(([p, t]) => `${p}:${t}`))).toEqual(
      sorted(
        RUNTIME_FIELDS.filter((f) => !f.inPath).map((f) => `${f.wirePath.join('.')}:${f.type}`),
      ),
    );
  });

  test('toWire writes a valid save body; fromWire reads the runtime back', () => {
    const r: DeploymentRuntime = aRuntime({
      name: 'dr-x',
      projectsRef: ['p1', 'p2'],
      namespaces: ['n1'],
      account: 'acc',
      targetRevision: 'v1',
    });
    const body = toWire(r);
    expect(SaveBodySchema.safeParse(body).success).toBe(true);
    expect(
      fromWire(
        { ...body, product: 'Group Name', name: r.name } as z.infer<
          typeof DeploymentRuntimeItemSchema
        >,
        r.product,
      ),
    ).toEqual(r);
  });

  test('the provider schema has one attribute per field (plus id and the skip-check pair), required unless defaulted', () => {
    const attrs = RUNTIME_SCHEMA.attributes.filter(
      (a) => !['id', 'insecure_skip_check', 'skip_checks_reason'].includes(a.name),
    );
    expect(attrs.map((a) => a.name)).toEqual(RUNTIME_FIELDS.map((f) => f.tfName));
    for (const f of RUNTIME_FIELDS) {
      const a = attrs.find((x) => x.name === f.tfName);
      expect([a?.name, a?.type, a?.required === true, a?.computed === true]).toEqual([
        f.tfName,
        f.type === 'string' ? 'string' : ['set', 'string'],
        f.required && f.default === undefined,
        f.default !== undefined,
      ]);
    }
  });

  test('the destination key: product, code repo, revision (default applied), path and environment', () => {
    const base = { product: 'p', codeRepo: 'repo', manifestPath: 'm', environment: 'env' };
    expect(destinationKeyOf(base)).toBe(destinationKeyOf({ ...base, targetRevision: 'HEAD' }));
    expect(destinationKeyOf(base)).not.toBe(destinationKeyOf({ ...base, targetRevision: 'v2' }));
    expect(destinationKeyOf({ ...base, namespaces: ['other'], name: 'x' })).toBe(
      destinationKeyOf(base),
    );
    expect(
      destinationKeyOf({ product: 'p', codeRepo: 'repo', environment: 'env' }),
    ).toBeUndefined();
  });
});
