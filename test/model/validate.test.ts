import {
  findDuplicateDestinations,
  normalizeRuntime,
  validateRuntime,
  type DeploymentRuntime,
} from '../../lib/model';
import { aRuntime } from '../helpers/builders';

describe('validateRuntime', () => {
  test('accepts a valid runtime', () => {
    expect(validateRuntime(aRuntime())).toEqual([]);
  });
  test.each([
    [{ name: 'DR_Dev' }, ['name'], 'invalid_format'],
    [{ name: 'a'.repeat(64) }, ['name'], 'invalid_format'],
    [{ name: '' }, ['name'], 'required'],
    [{ environment: '' }, ['environment'], 'required'],
    [{ manifestPath: '' }, ['manifestPath'], 'required'],
    [{ namespaces: ['ok', 'Not OK'] }, ['namespaces', 1], 'invalid_format'],
    [{ codeRepo: 'group/repo' }, ['codeRepo'], 'invalid_format'],
    [{ product: 'a/b' }, ['product'], 'invalid_format'],
    [{ account: 'x'.repeat(2000) }, ['account'], 'too_long'],
    [{ projectsRef: [''] }, ['projectsRef', 0], 'invalid_type'],
  ])('rejects %j at %j', (override, path, code) => {
    const issues = validateRuntime(aRuntime(override as Partial<DeploymentRuntime>));
    expect(issues).toEqual([expect.objectContaining({ path, code })]);
    expect(issues[0]?.message.length).toBeGreaterThan(10);
  });
});

describe('normalizeRuntime', () => {
  test('treats namespaces and projects as sets and drops empty entries', () => {
    expect(
      normalizeRuntime(aRuntime({ namespaces: ['b', 'a', 'b', ''], projectsRef: [] })),
    ).toMatchObject({ namespaces: ['a', 'b'], projectsRef: [] });
  });
});

describe('findDuplicateDestinations', () => {
  test('finds two runtimes with the same environment and manifest source', () => {
    const a = aRuntime();
    const b = aRuntime({ name: 'dr-b', namespaces: ['other'] });
    const c = aRuntime({ name: 'dr-c', manifestPath: 'other' });
    expect(findDuplicateDestinations([a, b, c])).toEqual([[a, b]]);
  });
});
