// DynamoDB JSON (AttributeValues), NumberValue and the schemaless marshall / unmarshall.

/**
 * A number a JS number cannot hold exactly, kept as its decimal digits. unmarshall() returns one
 * where util-dynamodb would round; marshall() and decimal attributes write it back digit for digit.
 */
export declare class NumberValue {
  /** Accepts a numeric string, a number or a BigInt; throws TypeError on anything else. */
  constructor(value: string | number | bigint);
  /** The digits, exactly as given. */
  readonly value: string;
  toString(): string;
  toJSON(): string;
  /** The nearest JS number (may round: that is why this value exists). */
  valueOf(): number;
}

/**
 * One DynamoDB AttributeValue. Binary (B, BS) is base64 text in what dynamap returns (toItem,
 * marshall, plan.*, as on the wire); where dynamap reads AttributeValues (fromItem, unmarshall)
 * it also takes Uint8Array, the AWS SDK's form.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string | Uint8Array }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: AttributeMap }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: (string | Uint8Array)[] };

/** An item (or a key) in DynamoDB JSON: attribute name -> AttributeValue. */
export type AttributeMap = { [name: string]: AttributeValue };

/** A value marshall() maps to one AttributeValue (anything but a plain object). */
export type MarshallScalar =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | NumberValue
  | ArrayBuffer
  | ArrayBufferView
  | readonly unknown[]
  | ReadonlySet<unknown>;

/**
 * A JS value -> DynamoDB JSON with @aws-sdk/util-dynamodb's mapping, minus its precision loss:
 * a plain object becomes an AttributeValue map, any other value one AttributeValue.
 */
export declare function marshall(value: MarshallScalar): AttributeValue;
export declare function marshall(value: { readonly [name: string]: unknown }): AttributeMap;

/** An AttributeValue map -> a JS object; numbers a JS number cannot hold become NumberValue. */
export declare function unmarshall(attributeValues: AttributeMap): { [name: string]: unknown };
