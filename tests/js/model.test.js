import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Model, SchemaError, ValidationError, model } from 'dynamap';

const definition = {
  name: 'User',
  table: 'users',
  key: { partition: 'id' },
  attributes: { id: { type: 'string' }, age: { type: 'integer', optional: true } },
};

test('a model is usable right after import, synchronously', () => {
  const User = model(definition);
  assert.ok(User instanceof Model);
  assert.deepEqual(User.validate({ id: 'u1' }), { ok: true, value: { id: 'u1' } });
});

test('the definition round-trips through JSON and is frozen', () => {
  const User = model(definition);
  assert.deepEqual(JSON.parse(JSON.stringify(User.definition)), definition);
  assert.ok(Object.isFrozen(User.definition.attributes.id));
  assert.throws(() => {
    User.definition.attributes.id.type = 'number';
  }, TypeError);
  const again = model(JSON.parse(JSON.stringify(User.definition)));
  assert.deepEqual(again.validate({ id: 'x', age: 3 }), User.validate({ id: 'x', age: 3 }));
});

test('changing the caller\'s object afterwards does not change the model', () => {
  const mine = structuredClone(definition);
  const User = model(mine);
  mine.attributes.age.type = 'string';
  assert.equal(User.validate({ id: 'a', age: 3 }).ok, true);
});

test('a definition that is not plain data is a SchemaError naming the path', () => {
  const withFunction = structuredClone(definition);
  withFunction.attributes.id.validate = () => true;
  assert.throws(() => model(withFunction), (e) => e instanceof SchemaError && e.path === 'attributes.id.validate');
  const withDate = structuredClone(definition);
  withDate.attributes.id.default = new Date(0);
  assert.throws(() => model(withDate), (e) => e instanceof SchemaError && e.path === 'attributes.id.default');
  assert.throws(() => model('users'), SchemaError);
  assert.throws(() => model(null), SchemaError);
});

test('keys starting with $ are data, never tags', () => {
  const Loose = model({ ...definition, unknown: 'keep' });
  const value = { id: 'x', $bigint: '12', nested: { $set: [1], $$x: true } };
  const result = Loose.validate(value);
  assert.deepEqual(result, { ok: true, value });
  assert.deepEqual(Loose.toItem(value).$bigint, { S: '12' });
  assert.deepEqual(Loose.fromItem(Loose.toItem(value)), value);
});

test('values JSON cannot carry are named, not turned into null', () => {
  const User = model(definition);
  const result = User.validate({ id: 'x', age: Number.POSITIVE_INFINITY });
  assert.equal(result.ok, false);
  assert.equal(result.errors[0].code, 'nonFinite');
  assert.match(User.validate({ id: 10n }).errors[0].message, /got a BigInt/);
  assert.match(User.validate({ id: new Date(0) }).errors[0].message, /got a Date/);
  assert.match(User.validate({ id: undefined }).errors[0].code, /required/);
});

test('a cyclic value is a ValidationError naming where the cycle closes', () => {
  const Loose = model({ ...definition, unknown: 'keep' });
  const value = { id: 'x', child: {} };
  value.child.parent = value;
  assert.throws(() => Loose.validate(value), (e) => e instanceof ValidationError && e.path === 'child.parent');
});

test('many models compile and each keeps its own rules', () => {
  const models = Array.from({ length: 50 }, (_, i) =>
    model({ ...definition, attributes: { id: { type: 'string', maxLength: i + 1 } } }),
  );
  assert.equal(models[0].validate({ id: 'ab' }).ok, false);
  assert.equal(models[1].validate({ id: 'ab' }).ok, true);
});
