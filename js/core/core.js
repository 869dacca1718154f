// The one doorway to the WebAssembly core: text in, text out, errors turned into typed JS errors.
import { loadedCore } from '#wasm-loader';
import {
  DynamapError,
  ExpressionError,
  SchemaError,
  ServiceError,
  UsageError,
  ValidationError,
} from '../errors.js';

const errorClasses = {
  SchemaError,
  ValidationError,
  ExpressionError,
  UsageError,
  ResponseError: ServiceError,
};

// The core's JSON objects have sorted keys; issues read best as { path, code, message }.
export const orderIssues = (issues) => issues.map(({ path, code, message }) => ({ path, code, message }));

function toError(error) {
  const Class = errorClasses[error.kind] ?? DynamapError;
  const options = { code: error.code, path: error.path };
  if (Class === ValidationError) options.errors = orderIssues(error.issues ?? []);
  if (Class === ServiceError) options.type = 'InvalidResponse';
  return new Class(error.message, options);
}

function unwrap(replyText) {
  const reply = JSON.parse(replyText);
  if (reply.error !== undefined) throw toError(reply.error);
  return reply.result;
}

// Models no longer referenced from JS free their compiled form in the core.
const releaser =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((handle) => loadedCore().release(handle))
    : undefined;

/**
 * Compiles a model definition once; returns { handle, needs: { clock, random } } (whether its
 * defaults use 'now' or 'uuid'). Throws SchemaError.
 */
export function compileModel(definitionText, owner) {
  const reply = JSON.parse(loadedCore().compile(definitionText));
  if (reply.error !== undefined) throw toError(reply.error);
  releaser?.register(owner, reply.handle);
  return reply;
}

/** Runs one core operation on a model handle (0: no model) with JSON text in. */
export function callCore(handle, operation, inputText) {
  return unwrap(loadedCore().call(handle, operation, inputText));
}
