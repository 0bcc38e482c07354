import { decode, encode, ExtData } from '@msgpack/msgpack';
import {
  decodeBlock,
  encodeBlock,
  INVENTORY_SCHEMA,
  RUNTIME_SCHEMA,
  UNKNOWN,
  type BlockSchema,
} from '../../lib/tfplugin';

const nested: BlockSchema = {
  description: 'with blocks',
  attributes: [
    { name: 'a', type: 'string', optional: true, description: '' },
    { name: 'n', type: 'number', optional: true, description: '' },
    { name: 'm', type: ['map', 'string'], optional: true, description: '' },
    { name: 'o', type: ['object', { x: 'string', y: 'bool' }], optional: true, description: '' },
  ],
  blockTypes: [
    {
      typeName: 'rule',
      nesting: 'LIST',
      block: {
        description: '',
        attributes: [{ name: 'port', type: 'number', optional: true, description: '' }],
      },
    },
  ],
};

describe('cty msgpack codec', () => {
  test('encodes every schema attribute, nulls included (OpenTofu rejects a missing key)', () => {
    const raw = decode(encodeBlock(RUNTIME_SCHEMA, { name: 'dr-dev' })) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(RUNTIME_SCHEMA.attributes.map((a) => a.name).sort());
    expect(raw['namespaces']).toBeNull();
  });

  test('drops keys the schema does not have', () => {
    const raw = decode(encodeBlock(INVENTORY_SCHEMA, { product: 'p', surprise: 'x' })) as Record<
      string,
      unknown
    >;
    expect(raw).not.toHaveProperty('surprise');
  });

  test('writes absent nested LIST blocks as [] and never nil', () => {
    const raw = decode(encodeBlock(nested, { a: 'x' })) as Record<string, unknown>;
    expect(raw['rule']).toEqual([]);
  });

  test('writes unknown values as extension 0 with a one-byte payload', () => {
    const bytes = encodeBlock(INVENTORY_SCHEMA, { product: 'p', unmanaged: UNKNOWN });
    expect(Buffer.from(bytes).includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
  });

  test('reads any extension, refined unknowns (ext 12) included, as unknown', () => {
    const refined = new ExtData(
      12,
      Uint8Array.from(Buffer.from('8201c202a96368696c642d6f662d', 'hex')),
    );
    const v = decodeBlock(INVENTORY_SCHEMA, {
      msgpack: encode({ product: refined, declared: [new ExtData(0, new Uint8Array([0]))] }),
    });
    expect(v).toMatchObject({ product: UNKNOWN, declared: [UNKNOWN], prune: null });
  });

  test('round-trips objects, maps, numbers and nested blocks, and reads JSON DynamicValues', () => {
    const value = { a: 'x', n: 1.5, m: { k: 'v' }, o: { x: 's', y: true }, rule: [{ port: 80 }] };
    expect(decodeBlock(nested, { msgpack: encodeBlock(nested, value) })).toEqual(value);
    expect(
      decodeBlock(nested, { json: Buffer.from(JSON.stringify({ ...value, n: '1.5' })) }),
    ).toEqual(value);
    expect(decodeBlock(nested, { json: Buffer.from('{"o":{"x":"s"}}') })).toMatchObject({
      o: { x: 's', y: null },
      rule: [],
    });
  });

  test('a nil DynamicValue is a null object (a gone resource)', () => {
    expect(decodeBlock(RUNTIME_SCHEMA, { msgpack: encode(null) })).toBeNull();
    expect(decode(encodeBlock(RUNTIME_SCHEMA, null))).toBeNull();
  });
});
