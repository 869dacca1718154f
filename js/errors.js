// Every error dynamap throws is a DynamapError with a stable `code` ("family.name"), and where a
// field is at fault, its `path`. Messages never contain credentials or signatures.

export class DynamapError extends Error {
  constructor(message, { code, path, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    if (path !== undefined && path !== '') this.path = path;
  }
}

/** The model definition itself is wrong; `path` names the bad part (`attributes.total.min`). */
export class SchemaError extends DynamapError {}

/** A value does not fit the model; `errors` lists every problem as { path, code, message }. */
export class ValidationError extends DynamapError {
  constructor(message, { errors = [], ...rest } = {}) {
    super(message, rest);
    this.errors = errors;
  }
}

/** A condition, update or key expression cannot be built as written. */
export class ExpressionError extends DynamapError {}

/** The caller used the API in a way it does not support (an unknown option, a missing region). */
export class UsageError extends DynamapError {}

/** DynamoDB answered with an error; `type` is its __type without the namespace. */
export class ServiceError extends DynamapError {
  constructor(message, { type, statusCode, requestId, retryable = false, ...rest } = {}) {
    super(message, rest);
    this.type = type;
    this.statusCode = statusCode;
    if (requestId !== undefined) this.requestId = requestId;
    this.retryable = retryable;
  }
}

/** A condition expression failed (ConditionalCheckFailedException). */
export class ConditionFailedError extends ServiceError {}

/** DynamoDB throttled the request and the retries ran out. */
export class ThrottledError extends ServiceError {}

/** A transaction was cancelled; `reasons[i]` belongs to the i-th operation. */
export class TransactionCanceledError extends ServiceError {
  constructor(message, { reasons = [], ...rest } = {}) {
    super(message, rest);
    this.reasons = reasons;
  }
}

/** A batch could not process everything; `unprocessed` holds exactly what was not done. */
export class BatchError extends DynamapError {
  constructor(message, { unprocessed, ...rest } = {}) {
    super(message, rest);
    this.unprocessed = unprocessed;
  }
}
