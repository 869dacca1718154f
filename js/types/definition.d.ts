// Model definitions as plain data (what model() takes). Every property is readonly so that a
// definition written `as const`, or inferred by model()'s `const` type parameter, fits.

/** JSON data: what a definition (and a `default`) may hold. */
export type DefinitionValue =
  | string
  | number
  | boolean
  | null
  | readonly DefinitionValue[]
  | { readonly [key: string]: DefinitionValue };

/** The built-in attribute types (README "Attribute types"). */
export type BuiltinTypeName =
  | 'string'
  | 'number'
  | 'integer'
  | 'decimal'
  | 'bigint'
  | 'boolean'
  | 'enum'
  | 'uuid'
  | 'datetime'
  | 'date'
  | 'duration'
  | 'ttl'
  | 'binary'
  | 'list'
  | 'map'
  | 'record'
  | 'set'
  | 'any'
  | 'version';

/** What a model (or a map) does with attributes it does not declare. */
export type UnknownPolicy = 'reject' | 'strip' | 'keep';

/** The formats of `string` attributes. */
export type StringFormat = 'email' | 'url' | 'uuid' | 'ipv4' | 'ipv6' | 'ip';

/**
 * One attribute: `{ type, ...rules }`. `type` is a built-in type, a name from the model's
 * `types`, or a name given to registerType(). Which rules a type takes is checked by model()
 * at run time (SchemaError `schema.unknownRule`); here every rule is allowed on every type.
 */
export interface AttributeSpec {
  readonly type: BuiltinTypeName | (string & {});
  readonly optional?: boolean;
  readonly nullable?: boolean;
  /** A value, or 'now' (datetime, date) or 'uuid' (uuid). */
  readonly default?: DefinitionValue;
  readonly attributeName?: string;
  readonly description?: string;
  // string, binary
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: StringFormat;
  // number, integer, decimal, bigint, datetime, date, duration
  readonly min?: number | string;
  readonly max?: number | string;
  // enum
  readonly values?: readonly string[];
  // datetime
  readonly storeAs?: 'iso' | 'epoch' | 'epochMillis';
  // list, set, record
  readonly of?: AttributeDefinition;
  readonly minItems?: number;
  readonly maxItems?: number;
  // map
  readonly fields?: { readonly [name: string]: AttributeDefinition };
  readonly unknown?: UnknownPolicy;
}

/** An attribute definition, or just its type name (`'string'`). */
export type AttributeDefinition = BuiltinTypeName | (string & {}) | AttributeSpec;

export interface IndexDefinition {
  readonly type: 'global' | 'local';
  /** Required for a global index; a local index shares the table's partition key. */
  readonly partition?: string;
  readonly sort?: string;
  /** 'all' (default), 'keys', or the non-key attributes to project. */
  readonly projection?: 'all' | 'keys' | readonly string[];
}

export interface KeyDefinition {
  readonly partition: string;
  readonly sort?: string;
}

export interface ModelDefinition {
  readonly name: string;
  readonly table: string;
  readonly key: KeyDefinition;
  readonly attributes: { readonly [name: string]: AttributeDefinition };
  readonly indexes?: { readonly [name: string]: IndexDefinition };
  /** Named types, used like built-in ones: `types: { Money: { type: 'decimal', min: '0' } }`. */
  readonly types?: { readonly [name: string]: AttributeSpec };
  readonly unknown?: UnknownPolicy;
  readonly description?: string;
}

type AttributeNameOf<D extends ModelDefinition> = keyof D['attributes'] & string;

// A reference to an attribute: a declared name. A reference typed only as `string` (a definition
// in a variable without `as const`) cannot be checked, and is left as it is.
type NameRef<V, D extends ModelDefinition> = string extends V ? string : keyof D['attributes'] & string;
type Field<T, K extends PropertyKey> = T extends { readonly [P in K]?: infer V } ? V : never;

type Element<T> = T extends readonly (infer E)[] ? E : never;

// The definition with every attribute reference narrowed to the declared names.
type Corrected<D extends ModelDefinition> = Omit<D, 'key' | 'indexes'> & {
  readonly key: Omit<D['key'], 'partition' | 'sort'> & {
    readonly partition: NameRef<D['key']['partition'], D>;
    readonly sort?: NameRef<Field<D['key'], 'sort'>, D>;
  };
  readonly indexes?: {
    readonly [I in keyof D['indexes']]: Omit<D['indexes'][I], 'partition' | 'sort' | 'projection'> & {
      readonly partition?: NameRef<Field<D['indexes'][I], 'partition'>, D>;
      readonly sort?: NameRef<Field<D['indexes'][I], 'sort'>, D>;
      readonly projection?: 'all' | 'keys' | readonly NameRef<Element<Field<D['indexes'][I], 'projection'>>, D>[];
    };
  };
};

/**
 * What model() checks at compile time beyond ModelDefinition's shape: that the key and the
 * indexes name declared attributes. A definition that passes is taken as it is; one that does
 * not is compared with its corrected form, so a wrong name is reported on the property that
 * holds it, with the names that would do.
 */
export type CheckDefinition<D extends ModelDefinition> = string extends AttributeNameOf<D>
  ? D // a definition typed only as ModelDefinition: nothing to check at compile time
  : D extends Corrected<D>
    ? D
    : Corrected<D>;
