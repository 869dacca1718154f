// Conditions (where, not, attr) and updates (update, plus, minus, ifNotExists).
import type {
  AddValue,
  AttributePath,
  DeleteValue,
  InputItem,
  KeyNames,
  ListValue,
  RemovablePath,
  SetValueOf,
  SettablePath,
  UntypedItem,
} from './infer.js';
import type { NumberValue } from './values.js';

/** A path: 'status', 'address.city', 'items[0].sku', or raw segments ['meta', 'a.b']. */
export type Path = string | readonly string[];

/** DynamoDB's type codes, for where(path).type(code). */
export type DynamoTypeCode = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M';

/** The item type a model (or an item type) stands for in update<M>() and where<M>(). */
type ItemTarget<M> = M extends { readonly definition: unknown; validate(item: unknown): unknown } ? InputItem<M> : M;
type KeyTarget<M> = M extends { readonly definition: unknown; validate(item: unknown): unknown } ? KeyNames<M> : never;

/** A reference to another attribute where a value would go: where('a').gt(attr('b')). */
export declare class AttributeRef {
  #private;
  private constructor();
  readonly path: Path;
}

/** attr(path): compare with, or compute from, another attribute. */
export declare function attr(path: Path): AttributeRef;

/** A condition: combine with and/or, negate with not(). Immutable plain data the core compiles. */
export declare class Condition {
  #private;
  private constructor();
  and(...others: Condition[]): Condition;
  or(...others: Condition[]): Condition;
  /** The plain-data tree the core compiles. */
  toJSON(): unknown;
}

/** A value in a comparison: checked and converted through the attribute's type by the core. */
export type ConditionValue = unknown;

/** The comparisons of one path (or of its size()). */
export interface Where {
  eq(value: ConditionValue | AttributeRef): Condition;
  ne(value: ConditionValue | AttributeRef): Condition;
  lt(value: ConditionValue | AttributeRef): Condition;
  lte(value: ConditionValue | AttributeRef): Condition;
  gt(value: ConditionValue | AttributeRef): Condition;
  gte(value: ConditionValue | AttributeRef): Condition;
  between(low: ConditionValue | AttributeRef, high: ConditionValue | AttributeRef): Condition;
  /** in('a', 'b') or in(['a', 'b']): at most 100 values. */
  in(values: readonly (ConditionValue | AttributeRef)[]): Condition;
  in(...values: (ConditionValue | AttributeRef)[]): Condition;
  beginsWith(prefix: string | Uint8Array): Condition;
  /** A set or list member, or a substring of a string. */
  contains(value: ConditionValue): Condition;
  exists(): Condition;
  notExists(): Condition;
  type(code: DynamoTypeCode): Condition;
  /** Compare the size (string length, bytes, items) instead of the value. */
  size(): Where;
}

/**
 * where(path) starts a condition or filter. `where<typeof Order>('status')` checks the path's
 * top-level name against the model; values are checked by the core at run time.
 */
export declare function where<M = UntypedItem>(path: AttributePath<ItemTarget<M>>): Where;

/** Negates a condition. */
export declare function not(condition: Condition): Condition;

/** An arithmetic value for set(): plus('price', 1), minus('stock', attr('reserved')), ifNotExists(...). */
export declare class UpdateValue {
  #private;
  private constructor();
}

/** An amount in plus()/minus(): a number, a decimal or BigInt, or another attribute. */
export type Amount = number | string | bigint | NumberValue | AttributeRef;

/** The path's value plus an amount. */
export declare function plus(path: Path | AttributeRef | UpdateValue, amount: Amount): UpdateValue;
/** The path's value minus an amount. */
export declare function minus(path: Path | AttributeRef | UpdateValue, amount: Amount): UpdateValue;
/** The path's value, or `fallback` where it is absent: set('n', plus(ifNotExists('n', 0), 1)). */
export declare function ifNotExists(path: Path, fallback: unknown): UpdateValue;

/**
 * An update, built immutably: every method returns a new Update. `T` is the item type whose
 * attributes it names (an input item), `Keys` the key attributes it may not change; both come
 * from `update<typeof Order>()`. Untyped (`update()`), any path and value are accepted and the
 * core checks them when the update is sent.
 */
export declare class Update<T = UntypedItem, Keys = never> {
  #private;
  constructor();
  /** Sets an attribute (nested paths take any value; the core checks it). */
  set<const P extends SettablePath<T, Keys>>(path: P, value: SetValueOf<T, P> | UpdateValue | AttributeRef): Update<T, Keys>;
  /** Sets an attribute only where it is absent. */
  setIfNotExists<const P extends SettablePath<T, Keys>>(path: P, value: SetValueOf<T, P> | AttributeRef): Update<T, Keys>;
  /** Removes optional attributes (removing a required one is an ExpressionError). */
  remove(...paths: RemovablePath<T, Keys>[]): Update<T, Keys>;
  /** Adds to a number, or adds members to a set. */
  add<const P extends SettablePath<T, Keys>>(path: P, value: AddValue<T, P>): Update<T, Keys>;
  /** Removes members from a set. */
  delete<const P extends SettablePath<T, Keys>>(path: P, members: DeleteValue<T, P>): Update<T, Keys>;
  /** Appends items to a list. */
  append<const P extends SettablePath<T, Keys>>(path: P, items: ListValue<T, P>): Update<T, Keys>;
  /** Prepends items to a list. */
  prepend<const P extends SettablePath<T, Keys>>(path: P, items: ListValue<T, P>): Update<T, Keys>;
  toJSON(): { actions: readonly unknown[] };
}

/**
 * Starts an update. `update<typeof Order>()` types it for a model: top-level attribute names and
 * their values are checked, the key attributes cannot be set, only optional attributes removed.
 * `update<SomeItemType>()` types it for a plain item type.
 */
export declare function update<M = UntypedItem>(): Update<ItemTarget<M>, KeyTarget<M>>;
