// The wire codec of nested objects, read from the pipeline runtime's table: the save body's shape and the
// reply read back, with the empty nested objects the server leaves out or sends as null.
import { fromKindWire, kindItemSchema, toKindWire } from '../../lib/api/kind-wire';
import { PIPELINE_RUNTIME_KIND, type KindObject } from '../../lib/model';

const declared: KindObject = {
  product: 'shop',
  name: 'api-ci',
  project: 'api',
  pipelineSource: 'pipelines',
  pipelines: [{ name: 'build', path: 'build.yaml' }],
  eventSources: [
    { name: 'push', gitlab: { repoName: 'api', revision: 'main', events: ['push_events'] } },
    { name: 'nightly', calendar: { schedule: '0 2 * * *' } },
  ],
  pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
  environment: 'ci',
};

/** A GET reply as Nautes v0.4.2 shapes one (nautes-api-resources.md 7.1). */
const reply = {
  name: 'api-ci',
  project: 'api',
  pipeline_source: 'pipelines',
  event_sources: [
    {
      name: 'push',
      gitlab: { repo_name: 'api', revision: 'main', events: ['push_events'] },
      calendar: null,
    },
    {
      name: 'nightly',
      gitlab: null,
      calendar: { schedule: '0 2 * * *', interval: '', exclusion_dates: null, timezone: '' },
    },
  ],
  pipelines: [{ name: 'build', label: '', path: 'build.yaml' }],
  pipeline_triggers: [{ event_source: 'push', pipeline: 'build', revision: '', inputs: [] }],
  destination: { environment: 'ci', namespace: '' },
  isolation: 'shared',
  additional_resources: { git: null },
  account: '',
  hooks: { pre_hooks: [], post_hooks: [] },
};

describe('nested objects on the wire', () => {
  test('the save body: members at their wire keys, the destination nested, an empty nested object left out', () => {
    expect(toKindWire(PIPELINE_RUNTIME_KIND, declared)).toEqual({
      project: 'api',
      pipeline_source: 'pipelines',
      pipelines: [{ name: 'build', label: '', path: 'build.yaml' }],
      event_sources: [
        { name: 'push', gitlab: { repo_name: 'api', revision: 'main', events: ['push_events'] } },
        {
          name: 'nightly',
          calendar: { schedule: '0 2 * * *', interval: '', exclusion_dates: [], timezone: '' },
        },
      ],
      pipeline_triggers: [{ event_source: 'push', pipeline: 'build', revision: '' }],
      destination: { environment: 'ci', namespace: '' },
      isolation: 'shared',
      account: '',
    });
  });

  test('additional resources are sent under git, with the code repo as coderepo', () => {
    const body = toKindWire(PIPELINE_RUNTIME_KIND, {
      ...declared,
      additionalGit: { codeRepo: 'extras', path: 'k8s' },
    });
    expect(body['additional_resources']).toEqual({
      git: { coderepo: 'extras', url: '', revision: '', path: 'k8s' },
    });
  });

  test('a reply: null nested objects and lists are empty; the object reads back as declared', () => {
    const item = kindItemSchema(PIPELINE_RUNTIME_KIND).parse(reply);
    const read = fromKindWire(PIPELINE_RUNTIME_KIND, item, { product: 'shop' });
    expect(toKindWire(PIPELINE_RUNTIME_KIND, read)).toEqual(
      toKindWire(PIPELINE_RUNTIME_KIND, declared),
    );
    expect(read['additionalGit']).toEqual({ codeRepo: '', url: '', revision: '', path: '' });
  });

  test('a reply whose nested list is not a list is refused', () => {
    expect(kindItemSchema(PIPELINE_RUNTIME_KIND).safeParse(reply).success).toBe(true);
    expect(() =>
      kindItemSchema(PIPELINE_RUNTIME_KIND).parse({ ...reply, pipelines: 'build' }),
    ).toThrow();
  });
});
