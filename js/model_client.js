// db.model(M): the operations on one model, each one core call to build the request, one send,
// and one core call to read the answer.
import { batchGet, batchWrite } from './batches.js';
import { Query, Scan } from './reads.js';

export class ModelClient {
  #client;
  #model;

  constructor(client, model) {
    this.#client = client;
    this.#model = model;
  }

  get model() {
    return this.#model;
  }

  async #write(plan, parse, signal) {
    const { operation, request } = plan;
    const body = await this.#client.send(operation, request, { signal });
    const out = this.#client._read(this.#model, parse, body);
    return out.attributes === undefined ? undefined : this.#model._decode(out.attributes);
  }

  /** Writes (replaces) an item. With returnValues: 'ALL_OLD', resolves to the previous item. */
  async put(item, { signal, ...options } = {}) {
    return this.#write(this.#model.plan.put(item, this.#client.requestOptions(options)), 'parse.writeItem', signal);
  }

  /** Writes an item that must not exist yet (ConditionFailedError if it does). */
  async create(item, { signal, ...options } = {}) {
    return this.#write(this.#model.plan.create(item, this.#client.requestOptions(options)), 'parse.writeItem', signal);
  }

  /** Reads an item by key; resolves to the value, or undefined when there is none. */
  async get(key, { signal, ...options } = {}) {
    const { operation, request } = this.#model.plan.get(key, this.#client.requestOptions(options));
    const body = await this.#client.send(operation, request, { signal });
    const out = this.#client._read(this.#model, options.select === undefined ? 'parse.getItem' : 'parse.partialItem', body);
    return out.item === undefined ? undefined : this.#model._decode(out.item);
  }

  /** Updates an item (update() or an object of attributes to set); resolves to returnValues' item. */
  async update(key, changes, { signal, ...options } = {}) {
    const partial = options.returnValues === 'UPDATED_OLD' || options.returnValues === 'UPDATED_NEW';
    return this.#write(this.#model.plan.update(key, changes, this.#client.requestOptions(options)),
      partial ? 'parse.partialWriteItem' : 'parse.writeItem', signal);
  }

  /** Deletes an item by key. With returnValues: 'ALL_OLD', resolves to the deleted item. */
  async delete(key, { signal, ...options } = {}) {
    return this.#write(this.#model.plan.delete(key, this.#client.requestOptions(options)), 'parse.writeItem', signal);
  }

  /** A query on the partition key value (and optionally the sort key): see reads.js. */
  query(key) {
    return new Query({ model: this.#model, client: this.#client, kind: 'query', key }, this.#client.requestOptions({}) ?? {});
  }

  scan() {
    return new Scan({ model: this.#model, client: this.#client, kind: 'scan' }, this.#client.requestOptions({}) ?? {});
  }

  /** Any number of keys; resolves to the items found. BatchError holds keys still unprocessed. */
  batchGet(keys, options) {
    return batchGet(this.#client, this.#model, keys, options);
  }

  /** { put: items, delete: keys }; BatchError holds exactly the writes still unprocessed. */
  batchWrite(writes, options) {
    return batchWrite(this.#client, this.#model, writes, options);
  }
}
