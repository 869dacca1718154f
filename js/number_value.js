// A number that a JS number cannot hold exactly, kept as its decimal digits. unmarshall returns
// one where util-dynamodb would round; marshall writes it back digit for digit.
export class NumberValue {
  constructor(value) {
    const text = typeof value === 'bigint' ? value.toString() : String(value);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
      throw new TypeError(`NumberValue: ${JSON.stringify(text.slice(0, 60))} is not a number`);
    }
    this.value = text;
    Object.freeze(this);
  }

  toString() {
    return this.value;
  }

  toJSON() {
    return this.value;
  }

  /** The nearest JS number (may round: that is why this value exists). */
  valueOf() {
    return Number(this.value);
  }
}
