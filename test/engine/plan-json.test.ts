// plan.json is read back as untrusted input: every value that apply would send is validated again.
import { parsePlanJson, planChanges, toPlanJson } from '../../lib/engine';
import { aRuntime } from '../helpers/builders';

const planText = (): string =>
  toPlanJson(
    planChanges({
      desired: [{ runtime: aRuntime({ name: 'rt-0' }) }],
      inventories: [],
      observed: new Map([['nautes-labs', []]]),
    }),
  );

function edited(
  edit: (doc: {
    resourceChanges: Array<
      Record<string, unknown> & { after: Record<string, unknown>; address: Record<string, unknown> }
    >;
  }) => void,
): string {
  const doc = JSON.parse(planText());
  edit(doc);
  return JSON.stringify(doc);
}

describe('parsePlanJson', () => {
  test('reads back what toPlanJson wrote', () => {
    expect(parsePlanJson(planText()).changes.map((c) => [c.id, c.action])).toEqual([
      ['nautes-labs/rt-0', 'create'],
    ]);
  });

  test.each<[string, (doc: Parameters<Parameters<typeof edited>[0]>[0]) => void, RegExp]>([
    [
      'an "after" naming another runtime',
      (d) =>
        void ((d.resourceChanges[0] as { after: Record<string, unknown> }).after['name'] = 'rt-1'),
      /resourceChanges\.nautes-labs\/rt-0\.after: product and name must be those of the address/,
    ],
    [
      'an "after" in another product',
      (d) =>
        void ((d.resourceChanges[0] as { after: Record<string, unknown> }).after['product'] =
          'other'),
      /must be those of the address/,
    ],
    [
      'an invalid namespace',
      (d) =>
        void ((d.resourceChanges[0] as { after: Record<string, unknown> }).after['namespaces'] = [
          'Bad_NS',
        ]),
      /after\.namespaces\.0: namespaces\[0\] "Bad_NS" is not an RFC 1123 label/,
    ],
    [
      'a control character in a value',
      (d) =>
        void ((d.resourceChanges[0] as { after: Record<string, unknown> }).after['manifestPath'] =
          'a\u001b[2Jb'),
      /after\.manifestPath: manifestPath must not contain control characters/,
    ],
    [
      'an address that is not a path segment',
      (d) => {
        const c = d.resourceChanges[0] as {
          id: string;
          action: string;
          address: Record<string, unknown>;
          after: unknown;
        };
        c.address['name'] = '..';
        c.id = 'nautes-labs/..';
        c.action = 'delete';
        c.after = null;
      },
      /address\.name: "\.\." cannot be a path segment/,
    ],
  ])('refuses %s, naming the field', (_label, edit, message) => {
    expect(() => parsePlanJson(edited(edit))).toThrow(message);
  });
});
