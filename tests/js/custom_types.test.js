import { test } from 'node:test';
import assert from 'node:assert/strict';

import { SchemaError, UsageError, ValidationError, model, registerType } from 'dynamap';

class Money {
  constructor(amount, currency) {
    this.amount = amount;
    this.currency = currency;
  }
}

registerType('Money', {
  base: 'string',
  encode: (m) => (m instanceof Money ? `${m.amount} ${m.currency}` : m),
  decode: (s) => {
    const [amount, currency] = s.split(' ');
    return new Money(amount, currency);
  },
});

const Order = model({
  name: 'Order',
  table: 'orders',
  key: { partition: 'id' },
  attributes: {
    id: { type: 'string' },
    total: { type: 'Money', pattern: '^[0-9.]+ [A-Z]{3}$' },
    lines: { type: 'list', of: { type: 'map', fields: { price: { type: 'Money' } } }, optional: true },
    byCountry: { type: 'record', of: 'Money', optional: true },
  },
});

test('a registered type is validated and stored as its base type', () => {
  const value = { id: 'o1', total: new Money('12.50', 'EUR'), lines: [{ price: new Money('1', 'USD') }], byCountry: { fr: new Money('2', 'EUR') } };
  assert.deepEqual(Order.toItem(value), {
    id: { S: 'o1' },
    total: { S: '12.50 EUR' },
    lines: { L: [{ M: { price: { S: '1 USD' } } }] },
    byCountry: { M: { fr: { S: '2 EUR' } } },
  });
  assert.deepEqual(Order.fromItem(Order.toItem(value)), value);
  const checked = Order.validate(value);
  assert.ok(checked.ok);
  assert.ok(checked.value.total instanceof Money);
  assert.deepEqual(Order.plan.put(value).request.Item.total, { S: '12.50 EUR' });
});

test('the base type\'s rules apply to the encoded value, with the path', () => {
  const result = Order.validate({ id: 'o1', total: new Money('12,50', 'EUR') });
  assert.deepEqual(result.errors.map((e) => [e.path, e.code]), [['total', 'pattern']]);
  assert.throws(() => Order.toItem({ id: 'o1', total: new Money('x', 'eur') }), ValidationError);
});

test('the definition keeps the registered name', () => {
  assert.equal(Order.definition.attributes.total.type, 'Money');
});

test('registering is checked', () => {
  assert.throws(() => registerType('Money', { base: 'string', encode: String, decode: String }), UsageError);
  assert.throws(() => registerType('bad name', { base: 'string', encode: String, decode: String }), UsageError);
  assert.throws(() => registerType('Half', { base: 'string' }), UsageError);
});

test('an unregistered name is still an unknown type', () => {
  assert.throws(
    () => model({ name: 'X', table: 'xxx', key: { partition: 'id' }, attributes: { id: { type: 'string' }, t: { type: 'Temporal' } } }),
    (e) => e instanceof SchemaError && e.code === 'schema.unknownType' && e.path === 'attributes.t.type',
  );
});
