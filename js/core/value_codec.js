// JS values cross to the core as JSON text. Values JSON cannot carry become one-key objects whose
// key starts with '$' ({"$bigint": "12"}); every object key of the user's own that starts with '$'
// is escaped by doubling it, so a tag is never confused with data. core/include/dynamap/
// value_tags.hpp is the other half of this contract.
import { ValidationError } from '../errors.js';
import { NumberValue } from '../number_value.js';
import { bytesToBase64, base64ToBytes } from './base64.js';

const escapeKey = (key) => (key.charCodeAt(0) === 36 /* $ */ ? '$' + key : key);
const unescapeKey = (key) => (key.charCodeAt(0) === 36 && key.charCodeAt(1) === 36 ? key.slice(1) : key);

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function joinPath(path, key) {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

// Keys such as __proto__ must become own properties, never a prototype.
function setOwn(target, key, value) {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

// A string with a lone UTF-16 surrogate has no UTF-8 form: DynamoDB cannot store it, and it
// would not even cross to the core as JSON. Named here with its path.
const wellFormed = typeof ''.isWellFormed === 'function'
  ? (text) => text.isWellFormed()
  : (text) => !/\p{Surrogate}/u.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));

function unicodeError(path, what) {
  const message = `${what} holds a lone UTF-16 surrogate, which has no UTF-8 form DynamoDB could store`;
  return new ValidationError(`${path || 'value'}: ${message}`, {
    code: 'validation.unicode',
    path,
    errors: [{ path, code: 'unicode', message }],
  });
}

function encodeValue(value, path, ancestors) {
  switch (typeof value) {
    case 'string':
      if (!wellFormed(value)) throw unicodeError(path, 'the string');
      return value;
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { $nonfinite: String(value) };
    case 'bigint':
      return { $bigint: value.toString() };
    case 'undefined':
      return { $undefined: true };
    case 'object':
      break;
    default:
      return { $unsupported: typeof value };
  }
  if (value === null) return null;
  if (value instanceof Date) {
    const time = value.getTime();
    return { $date: Number.isNaN(time) ? null : time };
  }
  if (value instanceof NumberValue) return { $number: value.value };
  if (value instanceof Uint8Array) return { $bytes: bytesToBase64(value) };
  if (value instanceof ArrayBuffer) return { $bytes: bytesToBase64(new Uint8Array(value)) };
  // Other views of bytes (Int8Array, Float64Array, DataView, Buffer) are their bytes, as in
  // util-dynamodb.
  if (ArrayBuffer.isView(value)) return { $bytes: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  // Boxed primitives are their primitive.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return encodeValue(value.valueOf(), path, ancestors);
  }
  if (ancestors.has(value)) {
    throw new ValidationError(`${path || 'value'}: the value refers to itself (a cycle)`, {
      code: 'validation.cyclic',
      path,
      errors: [{ path, code: 'cyclic', message: 'the value refers to itself (a cycle)' }],
    });
  }
  ancestors.add(value);
  let out;
  if (Array.isArray(value)) {
    // An index loop, not map(): a hole must arrive as undefined (an error), not as null.
    out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encodeValue(value[i], joinPath(path, i), ancestors);
  } else if (value instanceof Set) {
    out = { $set: [...value].map((v, i) => encodeValue(v, joinPath(path, i), ancestors)) };
  } else if (!isPlainObject(value)) {
    // A Map, a class instance, a Promise...: nothing says how to store it (registerType does).
    out = { $unsupported: value.constructor?.name || 'object' };
  } else {
    out = {};
    for (const key of Object.keys(value)) {
      if (!wellFormed(key)) throw unicodeError(joinPath(path, key), 'the property name');
      const v = value[key];
      // An undefined property is an absent one, as in JSON.stringify and the AWS SDK.
      if (v !== undefined) setOwn(out, escapeKey(key), encodeValue(v, joinPath(path, key), ancestors));
    }
  }
  ancestors.delete(value);
  return out;
}

/** JSON text for the core. */
export function encode(value) {
  return JSON.stringify(encodeValue(value, '', new Set()));
}

/**
 * JSON text of an operation's input ({ item, options, ... }): each field is a value of its own,
 * so paths in errors start at the item's root ('address.zip', not 'item.address.zip').
 */
export function encodeInput(fields) {
  const out = {};
  for (const key of Object.keys(fields)) {
    if (fields[key] !== undefined) out[key] = encodeValue(fields[key], '', new Set());
  }
  return JSON.stringify(out);
}

/** Turns a value the core returned (already JSON.parsed) back into JS values. */
export function decode(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].charCodeAt(0) === 36 && keys[0].charCodeAt(1) !== 36) {
    const payload = value[keys[0]];
    switch (keys[0]) {
      case '$bigint': return BigInt(payload);
      case '$date': return new Date(payload);
      case '$number': return new NumberValue(payload);
      case '$bytes': return base64ToBytes(payload);
      case '$set': return new Set(payload.map(decode));
      default: break;
    }
  }
  const out = {};
  for (const key of keys) setOwn(out, unescapeKey(key), decode(value[key]));
  return out;
}

// AttributeValues from callers may hold B and BS members as Uint8Array (the AWS SDK's form);
// on the wire, and to the core, they are base64.
const wireReplacer = (key, value) => (value instanceof Uint8Array ? bytesToBase64(value) : value);

/** JSON text of DynamoDB JSON (AttributeValues), binary as base64. */
export function encodeAttributeValues(value) {
  return JSON.stringify(value, wireReplacer);
}
