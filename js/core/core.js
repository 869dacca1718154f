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

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Runs one core operation on a model handle (0: no model) with JSON in: text, or its UTF-8 bytes
 * as a Uint8Array (the tests send bytes that are not UTF-8 to see the core refuse them).
 */
export function callCore(handle, operation, input) {
  const core = loadedCore();
  const text = typeof input === 'string';
  // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
  const room = text ? input.length * 3 : input.length;
  const at = core.inputBuffer(room);
  // HEAPU8 is read after each call into the module: memory may have grown, detaching the old view.
  let written = input.length;
  if (text) written = encoder.encodeInto(input, core.HEAPU8.subarray(at, at + room)).written;
  else core.HEAPU8.set(input, at);
  const size = core.callBytes(handle, operation, written);
  const from = core.replyData();
  return unwrap(decoder.decode(core.HEAPU8.subarray(from, from + size)));
}
