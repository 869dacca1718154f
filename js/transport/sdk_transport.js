// Sends the core's request JSON through an AWS SDK v3 DynamoDBClient the caller made:
// createClient({ transport: { sdk: new DynamoDBClient({...}) } }). The SDK signs, retries and
// reads credentials its own way; this only turns DynamoDB JSON into Commands and back.
// @aws-sdk/client-dynamodb is the caller's dependency, loaded only when this transport is used.
import { base64ToBytes, bytesToBase64 } from '../core/base64.js';

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

const bytesOut = (key, value) => (value instanceof Uint8Array ? bytesToBase64(value) : value);

let commands;
const loadCommands = () => (commands ??= import('@aws-sdk/client-dynamodb'));

export class SdkTransport {
  #sdk;

  constructor(sdk) {
    if (sdk === null || typeof sdk !== 'object' || typeof sdk.send !== 'function') {
      throw new TypeError('transport: { sdk } takes a DynamoDBClient from @aws-sdk/client-dynamodb');
    }
    this.#sdk = sdk;
  }

  /** The SDK retries by itself; the client does not add its own retries on top. */
  get retries() {
    return true;
  }

  async send(operation, body, { signal } = {}) {
    const Command = (await loadCommands())[`${operation}Command`];
    try {
      const output = await this.#sdk.send(new Command(bytesIn(JSON.parse(body))), { abortSignal: signal });
      const { $metadata, ...rest } = output;
      return { status: 200, body: JSON.stringify(rest, bytesOut), requestId: $metadata?.requestId };
    } catch (error) {
      const status = error?.$metadata?.httpStatusCode;
      if (status === undefined) throw error; // no answer from DynamoDB: a network or client error
      // The error as DynamoDB sent it, so the core maps it like any other.
      const answer = { __type: error.name, message: error.message };
      if (error.CancellationReasons) answer.CancellationReasons = error.CancellationReasons;
      if (error.Item) answer.Item = error.Item;
      return { status, body: JSON.stringify(answer, bytesOut), requestId: error.$metadata?.requestId };
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return 'SdkTransport';
  }

  toJSON() {
    return { transport: 'sdk' };
  }
}
