// model(definition): a compiled, immutable handle on a model that is plain data.
import { callCore, compileModel, orderIssues } from './core/core.js';
import { decode, encodeAttributeValues, encodeInput } from './core/value_codec.js';
import { writeInputs } from './core/write_inputs.js';
import { decodeCustom, encodeCustom, prepareDefinition } from './custom_types.js';
import { SchemaError } from './errors.js';

// A definition must survive JSON.stringify unchanged, or the browser and the server would
// validate against different models. JSON.stringify drops functions and undefined silently;
// this names them instead.
function checkPlainData(value, path) {
  const at = path === '' ? 'definition' : path;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (Number.isFinite(value)) return;
      throw new SchemaError(`${at}: ${value} is not plain JSON data`, { code: 'schema.notPlainData', path });
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((v, i) => checkPlainData(v, `${path}[${i}]`));
        return;
      }
      if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
        for (const [key, v] of Object.entries(value)) checkPlainData(v, path === '' ? key : `${path}.${key}`);
        return;
      }
      break;
    default:
      break;
  }
  const kind = typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
  throw new SchemaError(`${at}: a model is plain JSON data, got ${kind}`, { code: 'schema.notPlainData', path });
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

  constructor(definition) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new SchemaError('a model definition is an object', { code: 'schema.invalid' });
    }
    checkPlainData(definition, '');
    const text = JSON.stringify(definition);
    const { coreDefinition, plan: custom } = prepareDefinition(JSON.parse(text));
    this.#custom = custom;
    this.#handle = compileModel(coreDefinition === undefined ? text : JSON.stringify(coreDefinition), this);
    /** The definition as plain, frozen data: JSON.stringify(model.definition) round-trips. */
    this.definition = deepFreeze(JSON.parse(text));
    this.name = this.definition.name;
    this.table = this.definition.table;
    const handle = this.#handle;
    const plan = (operation, input) => callCore(handle, operation, encodeInput(input));
    const own = (value) => encodeCustom(value, custom);
    /** Dry runs: the exact DynamoDB request each operation would send, with no I/O. */
    this.plan = Object.freeze({
      put: (item, options) => plan('plan.put', { item: own(item), options, ...writeInputs() }),
      get: (key, options) => plan('plan.get', { key: own(key), options }),
      delete: (key, options) => plan('plan.delete', { key: own(key), options }),
      createTable: (options) => plan('plan.createTable', { options }),
      deleteTable: (options) => plan('plan.deleteTable', { options }),
    });
    Object.freeze(this);
  }

  /** { ok: true, value } with defaults applied, or { ok: false, errors: [{ path, code, message }] }. */
  validate(item) {
    const result = callCore(this.#handle, 'validate', encodeInput({ item: this._encode(item), ...writeInputs() }));
    return result.ok ? { ok: true, value: this._decode(result.value) } : { ok: false, errors: orderIssues(result.errors) };
  }

  /** The item as a DynamoDB AttributeValue map; throws ValidationError listing every problem. */
  toItem(value) {
    return callCore(this.#handle, 'toItem', encodeInput({ item: this._encode(value), ...writeInputs() }));
  }

  /** A value from a DynamoDB AttributeValue map; throws ValidationError if the model cannot read it. */
  fromItem(attributeValues) {
    return this._decode(callCore(this.#handle, 'fromItem', encodeAttributeValues(attributeValues)));
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

/** Compiles a model definition; throws SchemaError naming the bad path. */
export function model(definition) {
  return new Model(definition);
}
