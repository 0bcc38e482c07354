// Cluster: the construct of a Nautes cluster of the tenant. Its kubeconfig never enters cdk.tf.json: it is
// given as a file the host reads at plan time, or as a (sensitive) variable.
import { Fn, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../errors';
import { CLUSTER_KIND } from '../../model';
import * as l1 from '../l1/generated/cluster';
import type { FieldProps } from './kind-props';
import { NautesObject, type NautesObjectOptions } from './nautes-object';

/**
 * Props of `Cluster`: one prop per field of the cluster's table (lib/model/kinds/cluster.ts), the
 * kubeconfig as a file or a token, and the provider.
 */
export type ClusterProps = Omit<FieldProps<typeof CLUSTER_KIND.fields>, 'kubeconfig'> &
  NautesObjectOptions & {
    /**
     * The kubeconfig file of a physical cluster: read by Terraform or OpenTofu at plan time (`file()`), so
     * it is never written into cdk.tf.json. @default - none (a virtual cluster needs none)
     */
    readonly kubeconfigFile?: string;
    /**
     * The kubeconfig as a token, e.g. a sensitive `TerraformVariable`'s value (a literal is refused: it
     * would be written into cdk.tf.json). @default - none
     */
    readonly kubeconfig?: string;
    /** Change it to send the kubeconfig again (a write-only value cannot be compared). @default - none */
    readonly kubeconfigVersion?: string;
  };

/**
 * A Nautes cluster of the tenant.
 *
 * @example
 * const dev = new Cluster(stack, 'cluster-dev', {
 *   name: 'cluster-dev', apiServer: 'https://10.0.0.5:6443', clusterType: 'physical',
 *   usage: 'worker', workerType: 'deployment', kubeconfigFile: 'kubeconfigs/dev.yaml',
 * });
 */
export class Cluster extends NautesObject {
  readonly resource: l1.Cluster;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id, CLUSTER_KIND, { ...props });
    const path = this.node.path;
    if (props.kubeconfig !== undefined && !Token.isUnresolved(props.kubeconfig))
      throw new ValidationError(
        [
          {
            path: [path, 'kubeconfig'],
            code: 'secret_literal',
            message:
              'kubeconfig must not be a literal: it would be written into cdk.tf.json in clear. Use kubeconfigFile, or a sensitive TerraformVariable',
          },
        ],
        `invalid Cluster at ${path}`,
      );
    if (props.kubeconfig !== undefined && props.kubeconfigFile !== undefined)
      throw new ValidationError(
        [
          {
            path: [path, 'kubeconfigFile'],
            code: 'conflict',
            message: 'give kubeconfig or kubeconfigFile, not both',
          },
        ],
        `invalid Cluster at ${path}`,
      );
    const { kubeconfigFile, ...rest } = props;
    const config = this.bindingConfig(
      {
        ...rest,
        ...(kubeconfigFile !== undefined ? { kubeconfig: Fn.file(kubeconfigFile) } : {}),
      },
      props,
    );
    if (props.kubeconfigVersion !== undefined)
      config['kubeconfigVersion'] = props.kubeconfigVersion;
    this.resource = new l1.Cluster(this, 'resource', config as unknown as l1.ClusterConfig);
    this.readableAddress(this.resource);
  }
}
