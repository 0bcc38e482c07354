// CodeRepo: the construct of a Nautes code repo (a GitLab project of the product group), and its bindings.
import type { Construct } from 'constructs';
import { CODE_REPO_KIND, type SkipChecks } from '../../model';
import * as l1 from '../l1/generated/code-repo';
import { CodeRepoBinding, type CodeRepoBindingProps } from './code-repo-binding';
import type { FieldProps } from './kind-props';
import { NautesObject, declaredName, nameValue, type NautesObjectOptions } from './nautes-object';
import type { Product } from './product';
import type { Project } from './project';

/**
 * Props of `CodeRepo`: one prop per field of the code repo's table (lib/model/kinds/code-repo.ts); the
 * product and project as constructs (ordered by Terraform's graph) or names.
 */
export type CodeRepoProps = FieldProps<
  typeof CODE_REPO_KIND.fields,
  { product: Product | string; project: Project | string }
> &
  NautesObjectOptions & {
    /**
     * Refuse to delete the code repo: deleting it deletes its GitLab project with all its code. Set false
     * and deploy before destroying it. @default true
     */
    readonly deletionProtection?: boolean;
    /** Save and delete with the server's checks skipped; a reason is required. @default - checks run */
    readonly skipChecks?: SkipChecks;
  };

/** Options of `CodeRepo.bind`. */
export type BindOptions = Omit<
  CodeRepoBindingProps,
  'product' | 'codeRepo' | 'projects' | 'name'
> & {
  /** The binding name. @default - `<repo>-<project>` (or `<repo>-all` for the whole product) */
  readonly name?: string;
};

/** An RFC 1123 label made of `parts` (lower case, other characters as "-", at most 63). */
function labelOf(...parts: string[]): string {
  return (
    parts
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63)
      .replace(/-+$/, '') || 'binding'
  );
}

/**
 * A Nautes code repo: a GitLab project of the product group, created by the first deploy.
 *
 * @example
 * const repo = new CodeRepo(stack, 'api-repo', { product: shop, name: 'api-server', project: api });
 * repo.bind(billing, { permissions: 'readonly' });
 */
export class CodeRepo extends NautesObject {
  readonly resource: l1.CodeRepo;
  private readonly props: CodeRepoProps;

  constructor(scope: Construct, id: string, props: CodeRepoProps) {
    const project = props.project === undefined ? {} : { project: declaredName(props.project) };
    super(
      scope,
      id,
      CODE_REPO_KIND,
      { ...props, product: declaredName(props.product), ...project },
      props.skipChecks,
    );
    this.props = props;
    const boundProject = props.project === undefined ? {} : { project: nameValue(props.project) };
    const config = this.bindingConfig(
      { ...props, product: nameValue(props.product), ...boundProject },
      props,
    );
    this.resource = new l1.CodeRepo(this, 'resource', config as unknown as l1.CodeRepoConfig);
    this.readableAddress(this.resource);
  }

  /** The SSH clone URL (known after apply). */
  get sshUrl(): string {
    return this.resource.sshUrlToRepo;
  }

  /** The HTTPS clone URL (known after apply). */
  get httpUrl(): string {
    return this.resource.httpUrlToRepo;
  }

  /**
   * Grants the repo to projects of the product (none given: to the whole product): a `CodeRepoBinding`
   * beside this construct, named `<repo>-<project>` unless `options.name` says otherwise.
   */
  bind(
    projects?: Project | string | Array<Project | string>,
    options: BindOptions = {},
  ): CodeRepoBinding {
    const list = projects === undefined ? [] : Array.isArray(projects) ? projects : [projects];
    const name =
      options.name ?? labelOf(this.objectName, ...(list.length ? list.map(declaredName) : ['all']));
    const scope = this.node.scope as Construct;
    return new CodeRepoBinding(scope, `${this.node.id}-${name}`, {
      ...options,
      ...(this.props.provider ? { provider: this.props.provider } : {}),
      product: this.props.product,
      name,
      codeRepo: this,
      ...(list.length ? { projects: list } : {}),
    });
  }
}
