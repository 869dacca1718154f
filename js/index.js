// dynamap: a DynamoDB object mapper whose validation, type mapping and request building run in a
// C++ core compiled to WebAssembly.
export { model, Model } from './model.js';
export { createClient, Client } from './client.js';
export { where, not, attr, Condition } from './expressions/condition.js';
export { update, plus, minus, ifNotExists, Update } from './expressions/update.js';
export { marshall, unmarshall } from './schemaless.js';
export { registerType } from './custom_types.js';
export { NumberValue } from './number_value.js';
export { ERROR_CODES } from './error_codes.js';
export { ready } from '#wasm-loader';
export {
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
} from './errors.js';
