// where(path) builds conditions and filters as plain data for the core, which compiles them with
// placeholders and converts each value through the type of the attribute it is compared with.
//   where('status').eq('paid').and(where('total').gt('100'))
//   not(where('email').exists())
//   where('a').gt(attr('b'))             compare two attributes
//   where('items').size().gte(3)
// Paths: 'address.city', 'items[0].sku', or an array of raw segments for names with dots:
// ['weird.name', 'child'].

const conditionNode = Symbol('dynamap.condition');

/** A condition: combine with and/or, negate with not(). Immutable. */
export class Condition {
  constructor(node) {
    this[conditionNode] = node;
    Object.freeze(this);
  }

  and(...others) {
    return new Condition({ and: [this[conditionNode], ...others.map(toConditionNode)] });
  }

  or(...others) {
    return new Condition({ or: [this[conditionNode], ...others.map(toConditionNode)] });
  }

  toJSON() {
    return this[conditionNode];
  }
}

/** The plain-data tree of a condition (what crosses to the core). */
export function toConditionNode(condition) {
  if (condition instanceof Condition) return condition[conditionNode];
  throw new TypeError('expected a condition built with where(...)');
}

/** A reference to another attribute, where a value would go: where('a').gt(attr('b')). */
export class AttributeRef {
  constructor(path) {
    this.path = path;
    Object.freeze(this);
  }
}

export const attr = (path) => new AttributeRef(path);

export const operand = (value) => (value instanceof AttributeRef ? { path: value.path } : { value });

export function not(condition) {
  return new Condition({ not: toConditionNode(condition) });
}

/** The comparisons of one path (or of its size()). */
export class Where {
  #subject;
  #path;

  constructor(path, subject = { path }) {
    this.#path = path;
    this.#subject = subject;
    Object.freeze(this);
  }

  #cmp(cmp, value) {
    return new Condition({ cmp, left: this.#subject, right: operand(value) });
  }

  eq(value) { return this.#cmp('eq', value); }
  ne(value) { return this.#cmp('ne', value); }
  lt(value) { return this.#cmp('lt', value); }
  lte(value) { return this.#cmp('lte', value); }
  gt(value) { return this.#cmp('gt', value); }
  gte(value) { return this.#cmp('gte', value); }

  between(low, high) {
    return new Condition({ between: this.#subject, low: operand(low), high: operand(high) });
  }

  /** in('a', 'b') or in(['a', 'b']): at most 100 values (DynamoDB's limit). */
  in(...values) {
    const list = values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
    return new Condition({ in: this.#subject, values: list.map(operand) });
  }

  beginsWith(prefix) {
    return new Condition({ fn: 'begins_with', path: this.#path, value: prefix });
  }

  contains(value) {
    return new Condition({ fn: 'contains', path: this.#path, value });
  }

  exists() {
    return new Condition({ fn: 'attribute_exists', path: this.#path });
  }

  notExists() {
    return new Condition({ fn: 'attribute_not_exists', path: this.#path });
  }

  /** DynamoDB's type codes: 'S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'. */
  type(code) {
    return new Condition({ fn: 'attribute_type', path: this.#path, type: code });
  }

  /** Compare the size of the attribute (string length, bytes, items) instead of its value. */
  size() {
    return new Where(this.#path, { size: this.#path });
  }
}

export const where = (path) => new Where(path);
