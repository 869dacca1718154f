// marshall / unmarshall without a model: @aws-sdk/util-dynamodb's mapping, computed by the core,
// except that no number loses a digit (see NumberValue).
import { callCore } from './core/core.js';
import { decode, encode, encodeAttributeValues } from './core/value_codec.js';

/** A JS object -> AttributeValue map (any other value -> one AttributeValue); B as base64. */
export function marshall(value) {
  return callCore(0, 'marshall', encode(value));
}

/** An AttributeValue map -> JS object; numbers a JS number cannot hold become NumberValue. */
export function unmarshall(attributeValues) {
  return decode(callCore(0, 'unmarshall', encodeAttributeValues(attributeValues)));
}
