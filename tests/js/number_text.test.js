// Numbers cross to DynamoDB as the text JavaScript's String() gives them, through the WASM build:
// every double of tests/fixtures/core/js_number_strings.tsv (written by node's String(); see
// gen-js-number-strings.mjs there) is written by the core as exactly that text, and that text reads
// back as exactly that double. tests/core/number_text_test.cpp checks the same file natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { marshall, model, unmarshall } from 'dynamap';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const fromHex = (hex) => { u64[0] = BigInt(`0x${hex}`); return f64[0]; };

const cases = readFileSync(new URL('../fixtures/core/js_number_strings.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [hex, text] = line.split('\t');
    return { hex, x: fromHex(hex), text };
  });

// DynamoDB stores magnitudes from 1E-130 to below 1E+126 (a double's digits always fit in 38).
const storable = cases.filter(({ x }) => x === 0 || (Math.abs(x) >= 1e-130 && Math.abs(x) < 1e126));

const Numbers = model({
  name: 'Numbers',
  table: 'numbers',
  key: { partition: 'id' },
  attributes: {
    id: { type: 'string' },
    ns: { type: 'list', of: 'number', optional: true },
    i: { type: 'integer', optional: true },
  },
});

// Returns the first few mismatches as readable lines (empty when all agree).
function mismatches(list, actual, expected) {
  const out = [];
  list.forEach((c, i) => {
    if (!Object.is(actual(c, i), expected(c, i)) && out.length < 10) out.push(`${c.hex}: expected ${expected(c, i)}, got ${actual(c, i)}`);
  });
  return out;
}

test('the fixture is what this node prints (String(x) for each bit pattern)', () => {
  assert.ok(cases.length > 10000, `${cases.length} cases`);
  assert.deepEqual(mismatches(cases, ({ x }) => String(x), ({ text }) => text), []);
  assert.ok(storable.length > 5000, `${storable.length} storable cases`);
});

test('a model writes every storable double as String(x), and reads that text back as the same double', () => {
  const item = Numbers.toItem({ id: 'a', ns: storable.map(({ x }) => x) });
  const written = item.ns.L.map((av) => av.N);
  // -0 is written "0": DynamoDB has no signed zero.
  assert.deepEqual(mismatches(storable, (_, i) => written[i], ({ x, text }) => (Object.is(x, -0) ? '0' : text)), []);
  const read = Numbers.fromItem({ id: { S: 'a' }, ns: { L: storable.map(({ text }) => ({ N: text })) } }).ns;
  assert.deepEqual(mismatches(storable, (_, i) => read[i], ({ x }) => (Object.is(x, -0) ? 0 : x)), []);
});

test('schemaless marshall and unmarshall agree with String(x) and read back the same double', () => {
  const written = marshall({ l: storable.map(({ x }) => x) }).l.L.map((av) => av.N);
  assert.deepEqual(mismatches(storable, (_, i) => written[i], ({ x, text }) => (Object.is(x, -0) ? '0' : text)), []);
  const read = unmarshall({ l: { L: storable.map(({ text }) => ({ N: text })) } }).l;
  assert.deepEqual(mismatches(storable, (_, i) => read[i], ({ x }) => (Object.is(x, -0) ? 0 : x)), []);
});

test('messages quote any double, storable or not, as String(x)', () => {
  // An integer attribute refuses every fraction and every integer beyond 2^53 - 1, naming the value.
  const quoted = cases.filter(({ x }) => !Number.isSafeInteger(x));
  const message = ({ x }) => Numbers.validate({ id: 'a', i: x }).errors[0].message;
  const expected = ({ x, text }) => (Number.isInteger(x)
    ? `expected a safe integer (at most 2^53 - 1 in magnitude), got ${text}; declare the attribute as bigint or decimal`
    : `expected an integer, got ${text}`);
  assert.deepEqual(mismatches(quoted, message, expected), []);
});
