// createClient(): sends the requests the core builds and reads the answers through the core.
import { callCore } from './core/core.js';
import { encodeInput } from './core/value_codec.js';
import { writeInputs } from './core/write_inputs.js';
import {
  ConditionFailedError,
  ServiceError,
  ThrottledError,
  TransactionCanceledError,
  UsageError,
} from './errors.js';
import { Model, TxOperation } from './model.js';
import { ModelClient } from './model_client.js';
import { FetchTransport } from './transport/fetch_transport.js';
import { SdkTransport } from './transport/sdk_transport.js';
import { RetryBudget, retryPolicy, withRetries } from './retry.js';

const serviceErrorClasses = { ConditionFailedError, ThrottledError, TransactionCanceledError };

// DynamoDB's answers to a request signed too far from its own clock.
const isClockSkew = (error) =>
  error.type === 'RequestTimeTooSkewed' ||
  (error.type === 'InvalidSignatureException' && /expired|skew|in the future/i.test(error.message));

function serviceError(status, body, requestId) {
  const e = callCore(0, 'parse.error', JSON.stringify({ status, body }));
  const Class = serviceErrorClasses[e.errorClass] ?? ServiceError;
  const options = { code: `service.${e.type}`, type: e.type, statusCode: status, requestId, retryable: e.retryable };
  if (Class === TransactionCanceledError) options.reasons = e.cancellationReasons ?? [];
  return new Class(`${e.type}: ${e.message}`, options);
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
  #models = new WeakMap();

  constructor({ region, endpoint, credentials, tablePrefix, transport = 'fetch', fetch, retry, cursorSecret, timeoutMs } = {}) {
    // transport: 'fetch' (SigV4-signed fetch), { sdk: DynamoDBClient }, or any { send(operation,
    // body, { signal }) -> { status, body, requestId } }.
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
      this.#transport = new FetchTransport({ region, endpoint, credentials, fetch });
    } else if (transport !== null && typeof transport === 'object' && 'sdk' in transport) {
      this.#transport = new SdkTransport(transport.sdk);
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
      if (response.status === 200) return response.body;
      const error = serviceError(response.status, response.body, response.requestId);
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
    try {
      await this.send(operation, request, { signal });
    } catch (error) {
      throw withOperationReasons(error, operations);
    }
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
    let response;
    try {
      response = JSON.parse(await this.send(operation, request, { signal }));
    } catch (error) {
      throw withOperationReasons(error, operations);
    }
    return (response.Responses ?? []).map((entry, i) => {
      if (entry?.Item === undefined) return undefined;
      const m = operations[i].model;
      const partial = operations[i].input.options?.select !== undefined;
      const read = m._call(partial ? 'parse.partialItem' : 'parse.getItem', JSON.stringify({ Item: entry.Item }));
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
    await this.send(operation, request, { signal });
    if (wait) await this.#waitForTable(request.TableName, signal);
    return { tableName: request.TableName };
  }

  /** Deletes the model's table. */
  async deleteTable(m, { signal } = {}) {
    const { operation, request } = m._call('plan.deleteTable', encodeInput({ options: this.requestOptions({}) }));
    await this.send(operation, request, { signal });
    return { tableName: request.TableName };
  }

  async #waitForTable(tableName, signal, timeoutMs = 5 * 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
      const description = JSON.parse(await this.send('DescribeTable', { TableName: tableName }, { signal }));
      const table = description.Table ?? {};
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
