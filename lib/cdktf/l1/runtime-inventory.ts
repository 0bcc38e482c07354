// L1 binding of `nautes_runtime_inventory`.
import { Fn, TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { definedProps } from '../defined-props';
import { nautesResourceConfig } from './resource-config';

/** Config of `nautes_runtime_inventory`. */
export interface NautesRuntimeInventoryConfig extends TerraformMetaArguments {
  readonly product: string;
  readonly declared: string[];
  /** @default false */
  readonly prune?: boolean;
}

/** Represents a nautes_runtime_inventory: which runtimes of a product code owns. */
export class NautesRuntimeInventory extends TerraformResource {
  static readonly tfResourceType = 'nautes_runtime_inventory';

  constructor(scope: Construct, id: string, config: NautesRuntimeInventoryConfig) {
    super(scope, id, nautesResourceConfig('nautes_runtime_inventory', config));
    this._product = config.product;
    this._declared = config.declared;
    this._prune = config.prune;
  }

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

  private _declared: string[];
  get declared(): string[] {
    // a set attribute: read back through tolist, as cdktf's generator writes it
    return Fn.tolist(this.getListAttribute('declared'));
  }
  set declared(value: string[]) {
    this._declared = value;
  }
  get declaredInput(): string[] | undefined {
    return this._declared;
  }

  private _prune?: boolean | undefined;
  get prune(): boolean {
    return this.getBooleanAttribute('prune') as unknown as boolean;
  }
  set prune(value: boolean) {
    this._prune = value;
  }
  resetPrune(): void {
    this._prune = undefined;
  }
  get pruneInput(): boolean | undefined {
    return this._prune;
  }

  /** Runtimes of the product that no code declares (computed). */
  get unmanaged(): string[] {
    // a set attribute: read back through tolist, as cdktf's generator writes it
    return Fn.tolist(this.getListAttribute('unmanaged'));
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return definedProps({ product: this._product, declared: this._declared, prune: this._prune });
  }
}
