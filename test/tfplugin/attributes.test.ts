// cty objects -> the provider's typed attributes: every schema attribute present, each of its type.
import { attributesFromCty } from '../../lib/tfplugin/convert/attributes';
import { INVENTORY_SCHEMA, RUNTIME_SCHEMA, UNKNOWN } from '../../lib/tfplugin';
import type { RuntimeAttributes } from '../../lib/tfplugin/provider/attributes';

describe('attributesFromCty', () => {
  test('every attribute of the schema, missing ones null, values kept (unknown included)', () => {
    const a = attributesFromCty<RuntimeAttributes>(RUNTIME_SCHEMA, {
      name: 'dr-x',
      namespaces: ['a', UNKNOWN],
      environment: UNKNOWN,
    });
    expect(Object.keys(a)).toEqual(RUNTIME_SCHEMA.attributes.map((x) => x.name));
    expect([a.name, a.namespaces, a.environment, a.product]).toEqual([
      'dr-x',
      ['a', UNKNOWN],
      UNKNOWN,
      null,
    ]);
  });

  test.each([
    [RUNTIME_SCHEMA, { name: 7 }, 'name'],
    [RUNTIME_SCHEMA, { namespaces: 'ns' }, 'namespaces'],
    [INVENTORY_SCHEMA, { prune: 'yes' }, 'prune'],
  ])('a value of another type raises, naming the attribute (%#)', (schema, o, name) => {
    expect(() => attributesFromCty(schema, o)).toThrow(
      new RegExp(`attribute ${name} does not hold`),
    );
  });
});
