// db.model(M): the operations on one model, each one core call to build the request, one send,
// and one core call to read the answer.
import { encodeInput } from './core/value_codec.js';
import { writeInputs } from './core/write_inputs.js';

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

  async #run(planOperation, parseOperation, input, signal) {
    const { operation, request } = this.#model._call(planOperation, encodeInput(input));
    const body = await this.#client.send(operation, request, { signal });
    return this.#model._call(parseOperation, body);
  }

  /** Writes (replaces) an item. With returnValues: 'ALL_OLD', resolves to the previous item. */
  async put(item, { signal, ...options } = {}) {
    const input = { item: this.#model._encode(item), options: this.#client.requestOptions(options), ...writeInputs() };
    const out = await this.#run('plan.put', 'parse.writeItem', input, signal);
    return out.attributes === undefined ? undefined : this.#model._decode(out.attributes);
  }

  /** Reads an item by key; resolves to the value, or undefined when there is none. */
  async get(key, { signal, ...options } = {}) {
    const out = await this.#run('plan.get', 'parse.getItem', { key: this.#model._encode(key), options: this.#client.requestOptions(options) }, signal);
    return out.item === undefined ? undefined : this.#model._decode(out.item);
  }

  /** Deletes an item by key. With returnValues: 'ALL_OLD', resolves to the deleted item. */
  async delete(key, { signal, ...options } = {}) {
    const out = await this.#run('plan.delete', 'parse.writeItem', { key: this.#model._encode(key), options: this.#client.requestOptions(options) }, signal);
    return out.attributes === undefined ? undefined : this.#model._decode(out.attributes);
  }
}
