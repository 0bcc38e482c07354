// Per-app bookkeeping of what an app declares: runtimes (duplicate checks and the inventory's declared
// names) and inventories (one per product), without scanning the construct tree (linear in their number).
import type { IConstruct } from 'constructs';

interface Declared {
  readonly path: string;
  readonly product: string;
  readonly name: string;
}

/** The runtimes and inventories declared in one app. */
export class RuntimeRegistry {
  private static readonly byRoot = new WeakMap<IConstruct, RuntimeRegistry>();
  readonly byIdentity = new Map<string, Declared>();
  readonly byDestination = new Map<string, Declared>();
  /** The construct path of each declared object of the other kinds, by `${tfType} ${id}`. */
  readonly objects = new Map<string, string>();
  /** The construct path of each product's inventory. */
  readonly inventories = new Map<string, string>();

  static of(scope: IConstruct): RuntimeRegistry {
    const root = scope.node.root;
    let reg = RuntimeRegistry.byRoot.get(root);
    if (!reg) {
      reg = new RuntimeRegistry();
      RuntimeRegistry.byRoot.set(root, reg);
    }
    return reg;
  }

  /** The objects of kind `tfType` declared for a product, as `<tfType> <name>`, sorted. */
  objectEntriesOf(product: string, tfType: string): string[] {
    const prefix = `${tfType} ${product}/`;
    return [...this.objects.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => `${tfType} ${k.slice(prefix.length)}`)
      .sort();
  }

  /** Names declared for a product, sorted. */
  namesOf(product: string): string[] {
    return [...this.byIdentity.values()]
      .filter((d) => d.product === product)
      .map((d) => d.name)
      .sort();
  }
}
