// L1 binding of `nautes_deployment_runtime`, in the layout of cdktf's generated bindings. No validation:
// it mirrors the provider schema, nothing more.
import { Fn, TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { definedProps } from '../defined-props';
import { nautesResourceConfig } from './resource-config';

/** Config of `nautes_deployment_runtime` (attribute names as in the provider schema). */
export interface NautesDeploymentRuntimeConfig extends TerraformMetaArguments {
  readonly product: string;
  readonly name: string;
  readonly projectsRef?: string[];
  readonly codeRepo: string;
  /** @default "HEAD" */
  readonly targetRevision?: string;
  readonly manifestPath: string;
  readonly environment: string;
  readonly namespaces?: string[];
  readonly account?: string;
  readonly insecureSkipCheck?: boolean;
  readonly skipChecksReason?: string;
}

/** Represents a {@link https://github.com/nautes-labs/nautes nautes_deployment_runtime}. */
export class NautesDeploymentRuntime extends TerraformResource {
  // =================
  // STATIC PROPERTIES
  // =================
  static readonly tfResourceType = 'nautes_deployment_runtime';

  // ===========
  // INITIALIZER
  // ===========
  constructor(scope: Construct, id: string, config: NautesDeploymentRuntimeConfig) {
    super(scope, id, nautesResourceConfig('nautes_deployment_runtime', config));
    this._product = config.product;
    this._name = config.name;
    this._projectsRef = config.projectsRef;
    this._codeRepo = config.codeRepo;
    this._targetRevision = config.targetRevision;
    this._manifestPath = config.manifestPath;
    this._environment = config.environment;
    this._namespaces = config.namespaces;
    this._account = config.account;
    this._insecureSkipCheck = config.insecureSkipCheck;
    this._skipChecksReason = config.skipChecksReason;
  }

  // ==========
  // ATTRIBUTES
  // ==========
  get id(): string {
    return this.getStringAttribute('id');
  }

  private _product: string;
  get product(): string {
    return this.getStringAttribute('product');
  }
  set product(value: string) {
    this._product = value;
  }
  get productInput(): string | undefined {
    return this._product;
  }

  private _name: string;
  get name(): string {
    return this.getStringAttribute('name');
  }
  set name(value: string) {
    this._name = value;
  }
  get nameInput(): string | undefined {
    return this._name;
  }

  private _projectsRef?: string[] | undefined;
  get projectsRef(): string[] {
    // a set attribute: read back through tolist, as cdktf's generator writes it
    return Fn.tolist(this.getListAttribute('projects_ref'));
  }
  set projectsRef(value: string[]) {
    this._projectsRef = value;
  }
  resetProjectsRef(): void {
    this._projectsRef = undefined;
  }
  get projectsRefInput(): string[] | undefined {
    return this._projectsRef;
  }

  private _codeRepo: string;
  get codeRepo(): string {
    return this.getStringAttribute('code_repo');
  }
  set codeRepo(value: string) {
    this._codeRepo = value;
  }
  get codeRepoInput(): string | undefined {
    return this._codeRepo;
  }

  private _targetRevision?: string | undefined;
  get targetRevision(): string {
    return this.getStringAttribute('target_revision');
  }
  set targetRevision(value: string) {
    this._targetRevision = value;
  }
  resetTargetRevision(): void {
    this._targetRevision = undefined;
  }
  get targetRevisionInput(): string | undefined {
    return this._targetRevision;
  }

  private _manifestPath: string;
  get manifestPath(): string {
    return this.getStringAttribute('manifest_path');
  }
  set manifestPath(value: string) {
    this._manifestPath = value;
  }
  get manifestPathInput(): string | undefined {
    return this._manifestPath;
  }

  private _environment: string;
  get environment(): string {
    return this.getStringAttribute('environment');
  }
  set environment(value: string) {
    this._environment = value;
  }
  get environmentInput(): string | undefined {
    return this._environment;
  }

  private _namespaces?: string[] | undefined;
  get namespaces(): string[] {
    // a set attribute: read back through tolist, as cdktf's generator writes it
    return Fn.tolist(this.getListAttribute('namespaces'));
  }
  set namespaces(value: string[]) {
    this._namespaces = value;
  }
  resetNamespaces(): void {
    this._namespaces = undefined;
  }
  get namespacesInput(): string[] | undefined {
    return this._namespaces;
  }

  private _account?: string | undefined;
  get account(): string {
    return this.getStringAttribute('account');
  }
  set account(value: string) {
    this._account = value;
  }
  resetAccount(): void {
    this._account = undefined;
  }
  get accountInput(): string | undefined {
    return this._account;
  }

  private _insecureSkipCheck?: boolean | undefined;
  get insecureSkipCheck(): boolean {
    return this.getBooleanAttribute('insecure_skip_check') as unknown as boolean;
  }
  set insecureSkipCheck(value: boolean) {
    this._insecureSkipCheck = value;
  }
  resetInsecureSkipCheck(): void {
    this._insecureSkipCheck = undefined;
  }
  get insecureSkipCheckInput(): boolean | undefined {
    return this._insecureSkipCheck;
  }

  private _skipChecksReason?: string | undefined;
  get skipChecksReason(): string {
    return this.getStringAttribute('skip_checks_reason');
  }
  set skipChecksReason(value: string) {
    this._skipChecksReason = value;
  }
  resetSkipChecksReason(): void {
    this._skipChecksReason = undefined;
  }
  get skipChecksReasonInput(): string | undefined {
    return this._skipChecksReason;
  }

  // =========
  // SYNTHESIS
  // =========
  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return definedProps({
      product: this._product,
      name: this._name,
      projects_ref: this._projectsRef,
      code_repo: this._codeRepo,
      target_revision: this._targetRevision,
      manifest_path: this._manifestPath,
      environment: this._environment,
      namespaces: this._namespaces,
      account: this._account,
      insecure_skip_check: this._insecureSkipCheck,
      skip_checks_reason: this._skipChecksReason,
    });
  }
}
