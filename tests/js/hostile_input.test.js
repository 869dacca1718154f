// Hostile JS values (issue 9): what only JS can hand dynamap (cycles, BigInt, invalid Dates,
// getters that throw, Proxies, toJSON, Symbols, functions, sparse and frozen values, values nested
// 100,000 levels deep built in JS, lone surrogates). Every case ends in a typed dynamap error with
// its code and path, or in an exact result; never a raw TypeError or RangeError, a hang or a
// silent change. The same kinds of input as JSON text are in tests/fixtures/core/hostile.json,
// which both the native core and this WASM build run.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ExpressionError,
  NumberValue,
  SchemaError,
  ServiceError,
  ValidationError,
  createClient,
  marshall,
  model,
  not,
  unmarshall,
  update,
  where,
} from 'dynamap';

const Thing = model({
  name: 'Thing',
  table: 'things',
  key: { partition: 'id' },
  attributes: {
    id: 'string',
    n: { type: 'number', optional: true },
    i: { type: 'integer', optional: true },
    dec: { type: 'decimal', optional: true },
    big: { type: 'bigint', optional: true },
    when: { type: 'datetime', optional: true },
    day: { type: 'date', optional: true },
    expires: { type: 'ttl', optional: true },
    x: { type: 'any', optional: true },
    l: { type: 'list', of: 'string', optional: true },
    tags: { type: 'set', of: 'string', optional: true },
    nums: { type: 'set', of: 'number', optional: true },
    m: { type: 'map', optional: true, unknown: 'keep', fields: { a: { type: 'any', optional: true } } },
    r: { type: 'record', of: 'any', optional: true },
  },
});

// A typed dynamap error with this class, code and path (and the same first issue, if any).
function named(Class, code, path) {
  return (error) => {
    assert.ok(error instanceof Class, `expected ${Class.name}, got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.path ?? '', path, error.message);
    if (Class === ValidationError) assert.equal(error.errors[0].path, path);
    return true;
  };
}
const invalid = (code, path) => named(ValidationError, `validation.${code}`, path);

// A result of validate() with exactly one issue.
function refused(result, code, path) {
  assert.equal(result.ok, false, JSON.stringify(result));
  assert.deepEqual(result.errors.map((e) => [e.code, e.path]), [[code, path]]);
}

function nested(levels, leaf, wrap) {
  let v = leaf;
  for (let k = 0; k < levels; k++) v = wrap(v);
  return v;
}
const path32 = (head, step) => head + step.repeat(32);

// ---- cycles ------------------------------------------------------------------------------------
function cyclic() {
  const value = { a: 1, child: { list: [] } };
  value.child.list.push(value); // closes at child.list[0]
  return value;
}

test('a cycle is validation.cyclic naming where it closes: validate, put, toItem, marshall', () => {
  assert.throws(() => Thing.validate({ id: 'a', x: cyclic() }), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(() => Thing.plan.put({ id: 'a', m: { a: cyclic() } }), invalid('cyclic', 'm.a.child.list[0]'));
  assert.throws(() => Thing.toItem({ id: 'a', r: { k: cyclic() } }), invalid('cyclic', 'r.k.child.list[0]'));
  assert.throws(() => marshall({ top: cyclic() }), invalid('cyclic', 'top.child.list[0]'));
  assert.throws(() => Thing.plan.batchWrite({ put: [{ id: 'a' }, { id: 'b', x: cyclic() }] }), invalid('cyclic', 'put[1].x.child.list[0]'));
  const key = { id: 'a' };
  key.self = key;
  assert.throws(() => Thing.plan.batchGet([key]), invalid('cyclic', 'keys[0].self'));
  assert.throws(() => Thing.plan.get(key), invalid('cyclic', 'self'));
  const item = { id: 'a' };
  item.x = item;
  assert.throws(() => Thing.validate(item), invalid('cyclic', 'x'));
  const arr = [];
  arr.push(arr);
  assert.throws(() => marshall({ arr }), invalid('cyclic', 'arr[0]'));
  const inSet = { s: null };
  inSet.s = new Set([inSet]);
  assert.throws(() => marshall({ v: inSet }), invalid('cyclic', 'v.s[0]'));
});

test('a cycle in an update value is named by the attribute path it is set at', () => {
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set('x', cyclic())), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, { x: cyclic() }), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set('m.a', cyclic())), invalid('cyclic', 'm.a.child.list[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set(['r', 'k.1'], cyclic())), invalid('cyclic', 'r.k.1.child.list[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().setIfNotExists('x', cyclic())), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().append('x', [cyclic()])), invalid('cyclic', 'x[0].child.list[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().add('x', [cyclic()])), invalid('cyclic', 'x[0].child.list[0]'));
});

test('a cycle in a condition value is named by the path it is compared with', () => {
  const put = (condition) => () => Thing.plan.put({ id: 'a' }, { condition });
  assert.throws(put(where('x').eq(cyclic())), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(put(where('m.a').ne(cyclic())), invalid('cyclic', 'm.a.child.list[0]'));
  assert.throws(put(where('x').in(1, cyclic())), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(put(where('x').between(1, cyclic())), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(put(where('x').contains(cyclic())), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(put(where('n').gt(1).and(not(where('x').eq(cyclic())))), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(() => Thing.plan.scan({ filter: where('x').lt(cyclic()) }), invalid('cyclic', 'x.child.list[0]'));
  assert.throws(() => Thing.plan.delete({ id: 'a' }, { condition: where('x').eq(cyclic()) }), invalid('cyclic', 'x.child.list[0]'));
});

test('a cycle in a transaction is a ValidationError before anything is sent', async () => {
  const transport = { send: () => assert.fail('nothing may be sent') };
  const db = createClient({ transport });
  await assert.rejects(db.transactWrite([Thing.tx.put({ id: 'a', x: cyclic() })]), invalid('cyclic', 'x.child.list[0]'));
  await assert.rejects(db.transactWrite([Thing.tx.check({ id: 'a' }, where('x').eq(cyclic()))]), invalid('cyclic', 'x.child.list[0]'));
});

test('cyclic AttributeValues in fromItem and unmarshall: validation.cyclic with the data path', () => {
  const av = { M: { keep: { S: 'k' } } };
  av.M.self = av;
  assert.throws(() => Thing.fromItem({ id: { S: 'a' }, x: av }), invalid('cyclic', 'x.self'));
  const list = { L: [{ N: '1' }] };
  list.L.push(list);
  assert.throws(() => unmarshall({ a: list }), invalid('cyclic', 'a[1]'));
  const map = { a: { S: 'x' } };
  map.b = { M: map };
  assert.throws(() => unmarshall(map), invalid('cyclic', 'b'));
});

test('a value referenced twice is not a cycle', () => {
  const shared = { k: [1, 2] };
  assert.deepEqual(marshall({ a: shared, b: [shared, shared] }).b.L.length, 2);
  assert.equal(Thing.validate({ id: 'a', x: { a: shared, b: shared } }).ok, true);
});

// ---- 100,000 levels built in JS (the encoder cuts past 1000; the core stops at 33) ---------------
test('values 100,000 levels deep are validation.depth at level 33 on every path, never a RangeError', () => {
  const lists = nested(100000, 1, (v) => [v]);
  const maps = nested(100000, 1, (v) => ({ a: v }));
  refused(Thing.validate({ id: 'a', x: lists }), 'depth', path32('x', '[0]'));
  refused(Thing.validate({ id: 'a', m: { a: maps } }), 'depth', path32('m', '.a'));
  refused(Thing.validate({ id: 'a', r: maps }), 'depth', path32('r', '.a'));
  assert.throws(() => Thing.toItem({ id: 'a', x: maps }), invalid('depth', path32('x', '.a')));
  assert.throws(() => Thing.plan.put({ id: 'a', x: lists }), invalid('depth', path32('x', '[0]')));
  assert.throws(() => marshall({ d: lists }), invalid('depth', path32('d', '[0]')));
  assert.throws(() => marshall(lists), invalid('depth', '[0]'.repeat(32)));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set('x', maps)), invalid('depth', path32('x', '.a')));
  assert.throws(() => Thing.plan.put({ id: 'a' }, { condition: where('x').eq(lists) }), invalid('depth', path32('x', '[0]')));
  assert.throws(() => Thing.fromItem({ id: { S: 'a' }, x: nested(100000, { NULL: true }, (v) => ({ L: [v] })) }),
    invalid('depth', path32('x', '[0]')));
  assert.throws(() => unmarshall({ d: nested(100000, { NULL: true }, (v) => ({ M: { a: v } })) }), invalid('depth', path32('d', '.a')));
});

test('the cut at 1000 levels gives the same answer as 40 levels and as 999', () => {
  for (const levels of [40, 999, 1000, 1001, 5000]) {
    refused(Thing.validate({ id: 'a', x: nested(levels, 'leaf', (v) => [v]) }), 'depth', path32('x', '[0]'));
    assert.throws(() => unmarshall({ d: nested(levels, { S: 'x' }, (v) => ({ L: [v] })) }), invalid('depth', path32('d', '[0]')));
  }
  // Parts the model strips are never looked at, however deep.
  const Strip = model({ name: 'S', table: 'strips', key: { partition: 'id' }, attributes: { id: 'string' }, unknown: 'strip' });
  assert.deepEqual(Strip.validate({ id: 'a', junk: nested(100000, 1, (v) => [v]) }), { ok: true, value: { id: 'a' } });
});

test('conditions nested 100,000 deep are a typed ExpressionError, not a stack overflow', () => {
  let negated = where('x').exists();
  for (let k = 0; k < 100000; k++) negated = not(negated);
  assert.throws(() => Thing.plan.put({ id: 'a' }, { condition: negated }), (e) => e instanceof ExpressionError && typeof e.code === 'string');
  let chained = where('x').exists();
  for (let k = 0; k < 100000; k++) chained = chained.and(where('n').gt(k));
  assert.throws(() => Thing.plan.scan({ filter: chained }), (e) => e instanceof ExpressionError && typeof e.code === 'string');
  // 500 levels: within the encoder's reach; the core measures the expression (6 bytes a level).
  let half = where('x').exists();
  for (let k = 0; k < 700; k++) half = not(half);
  assert.throws(() => Thing.plan.put({ id: 'a' }, { condition: half }), named(ExpressionError, 'expression.tooLong', ''));
  // The module still works after all of that.
  assert.deepEqual(Thing.validate({ id: 'a' }), { ok: true, value: { id: 'a' } });
});

// ---- BigInt, invalid Dates, NaN ---------------------------------------------------------------
test('BigInt where a number is declared is a type error; where a decimal, bigint or any is, exact', () => {
  const result = Thing.validate({ id: 'a', n: 5n, i: 6n, nums: new Set([1n]) });
  assert.deepEqual(result.errors.map((e) => [e.path, e.code, e.message]), [
    ['i', 'type', 'expected a number, got a BigInt'],
    ['n', 'type', 'expected a number, got a BigInt'],
    ['nums[0]', 'type', 'expected a number, got a BigInt'],
  ]);
  const big = 123456789012345678901234567890123456789n * 10n; // 39 digits + a zero: 39 significant
  assert.deepEqual(Thing.toItem({ id: 'a', dec: 2n ** 100n, big: -(2n ** 120n), x: 2n ** 64n }), {
    id: { S: 'a' }, dec: { N: '1267650600228229401496703205376' }, big: { N: '-1329227995784915872903807060280344576' },
    x: { N: '18446744073709551616' },
  });
  refused(Thing.validate({ id: 'a', big }), 'range', 'big');
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set('n', 1n)), invalid('type', 'n'));
  assert.throws(() => Thing.plan.put({ id: 'a' }, { condition: where('n').eq(1n) }), invalid('type', 'n'));
  assert.throws(() => Thing.fromItem({ id: { S: 'a' }, n: { N: 5n } }), invalid('attributeType', 'n'));
});

test('invalid Dates are type errors wherever a date is declared, and in schemaless values', () => {
  const bad = new Date(Number.NaN);
  const result = Thing.validate({ id: 'a', when: bad, day: bad, expires: bad, x: [bad] });
  assert.deepEqual(result.errors.map((e) => [e.path, e.code]), [['day', 'type'], ['expires', 'type'], ['when', 'type'], ['x[0]', 'type']]);
  assert.ok(result.errors.every((e) => /invalid Date/.test(e.message)), JSON.stringify(result.errors));
  assert.throws(() => marshall({ at: bad }), invalid('type', 'at'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set('when', bad)), invalid('type', 'when'));
  assert.throws(() => Thing.plan.put({ id: 'a' }, { condition: where('when').lt(bad) }), invalid('type', 'when'));
  // A valid Date beyond what ISO text can hold in four digits still crosses exactly.
  assert.deepEqual(marshall({ at: new Date(8.64e15) }), { at: { S: '+275760-09-13T00:00:00.000Z' } });
});

test('NaN and ±Infinity are nonFinite on every path; -0 is stored as 0 and read as +0', () => {
  refused(Thing.validate({ id: 'a', n: Number.NaN }), 'nonFinite', 'n');
  refused(Thing.validate({ id: 'a', dec: Number.POSITIVE_INFINITY }), 'nonFinite', 'dec');
  assert.throws(() => marshall({ v: [Number.NEGATIVE_INFINITY] }), invalid('nonFinite', 'v[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().add('n', Number.NaN)), invalid('nonFinite', 'n'));
  // DynamoDB normalizes N "-0" to "0": so does dynamap, on every path.
  assert.deepEqual(Thing.toItem({ id: 'a', n: -0, dec: '-0', x: [-0, new NumberValue('-0'), new NumberValue('-0.000')] }), {
    id: { S: 'a' }, n: { N: '0' }, dec: { N: '0' }, x: { L: [{ N: '0' }, { N: '0' }, { N: '0' }] },
  });
  const read = Thing.fromItem({ id: { S: 'a' }, n: { N: '-0' }, x: { N: '-0.0' } });
  assert.ok(Object.is(read.n, 0) && Object.is(read.x, 0), 'a stored -0 reads as +0');
});

// ---- getters, Proxies, toJSON, Symbols, functions, sparse and frozen values ---------------------
test('a getter that throws is validation.unreadable at its path, the thrown error as cause', () => {
  const boom = new Error('boom');
  const item = { id: 'a', m: { a: {} } };
  Object.defineProperty(item.m.a, 'bad', { enumerable: true, get() { throw boom; } });
  assert.throws(() => Thing.validate(item), (e) => invalid('unreadable', 'm.a.bad')(e) && e.cause === boom);
  assert.throws(() => marshall(item), invalid('unreadable', 'm.a.bad'));
  const list = ['ok'];
  Object.defineProperty(list, 1, { enumerable: true, get() { throw new TypeError('no'); } });
  assert.throws(() => Thing.plan.put({ id: 'a', l: list }), invalid('unreadable', 'l[1]'));
  const av = { S: 'x' };
  Object.defineProperty(av, 'S', { enumerable: true, get() { throw boom; } });
  assert.throws(() => Thing.fromItem({ id: av }), invalid('unreadable', 'id'));
  // A getter that returns is just a property.
  const fine = { id: 'a' };
  Object.defineProperty(fine, 'n', { enumerable: true, get: () => 4 });
  assert.deepEqual(Thing.toItem(fine), { id: { S: 'a' }, n: { N: '4' } });
});

test('Proxies: a transparent one is its target; traps that throw or a revoked one are unreadable', () => {
  assert.deepEqual(Thing.toItem(new Proxy({ id: 'a', l: new Proxy(['p'], {}) }, {})), { id: { S: 'a' }, l: { L: [{ S: 'p' }] } });
  const trapped = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  assert.throws(() => Thing.validate({ id: 'a', x: { deep: trapped } }), invalid('unreadable', 'x.deep'));
  const { proxy, revoke } = Proxy.revocable({ id: 'a' }, {});
  revoke();
  assert.throws(() => marshall({ p: proxy }), invalid('unreadable', 'p'));
  assert.throws(() => Thing.validate(proxy), invalid('unreadable', ''));
  // A Proxy whose get trap lies is read through the trap, like any JS code would.
  const lying = new Proxy({ id: 'a' }, { get: (t, k) => (k === 'id' ? 'b' : t[k]) });
  assert.deepEqual(Thing.validate(lying), { ok: true, value: { id: 'b' } });
});

test('toJSON is not consulted for values; a plain object holding one has a function in it', () => {
  refused(Thing.validate({ id: 'a', x: { v: 1, toJSON: () => 'v' } }), 'type', 'x.toJSON');
  class Money { constructor(c) { this.cents = c; } toJSON() { return this.cents; } }
  const result = Thing.validate({ id: 'a', x: new Money(5) });
  refused(result, 'type', 'x');
  assert.match(result.errors[0].message, /Money/);
  // AttributeValues cross as JSON.stringify writes them: a toJSON there is honoured.
  assert.deepEqual(Thing.fromItem({ id: { S: { toJSON: () => 'via toJSON' } } }), { id: 'via toJSON', tags: new Set(), nums: new Set() });
});

test('Symbols: keys are not data (as for JSON.stringify and util-dynamodb); values are type errors', () => {
  const key = Symbol('meta');
  assert.deepEqual(Thing.validate({ id: 'a', [key]: 'ignored', x: { [key]: 1, v: 2 } }), { ok: true, value: { id: 'a', x: { v: 2 } } });
  refused(Thing.validate({ id: 'a', x: [Symbol('v')] }), 'type', 'x[0]');
  assert.throws(() => marshall({ s: Symbol.iterator }), invalid('type', 's'));
  assert.throws(() => Thing.fromItem({ id: { S: Symbol('s') } }), invalid('attributeType', 'id'));
});

test('functions are type errors; undefined properties are absent; holes are undefined', () => {
  refused(Thing.validate({ id: 'a', x: () => 1 }), 'type', 'x');
  refused(Thing.validate(() => 1), 'type', '');
  assert.deepEqual(Thing.validate({ id: 'a', n: undefined }), { ok: true, value: { id: 'a' } });
  // eslint-disable-next-line no-sparse-arrays
  refused(Thing.validate({ id: 'a', l: ['a', , 'b'] }), 'type', 'l[1]');
  // eslint-disable-next-line no-sparse-arrays
  assert.throws(() => marshall({ a: [1, , 3] }), invalid('type', 'a[1]'));
  const sparse = new Array(3);
  sparse[2] = 'z';
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().append('l', sparse)), invalid('type', 'l[0]'));
  // A hole in an AttributeValue list reads as JSON writes it (null), which is no AttributeValue.
  // eslint-disable-next-line no-sparse-arrays
  assert.throws(() => Thing.fromItem({ id: { S: 'a' }, x: { L: [, { S: 'x' }] } }), invalid('attributeType', 'x[0]'));
});

test('frozen values are read, never written to; results are fresh, unfrozen objects', () => {
  const item = Object.freeze({ id: 'a', m: Object.freeze({ a: Object.freeze([1, 2]) }), tags: Object.freeze(new Set(['t'])) });
  const result = Thing.validate(item);
  assert.deepEqual(result, { ok: true, value: { id: 'a', m: { a: [1, 2] }, tags: new Set(['t']) } });
  assert.ok(!Object.isFrozen(result.value) && result.value.m !== item.m);
  assert.deepEqual(Thing.toItem(item).m, { M: { a: { L: [{ N: '1' }, { N: '2' }] } } });
});

// ---- lone UTF-16 surrogates -------------------------------------------------------------------
test('a lone surrogate is validation.unicode with its path, in every place a string goes', () => {
  assert.throws(() => Thing.validate({ id: 'a\ud800' }), invalid('unicode', 'id'));
  assert.throws(() => Thing.validate({ id: 'a', x: { ['k\udc00']: 1 } }), invalid('unicode', 'x.k\udc00'));
  assert.throws(() => Thing.validate({ id: 'a', tags: new Set(['ok', '\ud83d']) }), invalid('unicode', 'tags[1]'));
  assert.throws(() => Thing.validate({ id: 'a', r: { ['\udfff']: 'v' } }), invalid('unicode', 'r.\udfff'));
  assert.throws(() => marshall({ a: ['\ude00\ud83d'] }), invalid('unicode', 'a[0]'));
  assert.throws(() => Thing.plan.update({ id: 'a' }, update().set('x', { s: '\ud800' })), invalid('unicode', 'x.s'));
  assert.throws(() => Thing.plan.put({ id: 'a' }, { condition: where('x').beginsWith('\ud800') }), invalid('unicode', 'x'));
  assert.throws(() => Thing.fromItem({ id: { S: '\ud800' } }), invalid('unicode', 'id'));
  assert.throws(() => unmarshall({ a: { M: { ['\udbff']: { S: 'x' } } } }), invalid('unicode', 'a.\udbff'));
  assert.throws(() => unmarshall({ a: { SS: ['x', '\udbff'] } }), invalid('unicode', 'a[1]'));
  // Well-formed pairs are characters like any other (one code point each for maxLength).
  assert.deepEqual(marshall({ '😀': '👩‍💻' }), { '😀': { S: '👩‍💻' } });
});

// ---- __proto__, constructor, prototype -----------------------------------------------------------
test('__proto__, constructor and prototype are own data properties in every result', () => {
  const input = JSON.parse('{"id":"a","x":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}},"r":{"__proto__":1}}');
  const { value } = Thing.validate(input);
  assert.ok(Object.hasOwn(value.x, '__proto__') && Object.getPrototypeOf(value.x) === Object.prototype);
  assert.deepEqual(Object.keys(value.x.__proto__), ['polluted']);
  assert.ok(Object.hasOwn(value.r, '__proto__') && value.r.__proto__ === 1);
  const read = unmarshall(JSON.parse('{"__proto__":{"M":{"__proto__":{"M":{"polluted":{"BOOL":true}}}}}}'));
  assert.ok(Object.getPrototypeOf(read) === Object.prototype && Object.hasOwn(read, '__proto__'));
  assert.ok(Object.hasOwn(read.__proto__, '__proto__') && read.__proto__.__proto__.polluted === true);
  const item = Thing.fromItem(Thing.toItem(input));
  assert.ok(Object.hasOwn(item.x, '__proto__') && Object.getPrototypeOf(item.x) === Object.prototype);
  assert.equal({}.polluted, undefined, 'Object.prototype is untouched');
  assert.equal(Object.prototype.polluted, undefined);
});

// ---- huge sets ----------------------------------------------------------------------------------
test('sets of 100,000 members are correct and fast', () => {
  const members = Array.from({ length: 100000 }, (_, k) => k);
  let started = performance.now();
  const item = Thing.toItem({ id: 'a', nums: new Set(members) });
  assert.equal(item.nums.NS.length, 100000);
  assert.equal(item.nums.NS[99999], '99999');
  const back = Thing.fromItem(item);
  assert.equal(back.nums.size, 100000);
  assert.ok(back.nums.has(0) && back.nums.has(99999));
  const strings = new Set(members.map((k) => `s${k}`));
  assert.equal(unmarshall(marshall({ s: strings })).s.size, 100000);
  const elapsed = performance.now() - started;
  // Native and WASM take well under a second for all of this; 10 s would mean a quadratic walk.
  assert.ok(elapsed < 10000, `${elapsed} ms`);
  // A duplicate among them is found, by value (1 and 1.0 are one number for DynamoDB).
  started = performance.now();
  assert.throws(() => marshall({ s: new Set([...members, new NumberValue('99999.0')]) }), invalid('duplicate', 's[100000]'));
  assert.throws(() => Thing.fromItem({ id: { S: 'a' }, nums: { NS: [...item.nums.NS, '5e0'] } }), invalid('duplicate', 'nums[100000]'));
  assert.ok(performance.now() - started < 10000);
});

// ---- the transport: bytes that are not UTF-8 ------------------------------------------------------
test('a response whose bytes are not UTF-8 is refused, not read with U+FFFD in place', async () => {
    const body = new Uint8Array([...new TextEncoder().encode('{"Item":{"id":{"S":"a'), 0xff, ...new TextEncoder().encode('"}}}')]);
    const fetch = async () => new Response(body, { status: 200 });
    const db = createClient({ region: 'eu-west-1', credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, fetch });
    await assert.rejects(db.model(Thing).get({ id: 'a' }), (e) => e instanceof ServiceError && e.code === 'response.invalidJson');
  });

// ---- model definitions ---------------------------------------------------------------------------
test('a definition 100,000 levels deep, cyclic, or holding a lone surrogate is a SchemaError', () => {
  const base = () => ({ name: 'T', table: 'things', key: { partition: 'id' }, attributes: { id: { type: 'string' } } });
  let deep = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const tooDeep = base();
  tooDeep.attributes.id.description = deep;
  assert.throws(() => model(tooDeep), (e) => e instanceof SchemaError && e.code === 'schema.tooDeep' &&
    e.path === `attributes.id.description${'[0]'.repeat(509)}`);
  const cyclic = base();
  const meta = {};
  meta.self = meta;
  cyclic.attributes.id.meta = meta;
  assert.throws(() => model(cyclic), (e) => e instanceof SchemaError && e.code === 'schema.notPlainData' &&
    e.path === 'attributes.id.meta.self');
  const surrogate = base();
  surrogate.attributes.id.description = 'a\uD800b';
  assert.throws(() => model(surrogate), (e) => e instanceof SchemaError && e.code === 'schema.notPlainData' &&
    e.path === 'attributes.id.description');
  // Sharing is not a cycle: the same object twice is plain data.
  const shared = { type: 'string' };
  assert.doesNotThrow(() => model({ ...base(), attributes: { id: shared, other: shared } }));
});
