// The reply codec picked by Accept, as kratos v2.6.2 picks and writes it (nautes-api.md 1.1 and 11.9):
// every registered codec (JSON, YAML, XML, proto, form) by the exact subtype of each Accept line, JSON
// otherwise; each codec writes the Go value its own way.
import { request as httpRequest } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { MAINTAINER, drDevBody, http, useFakeServer } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';

/** One call with the given Accept lines (each its own header line), returning status, headers and bytes. */
function call(
  base: string,
  method: string,
  path: string,
  accept: readonly string[],
  body?: string,
): Promise<{ status: number; type: string | undefined; bytes: Buffer }> {
  const { hostname, port } = new URL(base);
  const headers: Record<string, string | string[]> = { authorization: `Bearer ${MAINTAINER}` };
  if (accept.length) headers['accept'] = [...accept];
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'],
            bytes: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A protobuf message read back: field number -> the values (varints as numbers, others as bytes). */
function readProto(b: Buffer): Map<number, Array<number | Buffer>> {
  const out = new Map<number, Array<number | Buffer>>();
  let i = 0;
  const varint = (): number => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const byte = b[i++] as number;
      n += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return n;
    }
  };
  while (i < b.length) {
    const key = varint();
    const field = key >> 3;
    let value: number | Buffer;
    if ((key & 7) === 0) value = varint();
    else {
      const length = varint();
      value = b.subarray(i, i + length);
      i += length;
    }
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}
const protoStr = (m: Map<number, Array<number | Buffer>>, f: number): string[] =>
  (m.get(f) ?? []).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));

describe('local server: reply codecs chosen by Accept', () => {
  const ctx = useFakeServer();
  beforeEach(async () => {
    const r = await http(ctx.server.url, 'POST', `${LIST}/dr-dev`, {
      token: MAINTAINER,
      body: JSON.stringify(drDevBody()),
    });
    expect(r.status).toBe(200);
  });
  const get = (accept: readonly string[], path = `${LIST}/dr-dev`) =>
    call(ctx.server.url, 'GET', path, accept);

  test.each([
    ['no Accept', []],
    ['*/*', ['*/*']],
    ['application/json', ['application/json']],
    ['application/x-protobuf (not a registered subtype)', ['application/x-protobuf']],
    ['application/x-yaml', ['application/x-yaml']],
    ['an unknown type', ['application/vnd.nautes+json']],
    [
      'a list on one line (its subtype is "yaml, application/json")',
      ['application/yaml, application/json'],
    ],
    ['no slash', ['yaml']],
  ])('%s: JSON', async (_label, accept) => {
    const r = await get(accept);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json');
    expect(JSON.parse(r.bytes.toString('utf8'))).toMatchObject({ name: 'dr-dev' });
  });

  test('the first line with a registered subtype wins; parameters after ";" and the type do not count', async () => {
    expect((await get(['text/html', 'application/yaml; q=0.5', 'application/json'])).type).toBe(
      'application/yaml',
    );
    expect((await get(['text/xml'])).type).toBe('application/xml');
    expect((await get(['application/JSON', 'application/proto'])).type).toBe('application/proto');
  });

  test('YAML: yaml.v3 of the Go struct, keys are the Go field names in lower case', async () => {
    const one = await get(['application/yaml']);
    expect(one.type).toBe('application/yaml');
    expect(parseYaml(one.bytes.toString('utf8'))).toEqual({
      product: 'nautes-labs',
      name: 'dr-dev',
      projectsref: ['api-server'],
      manifestsource: {
        coderepo: 'api-server',
        targetrevision: 'HEAD',
        path: 'manifests/development',
      },
      destination: { environment: 'env-dev', namespaces: ['dr-dev'] },
      account: '',
    });
    const list = await get(['application/yaml'], LIST);
    expect(parseYaml(list.bytes.toString('utf8'))).toMatchObject({
      items: [{ name: 'dr-dev', projectsref: ['api-server'] }],
    });
    const saved = await call(
      ctx.server.url,
      'POST',
      `${LIST}/dr-dev`,
      ['application/yaml'],
      JSON.stringify(drDevBody()),
    );
    expect(parseYaml(saved.bytes.toString('utf8'))).toEqual({
      msg: 'Successfully saved dr-dev configuration',
    });
  });

  test('YAML errors: the *errors.Error struct, its embedded Status under "status"', async () => {
    const r = await get(['application/yaml'], `${LIST}/nope`);
    expect(r.status).toBe(404);
    expect(r.type).toBe('application/yaml');
    expect(parseYaml(r.bytes.toString('utf8'))).toEqual({
      status: {
        code: 404,
        reason: 'RESOURCE_NOT_FOUND',
        message: 'the resource is not found',
        metadata: {},
      },
    });
  });

  test('XML: encoding/xml of the Go struct, the type name outside, Go field names inside', async () => {
    await http(ctx.server.url, 'POST', `${LIST}/dr-x?insecure_skip_check=true`, {
      token: MAINTAINER,
      body: JSON.stringify(
        drDevBody({
          projects_ref: [],
          account: 'a<&>"\'',
          manifest_source: { code_repo: 'api-server', target_revision: 'HEAD', path: 'x\ny' },
          destination: { environment: 'env-test', namespaces: ['n1', 'n2'] },
        }),
      ),
    });
    const one = await get(['application/xml'], `${LIST}/dr-x`);
    expect(one.status).toBe(200);
    expect(one.type).toBe('application/xml');
    expect(one.bytes.toString('utf8')).toBe(
      '<GetReply><Product>nautes-labs</Product><Name>dr-x</Name>' +
        '<ManifestSource><CodeRepo>api-server</CodeRepo><TargetRevision>HEAD</TargetRevision><Path>x&#xA;y</Path></ManifestSource>' +
        '<Destination><Environment>env-test</Environment><Namespaces>n1</Namespaces><Namespaces>n2</Namespaces></Destination>' +
        '<Account>a&lt;&amp;&gt;&#34;&#39;</Account></GetReply>',
    );
    const list = await get(['application/xml'], LIST);
    expect(list.bytes.toString('utf8')).toMatch(
      /^<ListsReply><Items><Product>nautes-labs<\/Product><Name>dr-dev<\/Name><ProjectsRef>api-server<\/ProjectsRef>.*<\/Items><Items>.*<Name>dr-x<\/Name>.*<\/Items><\/ListsReply>$/,
    );
    const deleted = await call(ctx.server.url, 'DELETE', `${LIST}/dr-x`, ['application/xml']);
    expect(deleted.bytes.toString('utf8')).toBe(
      '<DeleteReply><Msg>Successfully deleted dr-x configuration</Msg></DeleteReply>',
    );
  });

  test('XML errors: encoding/xml cannot write the metadata map, so every error is a bare 500', async () => {
    for (const path of [`${LIST}/nope`, '/api/v1/products/nope/deploymentruntimes']) {
      const r = await get(['application/xml'], path);
      expect(r.status).toBe(500);
      expect(r.type).toBeUndefined();
      expect(r.bytes.length).toBe(0);
    }
    // the same for a 400 of the decoder, and for the other kinds
    const bad = await call(ctx.server.url, 'POST', `${LIST}/dr-dev`, ['application/xml'], '{');
    expect([bad.status, bad.bytes.length]).toEqual([500, 0]);
    const env = await get(['application/xml'], '/api/v1/products/nautes-labs/environments/nope');
    expect([env.status, env.bytes.length]).toEqual([500, 0]);
  });

  test('proto: the messages by field number; errors are the kratos Status', async () => {
    const one = await get(['application/proto']);
    expect(one.type).toBe('application/proto');
    const m = readProto(one.bytes);
    expect([protoStr(m, 1), protoStr(m, 2), protoStr(m, 3), m.has(6)]).toEqual([
      ['nautes-labs'],
      ['dr-dev'],
      ['api-server'],
      false, // an empty account is not written (proto3)
    ]);
    const ms = readProto((m.get(4) ?? [])[0] as Buffer);
    expect([protoStr(ms, 1), protoStr(ms, 2), protoStr(ms, 3)]).toEqual([
      ['api-server'],
      ['HEAD'],
      ['manifests/development'],
    ]);
    const dest = readProto((m.get(5) ?? [])[0] as Buffer);
    expect([protoStr(dest, 1), protoStr(dest, 2)]).toEqual([['env-dev'], ['dr-dev']]);
    const list = readProto((await get(['application/proto'], LIST)).bytes);
    expect(list.get(1)).toHaveLength(1);
    const err = await get(['application/proto'], `${LIST}/nope`);
    expect(err.status).toBe(404);
    const status = readProto(err.bytes);
    expect([status.get(1), protoStr(status, 2), protoStr(status, 3)]).toEqual([
      [404],
      ['RESOURCE_NOT_FOUND'],
      ['the resource is not found'],
    ]);
  });

  test('form: populated fields by JSON name; a list with items cannot be encoded (500), an empty one is empty', async () => {
    const one = await get(['application/x-www-form-urlencoded']);
    expect(one.type).toBe('application/x-www-form-urlencoded');
    expect(one.bytes.toString('utf8')).toBe(
      'destination.environment=env-dev&destination.namespaces=dr-dev&manifest_source.code_repo=api-server&manifest_source.path=manifests%2Fdevelopment&manifest_source.target_revision=HEAD&name=dr-dev&product=nautes-labs&projects_ref=api-server',
    );
    const list = await get(['application/x-www-form-urlencoded'], LIST);
    expect(list.status).toBe(500);
    expect(list.bytes.toString('utf8')).toBe(
      'code=500&message=unsupported+message+type%3A+%22api.deploymentruntime.v1.GetReply%22',
    );
    await http(ctx.server.url, 'DELETE', `${LIST}/dr-dev`, { token: MAINTAINER });
    const empty = await get(['application/x-www-form-urlencoded'], LIST);
    expect([empty.status, empty.bytes.length]).toEqual([200, 0]);
  });
});
