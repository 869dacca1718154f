// createClient(): sends the requests the core builds and reads the answers through the core.
import { callCore } from './core/core.js';
import { encodeInput } from './core/value_codec.js';
import { writeInputs } from './core/write_inputs.js';
import {
  ConditionFailedError,
  DynamapError,
  ServiceError,
  ThrottledError,
  TransactionCanceledError,
  UsageError,
} from './errors.js';
import { Model, TxOperation } from './model.js';
import { ModelClient } from './model_client.js';
import { FetchTransport } from './transport/fetch_transport.js';
import { redactPatterns } from './transport/redact.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  errorBodyOn200,
  malformedResponse,
  parseResponseObject,
  tooLarge,
} from './transport/response_body.js';
import { SdkTransport } from './transport/sdk_transport.js';
import { RetryBudget, retryPolicy, withRetries } from './retry.js';

const serviceErrorClasses = { ConditionFailedError, ThrottledError, TransactionCanceledError };

// DynamoDB's answers to a request signed too far from its own clock.
const isClockSkew = (error) =>
  error.type === 'RequestTimeTooSkewed' ||
  (error.type === 'InvalidSignatureException' && /expired|skew|in the future/i.test(error.message));

// An error answer as a typed error. Its message is the server's text, which may echo what was
// sent (DynamoDB's InvalidSignatureException quotes the canonical request): redacted.
function serviceError(status, body, requestId, redact) {
  // The body is redacted before the core cuts its excerpts (a cut secret is not found whole),
  // and what the core makes of it again after (a secret JSON-escaped in the body).
  const e = callCore(0, 'parse.error', JSON.stringify({ status, body: redact(body) }));
  const Class = serviceErrorClasses[e.errorClass] ?? ServiceError;
  const options = { code: `service.${e.type}`, type: e.type, statusCode: status, requestId, retryable: e.retryable };
  if (Class === TransactionCanceledError) {
    options.reasons = (e.cancellationReasons ?? []).map((r) => (r.Message === undefined ? r : { ...r, Message: redact(r.Message) }));
  }
  return new Class(redact(`${e.type}: ${e.message}`), options);
}

// reasons[i] of a cancelled transaction belongs to operations[i]: say which operation and model.
function withOperationReasons(error, operations) {
  if (error instanceof TransactionCanceledError) {
    error.reasons = error.reasons.map((reason, i) => ({
      index: i,
      operation: operations[i]?.kind,
      model: operations[i]?.model.name,
      code: reason?.Code ?? 'None',
      ...(reason?.Message === undefined ? {} : { message: reason.Message }),
    }));
  }
  return error;
}

export class Client {
  #transport;
  #tablePrefix;
  #retry;
  #budget;
  #timeoutMs;
  #cursorSecret;
  #maxResponseBytes;
  #models = new WeakMap();

  constructor({
    region, endpoint, credentials, tablePrefix, transport = 'fetch', fetch, retry, cursorSecret, timeoutMs,
    maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
  } = {}) {
    // transport: 'fetch' (SigV4-signed fetch), { sdk: DynamoDBClient }, or any { send(operation,
    // body, { signal }) -> { status, body, requestId } }.
    if (!(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
      throw new UsageError('maxResponseBytes: a whole number of bytes > 0', { code: 'usage.invalidOption' });
    }
    this.#maxResponseBytes = maxResponseBytes;
    this.#retry = retryPolicy(retry);
    this.#budget = new RetryBudget(this.#retry.budget);
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new UsageError('timeoutMs: a number of milliseconds > 0', { code: 'usage.invalidOption' });
    }
    this.#timeoutMs = timeoutMs;
    if (cursorSecret !== undefined && (typeof cursorSecret !== 'string' || cursorSecret.length < 16)) {
      throw new UsageError('cursorSecret: a string of at least 16 characters', { code: 'usage.invalidOption' });
    }
    this.#cursorSecret = cursorSecret;
    if (tablePrefix !== undefined && typeof tablePrefix !== 'string') {
      throw new UsageError('tablePrefix: expected a string', { code: 'usage.invalidOption' });
    }
    this.#tablePrefix = tablePrefix;
    if (transport === 'fetch') {
      this.#transport = new FetchTransport({ region, endpoint, credentials, fetch, maxResponseBytes });
    } else if (transport !== null && typeof transport === 'object' && 'sdk' in transport) {
      this.#transport = new SdkTransport(transport.sdk, { maxResponseBytes });
    } else if (transport !== null && typeof transport === 'object' && typeof transport.send === 'function') {
      this.#transport = transport; // a custom transport: { send(operation, body, { signal }) }
    } else {
      throw new UsageError("transport: expected 'fetch' or an object with send()", { code: 'usage.invalidOption' });
    }
  }

  /** Options every request shares, merged into an operation's own. */
  requestOptions(options = {}) {
    return this.#tablePrefix === undefined ? options : { ...options, tablePrefix: this.#tablePrefix };
  }

  /** The secret that signs cursors (never shown), for the read builders. */
  get cursorSecret() {
    return this.#cursorSecret;
  }

  get retry() {
    return this.#retry;
  }

  /** Server text as it may be shown: without credentials or signatures. */
  #redact = (text) => (typeof text === 'string' ? redactPatterns(this.#transport.redact?.(text) ?? text) : text);

  /**
   * Runs a core reader on a response body (`model._call(operation, body)`). What the core says
   * about a stored item can quote the server's data (an attribute name, an enum value): an error
   * is shown redacted, like every other text from the server.
   */
  _read(m, operation, body) {
    try {
      return m._call(operation, body);
    } catch (error) {
      if (!(error instanceof DynamapError)) throw error;
      const redact = this.#redact;
      error.message = redact(error.message);
      error.stack = redact(error.stack);
      if (error.path !== undefined) error.path = redact(error.path);
      if (Array.isArray(error.errors)) {
        error.errors = error.errors.map((issue) => ({ ...issue, path: redact(issue.path), message: redact(issue.message) }));
      }
      throw error;
    }
  }

  /**
   * Sends one DynamoDB operation, retrying what may succeed on a later try; resolves to the
   * response body text or throws a typed error.
   */
  async send(operation, request, { signal } = {}) {
    const body = JSON.stringify(request);
    // A transport that retries by itself (the AWS SDK) is not retried again on top.
    const policy = this.#transport.retries ? { ...this.#retry, attempts: 1 } : this.#retry;
    return withRetries(policy, async () => {
      const response = await this.#attempt(operation, body, signal);
      if (typeof response?.body !== 'string') {
        throw malformedResponse(operation, '', 'the transport gave no body text', { statusCode: response?.status });
      }
      // The built-in transports stop reading at the limit; a custom one is held to it here (in
      // UTF-16 units, never more than the bytes).
      if (response.body.length > this.#maxResponseBytes) throw tooLarge(operation, this.#maxResponseBytes, response.status);
      const requestId = this.#redact(response.requestId);
      if (response.status === 200) {
        const errorBody = errorBodyOn200(operation, response.body, { requestId, redact: this.#redact });
        if (errorBody) throw errorBody;
        return response.body;
      }
      const error = serviceError(response.status, response.body, requestId, this.#redact);
      // A request signed with a clock far from DynamoDB's: sign again with DynamoDB's time.
      if (isClockSkew(error) && response.date && this.#transport.correctClock?.(Date.parse(response.date))) {
        throw Object.assign(new ServiceError(error.message, {
          code: 'service.clockSkew', type: error.type, statusCode: error.statusCode, requestId: error.requestId, retryable: true,
        }), { retryNow: true });
      }
      throw error;
    }, signal, this.#budget);
  }

  // One attempt, bounded by timeoutMs; the caller's signal cancels it at once.
  async #attempt(operation, body, signal) {
    if (this.#timeoutMs === undefined) return this.#transport.send(operation, body, { signal });
    const controller = new AbortController();
    const timeout = new ServiceError(`${operation}: no answer within ${this.#timeoutMs} ms`, {
      code: 'service.timeout', type: 'Timeout', retryable: true,
    });
    const timer = setTimeout(() => controller.abort(timeout), this.#timeoutMs);
    const forward = () => controller.abort(signal.reason);
    signal?.addEventListener('abort', forward, { once: true });
    try {
      return await this.#transport.send(operation, body, { signal: signal?.aborted ? signal : controller.signal });
    } catch (error) {
      throw controller.signal.reason === timeout ? timeout : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  /** Writes up to 100 operations (M.tx.put/update/delete/check) atomically. */
  async transactWrite(operations, { token, signal, ...options } = {}) {
    const items = operations.map((op, i) => {
      if (!(op instanceof TxOperation) || op.kind === 'get') {
        throw new UsageError(`transactWrite: operation ${i} is not M.tx.put/create/update/delete/check`, { code: 'usage.invalidArgument' });
      }
      return { model: op.model._handle, [op.kind]: op.input };
    });
    // One token for the call and all its retries: DynamoDB then applies the transaction once.
    const clientToken = token ?? globalThis.crypto.randomUUID();
    const { operation, request } = callCore(0, 'plan.transactWrite', encodeInput({
      items,
      options: this.requestOptions({ ...options, token: clientToken }),
      ...writeInputs(),
    }));
    let body;
    try {
      body = await this.send(operation, request, { signal });
    } catch (error) {
      throw withOperationReasons(error, operations);
    }
    parseResponseObject(operation, body);
    return { token: clientToken };
  }

  /** Reads up to 100 items atomically (M.tx.get); resolves to values (undefined where missing), in order. */
  async transactGet(operations, { signal, ...options } = {}) {
    const items = operations.map((op, i) => {
      if (!(op instanceof TxOperation) || op.kind !== 'get') {
        throw new UsageError(`transactGet: operation ${i} is not M.tx.get`, { code: 'usage.invalidArgument' });
      }
      return { model: op.model._handle, get: op.input };
    });
    const { operation, request } = callCore(0, 'plan.transactGet', encodeInput({ items, options: this.requestOptions(options) }));
    let body;
    try {
      body = await this.send(operation, request, { signal });
    } catch (error) {
      throw withOperationReasons(error, operations);
    }
    // Responses[i] answers operations[i]: one entry per get, in order; an item not found is
    // null or has no Item. Any other shape would shift or lose items.
    const { Responses: responses } = parseResponseObject(operation, body);
    if (!Array.isArray(responses) || responses.length !== operations.length) {
      const got = Array.isArray(responses) ? `${responses.length} entries` : responses === undefined ? 'none' : 'not a list';
      throw malformedResponse(operation, 'Responses', `expected a list of ${operations.length} entries, one per get; got ${got}`);
    }
    return responses.map((entry, i) => {
      const item = entry?.Item;
      if (entry !== null && (typeof entry !== 'object' || Array.isArray(entry))) {
        throw malformedResponse(operation, `Responses[${i}]`, 'expected an object');
      }
      if (item === undefined || item === null) return undefined;
      if (typeof item !== 'object' || Array.isArray(item)) {
        throw malformedResponse(operation, `Responses[${i}].Item`, 'expected an item (a map of attribute values)');
      }
      const m = operations[i].model;
      const partial = operations[i].input.options?.select !== undefined;
      const read = this._read(m, partial ? 'parse.partialItem' : 'parse.getItem', JSON.stringify({ Item: item }));
      return m._decode(read.item);
    });
  }

  /** Operations on one model: put, get, delete. */
  model(m) {
    if (!(m instanceof Model)) throw new UsageError('client.model(): expected a model()', { code: 'usage.invalidArgument' });
    let handle = this.#models.get(m);
    if (handle === undefined) {
      handle = new ModelClient(this, m);
      this.#models.set(m, handle);
    }
    return handle;
  }

  /** Creates the model's table (and indexes) and waits until it is ACTIVE. */
  async createTable(m, { wait = true, signal, ...options } = {}) {
    const { operation, request } = m._call('plan.createTable', encodeInput({ options: this.requestOptions(options) }));
    parseResponseObject(operation, await this.send(operation, request, { signal }));
    if (wait) await this.#waitForTable(request.TableName, signal);
    return { tableName: request.TableName };
  }

  /** Deletes the model's table. */
  async deleteTable(m, { signal } = {}) {
    const { operation, request } = m._call('plan.deleteTable', encodeInput({ options: this.requestOptions({}) }));
    parseResponseObject(operation, await this.send(operation, request, { signal }));
    return { tableName: request.TableName };
  }

  async #waitForTable(tableName, signal, timeoutMs = 5 * 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
      const description = parseResponseObject('DescribeTable', await this.send('DescribeTable', { TableName: tableName }, { signal }));
      const table = description.Table ?? {};
      if (table === null || typeof table !== 'object' || Array.isArray(table)) {
        throw malformedResponse('DescribeTable', 'Table', 'expected a table description');
      }
      const indexesActive = (table.GlobalSecondaryIndexes ?? []).every((ix) => ix.IndexStatus === 'ACTIVE');
      if (table.TableStatus === 'ACTIVE' && indexesActive) return;
      if (Date.now() > deadline) {
        throw new ServiceError(`table ${tableName} was not ACTIVE after ${timeoutMs} ms`, {
          code: 'service.tableNotActive',
          type: 'TableNotActive',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    const transport = this.#transport[Symbol.for('nodejs.util.inspect.custom')]?.() ?? 'custom';
    return `Client { transport: ${transport}${this.#cursorSecret === undefined ? '' : ', cursorSecret: [hidden]'} }`;
  }

  toJSON() {
    return { client: 'dynamap' };
  }
}

export function createClient(options) {
  return new Client(options);
}
