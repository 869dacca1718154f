// Sends the core's request JSON through an AWS SDK v3 DynamoDBClient the caller made:
// createClient({ transport: { sdk: new DynamoDBClient({...}) } }). The SDK signs, retries and
// reads credentials its own way; this turns DynamoDB JSON into Commands, and hands the core the
// server's own answer text, so that both transports read every answer (and every broken one)
// the same way. @aws-sdk/client-dynamodb is the caller's dependency, loaded only when this
// transport is used.
import { base64ToBytes, bytesToBase64 } from '../core/base64.js';
import { DynamapError, UsageError } from '../errors.js';
import { Redactor, redactedCopy } from './redact.js';
import { DEFAULT_MAX_RESPONSE_BYTES, decodeText, networkFailure, readBodyBytes } from './response_body.js';

// DynamoDB JSON carries binary as base64, the SDK as Uint8Array: B and BS change form on the way.
function bytesIn(value) {
  if (Array.isArray(value)) return value.map(bytesIn);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'B' && typeof v === 'string') out.B = base64ToBytes(v);
    else if (key === 'BS' && Array.isArray(v)) out.BS = v.map((b) => (typeof b === 'string' ? base64ToBytes(b) : b));
    else Object.defineProperty(out, key, { value: bytesIn(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// Only when the answer text could not be kept (a request handler with a body of a kind
// readBodyBytes does not know): the SDK's output back to DynamoDB JSON. An AttributeValue the SDK
// did not know ({ $unknown: [type, payload] }) becomes what the server sent, for the core to refuse.
const bytesOut = (key, value) => {
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (value !== null && typeof value === 'object' && Array.isArray(value.$unknown) && value.$unknown.length === 2) {
    return { [value.$unknown[0]]: value.$unknown[1] };
  }
  return value;
};

let commands;
const loadCommands = () => (commands ??= import('@aws-sdk/client-dynamodb'));

// A middleware just above the SDK's HTTP handler (below its deserializer): reads the raw body of
// each attempt, at most maxBytes of it, keeps the text in `answer` and gives the deserializer the
// same bytes. It also remembers the access key id and session token the request was signed
// with, for redaction.
const keepAnswer = (answer, maxBytes, redactor, operation) => (next) => async (args) => {
  const headers = args.request?.headers ?? {};
  redactor.remember(headers['x-amz-security-token'], /Credential=([^/,\s]+)\//.exec(headers.authorization ?? '')?.[1]);
  answer.text = undefined;
  const result = await next(args);
  const response = result.response;
  const bytes = await readBodyBytes(response?.body, maxBytes, operation);
  if (bytes !== undefined) {
    answer.status = response.statusCode;
    answer.text = decodeText(bytes, response.statusCode, operation);
    response.body = bytes;
  }
  return result;
};

export class SdkTransport {
  #sdk;
  #maxResponseBytes;
  #redactor = new Redactor();

  constructor(sdk, { maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = {}) {
    if (sdk === null || typeof sdk !== 'object' || typeof sdk.send !== 'function') {
      throw new TypeError('transport: { sdk } takes a DynamoDBClient from @aws-sdk/client-dynamodb');
    }
    this.#sdk = sdk;
    this.#maxResponseBytes = maxResponseBytes;
  }

  /** The SDK retries by itself; the client does not add its own retries on top. */
  get retries() {
    return true;
  }

  async send(operation, body, { signal } = {}) {
    const Command = (await loadCommands())[`${operation}Command`];
    const command = new Command(bytesIn(JSON.parse(body)));
    const answer = {};
    command.middlewareStack?.add(keepAnswer(answer, this.#maxResponseBytes, this.#redactor, operation), {
      step: 'deserialize', priority: 'low', name: 'dynamapKeepAnswer',
    });
    let output;
    try {
      output = await this.#sdk.send(command, { abortSignal: signal });
    } catch (error) {
      if (signal?.aborted) throw error; // the client names a timeout or a cancellation
      if (error instanceof DynamapError) {
        delete error.$metadata; // added by the SDK's retry middleware on the way out
        throw error;
      }
      const status = error?.$metadata?.httpStatusCode;
      const requestId = error?.$metadata?.requestId;
      // An answer from DynamoDB (an error, or one the SDK could not deserialize): its own text,
      // which the core reads exactly as the fetch transport's.
      if (status !== undefined && answer.text !== undefined && answer.status === status) {
        return { status, body: answer.text, requestId };
      }
      if (status === undefined) {
        if (error?.name === 'CredentialsProviderError') {
          throw new UsageError('the AWS SDK found no credentials (see cause)', {
            code: 'usage.missingCredentials', cause: redactedCopy(error, (text) => this.redact(text)),
          });
        }
        throw networkFailure(operation, error, (text) => this.redact(text));
      }
      // The error as DynamoDB sent it, so the core maps it like any other.
      const shape = { __type: error.name, message: error.message };
      if (error.CancellationReasons) shape.CancellationReasons = error.CancellationReasons;
      if (error.Item) shape.Item = error.Item;
      return { status, body: JSON.stringify(shape, bytesOut), requestId };
    }
    const { $metadata, ...rest } = output;
    if (answer.text !== undefined) return { status: answer.status, body: answer.text, requestId: $metadata?.requestId };
    return { status: 200, body: JSON.stringify(rest, bytesOut), requestId: $metadata?.requestId };
  }

  /** `text` without the session token the SDK signed with, nor any signature. */
  redact(text) {
    return this.#redactor.redact(text);
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return 'SdkTransport';
  }

  toJSON() {
    return { transport: 'sdk' };
  }
}
