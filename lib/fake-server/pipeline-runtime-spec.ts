// The spec of a ProjectPipelineRuntime file as the real server writes it (nautes-api-resources.md 7.2): the
// CRD's JSON (omitempty keys left out, `additionalResources` and `hooks` always there), sorted by the YAML
// writer. One writer for the API's save and for the seed.
import type { SeedProduct } from './seed';

/** A hook of a save body (`alias` '' = none). */
export interface PipelineHookInput {
  readonly name: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly alias: string;
}

/** A pipeline runtime as a save body (or a seed) gives it: repo references are GitLab paths. */
export interface PipelineRuntimeInput {
  readonly project: string;
  readonly pipeline_source: string;
  readonly pipelines: ReadonlyArray<{
    readonly name: string;
    readonly label: string;
    readonly path: string;
  }>;
  readonly event_sources: ReadonlyArray<{
    readonly name: string;
    readonly gitlab?:
      | {
          readonly repo_name: string;
          readonly revision: string;
          readonly events: readonly string[];
        }
      | undefined;
    readonly calendar?:
      | {
          readonly schedule: string;
          readonly interval: string;
          readonly exclusion_dates: readonly string[];
          readonly timezone: string;
        }
      | undefined;
  }>;
  readonly pipeline_triggers: ReadonlyArray<{
    readonly event_source: string;
    readonly pipeline: string;
    readonly revision: string;
    readonly inputs: ReadonlyArray<{
      readonly source?: { readonly built_in_var: string; readonly from_event: string } | undefined;
      readonly transmission_method?:
        { readonly kustomization?: { readonly path: string } | undefined } | undefined;
    }>;
  }>;
  /** undefined: not sent (the service refuses that; a seed always has one) */
  readonly destination: { readonly environment: string; readonly namespace: string } | undefined;
  readonly isolation: string;
  readonly additional_resources?:
    | {
        readonly git?:
          | {
              readonly coderepo: string;
              readonly url: string;
              readonly revision: string;
              readonly path: string;
            }
          | undefined;
      }
    | undefined;
  readonly account: string;
  readonly hooks?:
    | {
        readonly pre_hooks: readonly PipelineHookInput[];
        readonly post_hooks: readonly PipelineHookInput[];
      }
    | undefined;
}

/** The file's hooks: `alias` a pointer (omitted when ''), `vars` omitempty. */
function hooksSpec(hooks: readonly PipelineHookInput[]): Array<Record<string, unknown>> {
  return hooks.map((h) => {
    const out: Record<string, unknown> = { name: h.name };
    if (h.alias) out['alias'] = h.alias;
    if (Object.keys(h.vars).length) out['vars'] = { ...h.vars };
    return out;
  });
}

/**
 * The spec of a pipeline runtime file. `repoRef` turns a GitLab path into what the file holds
 * (`repo-<pid>`); an empty additional `coderepo` it leaves empty is omitted (omitempty).
 */
export function pipelineRuntimeSpec(
  input: PipelineRuntimeInput,
  repoRef: (path: string) => string,
): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (input.account) spec['account'] = input.account;
  // the service always builds the struct, so `{}` when nothing (or no git) was given
  const git = input.additional_resources?.git;
  const additional: Record<string, unknown> = {};
  if (git) {
    const g: Record<string, unknown> = {};
    const codeRepo = git.coderepo ? repoRef(git.coderepo) : '';
    if (codeRepo) g['codeRepo'] = codeRepo;
    if (git.url) g['url'] = git.url;
    g['revision'] = git.revision;
    g['path'] = git.path;
    additional['git'] = g;
  }
  spec['additionalResources'] = additional;
  spec['destination'] = {
    environment: input.destination?.environment ?? '',
    namespace: input.destination?.namespace ?? '',
  };
  spec['eventSources'] = input.event_sources.map((es) => {
    const out: Record<string, unknown> = { name: es.name };
    if (es.gitlab) {
      const g: Record<string, unknown> = {
        repoName: es.gitlab.repo_name ? repoRef(es.gitlab.repo_name) : '',
        // no omitempty: an empty list is a nil slice, written as null
        events: es.gitlab.events.length ? [...es.gitlab.events] : null,
      };
      if (es.gitlab.revision) g['revision'] = es.gitlab.revision;
      out['gitlab'] = g;
    }
    if (es.calendar) {
      const c: Record<string, unknown> = {};
      if (es.calendar.schedule) c['schedule'] = es.calendar.schedule;
      if (es.calendar.interval) c['interval'] = es.calendar.interval;
      if (es.calendar.exclusion_dates.length)
        c['exclusionDates'] = [...es.calendar.exclusion_dates];
      if (es.calendar.timezone) c['timezone'] = es.calendar.timezone;
      out['calendar'] = c;
    }
    return out;
  });
  // the service always builds the struct: `{}` without hooks
  const hooks: Record<string, unknown> = {};
  if (input.hooks?.pre_hooks.length) hooks['preHooks'] = hooksSpec(input.hooks.pre_hooks);
  if (input.hooks?.post_hooks.length) hooks['postHooks'] = hooksSpec(input.hooks.post_hooks);
  spec['hooks'] = hooks;
  spec['isolation'] = input.isolation;
  spec['pipelineSource'] = repoRef(input.pipeline_source);
  spec['pipelineTriggers'] = input.pipeline_triggers.map((t) => {
    const out: Record<string, unknown> = { eventSource: t.event_source, pipeline: t.pipeline };
    if (t.revision) out['revision'] = t.revision;
    if (t.inputs.length)
      out['inputs'] = t.inputs.map((i) => {
        // an empty string is a nil pointer (omitted); a missing source or method is the zero struct
        const source: Record<string, unknown> = {};
        if (i.source?.built_in_var) source['builtInVar'] = i.source.built_in_var;
        if (i.source?.from_event) source['fromEvent'] = i.source.from_event;
        const method: Record<string, unknown> = {};
        const k = i.transmission_method?.kustomization;
        if (k) method['kustomization'] = { path: k.path };
        return { source, transmissionMethod: method };
      });
    return out;
  });
  spec['pipelines'] = input.pipelines.map((p) => {
    const out: Record<string, unknown> = { name: p.name, path: p.path };
    if (p.label) out['label'] = p.label;
    return out;
  });
  spec['project'] = input.project;
  return spec;
}

/** A seed's repo path -> `repo-<id>` of its product (an unknown path is written as given). */
export function seedRepoRef(p: SeedProduct): (path: string) => string {
  return (path) => {
    const repo = p.codeRepos.find((r) => r.path === path);
    return repo ? `repo-${repo.id}` : path;
  };
}
