// The encoder's quick walks must write exactly what the checked walks write, and leave every
// error to them: a value either encodes to the same text both ways or fails with the same error
// (code and path). Seeded random values of every kind the encoder meets, plus the hostile ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { NumberValue } from '../../js/number_value.js';
import { encode, encodeAttributeValues, encodeAttributeValuesReplaced, encodeChecked } from '../../js/core/value_codec.js';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outcome = (fn) => {
  try {
    return { text: fn() };
  } catch (error) {
    return { error: [error.name, error.code, error.path, error.message] };
  }
};

const KEYS = ['a', 'b', '$tag', '$$x', '__proto__', 'constructor', '', 'k\u{1F600}', '0', '10'];
const STRINGS = ['', 'plain', '{"0":1}', '{}', 'caf\u00e9', '\u{1F600}', '\uD800', 'a\uDC00b', '$date'];

function randomValue(next, depth) {
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const r = next();
  if (depth > 5 || r < 0.35) {
    return pick([
      () => pick(STRINGS),
      () => next() * 1e6 - 5e5,
      () => Math.floor(next() * 100),
      () => pick([Infinity, -Infinity, NaN, -0, 0.1, 1e21, 5e-324]),
      () => next() < 0.5,
      () => null,
      () => undefined,
      () => BigInt(Math.floor(next() * 1e9)) * 10n ** 12n,
      () => new Date(Math.floor(next() * 2e12)),
      () => new Date(Number.NaN),
      () => new NumberValue(String(Math.floor(next() * 1e6)) + '.50'),
      () => new Uint8Array([1, 2, Math.floor(next() * 255)]),
      () => new Uint8Array(0),
      () => new Int16Array([1, -2]).buffer,
      () => new Float64Array([1.5]),
      () => new String('boxed'),
      () => new Number(3),
      () => new Map([[1, 2]]),
      () => Symbol('s'),
      () => () => 1,
    ])();
  }
  if (r < 0.55) {
    const n = Math.floor(next() * 4);
    const out = new Array(n);
    for (let i = 0; i < n; i++) if (next() > 0.1) out[i] = randomValue(next, depth + 1); // holes too
    return out;
  }
  if (r < 0.65) return new Set(Array.from({ length: Math.floor(next() * 3) }, () => randomValue(next, depth + 1)));
  const out = next() < 0.1 ? Object.create(null) : {};
  const n = Math.floor(next() * 5);
  for (let i = 0; i < n; i++) {
    const key = KEYS[Math.floor(next() * KEYS.length)] + (next() < 0.3 ? String(i) : '');
    Object.defineProperty(out, key, { value: randomValue(next, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  if (next() < 0.03) Object.defineProperty(out, 'boom', { get() { throw new Error('getter'); }, enumerable: true });
  return out;
}

test('the quick walk writes what the checked walk writes, for 20,000 random values', () => {
  const next = rng(7);
  let errors = 0;
  for (let i = 0; i < 20000; i++) {
    const value = randomValue(next, 0);
    const quick = outcome(() => encode(value));
    const checked = outcome(() => encodeChecked(value));
    assert.deepEqual(quick, checked, `value #${i}`);
    if (quick.error) errors++;
  }
  // Both kinds of outcome were exercised.
  assert.ok(errors > 500 && errors < 19500, `errors: ${errors}`);
});

test('values the quick walk gives up on end exactly as in the checked walk', () => {
  const cyclic = { a: { b: [] } };
  cyclic.a.b.push(cyclic.a);
  const deep = (n) => {
    let v = 'leaf';
    for (let i = 0; i < n; i++) v = { d: v };
    return v;
  };
  const throwingProxy = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  const cases = [cyclic, deep(63), deep(64), deep(65), deep(1200), { s: 'x\uD800' }, { ['k\uDFFF']: 1 }, throwingProxy, { p: throwingProxy }];
  for (const value of cases) assert.deepEqual(outcome(() => encode(value)), outcome(() => encodeChecked(value)));
  assert.equal(outcome(() => encode(cyclic)).error[1], 'validation.cyclic');
  assert.equal(outcome(() => encode(cyclic)).error[2], 'a.b[0]');
});

test('AttributeValues: the quick stringify writes what the replacer writes', () => {
  const bytes = new Uint8Array([0, 255, 7]);
  const cases = [
    { id: { S: 'a' }, n: { N: '1' } },
    { b: { B: bytes } },
    { b: { B: new Uint8Array(0) } },
    { bs: { BS: [bytes, new Uint8Array([1])] } },
    { deep: { M: { x: { L: [{ B: bytes }, { S: '{"0":1}' }] } } } },
    { empty: { M: {} } },
    { text: { S: '{"0":' }, other: { S: '{}' } },
    { buf: { B: Buffer.from('hi') } },
    { typed: { B: new Int8Array([1]) } },
    { view: { B: new DataView(new ArrayBuffer(2)) } },
  ];
  for (const value of cases) assert.equal(encodeAttributeValues(value), encodeAttributeValuesReplaced(value), JSON.stringify(value));
  assert.equal(encodeAttributeValues({ b: { B: bytes } }), '{"b":{"B":"AP8H"}}');
});
