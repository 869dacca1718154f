// Item types inferred from a model definition.
//
//   const Order = model({ ... });            // or model({ ... } as const)
//   type Order = InferItem<typeof Order>;    // what reads give back (defaults present)
//   type NewOrder = InputItem<typeof Order>; // what put/create/toItem take (defaults optional)
//   type OrderKey = KeyOf<typeof Order>;     // { customerId: string; orderId: string }
//
// Every type below takes either a Model (typeof Order) or a definition type.
import type { BuiltinTypeName, ModelDefinition } from './definition.js';
import type { NumberValue } from './values.js';

/**
 * The JS types of registered types (registerType). Empty by default, so a registered type reads
 * as `unknown`; declare yours by declaration merging, once, anywhere in your program:
 *
 *   declare module 'dynamap' {
 *     interface RegisteredTypes { Money: Money }
 *   }
 *
 * The same type is used for input (what `encode` takes) and output (what `decode` returns).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface RegisteredTypes {}

/** An item type nothing is known about (an untyped model, update(), where()). */
export type UntypedItem = { [name: string]: unknown };

/** Flattens intersections for readable hovers. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The definition type of a Model, of a db.model(M) handle, or a definition itself. */
export type DefinitionOf<M> = M extends { readonly definition: infer D extends ModelDefinition }
  ? D
  : M extends { readonly model: { readonly definition: infer D extends ModelDefinition } }
    ? D
    : M extends ModelDefinition
      ? M
      : never;

// --- one attribute -----------------------------------------------------------------------------

type SpecOf<A> = A extends string ? { readonly type: A } : A;

// A named type's rules, overridden by the attribute's own; `type` is the named type's.
type Merge<Base, Own> = Omit<Base, Exclude<keyof Own, 'type'>> & Omit<Own, 'type'>;

/** The attribute definition with named types expanded (they may build on each other). */
type Resolve<A, Types, Depth extends 0[] = []> =
  SpecOf<A> extends { readonly type: infer T }
    ? T extends BuiltinTypeName
      ? SpecOf<A>
      : Depth['length'] extends 8
        ? SpecOf<A>
        : T extends keyof Types
          ? Merge<Resolve<Types[T], Types, [...Depth, 0]>, SpecOf<A>>
          : SpecOf<A> // a registered type (or a mistake model() reports)
    : never;

type Flag<S, F extends string> = S extends { readonly [P in F]: infer V } ? (true extends V ? true : false) : false;

type IsOptionalOut<S> = Flag<S, 'optional'> extends true ? true : S extends { readonly type: 'version' } ? true : false;
type IsOptionalIn<S> = IsOptionalOut<S> extends true ? true : S extends { readonly default: unknown } ? true : false;

type Nullable<S, V> = Flag<S, 'nullable'> extends true ? V | null : V;

type RegisteredValue<T> = [T] extends [keyof RegisteredTypes] ? RegisteredTypes[T] : unknown;

type EnumValue<S> = S extends { readonly values: readonly (infer V extends string)[] } ? V : string;

type PolicyOf<S> = S extends { readonly unknown: infer U } ? U : 'reject';
type FieldsOf<S> = S extends { readonly fields: infer F } ? F : {};

/** The JS value reads give back for an attribute definition `A`. */
export type OutputOf<A, Types = {}> = OutputResolved<Resolve<A, Types>, Types>;
type OutputResolved<S, Types> = Nullable<S, OutputBase<S, Types>>;
type OutputBase<S, Types> = S extends { readonly type: infer T }
  ? T extends 'string' | 'uuid' | 'date' | 'duration' | 'decimal'
    ? string
    : T extends 'enum'
      ? EnumValue<S>
      : T extends 'number' | 'integer' | 'version'
        ? number
        : T extends 'bigint'
          ? bigint
          : T extends 'boolean'
            ? boolean
            : T extends 'datetime' | 'ttl'
              ? Date
              : T extends 'binary'
                ? Uint8Array
                : T extends 'list'
                  ? S extends { readonly of: infer O } ? OutputOf<O, Types>[] : unknown[]
                  : T extends 'set'
                    ? S extends { readonly of: infer O } ? Set<OutputOf<O, Types>> : Set<string | number | Uint8Array>
                    : T extends 'record'
                      ? S extends { readonly of: infer O } ? { [key: string]: OutputOf<O, Types> } : { [key: string]: unknown }
                      : T extends 'map'
                        ? OutputObject<FieldsOf<S>, Types, PolicyOf<S>>
                        : T extends 'any'
                          ? unknown
                          : RegisteredValue<T>
  : unknown;

/** The JS values writes accept for an attribute definition `A` (a superset of OutputOf). */
export type InputOf<A, Types = {}> = InputResolved<Resolve<A, Types>, Types>;
type InputResolved<S, Types> = Nullable<S, InputBase<S, Types>>;
type InputBase<S, Types> = S extends { readonly type: infer T }
  ? T extends 'string' | 'uuid'
    ? string
    : T extends 'enum'
      ? EnumValue<S>
      : T extends 'date'
        ? string | Date
        : T extends 'duration'
          ? string | number
          : T extends 'decimal'
            ? string | number | bigint | NumberValue
            : T extends 'number' | 'integer' | 'version'
              ? number
              : T extends 'bigint'
                ? bigint | number | string
                : T extends 'boolean'
                  ? boolean
                  : T extends 'datetime'
                    ? Date | string
                    : T extends 'ttl'
                      ? Date | number
                      : T extends 'binary'
                        ? Uint8Array | ArrayBuffer | ArrayBufferView
                        : T extends 'list'
                          ? S extends { readonly of: infer O } ? readonly InputOf<O, Types>[] : readonly unknown[]
                          : T extends 'set'
                            ? S extends { readonly of: infer O }
                              ? ReadonlySet<InputOf<O, Types>> | readonly InputOf<O, Types>[]
                              : ReadonlySet<unknown> | readonly unknown[]
                            : T extends 'record'
                              ? S extends { readonly of: infer O }
                                ? { readonly [key: string]: InputOf<O, Types> }
                                : { readonly [key: string]: unknown }
                              : T extends 'map'
                                ? InputObject<FieldsOf<S>, Types, PolicyOf<S>>
                                : T extends 'any'
                                  ? unknown
                                  : RegisteredValue<T>
  : unknown;

// --- objects (the model's attributes, a map's fields) --------------------------------------------

type OutputObject<F, Types, Policy> = Simplify<
  { -readonly [K in keyof F as IsOptionalOut<Resolve<F[K], Types>> extends true ? never : K]: OutputOf<F[K], Types> } & {
    -readonly [K in keyof F as IsOptionalOut<Resolve<F[K], Types>> extends true ? K : never]?: OutputOf<F[K], Types>;
  } & (Policy extends 'keep' ? { [name: string]: unknown } : {})
>;

// 'strip' drops undeclared attributes on write, so input accepts them as 'keep' does.
type InputObject<F, Types, Policy> = Simplify<
  { -readonly [K in keyof F as IsOptionalIn<Resolve<F[K], Types>> extends true ? never : K]: InputOf<F[K], Types> } & {
    -readonly [K in keyof F as IsOptionalIn<Resolve<F[K], Types>> extends true ? K : never]?: InputOf<F[K], Types>;
  } & (Policy extends 'keep' | 'strip' ? { [name: string]: unknown } : {})
>;

type TypesOf<D> = D extends { readonly types: infer T } ? T : {};
type AttributesOf<D extends ModelDefinition> = D['attributes'];
type Loose<D extends ModelDefinition> = string extends keyof AttributesOf<D> ? true : false;

type ItemOfDefinition<D extends ModelDefinition> =
  Loose<D> extends true ? UntypedItem : OutputObject<AttributesOf<D>, TypesOf<D>, PolicyOf<D>>;
type InputOfDefinition<D extends ModelDefinition> =
  Loose<D> extends true ? UntypedItem : InputObject<AttributesOf<D>, TypesOf<D>, PolicyOf<D>>;

/**
 * An item as dynamap gives it back (get, query, fromItem, validate().value): required and
 * defaulted attributes present, `optional: true` ones optional, `nullable` ones `| null`.
 */
export type InferItem<M> = ItemOfDefinition<DefinitionOf<M>>;
/** Same as InferItem. */
export type Item<M> = InferItem<M>;

/**
 * An item as put/create/toItem/batchWrite take it: attributes with a `default` (and `version`)
 * may be left out, and each type takes every form it accepts (a datetime as Date or ISO text, a
 * set as Set or array, a decimal as string, number, bigint or NumberValue, ...).
 */
export type InputItem<M> = InputOfDefinition<DefinitionOf<M>>;

/** The JS type (as read) of one attribute of a model. */
export type AttributeOutput<M, K extends string> = OutputOf<AttributesOf<DefinitionOf<M>>[K], TypesOf<DefinitionOf<M>>>;
/** The JS types (as written) of one attribute of a model. */
export type AttributeInput<M, K extends string> = InputOf<AttributesOf<DefinitionOf<M>>[K], TypesOf<DefinitionOf<M>>>;

// --- keys ------------------------------------------------------------------------------------------

type PartitionName<D extends ModelDefinition> = D['key']['partition'];
type SortName<D extends ModelDefinition> = D['key'] extends { readonly sort: infer S extends string } ? S : never;

/** The names of the table's key attributes. */
export type KeyNames<M> = PartitionName<DefinitionOf<M>> | SortName<DefinitionOf<M>>;

type KeyObject<D extends ModelDefinition, Names extends string> = {
  -readonly [K in Names]: InputOf<AttributesOf<D>[K], TypesOf<D>>;
};

/** The key of an item: the partition key attribute and, if the table has one, the sort key. */
export type KeyOf<M> =
  Loose<DefinitionOf<M>> extends true ? UntypedItem : Simplify<KeyObject<DefinitionOf<M>, KeyNames<M>>>;

/** The name of the model's `version` attribute, if any. */
export type VersionName<M> = {
  [K in keyof AttributesOf<DefinitionOf<M>>]: Resolve<AttributesOf<DefinitionOf<M>>[K], TypesOf<DefinitionOf<M>>> extends {
    readonly type: 'version';
  }
    ? K
    : never;
}[keyof AttributesOf<DefinitionOf<M>>] &
  string;

/** A key for update() and delete(): it may carry the version read, which the write then checks. */
export type VersionedKeyOf<M> = [VersionName<M>] extends [never]
  ? KeyOf<M>
  : Simplify<KeyOf<M> & { [K in VersionName<M>]?: number }>;

// --- indexes ---------------------------------------------------------------------------------------

type IndexesOf<D extends ModelDefinition> = D extends { readonly indexes: infer I } ? I : {};

/** The names of the model's indexes. */
export type IndexName<M> = keyof IndexesOf<DefinitionOf<M>> & string;

type IndexPartition<D extends ModelDefinition, I> = IndexesOf<D>[I & keyof IndexesOf<D>] extends {
  readonly partition: infer P extends string;
}
  ? P
  : PartitionName<D>;
type IndexSort<D extends ModelDefinition, I> = IndexesOf<D>[I & keyof IndexesOf<D>] extends { readonly sort: infer S extends string }
  ? S
  : never;

/** The attributes an index projects: `'all'` (default), `'keys'`, or the keys plus a list. */
export type IndexItem<M, I extends string> = IndexItemOf<DefinitionOf<M>, I>;
type IndexItemOf<D extends ModelDefinition, I> = IndexesOf<D>[I & keyof IndexesOf<D>] extends { readonly projection: infer P }
  ? P extends 'keys'
    ? Simplify<Pick<ItemOfDefinition<D>, ProjectedKeys<D, I> & keyof ItemOfDefinition<D>>>
    : P extends readonly (infer N extends string)[]
      ? Simplify<Pick<ItemOfDefinition<D>, (ProjectedKeys<D, I> | N) & keyof ItemOfDefinition<D>>>
      : ItemOfDefinition<D>
  : ItemOfDefinition<D>;
type ProjectedKeys<D extends ModelDefinition, I> =
  | PartitionName<D>
  | SortName<D>
  | IndexPartition<D, I>
  | IndexSort<D, I>;

/**
 * What query(key) takes: the partition key of the table or of an index (which one is known only
 * when .index() is called later), optionally with the sort key for an equality.
 */
export type QueryKeyOf<M> = QueryKeyOfDefinition<DefinitionOf<M>>;
type QueryKeyOfDefinition<D extends ModelDefinition> =
  Loose<D> extends true
    ? UntypedItem
    :
        | QueryKeyFor<D, PartitionName<D>, SortName<D>>
        | { [I in keyof IndexesOf<D>]: QueryKeyFor<D, IndexPartition<D, I>, IndexSort<D, I>> }[keyof IndexesOf<D>];
type QueryKeyFor<D extends ModelDefinition, P extends string, S extends string> = Simplify<
  KeyObject<D, P> & { -readonly [K in S]?: InputOf<AttributesOf<D>[K], TypesOf<D>> }
>;

/** The sort keys a query can narrow with .where(): the table's and its indexes'. */
export type SortKeyName<M> =
  | SortName<DefinitionOf<M>>
  | { [I in keyof IndexesOf<DefinitionOf<M>>]: IndexSort<DefinitionOf<M>, I> }[keyof IndexesOf<DefinitionOf<M>>];

// --- paths and projections -------------------------------------------------------------------------

type TopName<T> = keyof T & string;

/** A path into a nested attribute: 'address.city', 'items[0]', 'items[0].sku'. */
export type NestedPath<K extends string> = `${K}.${string}` | `${K}[${string}`;

/** Raw name segments, for names that contain dots: ['meta', 'a.b']. */
export type RawPath<K extends string> = readonly [K, ...string[]];

/**
 * An attribute path of an item type: a top-level name (checked), or a nested path or raw
 * segments starting with one (only the top-level name is checked).
 */
export type AttributePath<T> = string extends keyof T
  ? string | readonly string[] // untyped, or unknown: 'keep': any path
  : TopName<T> | NestedPath<TopName<T>> | RawPath<TopName<T>>;

type BeforeDot<P extends string> = P extends `${infer H}.${string}` ? H : P;
type BeforeBracket<P extends string> = P extends `${infer H}[${string}` ? H : P;
type HeadOf<P> = P extends readonly [infer H extends string, ...unknown[]]
  ? H
  : P extends string
    ? BeforeBracket<BeforeDot<P>>
    : never;
type IsWhole<P> = P extends readonly [string] ? true : P extends readonly unknown[] ? false : P extends HeadOf<P> ? true : false;
type WholeHeads<P extends readonly unknown[]> = { [I in keyof P]: IsWhole<P[I]> extends true ? HeadOf<P[I]> : never }[number];
type AllHeads<P extends readonly unknown[]> = { [I in keyof P]: HeadOf<P[I]> }[number];

type Leaf = string | number | bigint | boolean | null | undefined | Date | Uint8Array | ReadonlySet<unknown> | NumberValue;
/** Every property optional, all the way down (what a projection of nested paths gives). */
export type DeepPartial<T> = T extends Leaf
  ? T
  : T extends readonly (infer E)[]
    ? DeepPartial<E>[]
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/**
 * The item a projection (`select([...])`) gives: top-level names selected whole keep their type
 * (and optionality); attributes selected only through nested paths ('address.city') become
 * optional deep partials of their type.
 */
export type Selected<T, P extends readonly unknown[]> = Simplify<
  Pick<T, WholeHeads<P> & keyof T> & {
    [K in Exclude<AllHeads<P>, WholeHeads<P>> & keyof T]?: DeepPartial<T[K]>;
  }
>;

// --- updates -----------------------------------------------------------------------------------------

type OptionalNames<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T] & string;

/** Paths set() and setIfNotExists() take: any attribute but the key, or a nested path. */
export type SettablePath<T, Keys> = AttributePath<Omit<T, Keys & keyof T>>;
/** Paths remove() takes: optional attributes (removing a required one is refused), nested paths. */
export type RemovablePath<T, Keys> = string extends keyof T
  ? string | readonly string[]
  : Exclude<OptionalNames<T>, Keys> | NestedPath<Exclude<TopName<T>, Keys>> | RawPath<Exclude<TopName<T>, Keys>>;

type Present<V> = Exclude<V, undefined>;
type TopValue<T, P> = P extends keyof T ? Present<T[P]> : unknown;
type HasSet<V> = [Extract<V, ReadonlySet<unknown>>] extends [never] ? false : true;

/** What add() takes: an amount for a number attribute, members for a set. */
export type AddOperand<V> = unknown extends V
  ? unknown
  : HasSet<V> extends true
    ? Extract<V, ReadonlySet<unknown> | readonly unknown[]>
    : [Extract<V, number>] extends [never]
      ? never
      : Exclude<V, null | undefined>;
/** What delete() takes: members of a set. */
export type DeleteOperand<V> = unknown extends V
  ? unknown
  : HasSet<V> extends true
    ? Extract<V, ReadonlySet<unknown> | readonly unknown[]>
    : never;
/** What append() and prepend() take: items of a list. */
export type ListOperand<V> = unknown extends V
  ? readonly unknown[]
  : HasSet<V> extends true
    ? never
    : Extract<V, readonly unknown[]>;

export type AddValue<T, P> = AddOperand<TopValue<T, P>>;
export type DeleteValue<T, P> = DeleteOperand<TopValue<T, P>>;
export type ListValue<T, P> = ListOperand<TopValue<T, P>>;
export type SetValueOf<T, P> = TopValue<T, P>;
