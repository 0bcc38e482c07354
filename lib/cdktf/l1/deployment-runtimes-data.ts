// L1 binding of the data source `nautes_deployment_runtimes`.
import { TerraformDataSource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { definedProps } from '../defined-props';
import { nautesResourceConfig } from './resource-config';

/** Config of `data.nautes_deployment_runtimes`. */
export interface DataNautesDeploymentRuntimesConfig extends TerraformMetaArguments {
  readonly product: string;
  /** The server field selector, e.g. `manifest_source.code_repo=api-server`. @default - all runtimes */
  readonly fieldSelector?: string;
}

/** Lists the deployment runtimes of a product (one list call). */
export class DataNautesDeploymentRuntimes extends TerraformDataSource {
  static readonly tfResourceType = 'nautes_deployment_runtimes';
  private readonly config: DataNautesDeploymentRuntimesConfig;

  constructor(scope: Construct, id: string, config: DataNautesDeploymentRuntimesConfig) {
    super(scope, id, nautesResourceConfig('nautes_deployment_runtimes', config));
    this.config = config;
  }

  /** Runtime names, sorted. */
  get names(): string[] {
    return this.getListAttribute('names');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return definedProps({
      product: this.config.product,
      field_selector: this.config.fieldSelector,
    });
  }
}
