// createClient(): the client, its per-model handles (db.model(M)) and the query/scan builders.
import type { ModelDefinition } from './definition.js';
import type { Condition } from './expressions.js';
import type {
  AttributeInput,
  AttributePath,
  IndexItem,
  IndexName,
  InferItem,
  InputItem,
  KeyOf,
  QueryKeyOf,
  Selected,
  SortKeyName,
  VersionedKeyOf,
} from './infer.js';
import type {
  CreateTableOptions,
  DeleteOptions,
  Model,
  PlannedRequest,
  PutOptions,
  ReturnConsumedCapacity,
  TxGetOperation,
  TxWriteOperation,
  UpdateChanges,
  UpdateOptions,
  WriteOptions,
} from './model.js';

/**
 * AbortSignal: the global one where the program declares it (lib "DOM" or @types/node), else its
 * shape, so that these declarations compile with either or neither.
 */
export type AbortSignalLike = typeof globalThis extends { AbortSignal: { prototype: infer S } }
  ? S
  : {
      readonly aborted: boolean;
      readonly reason: unknown;
      addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
      removeEventListener(type: 'abort', listener: () => void): void;
    };

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A transport of your own: sends one operation's JSON body, resolves to DynamoDB's answer. */
export interface CustomTransport {
  send(
    operation: string,
    body: string,
    options: { signal?: AbortSignalLike },
  ): Promise<{ status: number; body: string; requestId?: string; date?: string }>;
  /** True if the transport retries by itself (the client then does not). */
  readonly retries?: boolean;
}

/** What the fetch transport passes to fetch (a subset of RequestInit). */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignalLike;
}

/** What the fetch transport reads of a fetch Response. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RetryOptions {
  /** Attempts including the first (default 3). */
  attempts?: number;
  baseDelayMs?: number;
  throttlingBaseDelayMs?: number;
  maxDelayMs?: number;
  /** The client-wide retry budget in tokens (default 500). */
  budget?: number;
}

export interface ClientOptions {
  /** Default: AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  /** DynamoDB Local, a proxy, ... */
  endpoint?: string;
  /** Static credentials or an async provider (called per request); default: the AWS_* variables. */
  credentials?: Credentials | (() => Credentials | Promise<Credentials>);
  /** Applied to every table name. */
  tablePrefix?: string;
  /** 'fetch' (default, SigV4-signed), `{ sdk: new DynamoDBClient(...) }`, or your own. */
  transport?: 'fetch' | { sdk: { send(command: any, options?: any): Promise<any> } } | CustomTransport;
  /** A fetch implementation (default: globalThis.fetch). */
  fetch?: (input: string, init: FetchInit) => Promise<FetchResponse>;
  retry?: RetryOptions;
  /** Signs query/scan cursors (HMAC-SHA256); at least 16 characters. */
  cursorSecret?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** The largest response body read (`response.tooLarge` beyond it); default 32 MiB. */
  maxResponseBytes?: number;
}

/** Options every operation takes. */
export interface SignalOption {
  /** Cancels the request (and its retries). */
  signal?: AbortSignalLike;
}

export interface ClientGetOptions extends SignalOption {
  consistent?: boolean;
  returnConsumedCapacity?: ReturnConsumedCapacity;
}

export interface BatchProgress {
  /** What is known done. */
  done: number;
  total: number;
}
export interface BatchOptions extends SignalOption {
  /** Chunks sent at once (default 4). */
  concurrency?: number;
  /** Rounds of resending what DynamoDB leaves unprocessed, per chunk (default 8). */
  unprocessedAttempts?: number;
  onProgress?(progress: BatchProgress): void;
}
export interface BatchGetOptions extends BatchOptions {
  consistent?: boolean;
}

/** One page of a query or scan; `cursor` is undefined on the last page. */
export interface Page<T> {
  items: T[];
  cursor: string | undefined;
}

/** The comparisons .where(sortKey) offers on a query; each returns the narrowed query. */
export interface SortKeyCondition<Q, V> {
  eq(value: V): Q;
  lt(value: V): Q;
  lte(value: V): Q;
  gt(value: V): Q;
  gte(value: V): Q;
  between(low: V, high: V): Q;
  beginsWith(prefix: string | Uint8Array): Q;
}

/** What query() and scan() builders share. Immutable: every method returns a new builder. */
interface ReadBuilder<T, Self> extends AsyncIterable<T> {
  filter(condition: Condition): Self;
  /** DynamoDB's Limit: items evaluated per request (the page size before filtering). */
  limit(n: number): Self;
  consistent(on?: boolean): Self;
  /** Resume after a page's cursor. */
  startAfter(cursor: string | undefined): Self;
  /** Cancels the requests of page(), all(), first(), count() and iteration. */
  signal(abortSignal: AbortSignalLike): Self;
  /** The request the next page() would send. */
  plan(): Promise<PlannedRequest<'Query' | 'Scan'>>;
  /** One page: { items, cursor }. */
  page(): Promise<Page<T>>;
  /** Every item of every page. */
  all(): Promise<T[]>;
  /** The first matching item, or undefined. */
  first(): Promise<T | undefined>;
  /** How many items match, counted by DynamoDB. */
  count(): Promise<number>;
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined>;
}

/**
 * A query. `T` is the item type it reads: the model's item; an index's projection after
 * .index(); the selected attributes after .select().
 */
export interface Query<D extends ModelDefinition, T = InferItem<D>> extends ReadBuilder<T, Query<D, T>> {
  /** Narrows the sort key (the table's or the index's). */
  where<K extends SortKeyName<D>>(sortKey: K): SortKeyCondition<Query<D, T>, AttributeInput<D, K>>;
  index<I extends IndexName<D>>(name: I): Query<D, IndexItem<D, I>>;
  select<const P extends readonly AttributePath<InferItem<D>>[]>(paths: P): Query<D, Selected<InferItem<D>, P>>;
  reverse(on?: boolean): Query<D, T>;
}

/** A scan; .segments(n) makes it a parallel scan. */
export interface Scan<D extends ModelDefinition, T = InferItem<D>> extends ReadBuilder<T, Scan<D, T>> {
  index<I extends IndexName<D>>(name: I): Scan<D, IndexItem<D, I>>;
  select<const P extends readonly AttributePath<InferItem<D>>[]>(paths: P): Scan<D, Selected<InferItem<D>, P>>;
  /** A parallel scan in `n` segments (all(), count() and for await read them concurrently). */
  segments(n: number): Scan<D, T>;
}

/** db.model(M): the operations on one model, with its item types. */
export interface ModelClient<D extends ModelDefinition> {
  readonly model: Model<D>;

  /** Writes (replaces) an item. With returnValues: 'ALL_OLD', resolves to the previous item. */
  put(item: InputItem<D>, options: PutOptions & SignalOption & { returnValues: 'ALL_OLD' }): Promise<InferItem<D> | undefined>;
  put(item: InputItem<D>, options?: PutOptions & SignalOption & { returnValues?: 'NONE' }): Promise<undefined>;
  put(item: InputItem<D>, options?: PutOptions & SignalOption): Promise<InferItem<D> | undefined>;

  /** Writes an item that must not exist yet (ConditionFailedError if it does). */
  create(item: InputItem<D>, options?: WriteOptions & SignalOption): Promise<undefined>;

  /** Reads an item by key: the item, or undefined when there is none. */
  get<const P extends readonly AttributePath<InferItem<D>>[]>(
    key: KeyOf<D>,
    options: ClientGetOptions & { select: P },
  ): Promise<Selected<InferItem<D>, P> | undefined>;
  get(key: KeyOf<D>, options?: ClientGetOptions): Promise<InferItem<D> | undefined>;

  /** Updates an item (update() or an object of attributes to set). */
  update(
    key: VersionedKeyOf<D>,
    changes: UpdateChanges<D>,
    options: UpdateOptions & SignalOption & { returnValues: 'ALL_NEW' },
  ): Promise<InferItem<D>>;
  update(
    key: VersionedKeyOf<D>,
    changes: UpdateChanges<D>,
    options: UpdateOptions & SignalOption & { returnValues: 'ALL_OLD' },
  ): Promise<InferItem<D> | undefined>;
  update(
    key: VersionedKeyOf<D>,
    changes: UpdateChanges<D>,
    options: UpdateOptions & SignalOption & { returnValues: 'UPDATED_OLD' | 'UPDATED_NEW' },
  ): Promise<Partial<InferItem<D>> | undefined>;
  update(
    key: VersionedKeyOf<D>,
    changes: UpdateChanges<D>,
    options?: UpdateOptions & SignalOption & { returnValues?: 'NONE' },
  ): Promise<undefined>;
  update(
    key: VersionedKeyOf<D>,
    changes: UpdateChanges<D>,
    options?: UpdateOptions & SignalOption,
  ): Promise<Partial<InferItem<D>> | undefined>;

  /** Deletes an item by key. With returnValues: 'ALL_OLD', resolves to the deleted item. */
  delete(key: VersionedKeyOf<D>, options: DeleteOptions & SignalOption & { returnValues: 'ALL_OLD' }): Promise<InferItem<D> | undefined>;
  delete(key: VersionedKeyOf<D>, options?: DeleteOptions & SignalOption & { returnValues?: 'NONE' }): Promise<undefined>;
  delete(key: VersionedKeyOf<D>, options?: DeleteOptions & SignalOption): Promise<InferItem<D> | undefined>;

  /** A query on the partition key (of the table or of the index chosen by .index()). */
  query(key: QueryKeyOf<D>): Query<D>;
  scan(): Scan<D>;

  /** Any number of keys; resolves to the items found (in no particular order). */
  batchGet<const P extends readonly AttributePath<InferItem<D>>[]>(
    keys: readonly KeyOf<D>[],
    options: BatchGetOptions & { select: P },
  ): Promise<Selected<InferItem<D>, P>[]>;
  batchGet(keys: readonly KeyOf<D>[], options?: BatchGetOptions): Promise<InferItem<D>[]>;

  /** Puts and deletes in chunks of 25; BatchError holds exactly the writes still unprocessed. */
  batchWrite(
    writes: { put?: readonly InputItem<D>[]; delete?: readonly KeyOf<D>[] },
    options?: BatchOptions,
  ): Promise<{ written: number }>;
}

type TxItems<Ops extends readonly TxGetOperation<unknown>[]> = {
  -readonly [I in keyof Ops]: Ops[I] extends TxGetOperation<infer T> ? T | undefined : never;
};

export declare class Client {
  constructor(options?: ClientOptions);
  /** The operations on one model, typed by it. */
  model<D extends ModelDefinition>(model: Model<D>): ModelClient<D>;
  /** Writes up to 100 operations (M.tx.put/create/update/delete/check) atomically. */
  transactWrite(
    operations: readonly TxWriteOperation[],
    options?: SignalOption & { token?: string; returnConsumedCapacity?: ReturnConsumedCapacity },
  ): Promise<{ token: string }>;
  /** Reads up to 100 items atomically (M.tx.get): the items in order, undefined where missing. */
  transactGet<const Ops extends readonly TxGetOperation<unknown>[]>(
    operations: Ops,
    options?: SignalOption & { returnConsumedCapacity?: ReturnConsumedCapacity },
  ): Promise<TxItems<Ops>>;
  /** Creates the model's table and indexes, and by default waits until they are ACTIVE. */
  createTable(model: Model<any>, options?: CreateTableOptions & SignalOption & { wait?: boolean }): Promise<{ tableName: string }>;
  deleteTable(model: Model<any>, options?: SignalOption): Promise<{ tableName: string }>;
  /** Sends one DynamoDB operation (with retries); resolves to the response body text. */
  send(operation: string, request: object, options?: SignalOption): Promise<string>;
  /** The retry policy in force. */
  readonly retry: Readonly<Required<RetryOptions>>;
  toJSON(): { client: 'dynamap' };
}

/** A client: `createClient({ region })`, credentials from the options or AWS_* variables. */
export declare function createClient(options?: ClientOptions): Client;
