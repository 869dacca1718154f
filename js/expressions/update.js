// update() builds an update as plain data for the core:
//   update().set('status', 'paid').add('quantity', 1).remove('email')
//     .append('items', ['x']).delete('tags', new Set(['old']))
//     .set('price', plus('price', 1)).setIfNotExists('createdAt', new Date())
// A plain object ({ status: 'paid' }) is shorthand for one set() per property.
import { AttributeRef } from './condition.js';

const valueNode = Symbol('dynamap.updateValue');

/** An arithmetic value for set(): plus('price', 1), minus('stock', attr('reserved')). */
class UpdateValue {
  constructor(node) {
    this[valueNode] = node;
    Object.freeze(this);
  }
}

const pathOperand = (p) => {
  if (p instanceof UpdateValue) return p[valueNode]; // ifNotExists(...) as the base of plus/minus
  return { path: p instanceof AttributeRef ? p.path : p };
};
const valueOperand = (v) => (v instanceof AttributeRef ? { path: v.path } : { value: v });

/** The path's value plus an amount (or another attribute: attr('b')). */
export const plus = (path, amount) => new UpdateValue({ plus: [pathOperand(path), valueOperand(amount)] });
/** The path's value minus an amount. */
export const minus = (path, amount) => new UpdateValue({ minus: [pathOperand(path), valueOperand(amount)] });
/** The path's value, or `fallback` where it is absent: set('n', plus(ifNotExists('n', 0), 1)). */
export const ifNotExists = (path, fallback) => new UpdateValue({ ifNotExists: [path, valueOperand(fallback)] });

function setValue(value) {
  if (value instanceof UpdateValue) return value[valueNode];
  return valueOperand(value);
}

export class Update {
  #actions;

  constructor(actions = []) {
    this.#actions = Object.freeze(actions);
    Object.freeze(this);
  }

  #with(action) {
    return new Update([...this.#actions, action]);
  }

  set(path, value) { return this.#with({ set: path, value: setValue(value) }); }
  setIfNotExists(path, value) { return this.#with({ set: path, value: { ifNotExists: [path, valueOperand(value)] } }); }
  remove(...paths) { return paths.reduce((u, path) => u.#with({ remove: path }), this); }
  /** Adds to a number, or adds members to a set. */
  add(path, value) { return this.#with({ add: path, value }); }
  /** Removes members from a set. */
  delete(path, members) { return this.#with({ delete: path, value: members }); }
  append(path, items) { return this.#with({ set: path, value: { listAppend: [{ path }, { value: items }] } }); }
  prepend(path, items) { return this.#with({ set: path, value: { listAppend: [{ value: items }, { path }] } }); }

  toJSON() {
    return { actions: this.#actions };
  }
}

export const update = () => new Update();

/** An Update, or a plain object taken as one set() per property. */
export function toUpdateNode(changes) {
  if (changes instanceof Update) return changes.toJSON();
  if (changes !== null && typeof changes === 'object' && !Array.isArray(changes)) {
    return { actions: Object.keys(changes).map((key) => ({ set: [key], value: setValue(changes[key]) })) };
  }
  throw new TypeError('expected update() or an object of attributes to set');
}
