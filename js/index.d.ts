// dynamap's TypeScript declarations (hand-written; the source is JavaScript).
//
// Item types are inferred from the model definition, which model() keeps literal through a
// `const` type parameter (writing `as const` works too):
//
//   const Order = model({ name: 'Order', table: 'orders', key: { partition: 'id' },
//                         attributes: { id: 'string', status: { type: 'enum', values: ['new', 'paid'] } } });
//   type Order = InferItem<typeof Order>;      // { id: string; status: 'new' | 'paid' }
//   const orders = createClient().model(Order); // get/put/query/... typed by Order
//
// Registered types (registerType) read as `unknown` until their JS type is declared:
//   declare module 'dynamap' { interface RegisteredTypes { Money: Money } }

export { model, Model, registerType } from './types/model.js';
export type {
  CreateTableOptions,
  DeleteOptions,
  DynamoRequest,
  GetOptions,
  ModelPlans,
  ModelTx,
  OperationName,
  PlannedRequest,
  PutOptions,
  QueryPlanOptions,
  ReadOptions,
  ReturnConsumedCapacity,
  ScanPlanOptions,
  TxGetOperation,
  TxWriteOperation,
  TxWriteOptions,
  TypeCodec,
  UpdateChanges,
  UpdateOptions,
  ValidationResult,
  WriteOptions,
} from './types/model.js';

export { createClient, Client } from './types/client.js';
export type {
  AbortSignalLike,
  BatchGetOptions,
  BatchOptions,
  BatchProgress,
  ClientGetOptions,
  ClientOptions,
  Credentials,
  CustomTransport,
  FetchInit,
  FetchResponse,
  ModelClient,
  Page,
  Query,
  RetryOptions,
  Scan,
  SignalOption,
  SortKeyCondition,
} from './types/client.js';

export { where, not, attr, Condition, update, plus, minus, ifNotExists, Update } from './types/expressions.js';
export type { Amount, AttributeRef, ConditionValue, DynamoTypeCode, Path, UpdateValue, Where } from './types/expressions.js';

export { marshall, unmarshall, NumberValue } from './types/values.js';
export type { AttributeMap, AttributeValue, MarshallScalar } from './types/values.js';

export {
  ERROR_CODES,
  DynamapError,
  SchemaError,
  ValidationError,
  ExpressionError,
  UsageError,
  ServiceError,
  ConditionFailedError,
  ThrottledError,
  TransactionCanceledError,
  BatchError,
} from './types/errors.js';
export type {
  BatchUnprocessed,
  CancellationReason,
  DynamapErrorOptions,
  ErrorClassName,
  ErrorCode,
  KnownErrorCode,
  ServiceErrorOptions,
  ValidationIssue,
  ValidationIssueCode,
} from './types/errors.js';

export type {
  AttributeDefinition,
  AttributeSpec,
  BuiltinTypeName,
  CheckDefinition,
  DefinitionValue,
  IndexDefinition,
  KeyDefinition,
  ModelDefinition,
  StringFormat,
  UnknownPolicy,
} from './types/definition.js';

export type {
  AddOperand,
  AttributeInput,
  AttributeOutput,
  AttributePath,
  DeepPartial,
  DefinitionOf,
  DeleteOperand,
  IndexItem,
  IndexName,
  InferItem,
  InputItem,
  InputOf,
  Item,
  KeyNames,
  KeyOf,
  ListOperand,
  NestedPath,
  OutputOf,
  QueryKeyOf,
  RawPath,
  RegisteredTypes,
  Selected,
  SortKeyName,
  UntypedItem,
  VersionName,
  VersionedKeyOf,
} from './types/infer.js';

/**
 * Resolves when the WebAssembly core is ready. In Node it is ready at import; in a browser,
 * `await ready()` once before the synchronous API (model, validate, plan.*, marshall).
 */
export declare function ready(): Promise<void>;
