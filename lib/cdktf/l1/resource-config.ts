import type { TerraformMetaArguments, TerraformResourceConfig } from 'cdktf';
import { PACKAGE_VERSION } from '../../version';
import { definedProps } from '../defined-props';

/** The TerraformResource/TerraformDataSource config of a Nautes L1 class: type, provider metadata, meta-arguments. */
export function nautesResourceConfig(
  terraformResourceType: string,
  meta: TerraformMetaArguments,
): TerraformResourceConfig {
  return definedProps({
    terraformResourceType,
    terraformGeneratorMetadata: {
      providerName: 'nautes',
      providerVersion: PACKAGE_VERSION,
      providerVersionConstraint: PACKAGE_VERSION,
    },
    provider: meta.provider,
    dependsOn: meta.dependsOn,
    count: meta.count,
    lifecycle: meta.lifecycle,
    forEach: meta.forEach,
  });
}
