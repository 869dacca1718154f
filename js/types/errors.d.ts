// The error classes (README "Errors"). Every error is a DynamapError with a stable `code`.
import type { KnownErrorCode } from './error_codes.js';

export type { KnownErrorCode } from './error_codes.js';

/** A code of ERROR_CODES, or `service.<__type>` for an error DynamoDB answered with. */
export type ErrorCode = KnownErrorCode | `service.${string}`;

/** The short code of a validation issue: 'required', 'pattern', ... (the code without 'validation.'). */
export type ValidationIssueCode = KnownErrorCode extends infer C
  ? C extends `validation.${infer Short}`
    ? Short
    : never
  : never;

/** One problem with a value: where (`'address.zip'`, `'items[2]'`), what, and a message. */
export interface ValidationIssue {
  path: string;
  code: ValidationIssueCode;
  message: string;
}

export type ErrorClassName =
  | 'SchemaError'
  | 'ValidationError'
  | 'ExpressionError'
  | 'UsageError'
  | 'ServiceError'
  | 'ConditionFailedError'
  | 'ThrottledError'
  | 'TransactionCanceledError'
  | 'BatchError';

/** ERROR_CODES: every code with its error class and meaning. */
export declare const ERROR_CODES: {
  readonly [C in KnownErrorCode]: { readonly class: ErrorClassName; readonly description: string };
};

export interface DynamapErrorOptions {
  code?: ErrorCode;
  path?: string;
  cause?: unknown;
}

export declare class DynamapError extends Error {
  constructor(message?: string, options?: DynamapErrorOptions);
  /** "family.name": 'validation.required', 'service.ResourceNotFoundException', ... */
  code: ErrorCode;
  /** Where a field is at fault: 'attributes.total.min', 'address.zip'. */
  path?: string;
}

/** model() refuses a definition; `path` names the bad part. */
export declare class SchemaError extends DynamapError {}

/** A value does not fit the model; `errors` lists every issue (as validate() does). */
export declare class ValidationError extends DynamapError {
  constructor(message?: string, options?: DynamapErrorOptions & { errors?: ValidationIssue[] });
  errors: ValidationIssue[];
}

/** A condition, update, key condition, projection or multi-item request cannot be built. */
export declare class ExpressionError extends DynamapError {}

/** The API was used in a way it does not support (an unknown option, a missing region, ...). */
export declare class UsageError extends DynamapError {}

export interface ServiceErrorOptions extends DynamapErrorOptions {
  type?: string;
  statusCode?: number;
  requestId?: string;
  retryable?: boolean;
}

/** DynamoDB answered with an error (or its answer cannot be read). */
export declare class ServiceError extends DynamapError {
  constructor(message?: string, options?: ServiceErrorOptions);
  /** DynamoDB's __type without the namespace: 'ResourceNotFoundException'. */
  type: string;
  /** The HTTP status (absent for a timeout or a table that did not become ACTIVE). */
  statusCode: number | undefined;
  requestId?: string;
  /** Whether trying again may succeed (throttling, 5xx, timeouts). */
  retryable: boolean;
}

/** A condition failed (ConditionalCheckFailedException), a stale version among them. */
export declare class ConditionFailedError extends ServiceError {}

/** DynamoDB throttled the request and the retries ran out. */
export declare class ThrottledError extends ServiceError {}

/** Why one operation of a cancelled transaction failed. */
export interface CancellationReason {
  /** The operation's position in the array given to transactWrite. */
  index: number;
  operation: 'put' | 'update' | 'delete' | 'check' | 'get' | undefined;
  /** The model's name. */
  model: string | undefined;
  /** DynamoDB's code: 'None', 'ConditionalCheckFailed', 'TransactionConflict', ... */
  code: string;
  message?: string;
}

/** A transaction was cancelled; `reasons[i]` belongs to the i-th operation. */
export declare class TransactionCanceledError extends ServiceError {
  constructor(message?: string, options?: ServiceErrorOptions & { reasons?: CancellationReason[] });
  reasons: CancellationReason[];
}

/** What a batch leaves unprocessed: the keys of a batchGet, or the writes of a batchWrite. */
export type BatchUnprocessed<Key = { [name: string]: unknown }, Item = { [name: string]: unknown }> =
  | { keys: Key[] }
  | { put: Item[]; delete: Key[] };

/** A batch could not process everything; `unprocessed` holds exactly what was not done. */
export declare class BatchError<Key = { [name: string]: unknown }, Item = { [name: string]: unknown }> extends DynamapError {
  constructor(message?: string, options?: DynamapErrorOptions & { unprocessed?: BatchUnprocessed<Key, Item> });
  unprocessed: BatchUnprocessed<Key, Item>;
}
