// model(definition): a compiled, immutable handle on a model that is plain data.
import type { CheckDefinition, ModelDefinition } from './definition.js';
import type { ValidationIssue } from './errors.js';
import type { Condition, Update, UpdateValue, AttributeRef } from './expressions.js';
import type {
  AttributePath,
  InferItem,
  InputItem,
  KeyNames,
  KeyOf,
  QueryKeyOf,
  Selected,
  VersionedKeyOf,
} from './infer.js';
import type { AttributeMap } from './values.js';

/** validate(): the value with defaults applied, or every issue. Check `ok` before reading `value`. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

/** The DynamoDB operations dynamap sends. */
export type OperationName =
  | 'PutItem'
  | 'GetItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'Scan'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'TransactWriteItems'
  | 'TransactGetItems'
  | 'CreateTable'
  | 'DeleteTable'
  | 'DescribeTable'
  | 'UpdateTimeToLive';

/** A dry run: the operation and the exact request JSON it would send. */
export interface PlannedRequest<Op extends OperationName = OperationName> {
  operation: Op;
  request: DynamoRequest;
}

/** DynamoDB request JSON (the fields dynamap writes, by name; binary as base64). */
export interface DynamoRequest {
  TableName?: string;
  Item?: AttributeMap;
  Key?: AttributeMap;
  ConditionExpression?: string;
  UpdateExpression?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: { [placeholder: string]: string };
  ExpressionAttributeValues?: AttributeMap;
  ReturnValues?: string;
  IndexName?: string;
  Limit?: number;
  ConsistentRead?: boolean;
  ScanIndexForward?: boolean;
  ExclusiveStartKey?: AttributeMap;
  RequestItems?: { [table: string]: unknown };
  TransactItems?: unknown[];
  [field: string]: unknown;
}

export type ReturnConsumedCapacity = 'NONE' | 'TOTAL' | 'INDEXES';

/** Options of every write (put, create, update, delete). */
export interface WriteOptions {
  condition?: Condition;
  returnValuesOnConditionCheckFailure?: 'NONE' | 'ALL_OLD';
  returnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface PutOptions extends WriteOptions {
  returnValues?: 'NONE' | 'ALL_OLD';
}
export type DeleteOptions = PutOptions;
export interface UpdateOptions extends WriteOptions {
  returnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}
export interface GetOptions<T = never> {
  consistent?: boolean;
  /** Attribute paths to read (a ProjectionExpression). */
  select?: readonly AttributePath<T>[];
  returnConsumedCapacity?: ReturnConsumedCapacity;
}
export interface ReadOptions<T = never> extends GetOptions<T> {
  index?: string;
  filter?: Condition;
  limit?: number;
  startKey?: AttributeMap;
  count?: boolean;
}
export interface QueryPlanOptions<T = never> extends ReadOptions<T> {
  /** The sort key condition: where(sortKey).beginsWith(...), eq, lt, lte, gt, gte, between. */
  sort?: Condition;
  reverse?: boolean;
}
export interface ScanPlanOptions<T = never> extends ReadOptions<T> {
  segment?: number;
  totalSegments?: number;
}
export interface CreateTableOptions {
  billing?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  /** Required with PROVISIONED billing (the table's and every global index's). */
  throughput?: { read: number; write: number };
  stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
}

/**
 * What update() takes: update<typeof M>() (or an untyped update()), or a plain object taken as
 * one set() per property.
 */
export type UpdateChanges<M> =
  | Update<any, any>
  | Update<any, never>
  | {
      [K in Exclude<keyof InputItem<M>, KeyNames<M>>]?:
        | Exclude<InputItem<M>[K], undefined>
        | UpdateValue
        | AttributeRef;
    };

/** A write in a transaction (M.tx.put/create/update/delete/check), for db.transactWrite. */
export interface TxWriteOperation {
  readonly kind: 'put' | 'update' | 'delete' | 'check';
  readonly model: Model<any>;
  readonly input: unknown;
}

/** A read in a transaction (M.tx.get), for db.transactGet; `T` is the item it reads. */
export interface TxGetOperation<T = unknown> {
  readonly kind: 'get';
  readonly model: Model<any>;
  readonly input: unknown;
  /** Type only: the item this read resolves to. */
  readonly __item?: T;
}

export interface TxWriteOptions {
  condition?: Condition;
  returnValuesOnConditionCheckFailure?: 'NONE' | 'ALL_OLD';
}

export interface ModelPlans<D extends ModelDefinition> {
  put(item: InputItem<D>, options?: PutOptions): PlannedRequest<'PutItem'>;
  create(item: InputItem<D>, options?: WriteOptions): PlannedRequest<'PutItem'>;
  get(key: KeyOf<D>, options?: GetOptions<InferItem<D>>): PlannedRequest<'GetItem'>;
  delete(key: VersionedKeyOf<D>, options?: DeleteOptions): PlannedRequest<'DeleteItem'>;
  update(key: VersionedKeyOf<D>, changes: UpdateChanges<D>, options?: UpdateOptions): PlannedRequest<'UpdateItem'>;
  query(key: QueryKeyOf<D>, options?: QueryPlanOptions<InferItem<D>>): PlannedRequest<'Query'>;
  scan(options?: ScanPlanOptions<InferItem<D>>): PlannedRequest<'Scan'>;
  /** One request per 100 keys; duplicate keys are asked for once. */
  batchGet(keys: readonly KeyOf<D>[], options?: Pick<GetOptions<InferItem<D>>, 'consistent' | 'select'>): PlannedRequest<'BatchGetItem'>[];
  /** One request per 25 writes. */
  batchWrite(writes?: { put?: readonly InputItem<D>[]; delete?: readonly KeyOf<D>[] }): PlannedRequest<'BatchWriteItem'>[];
  createTable(options?: CreateTableOptions): PlannedRequest<'CreateTable'>;
  deleteTable(): PlannedRequest<'DeleteTable'>;
  describeTable(): PlannedRequest<'DescribeTable'>;
  updateTimeToLive(options?: { enabled?: boolean }): PlannedRequest<'UpdateTimeToLive'>;
}

export interface ModelTx<D extends ModelDefinition> {
  put(item: InputItem<D>, options?: TxWriteOptions): TxWriteOperation;
  create(item: InputItem<D>, options?: TxWriteOptions): TxWriteOperation;
  update(key: VersionedKeyOf<D>, changes: UpdateChanges<D>, options?: TxWriteOptions): TxWriteOperation;
  delete(key: VersionedKeyOf<D>, options?: TxWriteOptions): TxWriteOperation;
  /** A condition on an item the transaction does not otherwise write. */
  check(key: KeyOf<D>, condition: Condition): TxWriteOperation;
  get<const P extends readonly AttributePath<InferItem<D>>[]>(
    key: KeyOf<D>,
    options: { select: P },
  ): TxGetOperation<Selected<InferItem<D>, P>>;
  get(key: KeyOf<D>, options?: {}): TxGetOperation<InferItem<D>>;
}

/**
 * A compiled model. `D` is the definition's type, kept literal by model()'s `const` type
 * parameter (or `as const`), from which the item types are inferred: InferItem<typeof M>.
 * Plain `Model` (D = any) is any model, untyped: what code taking every model declares.
 */
export declare class Model<const D extends ModelDefinition = any> {
  constructor(definition: D);
  /** The definition as plain, frozen data: JSON.stringify(model.definition) round-trips. */
  readonly definition: D;
  readonly name: D['name'];
  readonly table: D['table'];
  /** Dry runs: the exact DynamoDB request each operation would send, with no I/O. */
  readonly plan: ModelPlans<D>;
  /** Operations for db.transactWrite / db.transactGet. */
  readonly tx: ModelTx<D>;
  /**
   * Checks any value against the model: `{ ok: true, value }` with defaults applied, or
   * `{ ok: false, errors }` listing every issue. Takes `unknown`: validating untrusted input
   * (a form, a request body) is what it is for.
   */
  validate(item: unknown): ValidationResult<InferItem<D>>;
  /** The item as a DynamoDB AttributeValue map; throws ValidationError listing every problem. */
  toItem(value: InputItem<D>): AttributeMap;
  /** A value from a DynamoDB AttributeValue map; throws ValidationError if the model cannot read it. */
  fromItem(attributeValues: AttributeMap): InferItem<D>;
}

/**
 * Compiles a model definition; throws SchemaError naming the bad path. The definition's literal
 * types are kept (no `as const` needed), so `InferItem<typeof M>` knows every attribute.
 */
export declare function model<const D extends ModelDefinition>(definition: CheckDefinition<D>): Model<D>;

/** How registerType() converts a value to and from its `base` type. */
export interface TypeCodec<Value = any, Base = any> {
  /** The built-in type the core validates and stores (its rules apply to the encoded value). */
  base: string;
  encode(value: Value): Base;
  decode(stored: Base): Value;
}

/**
 * Registers a conversion that cannot be data (a Money class, a Temporal value). Register before
 * model(), in every process that uses the model. For typed items, declare its JS type too:
 * `declare module 'dynamap' { interface RegisteredTypes { Money: Money } }`.
 */
export declare function registerType<Value = any, Base = any>(name: string, codec: TypeCodec<Value, Base>): void;
