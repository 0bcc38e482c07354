// PipelineRuntime: the construct of a Nautes project pipeline runtime (which pipelines of a code repo run
// for a project, started by which events, in which environment).
import type { Construct } from 'constructs';
import { PIPELINE_RUNTIME_KIND, type SkipChecks } from '../../model';
import * as l1 from '../l1/generated/project-pipeline-runtime';
import type { CodeRepo } from './code-repo';
import type { Environment } from './environment';
import type { FieldProps } from './kind-props';
import { NautesObject, declaredName, nameValue, type NautesObjectOptions } from './nautes-object';
import type { Product } from './product';
import type { Project } from './project';

/**
 * Props of `PipelineRuntime`: one prop per field of the pipeline runtime's table
 * (lib/model/kinds/pipeline-runtime.ts); the product, project, environment and code repos (the pipeline
 * source, a GitLab event source's repo, the additional resources' repo) as constructs or names.
 */
export type PipelineRuntimeProps = FieldProps<
  typeof PIPELINE_RUNTIME_KIND.fields,
  {
    product: Product | string;
    project: Project | string;
    environment: Environment | string;
    pipelineSource: CodeRepo | string;
    repoName: CodeRepo | string;
    codeRepo: CodeRepo | string;
  }
> &
  NautesObjectOptions & {
    /** Save and delete with the server's checks skipped; a reason is required. @default - checks run */
    readonly skipChecks?: SkipChecks;
  };

type Name = (v: string | NautesObject) => string;

/** The props with every reference, nested ones too, replaced by `name` of it. */
function withNames(props: PipelineRuntimeProps, name: Name): Record<string, unknown> {
  const { additionalGit } = props;
  return {
    ...props,
    product: name(props.product),
    project: name(props.project),
    environment: name(props.environment),
    pipelineSource: name(props.pipelineSource),
    eventSources: props.eventSources.map((e) =>
      e.gitlab ? { ...e, gitlab: { ...e.gitlab, repoName: name(e.gitlab.repoName) } } : e,
    ),
    ...(additionalGit
      ? { additionalGit: { ...additionalGit, codeRepo: name(additionalGit.codeRepo) } }
      : {}),
  };
}

/**
 * A Nautes project pipeline runtime. Its project, environment and code repos, given as constructs, are
 * created before it and deleted after it.
 *
 * @example
 * new PipelineRuntime(stack, 'ci', {
 *   product: shop, name: 'api-ci', project: api, pipelineSource: pipelines, environment: ci,
 *   pipelines: [{ name: 'build', path: 'pipelines/build.yaml' }],
 *   eventSources: [{ name: 'push', gitlab: { repoName: apiRepo, revision: 'main', events: ['push_events'] } }],
 *   pipelineTriggers: [{ eventSource: 'push', pipeline: 'build' }],
 * });
 */
export class PipelineRuntime extends NautesObject {
  readonly resource: l1.ProjectPipelineRuntime;

  constructor(scope: Construct, id: string, props: PipelineRuntimeProps) {
    super(scope, id, PIPELINE_RUNTIME_KIND, withNames(props, declaredName), props.skipChecks);
    const config = this.bindingConfig(withNames(props, nameValue), props);
    this.resource = new l1.ProjectPipelineRuntime(
      this,
      'resource',
      config as unknown as l1.ProjectPipelineRuntimeConfig,
    );
    this.readableAddress(this.resource);
  }
}
