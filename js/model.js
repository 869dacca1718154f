// model(definition): a compiled, immutable handle on a model that is plain data.
import { callCore, compileModel, orderIssues } from './core/core.js';
import { decode, encodeAttributeValues, encodeInput } from './core/value_codec.js';
import { writeInputs as inputsFor } from './core/write_inputs.js';
import { decodeCustom, encodeCustom, prepareDefinition } from './custom_types.js';
import { coreOptions } from './core/options.js';
import { toConditionNode } from './expressions/condition.js';
import { toUpdateNode } from './expressions/update.js';
import { SchemaError } from './errors.js';

// A definition must survive JSON.stringify unchanged, or the browser and the server would
// validate against different models. JSON.stringify drops functions and undefined silently;
// this names them instead.
// The core refuses definitions deeper than this (schema.tooDeep); checking here first keeps a
// hostile or cyclic definition from overflowing the JS stack in the walks below.
const MAX_DEFINITION_DEPTH = 512;

const wellFormed = typeof ''.isWellFormed === 'function'
  ? (text) => text.isWellFormed()
  : (text) => !/\p{Surrogate}/u.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));

function checkPlainData(value, path, depth = 0, ancestors = new Set()) {
  const at = path === '' ? 'definition' : path;
  const notPlain = (what) => new SchemaError(`${at}: ${what}`, { code: 'schema.notPlainData', path });
  switch (typeof value) {
    case 'string':
      // No UTF-8 form: the definition could not cross to the core as JSON.
      if (!wellFormed(value)) {
        throw notPlain('the string holds a lone UTF-16 surrogate');
      }
      return;
    case 'boolean':
      return;
    case 'number':
      if (Number.isFinite(value)) return;
      throw notPlain(`${value} is not plain JSON data`);
    case 'object':
      if (value === null) return;
      if (depth >= MAX_DEFINITION_DEPTH) {
        throw new SchemaError(`${at}: the definition nests deeper than ${MAX_DEFINITION_DEPTH} levels`, { code: 'schema.tooDeep', path });
      }
      if (ancestors.has(value)) throw notPlain('the definition refers to itself (a cycle)');
      if (Array.isArray(value)) {
        ancestors.add(value);
        value.forEach((v, i) => checkPlainData(v, `${path}[${i}]`, depth + 1, ancestors));
        ancestors.delete(value);
        return;
      }
      if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
        ancestors.add(value);
        for (const [key, v] of Object.entries(value)) {
          const child = path === '' ? key : `${path}.${key}`;
          checkPlainData(key, child, depth + 1, ancestors);
          checkPlainData(v, child, depth + 1, ancestors);
        }
        ancestors.delete(value);
        return;
      }
      break;
    default:
      break;
  }
  const kind = typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
  throw notPlain(`a model is plain JSON data, got ${kind}`);
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

export class Model {
  #handle;
  #custom; // where registered (registerType) conversions apply, or undefined
  #needs; // whether writes need the clock or randomness (defaults 'now', 'uuid')

  constructor(definition) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new SchemaError('a model definition is an object', { code: 'schema.invalid' });
    }
    checkPlainData(definition, '');
    const text = JSON.stringify(definition);
    const { coreDefinition, plan: custom } = prepareDefinition(JSON.parse(text));
    this.#custom = custom;
    const compiled = compileModel(coreDefinition === undefined ? text : JSON.stringify(coreDefinition), this);
    this.#handle = compiled.handle;
    this.#needs = compiled.needs;
    const writeInputs = () => inputsFor(compiled.needs);
    /** The definition as plain, frozen data: JSON.stringify(model.definition) round-trips. */
    this.definition = deepFreeze(JSON.parse(text));
    this.name = this.definition.name;
    this.table = this.definition.table;
    const handle = this.#handle;
    const plan = (operation, input) => callCore(handle, operation, encodeInput(input));
    const own = (value) => encodeCustom(value, custom);
    const opts = coreOptions;
    /** Dry runs: the exact DynamoDB request each operation would send, with no I/O. */
    this.plan = Object.freeze({
      put: (item, options) => plan('plan.put', { item: own(item), options: opts(options), ...writeInputs() }),
      create: (item, options) => plan('plan.put', { item: own(item), options: { ...opts(options), create: true }, ...writeInputs() }),
      get: (key, options) => plan('plan.get', { key: own(key), options: opts(options) }),
      delete: (key, options) => plan('plan.delete', { key: own(key), options: opts(options) }),
      update: (key, changes, options) =>
        plan('plan.update', { key: own(key), update: toUpdateNode(changes), options: opts(options) }),
      /** query(key, { sort: where(sortKey)..., filter, index, limit, reverse, consistent, select, startKey, count }) */
      query: (key, options = {}) => {
        const { sort, ...rest } = options;
        return plan('plan.query', { key: own(key), sort: sort ? toConditionNode(sort) : undefined, options: opts(rest) });
      },
      scan: (options) => plan('plan.scan', { options: opts(options) }),
      /** One request per 100 keys; duplicate keys are asked for once. */
      batchGet: (keys, options) => plan('plan.batchGet', { keys: keys.map(own), options: opts(options) }),
      /** One request per 25 writes; a key written twice is an error. */
      batchWrite: ({ put = [], delete: deletes = [] } = {}, options) =>
        plan('plan.batchWrite', { put: put.map(own), delete: deletes.map(own), options: opts(options), ...writeInputs() }),
      createTable: (options) => plan('plan.createTable', { options }),
      deleteTable: (options) => plan('plan.deleteTable', { options }),
      describeTable: (options) => plan('plan.describeTable', { options }),
      updateTimeToLive: (options) => plan('plan.updateTimeToLive', { options }),
    });
    /** Operations for db.transactWrite / db.transactGet. */
    this.tx = Object.freeze({
      put: (item, options) => txOperation(this, 'put', { item: own(item), options: opts(options) }),
      create: (item, options) => txOperation(this, 'put', { item: own(item), options: { ...opts(options), create: true } }),
      update: (key, changes, options) =>
        txOperation(this, 'update', { key: own(key), update: toUpdateNode(changes), options: opts(options) }),
      delete: (key, options) => txOperation(this, 'delete', { key: own(key), options: opts(options) }),
      check: (key, condition) => txOperation(this, 'check', { key: own(key), condition: toConditionNode(condition) }),
      get: (key, options) => txOperation(this, 'get', { key: own(key), options: opts(options) }),
    });
    Object.freeze(this);
  }

  /** { ok: true, value } with defaults applied, or { ok: false, errors: [{ path, code, message }] }. */
  validate(item) {
    const result = callCore(this.#handle, 'validate', encodeInput({ item: this._encode(item), ...inputsFor(this.#needs) }));
    return result.ok ? { ok: true, value: this._decode(result.value) } : { ok: false, errors: orderIssues(result.errors) };
  }

  /** The item as a DynamoDB AttributeValue map; throws ValidationError listing every problem. */
  toItem(value) {
    return callCore(this.#handle, 'toItem', encodeInput({ item: this._encode(value), ...inputsFor(this.#needs) }));
  }

  /** A value from a DynamoDB AttributeValue map; throws ValidationError if the model cannot read it. */
  fromItem(attributeValues) {
    return this._decode(callCore(this.#handle, 'fromItem', encodeAttributeValues(attributeValues)));
  }

  /** For transactions: the core's handle of this model. */
  get _handle() {
    return this.#handle;
  }

  /** For the client: a JS value with registered types converted to their base values. */
  _encode(value) {
    return encodeCustom(value, this.#custom);
  }

  /** For the client: a value from the core as JS values, registered types converted back. */
  _decode(coreValue) {
    return decodeCustom(decode(coreValue), this.#custom);
  }

  /** For the client: runs a core operation on this model. */
  _call(operation, inputText) {
    return callCore(this.#handle, operation, inputText);
  }
}

/** One operation of a transaction, built by M.tx.*; db.transactWrite/transactGet send them. */
export class TxOperation {
  constructor(model, kind, input) {
    this.model = model;
    this.kind = kind;
    this.input = input;
    Object.freeze(this);
  }
}

const txOperation = (model, kind, input) => new TxOperation(model, kind, input);

/** Compiles a model definition; throws SchemaError naming the bad path. */
export function model(definition) {
  return new Model(definition);
}
