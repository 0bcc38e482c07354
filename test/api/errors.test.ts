import {
  ApiResponseError,
  classifyApiError,
  DeploymentRuntimeItemSchema,
  KratosErrorSchema,
  SaveBodySchema,
} from '../../lib/api';

describe('classifyApiError', () => {
  test.each([
    [404, 'RESOURCE_NOT_FOUND', 'the resource is not found', 'NAUTES_API_NOT_FOUND'],
    [404, 'GROUP_NOT_FOUND', 'x', 'NAUTES_API_GROUP_NOT_FOUND'],
    [
      404,
      'PROJECT_NOT_FOUND',
      'p is non product, missing metadata',
      'NAUTES_API_PROJECT_NOT_FOUND',
    ],
    [500, '', 'token is not found', 'NAUTES_API_UNAUTHORIZED'],
    [
      500,
      '',
      'GET https://g/api/v4/groups/p: 401 {message: 401 Unauthorized}',
      'NAUTES_API_UNAUTHORIZED',
    ],
    [403, 'NO_AUTHORIZATION', 'x', 'NAUTES_API_FORBIDDEN'],
    [
      500,
      '',
      'push data: remote: GitLab: You are not allowed to push code, err: exit status 1',
      'NAUTES_API_FORBIDDEN',
    ],
    [400, 'VALIDATOR', 'invalid SaveRequest.Body', 'NAUTES_API_VALIDATION'],
    [400, 'CODEC', 'body unmarshal', 'NAUTES_API_VALIDATION'],
    [500, 'RESOURCE_NOT_EXIST', "env 'Environment' does not exist", 'NAUTES_API_REFERENCE_MISSING'],
    [500, '', 'failed to get repository x, err: 404', 'NAUTES_API_REFERENCE_MISSING'],
    [
      500,
      '',
      'the referenced project p by the deployment runtime d does not exist while verifying',
      'NAUTES_API_REFERENCE_MISSING',
    ],
    [
      500,
      '',
      'DeploymentRuntime resource d not found or invalid. Please check',
      'NAUTES_API_NOT_FOUND',
    ],
    [500, '', 'duplicate reference found between resource a and resource b', 'NAUTES_API_CONFLICT'],
    [
      500,
      '',
      'verify deployment runtime failed, err: namespaces [a] is used by other product',
      'NAUTES_API_CONFLICT',
    ],
    [500, '', 'conflict; manual approval may be required', 'NAUTES_API_CONFLICT'],
    [500, 'UNKNOWN', 'unknown request error', 'NAUTES_API_SERVER'],
    [418, '', 'teapot', 'NAUTES_API_HTTP'],
  ])('maps %i %s "%s" to %s', (status, reason, message, code) => {
    expect(classifyApiError(status, { code: status, reason, message, metadata: {} })).toBe(code);
  });

  test('an ApiResponseError names method, path, status and a remedy', () => {
    const e = new ApiResponseError(
      'POST',
      '/api/v1/products/p/deploymentruntimes/d',
      500,
      '',
      'push data: denied',
    );
    expect(e.code).toBe('NAUTES_API_FORBIDDEN');
    expect(e.message).toBe(
      "POST /api/v1/products/p/deploymentruntimes/d failed with 500: push data: denied (the account needs push rights on `main` of the product's default.project (Maintainer))",
    );
  });
});

describe('wire schemas', () => {
  test('accept the documented GET reply and reject a missing field', () => {
    const item = {
      product: 'nautes-labs',
      name: 'dr-dev',
      projects_ref: ['api-server'],
      manifest_source: {
        code_repo: 'api-server',
        target_revision: 'HEAD',
        path: 'manifests/development',
      },
      destination: { environment: 'env-dev', namespaces: ['dr-dev'] },
      account: '',
    };
    expect(DeploymentRuntimeItemSchema.parse(item)).toEqual(item);
    const { account: _omit, ...missing } = item;
    expect(DeploymentRuntimeItemSchema.safeParse(missing).success).toBe(false);
  });
  test('the save body requires manifest_source and destination with non-empty strings', () => {
    expect(SaveBodySchema.safeParse({ destination: { environment: 'e' } }).success).toBe(false);
    expect(
      SaveBodySchema.safeParse({
        manifest_source: { code_repo: 'c', target_revision: 'HEAD', path: 'p' },
        destination: { environment: '' },
      }).success,
    ).toBe(false);
    expect(
      SaveBodySchema.safeParse({
        manifest_source: { code_repo: 'c', target_revision: 'HEAD', path: 'p' },
        destination: { environment: 'e' },
      }).success,
    ).toBe(true);
  });
  test('the kratos error body has code, reason, message and metadata', () => {
    expect(
      KratosErrorSchema.safeParse({ code: 500, reason: '', message: 'x', metadata: {} }).success,
    ).toBe(true);
    expect(KratosErrorSchema.safeParse({ code: 500, message: 'x' }).success).toBe(false);
  });
});
