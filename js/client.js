// createClient(): sends the requests the core builds and reads the answers through the core.
import { callCore } from './core/core.js';
import { encodeInput } from './core/value_codec.js';
import {
  ConditionFailedError,
  ServiceError,
  ThrottledError,
  TransactionCanceledError,
  UsageError,
} from './errors.js';
import { Model } from './model.js';
import { ModelClient } from './model_client.js';
import { FetchTransport } from './transport/fetch_transport.js';

const serviceErrorClasses = { ConditionFailedError, ThrottledError, TransactionCanceledError };

function serviceError(status, body, requestId) {
  const e = callCore(0, 'parse.error', JSON.stringify({ status, body }));
  const Class = serviceErrorClasses[e.errorClass] ?? ServiceError;
  const options = { code: `service.${e.type}`, type: e.type, statusCode: status, requestId, retryable: e.retryable };
  if (Class === TransactionCanceledError) options.reasons = e.cancellationReasons ?? [];
  return new Class(`${e.type}: ${e.message}`, options);
}

export class Client {
  #transport;
  #tablePrefix;
  #models = new WeakMap();

  constructor({ region, endpoint, credentials, tablePrefix, transport = 'fetch', fetch } = {}) {
    if (tablePrefix !== undefined && typeof tablePrefix !== 'string') {
      throw new UsageError('tablePrefix: expected a string', { code: 'usage.invalidOption' });
    }
    this.#tablePrefix = tablePrefix;
    if (transport === 'fetch') {
      this.#transport = new FetchTransport({ region, endpoint, credentials, fetch });
    } else if (transport !== null && typeof transport === 'object' && typeof transport.send === 'function') {
      this.#transport = transport; // a custom transport: { send(operation, body, { signal }) }
    } else {
      throw new UsageError("transport: expected 'fetch' or an object with send()", { code: 'usage.invalidOption' });
    }
  }

  /** Options every request shares, merged into an operation's own. */
  requestOptions(options) {
    return this.#tablePrefix === undefined ? options : { ...options, tablePrefix: this.#tablePrefix };
  }

  /** Sends one DynamoDB operation; resolves to the response body text or throws a ServiceError. */
  async send(operation, request, { signal } = {}) {
    const { status, body, requestId } = await this.#transport.send(operation, JSON.stringify(request), { signal });
    if (status === 200) return body;
    throw serviceError(status, body, requestId);
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
    return `Client { transport: ${this.#transport[Symbol.for('nodejs.util.inspect.custom')]?.() ?? 'custom'} }`;
  }

  toJSON() {
    return { client: 'dynamap' };
  }
}

export function createClient(options) {
  return new Client(options);
}
