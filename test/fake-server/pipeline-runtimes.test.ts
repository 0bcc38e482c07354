// Project pipeline runtimes (nautes-api-resources.md 7): projects/<project>/<name>.yaml, over loopback HTTP.
import { demoSeed, SeedSchema, type Seed } from '../../lib/fake-server';
import {
  DEVELOPER,
  GUEST,
  MAINTAINER,
  OUTSIDER,
  REPORTER,
  http,
  useFakeServer,
} from '../helpers/fake-server';

const LIST = '/api/v1/products/nautes-labs/projectpipelineruntimes';
const one = (name: string): string => `${LIST}/${name}`;
const PREFIX = 'invalid SaveRequest.Body: embedded message failed validation | caused by: ';
const VERIFY = 'verify project pipeline runtime failed, err: ';
const SKIP = '?insecure_skip_check=true';

/**
 * The demo seed plus: repos `shared-lib` (202, product level) and `tools` (203, project `web`); environments
 * `env-pipe` on the pipeline cluster and `env-bare` on a pipeline cluster without a pipeline component;
 * product `shop` (102) with a pipeline runtime deployed into `ci-shared` on the same pipeline cluster.
 */
function seed(): Seed {
  const demo = demoSeed();
  const labs = demo.products[0] as Seed['products'][number];
  return SeedSchema.parse({
    ...demo,
    clusters: [
      ...demo.clusters,
      { name: 'cluster-bare', usage: 'worker', workerType: 'pipeline', pipelineComponent: '' },
    ],
    products: [
      {
        ...labs,
        codeRepos: [
          ...labs.codeRepos,
          { path: 'shared-lib', id: 202 },
          { path: 'tools', name: 'Tools', id: 203, project: 'web' },
        ],
        projects: [...labs.projects, { name: 'web' }, { name: 'solo' }],
        environments: [
          ...labs.environments,
          { name: 'env-pipe', cluster: 'cluster-pipeline' },
          { name: 'env-bare', cluster: 'cluster-bare' },
        ],
      },
      {
        path: 'shop',
        groupId: 102,
        defaultProjectId: 300,
        members: { alice: 'maintainer' },
        codeRepos: [{ path: 'storefront', id: 301, project: 'storefront' }],
        projects: [{ name: 'storefront' }],
        environments: [{ name: 'env-ci', cluster: 'cluster-pipeline' }],
        pipelineRuntimes: [
          {
            name: 'ppr-shop',
            project: 'storefront',
            pipeline_source: 'storefront',
            pipelines: [{ name: 'build', path: 'ci/build.yaml' }],
            event_sources: [{ name: 'nightly', calendar: { schedule: '0 2 * * *' } }],
            pipeline_triggers: [{ event_source: 'nightly', pipeline: 'build' }],
            destination: { environment: 'env-ci', namespace: 'ci-shared' },
          },
        ],
      },
    ],
  });
}

/** A body that passes every rule in `nautes-labs`. */
function pprBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    project: 'api-server',
    pipeline_source: 'api-server',
    pipelines: [{ name: 'build', label: 'default', path: 'pipelines/build.yaml' }],
    event_sources: [
      {
        name: 'push',
        gitlab: { repo_name: 'api-server', revision: 'main', events: ['push_events'] },
      },
    ],
    pipeline_triggers: [{ event_source: 'push', pipeline: 'build' }],
    destination: { environment: 'env-pipe', namespace: 'ci' },
    isolation: 'shared',
    ...overrides,
  };
}

const plain = (message: string) => ({ code: 500, reason: '', message, metadata: {} });

describe('fake server: project pipeline runtimes', () => {
  const ctx = useFakeServer({ seed: seed() });
  const call = (method: string, path: string, token = MAINTAINER, body?: unknown) =>
    http(ctx.server.url, method, path, {
      token,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const repo = () => ctx.server.service.repoOf('nautes-labs');
  const save = (name: string, body: Record<string, unknown>, query = '', token = MAINTAINER) =>
    call('POST', `${one(name)}${query}`, token, body);

  test('save: the committed file (sorted keys, ids, {} parts, namespace), the replies, the selectors', async () => {
    const r = await save('ppr1', pprBody());
    expect(r.text).toBe('{"message":"Successfully saved ppr1 configuration"}');
    expect(await repo()?.show('projects/api-server/ppr1.yaml')).toBe(
      [
        'apiVersion: nautes.resource.nautes.io/v1alpha1',
        'kind: ProjectPipelineRuntime',
        'metadata:',
        '  creationTimestamp: null',
        '  name: ppr1',
        '  namespace: product-101',
        'spec:',
        '  additionalResources: {}',
        '  destination:',
        '    environment: env-pipe',
        '    namespace: ci',
        '  eventSources:',
        '  - gitlab:',
        '      events:',
        '      - push_events',
        '      repoName: repo-201',
        '      revision: main',
        '    name: push',
        '  hooks: {}',
        '  isolation: shared',
        '  pipelineSource: repo-201',
        '  pipelineTriggers:',
        '  - eventSource: push',
        '    pipeline: build',
        '  pipelines:',
        '  - label: default',
        '    name: build',
        '    path: pipelines/build.yaml',
        '  project: api-server',
        '',
      ].join('\n'),
    );
    expect((await repo()?.log())?.[0]).toMatchObject({
      files: expect.arrayContaining(['projects/api-server/ppr1.yaml']) as unknown,
    });
    // no product field; every field emitted; repo ids back as GitLab project names
    const ppr1 =
      '{"name":"ppr1","project":"api-server","pipeline_source":"api-server",' +
      '"event_sources":[{"name":"push","gitlab":{"repo_name":"api-server","revision":"main","events":["push_events"]},"calendar":null}],' +
      '"pipelines":[{"name":"build","label":"default","path":"pipelines/build.yaml"}],' +
      '"pipeline_triggers":[{"event_source":"push","pipeline":"build","revision":"","inputs":[]}],' +
      '"destination":{"environment":"env-pipe","namespace":"ci"},"isolation":"shared",' +
      '"additional_resources":{"git":null},"account":"","hooks":{"pre_hooks":[],"post_hooks":[]}}';
    expect((await call('GET', one('ppr1'))).text).toBe(ppr1);
    // the second: project web, its own repo (a GitLab name differing from the path), a calendar,
    // an additional git repo, an account
    const r2 = await save(
      'ppr2',
      pprBody({
        project: 'web',
        pipeline_source: 'tools',
        pipelines: [{ name: 'lint', path: 'lint.yaml' }],
        event_sources: [{ name: 'cron', calendar: { schedule: '0 * * * *', timezone: 'UTC' } }],
        pipeline_triggers: [{ event_source: 'cron', pipeline: 'lint', revision: 'main' }],
        destination: { environment: 'env-pipe' },
        additional_resources: { git: { coderepo: 'tools', revision: 'v1', path: 'extra' } },
        account: 'robot',
      }),
    );
    expect(r2.status).toBe(200);
    const file2 = await repo()?.show('projects/web/ppr2.yaml');
    expect(file2).toContain(
      '  account: robot\n  additionalResources:\n    git:\n      codeRepo: repo-203\n      path: extra\n      revision: v1\n',
    );
    expect(file2).toContain(
      '  - calendar:\n      schedule: 0 * * * *\n      timezone: UTC\n    name: cron\n',
    );
    expect(file2).toContain('    namespace: ""\n');
    const ppr2 = (await call('GET', one('ppr2'))).json as Record<string, unknown>;
    expect(ppr2).toMatchObject({
      pipeline_source: 'Tools',
      event_sources: [
        {
          name: 'cron',
          gitlab: null,
          calendar: { schedule: '0 * * * *', interval: '', exclusion_dates: [], timezone: 'UTC' },
        },
      ],
      additional_resources: { git: { coderepo: 'Tools', url: '', revision: 'v1', path: 'extra' } },
      account: 'robot',
    });
    // tree order: projects/api-server before projects/web
    const items = ((await call('GET', LIST)).json as { items: Array<{ name: string }> }).items;
    expect(items.map((i) => i.name)).toEqual(['ppr1', 'ppr2']);
    const names = async (selector: string) =>
      ((await call('GET', `${LIST}?field_selector=${selector}`)).json as { items: [] }).items.map(
        (i: { name: string }) => i.name,
      );
    expect(await names('project_name=pr2')).toEqual(['ppr2']);
    expect(await names('pipeline_source=Too')).toEqual(['ppr2']);
    expect(await names('project=api')).toEqual(['ppr1']);
    expect(await names('pipeline_triggers.pipeline=lin')).toEqual(['ppr2']);
    expect((await call('GET', `${LIST}?field_selector=destination=env`)).json).toEqual(
      plain(
        "failed to match resource, err: inconsistent data type, expected is 'String', but now is 'struct'",
      ),
    );
    // an unchanged re-save commits nothing
    const before = (await repo()?.log())?.length;
    expect((await save('ppr1', pprBody())).status).toBe(200);
    expect((await repo()?.log())?.length).toBe(before);
  });

  test('validation: the proto rules in field order (400 VALIDATOR); an empty body is 500 UNKNOWN', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ project: '' }, 'invalid SaveRequest_Body.Project: value length must be at least 1 runes'],
      [
        { pipeline_source: '' },
        'invalid SaveRequest_Body.PipelineSource: value length must be at least 1 runes',
      ],
      [
        { pipelines: [] },
        'invalid SaveRequest_Body.Pipelines: value must contain at least 1 item(s)',
      ],
      [
        { pipelines: [{ name: 'b', path: '' }] },
        'invalid SaveRequest_Body.Pipelines[0]: embedded message failed validation | caused by: invalid Pipeline.Path: value length must be at least 1 runes',
      ],
      [
        { event_sources: [] },
        'invalid SaveRequest_Body.EventSources: value must contain at least 1 item(s)',
      ],
      [
        { event_sources: [{ name: 'push', gitlab: { repo_name: '' } }] },
        'invalid SaveRequest_Body.EventSources[0]: embedded message failed validation | caused by: invalid EventSource.Gitlab: embedded message failed validation | caused by: invalid Gitlab.RepoName: value length must be at least 1 runes',
      ],
      [
        { pipeline_triggers: [] },
        'invalid SaveRequest_Body.PipelineTriggers: value must contain at least 1 item(s)',
      ],
      [
        { pipeline_triggers: [{ event_source: 'push', pipeline: '' }] },
        'invalid SaveRequest_Body.PipelineTriggers[0]: embedded message failed validation | caused by: invalid PipelineTriggers.Pipeline: value length must be at least 1 runes',
      ],
      [
        { destination: { environment: '' } },
        'invalid SaveRequest_Body.Destination: embedded message failed validation | caused by: invalid ProjectPipelineDestination.Environment: value length must be at least 1 runes',
      ],
      // required although the docs call `shared` the default
      [
        { isolation: '' },
        'invalid SaveRequest_Body.Isolation: value must be in list [shared exclusive]',
      ],
    ];
    for (const [overrides, message] of cases)
      expect((await save('p', pprBody(overrides))).json).toEqual({
        code: 400,
        reason: 'VALIDATOR',
        message: `${PREFIX}${message}`,
        metadata: {},
      });
    expect((await call('POST', one('p'), MAINTAINER, '')).json).toMatchObject({
      code: 500,
      reason: 'UNKNOWN',
      message: 'unknown request error',
    });
    expect(await repo()?.show('projects/api-server/p.yaml')).toBeUndefined();
  });

  test('service checks and repo conversions: plain 500s that insecure_skip_check does not skip', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'nautes-labs',
        { pipeline_triggers: [{ event_source: 'tag', pipeline: 'build' }] },
        'the event source tag in the trigger does not exist',
      ],
      [
        'nautes-labs',
        { destination: undefined },
        "pipeline deployment target configuration not submitted, please checked '.Destination' field ",
      ],
      [
        'nautes-labs',
        { pipeline_source: 'nope' },
        'failed to get codeRepo name when converting pipeline repository name, err: failed to convert repository name nope to codeRepo name, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/nautes-labs%2Fnope: 404 {message: 404 Project Not Found} metadata = map[] cause = <nil>',
      ],
      [
        // a URL-only additional git repo: the empty coderepo is converted too
        'nautes-labs',
        { additional_resources: { git: { url: 'https://example.com/x.git' } } },
        'failed to get codeRepo name when converting git repository name for additional resources, err: failed to convert repository name  to codeRepo name, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/nautes-labs%2F: 404 {message: 404 Project Not Found} metadata = map[] cause = <nil>',
      ],
      [
        'nautes-labs',
        { event_sources: [{ name: 'push', gitlab: { repo_name: 'ghost' } }] },
        'failed to get codeRepo name when converting git repository name for event source, err: failed to convert repository name ghost to codeRepo name, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/nautes-labs%2Fghost: 404 {message: 404 Project Not Found} metadata = map[] cause = <nil>',
      ],
      [
        // an unknown product fails at the repo conversion, before any group lookup
        'nope',
        {},
        'failed to get codeRepo name when converting pipeline repository name, err: failed to convert repository name api-server to codeRepo name, err: error: code = 404 reason = PROJECT_NOT_FOUND message = failed to get project, err: GET https://gitlab.nautes.local/api/v4/projects/nope%2Fapi-server: 404 {message: 404 Project Not Found} metadata = map[] cause = <nil>',
      ],
    ];
    for (const [product, overrides, message] of cases)
      for (const q of ['', SKIP])
        expect(
          (
            await call(
              'POST',
              `/api/v1/products/${product}/projectpipelineruntimes/p${q}`,
              MAINTAINER,
              pprBody(overrides),
            )
          ).json,
        ).toEqual(plain(message));
  });

  test('the project can never change (names are unique per product); GET and DELETE of a missing one', async () => {
    expect((await save('ppr1', pprBody())).status).toBe(200);
    const moved = pprBody({
      project: 'web',
      pipeline_source: 'tools',
      event_sources: [{ name: 'push' }],
    });
    for (const q of ['', SKIP])
      expect((await save('ppr1', moved, q)).json).toEqual(
        plain('existing pipeline runtime is not allow modifying the project field'),
      );
    expect(await repo()?.show('projects/web/ppr1.yaml')).toBeUndefined();
    expect((await call('GET', one('nope'))).json).toEqual({
      code: 404,
      reason: 'RESOURCE_NOT_FOUND',
      message: 'the resource is not found',
      metadata: {},
    });
    for (const q of ['', SKIP])
      expect((await call('DELETE', `${one('nope')}${q}`)).json).toEqual(
        plain(
          'ProjectPipelineRuntime resource nope not found or invalid. Please check whether the resource exists under the default project',
        ),
      );
    expect((await call('DELETE', one('ppr1'))).text).toBe(
      '{"message":"Successfully deleted ppr1 configuration"}',
    );
    expect(await repo()?.show('projects/api-server/ppr1.yaml')).toBeUndefined();
    // the project's own file stays
    expect(await repo()?.show('projects/api-server/api-server.yaml')).toContain('kind: Project');
  });

  test('odd reads: inputs accumulate; any input without both sources is a 500 UNKNOWN for GET and the list', async () => {
    const input = (source: Record<string, string>) => ({
      source,
      transmission_method: { kustomization: { path: 'spec.params' } },
    });
    // a validated save needs exactly one of the two sources
    const both = { built_in_var: 'REVISION', from_event: 'body.ref' };
    expect(
      (
        await save(
          'in',
          pprBody({
            pipeline_triggers: [{ event_source: 'push', pipeline: 'build', inputs: [input(both)] }],
          }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}both builtInVar and fromEvent has value`));
    expect(
      (
        await save(
          'in',
          pprBody({
            pipeline_triggers: [{ event_source: 'push', pipeline: 'build', inputs: [{}] }],
          }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}builtInVar and fromEvent cannot be empty at the same time`));
    // only a forced save stores both; its read shows trigger 2 with the inputs of triggers 1 and 2
    const forced = pprBody({
      pipelines: [
        { name: 'build', path: 'b.yaml' },
        { name: 'test', path: 't.yaml' },
      ],
      pipeline_triggers: [
        { event_source: 'push', pipeline: 'build', inputs: [input(both)] },
        {
          event_source: 'push',
          pipeline: 'test',
          inputs: [input({ built_in_var: 'A', from_event: 'B' })],
        },
      ],
    });
    expect((await save('acc', forced, SKIP)).status).toBe(200);
    expect(await repo()?.show('projects/api-server/acc.yaml')).toContain(
      '  - eventSource: push\n    inputs:\n    - source:\n        builtInVar: REVISION\n        fromEvent: body.ref\n      transmissionMethod:\n        kustomization:\n          path: spec.params\n    pipeline: build\n',
    );
    const first = {
      source: { built_in_var: 'REVISION', from_event: 'body.ref' },
      transmission_method: { kustomization: { path: 'spec.params' } },
    };
    const second = {
      source: { built_in_var: 'A', from_event: 'B' },
      transmission_method: { kustomization: { path: 'spec.params' } },
    };
    expect(
      ((await call('GET', one('acc'))).json as Record<string, unknown>)['pipeline_triggers'],
    ).toEqual([
      { event_source: 'push', pipeline: 'build', revision: '', inputs: [first] },
      { event_source: 'push', pipeline: 'test', revision: '', inputs: [first, second] },
    ]);
    // one input with a single source (forced): the reply code dereferences the missing one
    const single = pprBody({
      pipeline_triggers: [
        { event_source: 'push', pipeline: 'build', inputs: [input({ built_in_var: 'REVISION' })] },
      ],
    });
    expect((await save('zz-single', single, SKIP)).status).toBe(200);
    const unknown = {
      code: 500,
      reason: 'UNKNOWN',
      message: 'unknown request error',
      metadata: {},
    };
    expect((await call('GET', one('zz-single'))).json).toEqual(unknown);
    expect((await call('GET', LIST)).json).toEqual(unknown);
    // the selector is matched before the reply is built: a list that leaves it out answers
    expect(
      ((await call('GET', `${LIST}?field_selector=project_name=acc`)).json as { items: [] }).items,
    ).toHaveLength(1);
  });

  test('odd reads: post hooks only when pre hooks exist; any hook is unknown (no hooks ConfigMap)', async () => {
    const hooks = (h: Record<string, unknown>) => pprBody({ hooks: h });
    const sonar = { name: 'sonar', alias: 'scan', vars: { level: 'high' } };
    expect((await save('h', hooks({ post_hooks: [sonar] }))).json).toEqual(
      plain(`${VERIFY}hook is illegal: unknown hook sonar`),
    );
    expect((await save('post', hooks({ post_hooks: [sonar] }), SKIP)).status).toBe(200);
    expect(await repo()?.show('projects/api-server/post.yaml')).toContain(
      '  hooks:\n    postHooks:\n    - alias: scan\n      name: sonar\n      vars:\n        level: high\n',
    );
    expect(((await call('GET', one('post'))).json as Record<string, unknown>)['hooks']).toEqual({
      pre_hooks: [],
      post_hooks: [],
    });
    await save('both', hooks({ pre_hooks: [{ name: 'git-clone' }], post_hooks: [sonar] }), SKIP);
    expect(((await call('GET', one('both'))).json as Record<string, unknown>)['hooks']).toEqual({
      pre_hooks: [{ name: 'git-clone', vars: {}, alias: '' }],
      post_hooks: [{ name: 'sonar', vars: { level: 'high' }, alias: 'scan' }],
    });
  });

  test('rights: Reporter reads; a save needs push to main; a guest cannot clone; an outsider sees no group', async () => {
    expect((await save('ppr1', pprBody())).status).toBe(200);
    expect((await call('GET', one('ppr1'), REPORTER)).status).toBe(200);
    expect((await call('GET', LIST, REPORTER)).status).toBe(200);
    const denied = (
      await save(
        'ppr2',
        pprBody({ destination: { environment: 'env-pipe', namespace: 'x' } }),
        '',
        DEVELOPER,
      )
    ).json as {
      code: number;
      message: string;
    };
    expect(denied.code).toBe(500);
    expect(denied.message).toMatch(/^push data: remote: GitLab: You are not allowed to push/);
    expect(
      ((await call('DELETE', one('ppr1'), REPORTER)).json as { message: string }).message,
    ).toMatch(/^push data: /);
    expect(((await call('GET', one('ppr1'), GUEST)).json as { message: string }).message).toMatch(
      /^failed to clone repository/,
    );
    expect((await call('GET', one('ppr1'), OUTSIDER)).json).toMatchObject({
      code: 404,
      reason: 'GROUP_NOT_FOUND',
    });
    // the outsider cannot see the repo either: the conversion fails first
    expect(
      ((await save('ppr3', pprBody(), '', OUTSIDER)).json as { message: string }).message,
    ).toMatch(/^failed to get codeRepo name when converting pipeline repository name/);
    expect(await repo()?.show('projects/api-server/ppr2.yaml')).toBeUndefined();
    expect(await repo()?.show('projects/api-server/ppr1.yaml')).toContain('name: ppr1');
  });

  test('whole-tree rules 1-5 (references) and 6 (duplicates); only insecure_skip_check skips them', async () => {
    const missing = (kind: string, x: string, name: string, dir: string) =>
      plain(
        `during global validation, it was found that ${kind} '${x}' does not exist or is unavailable. Please check ProjectPipelineRuntime '${name}' in directory 'projects/${dir}'`,
      );
    // 1 (its misleading text)
    expect(
      (
        await save(
          'p',
          pprBody({
            pipelines: [
              { name: 'a', path: 'same.yaml' },
              { name: 'b', path: 'same.yaml' },
            ],
            pipeline_triggers: [{ event_source: 'push', pipeline: 'a' }],
          }),
        )
      ).json,
    ).toEqual(
      plain(
        'ProjectPipelineRuntime p uses the same code repository for both codeSource and pipelineSource under api-server directory, as found in the global validation',
      ),
    );
    // 2: the directory is made for an unknown project (with the skip flag)
    const ghost = pprBody({ project: 'ghost' });
    for (const q of ['', '?insecureSkipCheck=true'])
      expect((await save('p', ghost, q)).json).toEqual(missing('Project', 'ghost', 'p', 'ghost'));
    expect((await save('p', ghost, SKIP)).status).toBe(200);
    const forced = await repo()?.show('projects/ghost/p.yaml');
    // a forced save writes no namespace
    expect(forced).toContain('metadata:\n  creationTimestamp: null\n  name: p\nspec:\n');
    // every later save of the product fails on it, whatever the kind
    expect(
      (
        await call('POST', '/api/v1/products/nautes-labs/projects/new', MAINTAINER, {
          language: 'go',
        })
      ).json,
    ).toEqual(missing('Project', 'ghost', 'p', 'ghost'));
    expect((await call('DELETE', `${one('p')}${SKIP}`)).status).toBe(200);
    // 3
    expect((await save('p', pprBody({ destination: { environment: 'env-nope' } }))).json).toEqual(
      missing('Environment', 'env-nope', 'p', 'api-server'),
    );
    // 4 and 5: a GitLab repo without its CodeRepo file (its save failed validation; the project stayed)
    const orphan = await call('POST', '/api/v1/products/nautes-labs/coderepos/orphan', MAINTAINER, {
      project: 'ghost',
      git: {},
    });
    expect(orphan.status).toBe(500);
    expect((await save('p', pprBody({ pipeline_source: 'orphan' }))).json).toEqual(
      missing('CodeRepo', 'repo-302', 'p', 'api-server'),
    );
    expect(
      (
        await save(
          'p',
          pprBody({ event_sources: [{ name: 'push', gitlab: { repo_name: 'orphan' } }] }),
        )
      ).json,
    ).toEqual(missing('CodeRepo', 'repo-302', 'p', 'api-server'));
    // 6: same source, same destination (environment and namespace), a shared pipeline path
    expect((await save('dup-a', pprBody())).status).toBe(200);
    expect((await save('dup-b', pprBody())).json).toEqual(
      plain('duplicate reference found between resource dup-a and resource dup-b'),
    );
    // another namespace is no duplicate (and no other rule minds)
    expect(
      (
        await save(
          'dup-c',
          pprBody({ destination: { environment: 'env-pipe', namespace: 'ci-c' } }),
        )
      ).status,
    ).toBe(200);
  });

  test('whole-tree rules 7-14: the static check, the cluster, the repo permissions, namespaces, hooks', async () => {
    // 7
    expect(
      (
        await save(
          'p',
          pprBody({
            event_sources: [
              { name: 'push', gitlab: { repo_name: 'api-server' } },
              { name: 'push', calendar: { schedule: '@daily' } },
            ],
          }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}event source push is duplicate`));
    expect(
      (
        await save(
          'p',
          pprBody({
            pipelines: [
              { name: 'build', path: 'a.yaml' },
              { name: 'build', path: 'b.yaml' },
            ],
          }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}pipeline build is duplicate`));
    expect(
      (
        await save(
          'p',
          pprBody({ pipeline_triggers: [{ event_source: 'push', pipeline: 'deploy' }] }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}found non-existent pipeline deploy in trigger`));
    const twice = { event_source: 'push', pipeline: 'build', revision: 'main' };
    expect((await save('p', pprBody({ pipeline_triggers: [twice, twice] }))).json).toEqual(
      plain(`${VERIFY}trigger is duplicate, event source push, pipeline build, trigger main`),
    );
    const noMethod = { source: { built_in_var: 'REVISION' } };
    expect(
      (
        await save(
          'p',
          pprBody({
            pipeline_triggers: [{ event_source: 'push', pipeline: 'build', inputs: [noMethod] }],
          }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}transmission method can not be nil`));
    // 8: the environment's cluster (the Kubernetes view) must be a pipeline worker
    expect((await save('p', pprBody({ destination: { environment: 'env-dev' } }))).json).toEqual(
      plain(`${VERIFY}cluster is not a pipeline cluster`),
    );
    // 9: project web may not use api-server (owned by project api-server), until a binding grants it
    const web = (overrides: Record<string, unknown> = {}) =>
      pprBody({
        project: 'web',
        pipeline_source: 'tools',
        event_sources: [{ name: 'push', gitlab: { repo_name: 'tools' } }],
        destination: { environment: 'env-pipe', namespace: 'web' },
        ...overrides,
      });
    expect((await save('w', web({ pipeline_source: 'api-server' }))).json).toEqual(
      plain(`${VERIFY}not permitted to use repository repo-201`),
    );
    // 10
    expect(
      (await save('w', web({ additional_resources: { git: { coderepo: 'api-server' } } }))).json,
    ).toEqual(
      plain(
        `${VERIFY}pipeline can not use code repo repo-201 in additional resource: not permitted to use repository repo-201`,
      ),
    );
    // 12: every event-source repo the project may not use, reported last
    const sources = web({
      event_sources: [
        { name: 'push', gitlab: { repo_name: 'api-server' } },
        { name: 'tag', gitlab: { repo_name: 'shared-lib' } },
      ],
    });
    expect((await save('w', sources)).json).toEqual(
      plain(
        `${VERIFY}not permitted to use repository repo-201; not permitted to use repository repo-202`,
      ),
    );
    // a product-wide binding of one, a binding for `web` of the other
    const bind = (name: string, body: Record<string, unknown>) =>
      call('POST', `/api/v1/products/nautes-labs/coderepobindings/${name}`, MAINTAINER, {
        permissions: 'readonly',
        ...body,
      });
    expect((await bind('all-lib', { coderepo: 'shared-lib' })).status).toBe(200);
    expect((await bind('web-api', { coderepo: 'api-server', projects: ['web'] })).status).toBe(200);
    expect((await save('w', sources)).status).toBe(200);
    // deleting the binding it needs is refused unless skipped (nautes-api-resources.md 13.2)
    const bindingDelete = (q: string) =>
      call('DELETE', `/api/v1/products/nautes-labs/coderepobindings/web-api${q}`);
    expect((await bindingDelete('')).json).toEqual(
      plain(`${VERIFY}not permitted to use repository repo-201`),
    );
    // 11: a namespace another runtime uses on the same cluster (shop's, deployed), or the name itself
    expect(
      (
        await save(
          'p',
          pprBody({ destination: { environment: 'env-pipe', namespace: 'ci-shared' } }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}namespace ci-shared is used by other runtime`));
    expect(
      (await save('ci-shared', pprBody({ destination: { environment: 'env-pipe' } }))).json,
    ).toEqual(plain(`${VERIFY}namespace ci-shared is used by other runtime`));
    // ... and one of this product deployed by an earlier save (another pipeline path: no duplicate)
    expect(
      (await save('n1', pprBody({ destination: { environment: 'env-pipe', namespace: 'n' } })))
        .status,
    ).toBe(200);
    expect(
      (
        await save(
          'n2',
          pprBody({
            pipelines: [{ name: 'build', path: 'other.yaml' }],
            destination: { environment: 'env-pipe', namespace: 'n' },
          }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}namespace n is used by other runtime`));
    // a re-save of n1 is not a clash with itself
    expect(
      (
        await save(
          'n1',
          pprBody({ account: 'x', destination: { environment: 'env-pipe', namespace: 'n' } }),
        )
      ).status,
    ).toBe(200);
    // 13
    expect((await save('p', pprBody({ destination: { environment: 'env-bare' } }))).json).toEqual(
      plain(`${VERIFY}cluster component pipeline is empty`),
    );
    // 14: pre hooks first
    expect(
      (
        await save(
          'p',
          pprBody({ hooks: { pre_hooks: [{ name: 'git-clone' }], post_hooks: [{ name: 'x' }] } }),
        )
      ).json,
    ).toEqual(plain(`${VERIFY}hook is illegal: unknown hook git-clone`));
  });

  test('other kinds see pipeline runtimes: project, code repo and environment deletes are refused', async () => {
    expect((await save('ppr1', pprBody())).status).toBe(200);
    // the environment: not even with the skip flag
    for (const q of ['', SKIP])
      expect(
        (await call('DELETE', `/api/v1/products/nautes-labs/environments/env-pipe${q}`)).json,
      ).toEqual(
        plain('environment referenced by [pipelineRuntime/ppr1], not allowed to be deleted'),
      );
    // the project (rule 2), unless skipped: `solo` is referenced by a (forced) pipeline runtime only
    const solo = pprBody({
      project: 'solo',
      pipeline_source: 'shared-lib',
      event_sources: [{ name: 'push' }],
      destination: { environment: 'env-pipe', namespace: 'solo' },
    });
    expect((await save('w', solo, SKIP)).status).toBe(200);
    expect((await call('DELETE', '/api/v1/products/nautes-labs/projects/solo')).json).toEqual(
      plain(
        "during global validation, it was found that Project 'solo' does not exist or is unavailable. Please check ProjectPipelineRuntime 'w' in directory 'projects/solo'",
      ),
    );
    expect((await call('DELETE', `${one('w')}${SKIP}`)).status).toBe(200);
    expect((await call('DELETE', '/api/v1/products/nautes-labs/projects/solo')).status).toBe(200);
    // the code repo (rule 4)
    expect(
      (await call('DELETE', '/api/v1/products/nautes-labs/coderepos/api-server')).json,
    ).toEqual(
      plain(
        "during global validation, it was found that CodeRepo 'repo-201' does not exist or is unavailable. Please check ProjectPipelineRuntime 'ppr1' in directory 'projects/api-server'",
      ),
    );
  });

  test('a seeded pipeline runtime: its file (no namespace) and its reply', async () => {
    const shop = ctx.server.service.repoOf('shop');
    const file = await shop?.show('projects/storefront/ppr-shop.yaml');
    expect(file).toContain('metadata:\n  creationTimestamp: null\n  name: ppr-shop\nspec:\n');
    expect(file).toContain('  additionalResources: {}\n');
    expect(file).toContain(
      '  eventSources:\n  - calendar:\n      schedule: 0 2 * * *\n    name: nightly\n',
    );
    expect(
      (await call('GET', '/api/v1/products/shop/projectpipelineruntimes/ppr-shop')).json,
    ).toMatchObject({
      name: 'ppr-shop',
      pipeline_source: 'storefront',
      destination: { environment: 'env-ci', namespace: 'ci-shared' },
      isolation: 'shared',
    });
  });
});

describe('fake server: pipeline runtime rule 11 reads every deployed runtime and does not swallow errors', () => {
  // product `legacy` holds a runtime but no environment (saved by force): its product is unknown to the
  // environment list, which blocks every pipeline runtime save in every product
  const base = seed();
  const ctx = useFakeServer({
    seed: SeedSchema.parse({
      ...base,
      products: [
        ...base.products,
        {
          path: 'legacy',
          groupId: 103,
          defaultProjectId: 400,
          members: { alice: 'maintainer' },
          codeRepos: [{ path: 'old', id: 401 }],
          runtimes: [
            {
              name: 'old-dr',
              manifest_source: { code_repo: 'old', target_revision: 'HEAD', path: 'deploy' },
              destination: { environment: 'env-gone' },
            },
          ],
        },
      ],
    }),
  });

  test('a deployed runtime whose product has no environment: the plain 500 "product ... not found"', async () => {
    const r = await http(ctx.server.url, 'POST', one('p'), {
      token: MAINTAINER,
      body: JSON.stringify(pprBody()),
    });
    expect(r.json).toEqual(
      plain(
        `${VERIFY}get used namespaces in cluster cluster-pipeline failed: product product-103 not found`,
      ),
    );
    // only pipeline runtimes read the deployed runtimes this way: other kinds still save
    expect(
      (
        await http(ctx.server.url, 'POST', '/api/v1/products/nautes-labs/projects/new', {
          token: MAINTAINER,
          body: '{"language":"go"}',
        })
      ).status,
    ).toBe(200);
  });
});

describe('fake server: pipeline runtimes only a hand-written (seeded) file can hold', () => {
  const base = seed();
  const labs = base.products[0] as Seed['products'][number];
  const runtime = (name: string, overrides: Record<string, unknown>) => ({
    name,
    project: 'api-server',
    pipeline_source: 'api-server',
    pipelines: [{ name: 'build', path: `${name}.yaml` }],
    event_sources: [{ name: 'push' }],
    pipeline_triggers: [{ event_source: 'push', pipeline: 'build' }],
    destination: { environment: 'env-pipe', namespace: name },
    ...overrides,
  });
  const ctx = useFakeServer({
    seed: SeedSchema.parse({
      ...base,
      products: [
        {
          ...labs,
          pipelineRuntimes: [
            runtime('a-url-less', { additional_resources: { git: { path: 'x' } } }),
            runtime('b-no-source', { pipeline_source: '' }),
            runtime('c-bad-ref', { pipeline_source: 'nope' }),
          ],
        },
        ...base.products.slice(1),
      ],
    }),
  });
  const get = (name: string) =>
    http(ctx.server.url, 'GET', one(name), { token: REPORTER }).then((r) => r.json);

  test('read errors of a bad file, and the static check of additional git that no save can reach', async () => {
    expect(await get('b-no-source')).toEqual(
      plain(
        'the pipelineSource field value of projectPipelineRuntime b-no-source should not be empty',
      ),
    );
    expect(await get('c-bad-ref')).toEqual(
      plain("the codeRepo name nope is illegal and must be in the format 'repo-ID'"),
    );
    expect((await http(ctx.server.url, 'GET', LIST, { token: REPORTER })).json).toEqual(
      plain(
        'the pipelineSource field value of projectPipelineRuntime b-no-source should not be empty',
      ),
    );
    // every validated save of the product fails on the first broken runtime
    const r = await http(ctx.server.url, 'POST', '/api/v1/products/nautes-labs/projects/new', {
      token: MAINTAINER,
      body: '{"language":"go"}',
    });
    expect(r.json).toEqual(plain(`${VERIFY}code repo and url can not be empty at the same time`));
  });
});
