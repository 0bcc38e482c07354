// The committed L1 bindings are exactly what cdktf's binding generator writes for the provider's schema
// as the host reads it today: change the schema without `npm run generate:bindings` and this fails.
import { RESOURCE_TYPES, DATA_SOURCE_TYPES } from '../../helpers/type-names';
const bindings = require('../../../scripts/generate-bindings') as {
  providerSchema(): ProviderSchemaJson;
  generateBindings(schema?: ProviderSchemaJson): Promise<Record<string, string>>;
  committedBindings(): Record<string, string>;
};

interface ProviderSchemaJson {
  provider_schemas: Record<
    string,
    {
      resource_schemas: Record<string, { block: { attributes: Record<string, unknown> } }>;
      data_source_schemas: Record<string, unknown>;
    }
  >;
}

describe('generated L1 bindings', () => {
  let schema: ProviderSchemaJson;
  beforeAll(() => {
    schema = bindings.providerSchema();
  }, 60_000);

  test('the committed files are what the generator writes for the current provider schema', async () => {
    const generated = await bindings.generateBindings(schema);
    const committed = bindings.committedBindings();
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, text] of Object.entries(generated))
      expect([file, committed[file]]).toEqual([file, text]);
  });

  test('a schema change shows: one more attribute gives a binding that differs from the committed one', async () => {
    const changed = structuredClone(schema);
    const provider = Object.values(changed.provider_schemas)[0];
    const runtime = provider?.resource_schemas['nautes_deployment_runtime'];
    if (!runtime) throw new Error('the schema has no nautes_deployment_runtime');
    runtime.block.attributes['sync_wave'] = {
      type: 'number',
      optional: true,
      description_kind: 'plain',
    };
    const generated = await bindings.generateBindings(changed);
    expect(generated['deployment-runtime/index.ts']).toContain('syncWave');
    expect(generated['deployment-runtime/index.ts']).not.toEqual(
      bindings.committedBindings()['deployment-runtime/index.ts'],
    );
  });

  test('the schema the bindings come from has every resource and data source of the provider', () => {
    const provider = Object.values(schema.provider_schemas)[0];
    expect(Object.keys(provider?.resource_schemas ?? {}).sort()).toEqual(RESOURCE_TYPES);
    expect(Object.keys(provider?.data_source_schemas ?? {}).sort()).toEqual(DATA_SOURCE_TYPES);
  });
});
