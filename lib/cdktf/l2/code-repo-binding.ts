// CodeRepoBinding: the construct of a grant of a code repo to projects of the product.
import type { Construct } from 'constructs';
import { CODE_REPO_BINDING_KIND, type SkipChecks } from '../../model';
import * as l1 from '../l1/generated/code-repo-binding';
import type { FieldProps } from './kind-props';
import { NautesObject, declaredName, nameValue, type NautesObjectOptions } from './nautes-object';
import type { Product } from './product';
import type { Project } from './project';

/**
 * Props of `CodeRepoBinding`: one prop per field of the binding's table
 * (lib/model/kinds/code-repo-binding.ts); product, code repo and projects as constructs or names.
 */
export type CodeRepoBindingProps = FieldProps<
  typeof CODE_REPO_BINDING_KIND.fields,
  {
    product: Product | string;
    codeRepo: NautesObject | string;
    projects: Array<Project | string>;
  }
> &
  NautesObjectOptions & {
    /** Save and delete with the server's checks skipped; a reason is required. @default - checks run */
    readonly skipChecks?: SkipChecks;
  };

/**
 * A Nautes code repo binding: lets projects (or the whole product) use a code repo they do not own.
 * Usually made with `CodeRepo.bind`.
 */
export class CodeRepoBinding extends NautesObject {
  readonly resource: l1.CodeRepoBinding;

  constructor(scope: Construct, id: string, props: CodeRepoBindingProps) {
    const projects = props.projects;
    super(
      scope,
      id,
      CODE_REPO_BINDING_KIND,
      {
        ...props,
        product: declaredName(props.product),
        codeRepo: declaredName(props.codeRepo),
        ...(projects ? { projects: projects.map(declaredName) } : {}),
      },
      props.skipChecks,
    );
    const config = this.bindingConfig(
      {
        ...props,
        product: nameValue(props.product),
        codeRepo: nameValue(props.codeRepo),
        ...(projects ? { projects: projects.map(nameValue) } : {}),
      },
      props,
    );
    this.resource = new l1.CodeRepoBinding(
      this,
      'resource',
      config as unknown as l1.CodeRepoBindingConfig,
    );
    this.readableAddress(this.resource);
  }
}
