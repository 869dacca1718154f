// Error classes, their fields, and ERROR_CODES.
import {
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
  ERROR_CODES,
  type ErrorCode,
  type KnownErrorCode,
} from 'dynamap';
import type { Equal, Expect } from './items.js';

export function handle(error: unknown): string {
  if (error instanceof ValidationError) {
    return error.errors.map((e) => `${e.path}: ${e.code} ${e.message}`).join('\n');
  }
  if (error instanceof TransactionCanceledError) {
    return error.reasons.map((r) => `${r.index} ${r.operation} ${r.model} ${r.code} ${r.message ?? ''}`).join('\n');
  }
  if (error instanceof ConditionFailedError || error instanceof ThrottledError) {
    const retry: boolean = error.retryable;
    return `${error.type} ${retry}`;
  }
  if (error instanceof ServiceError) {
    const status: number | undefined = error.statusCode;
    const id: string | undefined = error.requestId;
    return `${error.code} ${error.type} ${status} ${id} ${error.retryable}`;
  }
  if (error instanceof BatchError) {
    const left = error.unprocessed;
    if ('keys' in left) return `${left.keys.length} keys`;
    return `${left.put.length} puts, ${left.delete.length} deletes`;
  }
  if (error instanceof SchemaError || error instanceof ExpressionError || error instanceof UsageError) {
    return `${error.code} at ${error.path ?? ''}`;
  }
  if (error instanceof DynamapError) {
    const code: ErrorCode = error.code;
    const base: Error = error;
    return code + base.message;
  }
  return String(error);
}

const known: KnownErrorCode = 'validation.required';
const service: ErrorCode = 'service.ResourceNotFoundException';
// @ts-expect-error a code that does not exist
export const unknownCode: KnownErrorCode = 'validation.nope';
const entry = ERROR_CODES['schema.invalid'];
const description: string = entry.description;
type _class = Expect<Equal<typeof entry.class, import('dynamap').ErrorClassName>>;
// @ts-expect-error ERROR_CODES is read-only
ERROR_CODES['schema.invalid'] = entry;
void [known, service, description];

// Errors can be made (tests, transports of one's own).
export const made = new ServiceError('boom', { code: 'service.Boom', type: 'Boom', statusCode: 500, retryable: true });
export const batch = new BatchError('left', { code: 'batch.unprocessed', unprocessed: { keys: [{ id: 'a' }] } });
