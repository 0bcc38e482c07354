// What the Nautes API server does on each project-pipeline-runtime call (nautes-api-resources.md 7): the
// service checks, the repo path conversions (not skippable), then the generic pipeline over
// `projects/<project>/<name>.yaml`. Names are unique per product; the project can never change. Reads
// reproduce the real reply code, bugs included: post hooks only with pre hooks, inputs piling up across
// triggers, and a panic (500 UNKNOWN) for any input it cannot dereference.
import { KratosFailure, plain500 } from './errors';
import type { NautesService } from './nautes-service';
import { pipelineRuntimeSpec, type PipelineRuntimeInput } from './pipeline-runtime-spec';
import { codeRepoToName, repoPathToId } from './repo-names';
import { findResource, resource, sortedEntries, toYaml, type ResourceFile } from './resource-tree';
import { contains, matchesSelector, type SelectorRules } from './selector';
import type { SeedProduct } from './seed';

interface HookReply {
  name: string;
  vars: Record<string, string>;
  alias: string;
}

interface InputReply {
  source: { built_in_var: string; from_event: string };
  transmission_method: { kustomization: { path: string } };
}

/** A pipeline runtime as the GET/list reply shows it (no product; every field emitted, proto order). */
export interface PipelineRuntimeReply {
  name: string;
  project: string;
  /** the GitLab project NAME of the pipeline repo */
  pipeline_source: string;
  event_sources: Array<{
    name: string;
    gitlab: { repo_name: string; revision: string; events: string[] } | null;
    calendar: {
      schedule: string;
      interval: string;
      exclusion_dates: string[];
      timezone: string;
    } | null;
  }>;
  pipelines: Array<{ name: string; label: string; path: string }>;
  pipeline_triggers: Array<{
    event_source: string;
    pipeline: string;
    revision: string;
    inputs: InputReply[];
  }>;
  destination: { environment: string; namespace: string };
  isolation: string;
  additional_resources: {
    git: { coderepo: string; url: string; revision: string; path: string } | null;
  };
  account: string;
  hooks: { pre_hooks: HookReply[]; post_hooks: HookReply[] };
}

type Spec = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const isObject = (v: unknown): v is Spec => v !== null && typeof v === 'object';
const obj = (v: unknown): Spec => (isObject(v) ? v : {});
const list = (v: unknown): Spec[] => (Array.isArray(v) ? v.map(obj) : []);

/** A nil dereference in the reply code: the recovery middleware's answer. */
const panic = (): KratosFailure => new KratosFailure(500, 'UNKNOWN', 'unknown request error');

/** The selector keys, matched on the converted object (repo names, not ids). */
const PPR_SELECTOR: SelectorRules<ResourceFile> = new Map([
  // the PPR's own name, despite the key
  ['project_name', contains<ResourceFile>((f) => f.metadata.name)],
  [
    'pipeline_triggers.pipeline',
    (f: ResourceFile, v: string) =>
      list(f.spec['pipelineTriggers']).some((t) => str(t['pipeline']).includes(v)),
  ],
  [
    'destination',
    () => {
      throw plain500(
        "failed to match resource, err: inconsistent data type, expected is 'String', but now is 'struct'",
      );
    },
  ],
  ['pipeline_source', contains<ResourceFile>((f) => str(f.spec['pipelineSource']))],
  ['project', contains<ResourceFile>((f) => str(f.spec['project']))],
]);

function hooksReply(hooks: unknown): HookReply[] {
  return list(hooks).map((h) => {
    const vars: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(h['vars']))) vars[k] = str(v);
    return { name: str(h['name']), vars, alias: str(h['alias']) };
  });
}

/** NewReplay of the real service, with its quirks (nautes-api-resources.md 7.1). */
function toReply(file: ResourceFile): PipelineRuntimeReply {
  const spec = file.spec;
  // a nil additionalResources is dereferenced (the API always writes `{}`)
  const additional = spec['additionalResources'];
  if (!isObject(additional)) throw panic();
  const git = additional['git'];
  // one inputs slice for all triggers: trigger k shows the inputs of triggers 1..k
  const inputs: InputReply[] = [];
  const triggers = list(spec['pipelineTriggers']).map((t) => {
    for (const input of list(t['inputs'])) {
      const source = obj(input['source']);
      const kustomization = obj(input['transmissionMethod'])['kustomization'];
      // builtInVar, fromEvent and the kustomization are dereferenced unchecked
      if (
        typeof source['builtInVar'] !== 'string' ||
        typeof source['fromEvent'] !== 'string' ||
        !isObject(kustomization)
      )
        throw panic();
      inputs.push({
        source: { built_in_var: source['builtInVar'], from_event: source['fromEvent'] },
        transmission_method: { kustomization: { path: str(kustomization['path']) } },
      });
    }
    return {
      event_source: str(t['eventSource']),
      pipeline: str(t['pipeline']),
      revision: str(t['revision']),
      inputs: [...inputs],
    };
  });
  const hooks = obj(spec['hooks']);
  const hasPre = Array.isArray(hooks['preHooks']);
  const dest = obj(spec['destination']);
  return {
    name: file.metadata.name,
    project: str(spec['project']),
    pipeline_source: str(spec['pipelineSource']),
    event_sources: list(spec['eventSources']).map((es) => {
      const gitlab = es['gitlab'];
      const calendar = es['calendar'];
      return {
        name: str(es['name']),
        gitlab: isObject(gitlab)
          ? {
              repo_name: str(gitlab['repoName']),
              revision: str(gitlab['revision']),
              events: strs(gitlab['events']),
            }
          : null,
        calendar: isObject(calendar)
          ? {
              schedule: str(calendar['schedule']),
              interval: str(calendar['interval']),
              exclusion_dates: strs(calendar['exclusionDates']),
              timezone: str(calendar['timezone']),
            }
          : null,
      };
    }),
    pipelines: list(spec['pipelines']).map((p) => ({
      name: str(p['name']),
      label: str(p['label']),
      path: str(p['path']),
    })),
    pipeline_triggers: triggers,
    destination: { environment: str(dest['environment']), namespace: str(dest['namespace']) },
    isolation: str(spec['isolation']),
    additional_resources: {
      git: isObject(git)
        ? {
            coderepo: str(git['codeRepo']),
            url: str(git['url']),
            revision: str(git['revision']),
            path: str(git['path']),
          }
        : null,
    },
    account: str(spec['account']),
    // the post hooks are read only when there are pre hooks (the code tests the wrong field)
    hooks: {
      pre_hooks: hasPre ? hooksReply(hooks['preHooks']) : [],
      post_hooks: hasPre ? hooksReply(hooks['postHooks']) : [],
    },
  };
}

/** The pipeline runtime routes, over the shared default.project pipeline of `NautesService`. */
export class PipelineRuntimeService {
  constructor(private readonly core: NautesService) {}

  /** Every `repo-<pid>` of the file -> its GitLab project name (`GET /projects/<pid>` each), on a copy. */
  private converted(token: string, group: SeedProduct, file: ResourceFile): ResourceFile {
    const spec = structuredClone(file.spec);
    const name = (codeRepo: string): string => {
      try {
        return codeRepoToName(this.core.gitlab, token, group, codeRepo);
      } catch (e) {
        throw plain500((e as Error).message);
      }
    };
    const source = str(spec['pipelineSource']);
    if (!source)
      throw plain500(
        `the pipelineSource field value of projectPipelineRuntime ${file.metadata.name} should not be empty`,
      );
    spec['pipelineSource'] = name(source);
    const git = obj(spec['additionalResources'])['git'];
    if (isObject(git) && str(git['codeRepo'])) git['codeRepo'] = name(str(git['codeRepo']));
    for (const es of list(spec['eventSources']))
      if (isObject(es['gitlab'])) es['gitlab']['repoName'] = name(str(es['gitlab']['repoName']));
    return { ...file, spec };
  }

  /** GET .../projectpipelineruntimes: convert, select, reply, per item; one failure fails the list. */
  list(token: string, product: string, fieldSelector: string): { items: PipelineRuntimeReply[] } {
    const group = this.core.lookupGroup(token, product, 'list');
    this.core.lookupDefaultProject(token, group, 'list');
    const { state, release } = this.core.clone(token, group);
    try {
      const items: PipelineRuntimeReply[] = [];
      for (const [, file] of sortedEntries(state.tree)) {
        if (file.kind !== 'ProjectPipelineRuntime') continue;
        const named = this.converted(token, group, file);
        // the selector sees the converted object, before the reply is built
        if (fieldSelector && !matchesSelector(fieldSelector, named, PPR_SELECTOR)) continue;
        items.push(toReply(named));
      }
      return { items };
    } finally {
      release();
    }
  }

  /** GET .../projectpipelineruntimes/{name} */
  get(token: string, product: string, name: string): PipelineRuntimeReply {
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { state, release } = this.core.clone(token, group);
    try {
      const found = findResource(state.tree, 'ProjectPipelineRuntime', name);
      if (!found) throw new KratosFailure(404, 'RESOURCE_NOT_FOUND', 'the resource is not found');
      return toReply(this.converted(token, group, found[1]));
    } finally {
      release();
    }
  }

  /**
   * POST .../projectpipelineruntimes/{name}: the service checks, the repo conversions (with the URL's product,
   * before any group lookup), then the generic save; a validated save writes `metadata.namespace`.
   */
  async save(
    token: string,
    product: string,
    name: string,
    body: PipelineRuntimeInput | undefined,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    // the service reads the nil Body: a panic, recovered as 500 UNKNOWN
    if (!body) throw new KratosFailure(500, 'UNKNOWN', 'unknown request error');
    for (const t of body.pipeline_triggers)
      if (!body.event_sources.some((es) => es.name === t.event_source))
        throw plain500(`the event source ${t.event_source} in the trigger does not exist`);
    // (the matching pipeline check never fails: its flag is not reset between the two loops)
    if (!body.destination)
      throw plain500(
        "pipeline deployment target configuration not submitted, please checked '.Destination' field ",
      );
    const ids = new Map<string, number>();
    const convert = (path: string, what: string): void => {
      try {
        ids.set(path, repoPathToId(this.core.gitlab, token, product, path));
      } catch (e) {
        throw plain500(
          `failed to get codeRepo name when converting ${what}, err: ${(e as Error).message}`,
        );
      }
    };
    convert(body.pipeline_source, 'pipeline repository name');
    // converted whenever git is given, an empty coderepo too (which always fails)
    const git = body.additional_resources?.git;
    if (git) convert(git.coderepo, 'git repository name for additional resources');
    for (const es of body.event_sources)
      if (es.gitlab?.repo_name)
        convert(es.gitlab.repo_name, 'git repository name for event source');
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    const spec = pipelineRuntimeSpec(body, (path) => `repo-${ids.get(path) ?? 0}`);
    // the checker sets the namespace on the object that is then written (as for runtimes)
    const namespace = skipCheck ? {} : { namespace: `product-${group.groupId}` };
    await this.core.write(state, user, skipCheck, 'POST', release, name, (tree) => {
      const found = findResource(tree, 'ProjectPipelineRuntime', name);
      if (found) {
        const [path, old] = found;
        // names are unique per product: another project's runtime of this name is the same refusal
        if (str(old.spec['project']) !== body.project)
          throw plain500('existing pipeline runtime is not allow modifying the project field');
        const next: ResourceFile = { ...old, metadata: { ...old.metadata, ...namespace }, spec };
        tree.set(path, next);
        return new Map([[path, toYaml(next)]]);
      }
      // the directory is made even when the project does not exist
      const path = `projects/${body.project}/${name}.yaml`;
      const base = resource('ProjectPipelineRuntime', name, spec);
      const file: ResourceFile = { ...base, metadata: { ...base.metadata, ...namespace } };
      tree.set(path, file);
      return new Map([[path, toYaml(file)]]);
    });
    return { message: `Successfully saved ${name} configuration` };
  }

  /** DELETE .../projectpipelineruntimes/{name}: a missing one is a plain 500; the rest is checked. */
  async delete(
    token: string,
    product: string,
    name: string,
    skipCheck: boolean,
  ): Promise<{ message: string }> {
    const group = this.core.lookupGroup(token, product, 'other');
    this.core.lookupDefaultProject(token, group, 'other');
    const { user, state, release } = this.core.clone(token, group);
    await this.core.write(state, user, skipCheck, 'DELETE', release, name, (tree) => {
      const found = findResource(tree, 'ProjectPipelineRuntime', name);
      if (!found)
        throw plain500(
          `ProjectPipelineRuntime resource ${name} not found or invalid. Please check whether the resource exists under the default project`,
        );
      tree.delete(found[0]);
      return new Map([[found[0], null]]);
    });
    return { message: `Successfully deleted ${name} configuration` };
  }
}
