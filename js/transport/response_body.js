// Reading a DynamoDB answer before the core sees it: its size limit, whether it is JSON at all,
// and the typed errors for an answer that cannot be read. Every check here is about the body as
// a whole; what is inside an item is the core's to read.
import { ServiceError } from '../errors.js';
import { redactedCopy } from './redact.js';

/**
 * The largest response body read by default: 32 MiB. DynamoDB's largest answer is a
 * BatchGetItem page, at most 16 MB of items as DynamoDB sizes them; its JSON is larger (type
 * tags, quotes, base64 for binary), and twice the page leaves room for that. A body over the
 * limit is refused while it is read (response.tooLarge), so a hostile or broken endpoint cannot
 * make the client buffer without end, nor the core's WebAssembly memory grow for it (that memory
 * never shrinks). createClient({ maxResponseBytes }) changes it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

const invalid = (code, message, { path, statusCode, requestId } = {}) =>
  new ServiceError(message, { code, path, type: 'InvalidResponse', statusCode, requestId, retryable: false });

export function tooLarge(operation, maxBytes, statusCode) {
  return invalid('response.tooLarge', `${operation}: the response is over ${maxBytes} bytes (maxResponseBytes); refused unread`, { statusCode });
}

export function malformedResponse(operation, path, message, details) {
  return invalid('response.malformed', `${operation} response: ${path ? `${path}: ` : ''}${message}`, { path, ...details });
}

/** The body as an object, or response.invalidJson / response.malformed. */
export function parseResponseObject(operation, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('response.invalidJson', `${operation}: the server's response is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformedResponse(operation, '', 'not a JSON object');
  }
  // (errorBodyOn200 finds the usual form first; this, one whose name is written with escapes.)
  if (Object.hasOwn(value, '__type')) {
    throw malformedResponse(operation, '__type', 'a result that holds an error: whether it took effect is unknown');
  }
  return value;
}

/**
 * DynamoDB signals an error by its HTTP status; an answer with status 200 is the operation's
 * result, and no result holds `__type`. A 200 whose body is an error ({ __type, message }) is
 * therefore neither: whether the operation took effect is unknown, so it is refused as
 * response.malformed (never retried, never read as "no item" or "done"). Returns the error, or
 * undefined for a body that is not an error body.
 */
export function errorBodyOn200(operation, text, { requestId, redact }) {
  if (!text.includes('"__type"')) return undefined;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // not JSON: the reader says so
  }
  if (value === null || typeof value !== 'object' || typeof value.__type !== 'string') return undefined;
  const type = value.__type.slice(value.__type.indexOf('#') + 1).slice(0, 100);
  const said = typeof value.message === 'string' ? value.message : typeof value.Message === 'string' ? value.Message : '';
  // Redacted before it is cut: a cut secret would no longer be found whole.
  const quoted = `${redact(type)}${said ? `: ${redact(said).slice(0, 500)}` : ''}`;
  return malformedResponse(operation, '__type',
    `HTTP 200 with an error body (${quoted}); DynamoDB sends errors with an error status, so whether ${operation} took effect is unknown`,
    { statusCode: 200, requestId });
}

// A successful answer must be UTF-8: replacing bad bytes with U+FFFD (what Response#text() does)
// would hand the caller a silently different string. An error page's text is only a message.
const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder();

function joined(chunks, size) {
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/**
 * Reads a body (a web ReadableStream, a Node stream or any async iterable of bytes, bytes or a
 * string) up to `maxBytes`; resolves to its bytes, or undefined for a kind of body it does not
 * know. Over the limit it stops reading, cancels the stream and throws response.tooLarge.
 */
export async function readBodyBytes(body, maxBytes, operation) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string') body = new TextEncoder().encode(body);
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw tooLarge(operation, maxBytes);
    return body;
  }
  const chunks = [];
  let size = 0;
  const take = (chunk) => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.byteLength;
    if (size > maxBytes) return false;
    chunks.push(bytes);
    return true;
  };
  if (typeof body.getReader === 'function') {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value)) {
        reader.cancel().catch(() => {});
        throw tooLarge(operation, maxBytes);
      }
    }
    return joined(chunks, size);
  }
  if (typeof body[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body) {
      if (!take(chunk)) {
        body.destroy?.(); // a Node stream: close the connection rather than drain it
        throw tooLarge(operation, maxBytes);
      }
    }
    return joined(chunks, size);
  }
  return undefined;
}

/** The body's text; for a 2xx status, bytes that are not UTF-8 are response.invalidJson. */
export function decodeText(bytes, status, operation) {
  if (status < 200 || status > 299) return lenient.decode(bytes);
  try {
    return strict.decode(bytes);
  } catch {
    throw invalid('response.invalidJson', `${operation}: the server's response is not UTF-8 text`);
  }
}

/**
 * No whole answer arrived (refused, reset, closed mid-body, a DNS failure): service.network,
 * retried like a timeout. The message and `cause` are redacted copies: a runtime's message may
 * quote a header value it refused.
 */
export function networkFailure(operation, error, redact) {
  const cause = redactedCopy(error, redact);
  const detail = [cause.message, cause.cause?.message, cause.cause?.code ?? cause.code].filter(Boolean).join(': ');
  return new ServiceError(`${operation}: no answer from the server (${detail || 'network failure'})`, {
    code: 'service.network', type: 'NetworkError', retryable: true, cause,
  });
}
