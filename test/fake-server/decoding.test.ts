// Bodies, queries and selectors decoded as the real server decodes them (nautes-api.md 11.3, 11.6, 11.9).
import { MAINTAINER, drDevBody, http, useFakeServer } from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/deploymentruntimes';

describe('local server: bodies, queries and selectors', () => {
  const ctx = useFakeServer();
  const save = (query: string, body: string, contentType = 'application/json') => http(ctx.server.url, 'POST', `${LIST}/dr-dec${query}`, { token: MAINTAINER, body, contentType });

  test.each([
    ['the Content-Type subtype is matched case-sensitively', '', JSON.stringify(drDevBody()), 'application/JSON', 'unregister Content-Type: application/JSON'],
    ['a null body', '', 'null', 'application/json', 'body unmarshal proto: syntax error (line 1:1): unexpected token null'],
    ['a null inside a string list', '', JSON.stringify(drDevBody({ projects_ref: ['api-server', null] })), 'application/json', 'invalid value for string type: null'],
    ['a query key given twice', '?insecure_skip_check=true&insecureSkipCheck=false', JSON.stringify(drDevBody()), 'application/json', 'parsing field "insecureSkipCheck": too many values'],
    ['a bad bool', '?insecure_skip_check=maybe', JSON.stringify(drDevBody()), 'application/json', 'parsing field "insecureSkipCheck": strconv.ParseBool: parsing "maybe": invalid syntax'],
  ])('%s: 400 CODEC', async (_label, query, body, contentType, message) => {
    const r = await save(query, body, contentType);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 400, reason: 'CODEC', message: expect.stringContaining(message) });
  });

  test('selectors: fieldSelector is ignored, keys are not trimmed, a second "=" and any bad term fail with 500', async () => {
    expect((await save('', JSON.stringify(drDevBody()))).status).toBe(200);
    const q = (query: string) => http(ctx.server.url, 'GET', `${LIST}?${query}`, { token: MAINTAINER });
    const ignored = await q(`fieldSelector=${encodeURIComponent('manifest_source.code_repo=nothing')}`);
    expect((ignored.json as { items: unknown[] }).items).toHaveLength(1);
    expect((await q(`field_selector=${encodeURIComponent(' manifest_source.code_repo=api')}`)).status).toBe(500);
    expect((await q(`field_selector=${encodeURIComponent('manifest_source.code_repo=a=b')}`)).status).toBe(500);
    // the first term does not match, the second is bad: still a 500 (all terms are parsed first)
    expect((await q(`field_selector=${encodeURIComponent('manifest_source.code_repo=nothing,projects_ref.in')}`)).json).toMatchObject({ code: 500, message: 'this operation symbol is not supported: projects_ref.in' });
  });
});
