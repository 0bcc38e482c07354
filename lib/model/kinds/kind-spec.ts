// What a Nautes resource kind other than the deployment runtime is, declared once per kind (one table each,
// in this folder): the Terraform schema, the construct props, the wire codec, validation and the plan all
// read the declaration; none of them names a kind's field.

/** How one field of a kind travels and is checked. */
export interface KindField {
  /** Property name in the model object (camelCase). */
  readonly key: string;
  /** Attribute name in the Terraform schema and cdk.tf.json. */
  readonly tfName: string;
  /** Prop name of the construct. */
  readonly propName: string;
  /**
   * `object`: one nested object (a Terraform block of at most one); `object-list`: a list of them (a
   * repeated block). Their fields are `members`.
   */
  readonly type: 'string' | 'string-list' | 'bool' | 'object' | 'object-list';
  /**
   * The fields of an `object` or of each item of an `object-list`; their `save` and `reply` paths are
   * relative to the item. An `object` whose members are all empty is absent: it is not sent.
   */
  readonly members?: readonly KindField[];
  /** For an `object-list`: the member whose value no two items share (a pipeline's name). */
  readonly uniqueBy?: string;
  /**
   * For a string member: the top-level `object-list` field whose items' `uniqueBy` values it must name
   * (a trigger names one of the runtime's pipelines).
   */
  readonly refersTo?: string;
  /** Must be given (non-empty), unless it has a default. */
  readonly required: boolean;
  /** A change cannot be made in place: the object is deleted and created again. */
  readonly replaceOnChange: boolean;
  /**
   * Where a save sends it: in the URL path, at this path of the JSON body, or `never`: a value only the
   * server sets (a clone URL), read back and shown, never declared.
   */
  readonly save: 'path' | 'never' | readonly string[];
  /**
   * Where a GET reply or list item carries it; `asked` when the reply does not carry the value as written
   * (the product read back as the GitLab group's display name): the value asked with is kept.
   */
  readonly reply: 'asked' | 'never' | readonly string[];
  /** Also sent at this path of the save body (the product's `git.gitlab.path`, which must equal its name). */
  readonly alsoSave?: readonly string[];
  /** Value used when the user gives none. */
  readonly default?: string;
  /** The key of the field whose value this one takes when the user gives none (a display name: the name). */
  readonly defaultFrom?: string;
  /** The only values the server accepts (for a list: for each member). */
  readonly allowed?: readonly string[];
  /** Local format rule checked before anything is sent. */
  readonly format?: 'rfc1123-label' | 'gitlab-path';
  /**
   * The server keeps the old value when a save sends an empty one (a GitLab description is never
   * cleared): an empty declared value is not a change.
   */
  readonly emptyKeepsValue?: boolean;
  /**
   * The server picks a value when none is given (a cluster's primary domain): an empty declared value is
   * not a change, and the value chosen is read back (a computed attribute).
   */
  readonly serverDefault?: boolean;
  /**
   * A secret the server takes but never returns (a kubeconfig): sensitive, write-only where the host
   * supports it (Terraform >= 1.11), never compared with the server (it cannot be read), and sent again
   * when `<tfName>_version` changes.
   */
  readonly secret?: boolean;
  readonly description: string;
}

/** A resource kind of the Nautes API. */
export interface KindSpec {
  /** The API's kind, e.g. `Product`. */
  readonly kind: string;
  /** Words for people, e.g. `product`. */
  readonly title: string;
  /** The Terraform resource type, e.g. `nautes_product`. */
  readonly tfType: string;
  /** The data source listing the kind's objects (the plural of the type name), e.g. `nautes_products`. */
  readonly dataSourceTfType: string;
  /** Tenant-level (the id is the name) or inside a product (the id is `product/name`). */
  readonly scope: 'tenant' | 'product';
  /** The route family: `/api/v1/<family>` (tenant) or `/api/v1/products/{product}/<family>`. */
  readonly family: string;
  /** The fields, identity first: `product` (for product-scoped kinds), then `name`. */
  readonly fields: readonly KindField[];
  /** Save and delete take `insecure_skip_check` (kinds kept in default.project). */
  readonly skipChecks: boolean;
  /**
   * A delete destroys more than a resource file: what else goes with it. Such kinds carry
   * `deletion_protection` (default true).
   */
  readonly deletionDestroys?: string;
  /**
   * The list may leave out objects that exist (the product list is a GitLab search capped at 20): an
   * object missing from it is looked up with a GET before it counts as gone.
   */
  readonly listMayOmit?: boolean;
  /** How the server's GET answers for an object that does not exist, when not a 404. */
  readonly missingGet?: {
    readonly status: number;
    readonly reason?: string;
    /** A regular expression the whole message matches. */
    readonly message?: string;
  };
  readonly description: string;
}

/** The value of one field: a string, a list of strings, a flag, a nested object or a list of them. */
export type KindValue = string | readonly string[] | boolean | KindObject | readonly KindObject[];

/** A model object of a kind (or a nested object of one): field key -> value. */
export type KindObject = { readonly [key: string]: KindValue };

/** The identity of an object: its product (for product-scoped kinds) and name. */
export interface KindAddress {
  readonly product?: string;
  readonly name: string;
}

/** The model value type of one field declared in a table. */
export type ValueOfField<F extends KindField> = F['type'] extends 'string'
  ? string
  : F['type'] extends 'bool'
    ? boolean
    : F['type'] extends 'string-list'
      ? readonly string[]
      : F extends { readonly members: infer M extends readonly KindField[] }
        ? F['type'] extends 'object'
          ? ObjectOfFields<M>
          : readonly ObjectOfFields<M>[]
        : never;

/** A model object type derived from a kind's table. */
export type ObjectOfFields<Fields extends readonly KindField[]> = {
  readonly [F in Fields[number] as F['key']]: ValueOfField<F>;
};
