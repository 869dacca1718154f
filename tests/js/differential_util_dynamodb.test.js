// Differential test: dynamap's schemaless marshall / unmarshall against @aws-sdk/util-dynamodb
// (a pinned dev dependency), on values from a seeded PRNG. README, "Attribute types", paragraph
// "Schemaless marshall / unmarshall", is the specification: util-dynamodb's mapping, binary as
// base64, numbers written as JS prints them (String(n)), BigInt and NumberValue as N digit for
// digit, and unmarshall giving a JS number exactly when that is exact, else a NumberValue.
//
// Three sections, each seeded from SEED and the value's index (so one value reproduces alone):
//   1. random JS values: dynamap's output equals the documented mapping (an oracle written here);
//      equals util-dynamodb's output where util-dynamodb loses nothing; unmarshall(marshall(v))
//      gives v back (normalized, below); util-dynamodb's unmarshall agrees where it is exact.
//   2. random invalid values (one bad part injected into a valid value): dynamap throws a
//      ValidationError whose path names the bad part; what util-dynamodb does is only counted.
//   3. random AttributeValue maps with N of up to 38 significant digits, exponents -130..125:
//      unmarshall gives a JS number exactly when String(Number(s)) denotes the same decimal as s
//      (compared as exact decimals), else a NumberValue denoting s; marshall of that gives N
//      denoting the same decimal again.
//
// Normalizations relied on (DynamoDB semantics; README):
//   - -0 is written "0" (by both libraries: DynamoDB numbers have no signed zero) and reads back 0.
//   - A stored N carries no JS type: BigInt, NumberValue and number all read back as a JS number
//     when that is exact, else as a NumberValue denoting the same decimal (its digits may be in
//     another layout: '1.50E+2' reads back as 150).
//   - Set members have no order in DynamoDB: SS/NS/BS are compared as sets.
//   - An object property whose value is undefined is absent (util-dynamodb with
//     removeUndefinedValues: true, JSON.stringify, dynamap's value codec).
//
// Environment: DYNAMAP_DIFF_SEED (default below), DYNAMAP_DIFF_SCALE (1 = default counts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';

import utilDynamodb from '@aws-sdk/util-dynamodb';
import { marshall, unmarshall, NumberValue, ValidationError } from 'dynamap';

const SEED = (process.env.DYNAMAP_DIFF_SEED ? Number(process.env.DYNAMAP_DIFF_SEED) : 0x2f6b1d37) >>> 0;
const SCALE = Number(process.env.DYNAMAP_DIFF_SCALE ?? 1);
const VALUE_COUNT = Math.round(10000 * SCALE);
const ERROR_COUNT = Math.round(1500 * SCALE);
const AV_MAP_COUNT = Math.round(3000 * SCALE);

const UTIL_OPTIONS = { convertEmptyValues: false, removeUndefinedValues: true };
const UTIL_VERSION = JSON.parse(
  readFileSync(new URL('../../node_modules/@aws-sdk/util-dynamodb/package.json', import.meta.url), 'utf8'),
).version;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// ---------------------------------------------------------------------------------------------
// Regression guard: dynamap once took number digits from nlohmann::json's Grisu2 output, which
// for some doubles is not ECMAScript's shortest, nearest text (1e23 was written as
// '9.999999999999999e+22', and N '8e23' read back as a NumberValue). mishandledDoubles() below
// checks every double of the pools in one marshall and one unmarshall call and fails on any.
// ---------------------------------------------------------------------------------------------

// ---- PRNG: mulberry32, one stream per (section, index) ----------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}
function mix32(a, b) {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
class Rng {
  constructor(...parts) {
    this.u32 = mulberry32(parts.reduce((h, p) => mix32(h, p), 0x1234567));
  }
  float() { return this.u32() / 4294967296; }
  int(n) { return Math.floor(this.float() * n); } // 0 .. n-1
  range(lo, hi) { return lo + this.int(hi - lo + 1); } // lo .. hi
  chance(p) { return this.float() < p; }
  pick(list) { return list[this.int(list.length)]; }
  weighted(table) { // [[weight, value], ...]
    let r = this.float() * table.reduce((s, [w]) => s + w, 0);
    for (const [w, v] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1][1];
  }
}
const SECTION = { pools: 1, values: 2, errors: 3, avMaps: 4 };

// ---- exact decimals ----------------------------------------------------------------------------
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** A canonical text for the decimal value of `text`: 'digits e exponent' for 0.digits × 10^exponent. */
function decimalKey(text) {
  const m = DECIMAL.exec(text);
  const all = m ? m[2] + (m[3] ?? '') : '';
  if (all === '') throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  const first = all.search(/[1-9]/);
  if (first < 0) return '0';
  const digits = all.slice(first).replace(/0+$/, '');
  return `${m[1] === '-' ? '-' : ''}${digits}e${m[2].length - first + Number(m[4] ?? 0)}`;
}
const sameDecimal = (a, b) => decimalKey(a) === decimalKey(b);
/** DynamoDB's range: at most 38 significant digits, magnitude 1E-130 to below 1E+126. */
function inDynamoRange(text) {
  const key = decimalKey(text);
  if (key === '0') return true;
  const [digits, exponent] = key.replace(/^-/, '').split('e');
  return digits.length <= 38 && Number(exponent) >= -129 && Number(exponent) <= 126;
}
/** The README's "exact": the JS number nearest `text` prints as the same decimal value. */
function jsExact(text) {
  const x = Number(text);
  return Number.isFinite(x) && sameDecimal(String(x), text);
}
const numberText = (v) => (typeof v === 'number' ? String(v) : typeof v === 'bigint' ? v.toString() : v.value);
const b64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const plainBytes = (text) => new Uint8Array(Buffer.from(text, 'base64'));

// Keys such as __proto__ must be own properties.
function setOwn(target, key, value) {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
/**
 * A plain object with v(key) for each key of `source` (undefined values left out). Built without
 * a prototype, so that any key (__proto__ too) is a fast own property, then given Object's.
 */
function mapObject(source, v) {
  const out = Object.create(null);
  for (const k of Object.keys(source)) {
    const value = v(source[k]);
    if (value !== undefined) out[k] = value;
  }
  return Object.setPrototypeOf(out, Object.prototype);
}
/** assert.deepStrictEqual that keeps its diff and says what was compared. */
function sameTree(actual, expected, what) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch (error) {
    error.message = `${what}:\n${error.message}`;
    error.stack = `${what}:\n${error.stack}`;
    throw error;
  }
}
/** assert.ok with a message built only on failure (inspect() of every value costs seconds). */
function check(condition, message) {
  if (!condition) assert.fail(message());
}
const joinPath = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);

// ---- counters and failure reports ----------------------------------------------------------------
class Counts {
  constructor() { this.map = new Map(); }
  add(name, n = 1) { this.map.set(name, (this.map.get(name) ?? 0) + n); }
  get(name) { return this.map.get(name) ?? 0; }
  text(prefix = '') {
    return [...this.map].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => `${k.slice(prefix.length)}=${v}`).join(', ');
  }
}

/** JS source that rebuilds a value (computed keys keep __proto__ an own property). */
function toSource(v, seen = new Set()) {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint': return `${v}n`;
    case 'boolean': return String(v);
    case 'undefined': return 'undefined';
    case 'function': return '() => {}';
    case 'symbol': return 'Symbol()';
    default: break;
  }
  if (v === null) return 'null';
  if (seen.has(v)) return '<cycle>';
  if (v instanceof NumberValue) return `new NumberValue(${JSON.stringify(v.value)})`;
  if (v instanceof Uint8Array) return `new Uint8Array([${v.join(', ')}])`;
  seen.add(v);
  let out;
  if (Array.isArray(v)) out = `[${v.map((x) => toSource(x, seen)).join(', ')}]`;
  else if (v instanceof Set) out = `new Set([${[...v].map((x) => toSource(x, seen)).join(', ')}])`;
  else out = `{ ${Object.keys(v).map((k) => `[${JSON.stringify(k)}]: ${toSource(v[k], seen)}`).join(', ')} }`;
  seen.delete(v);
  return out;
}

function fail(section, index, value, error) {
  const message = error?.stack ?? String(error);
  const shown = toSource(value);
  throw new assert.AssertionError({
    message:
      `differential (${section}) failed: seed=0x${SEED.toString(16)} index=${index}` +
      ` (rerun: DYNAMAP_DIFF_SEED=0x${SEED.toString(16)})\n` +
      `value: ${shown.length > 20000 ? shown.slice(0, 20000) + ' ...' : shown}\n${message}`,
  });
}

// ---- the number-text guard ------------------------------------------------------------------------
/** ECMAScript's Number::toString layout of a decimal text's digits (as format_js_number lays them out). */
function jsLayout(text) {
  const key = decimalKey(text);
  if (key === '0') return '0';
  const sign = key.startsWith('-') ? '-' : '';
  const [digits, exponent] = key.replace(/^-/, '').split('e');
  const k = digits.length;
  const n = Number(exponent);
  if (k <= n && n <= 21) return sign + digits + '0'.repeat(n - k);
  if (0 < n && n <= 21) return `${sign}${digits.slice(0, n)}.${digits.slice(n)}`;
  if (-6 < n && n <= 0) return `${sign}0.${'0'.repeat(-n)}${digits}`;
  return `${sign}${digits[0]}${k > 1 ? '.' + digits.slice(1) : ''}e${n - 1 >= 0 ? '+' : '-'}${Math.abs(n - 1)}`;
}
const significantDigits = (text) => (decimalKey(text) === '0' ? 0 : decimalKey(text).replace(/^-/, '').split('e')[0].length);

/**
 * The doubles (as String() texts) dynamap writes with other digits than String() (the same
 * double, laid out as JS lays out numbers, no fewer digits), or reads N String(x) back as a
 * NumberValue of that same decimal. One marshall and one unmarshall call for all; there must be
 * none. Anything else that differs is caught by the tests below.
 */
function mishandledDoubles(doubles, excluded) {
  const checkable = [...new Set(doubles.filter((x) => Number.isFinite(x) && inDynamoRange(String(x))).map(String))];
  const out = new Set();
  const written = marshall({ l: checkable.map(Number) }).l.L;
  const read = unmarshall({ l: { L: checkable.map((text) => ({ N: text })) } }).l;
  let writes = 0;
  let reads = 0;
  checkable.forEach((text, i) => {
    const t = written[i].N;
    if (t !== text && Number(t) === Number(text) && jsLayout(t) === t && significantDigits(t) >= significantDigits(text)) {
      writes++;
      out.add(text);
    }
    const r = read[i];
    if (r instanceof NumberValue && sameDecimal(r.value, text)) {
      reads++;
      out.add(text);
    }
  });
  assert.deepEqual([...out].slice(0, 10), [],
    `${writes} of ${checkable.length} doubles written with other digits than String(), ${reads} read back as NumberValue`);
  return out;
}

// ---- pools of numbers, built once and filtered once ---------------------------------------------------
const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

function randomDigits(rng, k) {
  let d = String(rng.range(1, 9));
  for (let i = 1; i < k; i++) d += String(rng.int(10));
  return d;
}
function significantDigitCount(rng) {
  return rng.weighted([[35, () => rng.range(1, 6)], [25, () => rng.range(7, 15)], [15, () => rng.range(16, 17)], [25, () => rng.range(18, 38)]])();
}
/** ±d1.d2…dk × 10^E (1 ≤ k ≤ 38, -130 ≤ E ≤ 125) written in one of several layouts DynamoDB accepts. */
function randomDecimalText(rng, { k = significantDigitCount(rng), E } = {}) {
  const digits = randomDigits(rng, k);
  if (E === undefined) {
    E = rng.weighted([[45, () => rng.range(-130, 125)], [35, () => rng.range(-12, 22)], [10, () => rng.range(-130, -118)], [10, () => rng.range(113, 125)]])();
  }
  const sign = rng.chance(0.3) ? '-' : '';
  const layout = rng.weighted([[45, 'plain'], [35, 'scientific'], [15, 'integerMantissa'], [5, 'padded']]);
  if (layout === 'scientific') {
    const e = rng.chance(0.5) ? 'e' : 'E';
    const expSign = E < 0 ? '-' : rng.chance(0.5) ? '+' : '';
    return `${sign}${digits[0]}${k > 1 ? '.' + digits.slice(1) : ''}${e}${expSign}${Math.abs(E)}`;
  }
  if (layout === 'integerMantissa') return `${sign}${digits}${rng.chance(0.5) ? 'e' : 'E'}${E - (k - 1)}`;
  let plain;
  if (E < 0) plain = `0.${'0'.repeat(-E - 1)}${digits}`;
  else if (E >= k - 1) plain = digits + '0'.repeat(E - (k - 1));
  else plain = `${digits.slice(0, E + 1)}.${digits.slice(E + 1)}`;
  if (layout === 'padded') { // leading and trailing zeros: same value, other digits
    plain = '0'.repeat(rng.range(1, 3)) + plain;
    plain += (plain.includes('.') ? '' : '.') + '0'.repeat(rng.range(1, 4));
  }
  return sign + plain;
}
function randomDouble(rng) {
  const kind = rng.weighted([[14, 'small'], [14, 'safeInt'], [10, 'unsafeInt'], [26, 'short'], [20, 'bits'], [10, 'extreme'], [6, 'special']]);
  switch (kind) {
    case 'small': return rng.range(-1000, 1000);
    case 'safeInt': return (rng.chance(0.5) ? -1 : 1) * Math.floor(rng.float() * 2 ** rng.range(0, 53));
    case 'unsafeInt': return Number((rng.chance(0.4) ? '-' : '') + randomDigits(rng, rng.range(17, 40)));
    case 'short': return Number(randomDecimalText(rng, { k: rng.range(1, 17) }));
    case 'extreme': return Number(randomDecimalText(rng, { k: rng.range(1, 17), E: rng.chance(0.5) ? rng.range(-130, -90) : rng.range(90, 125) }));
    case 'bits': {
      for (;;) {
        f64Words[0] = rng.u32();
        f64Words[1] = rng.u32();
        const x = f64[0];
        if (Math.abs(x) >= 1e-129 && Math.abs(x) < 1e125) return x;
      }
    }
    default: return rng.pick([0, -0, 1, -1, 0.1, 0.5, -0.5, 0.30000000000000004, 1e-100, 1e100, -1e100, 2 ** 53, 2 ** 53 + 2,
      -(2 ** 53 + 2), MAX_SAFE, -MAX_SAFE, MAX_SAFE - 1, Number.EPSILON, 1e21, 1e-7, 1e-6, 123456789.123456, 1e-130, -1e-130,
      1e125, -1e125, 2 ** 64, 2 ** 100, 4.35, 1 / 3]);
  }
}
function randomBigIntText(rng) {
  const k = rng.weighted([[40, () => rng.range(1, 15)], [20, () => rng.range(16, 20)], [40, () => rng.range(21, 38)]])();
  const zeros = rng.chance(0.2) ? rng.range(0, 125 - (k - 1)) : 0;
  return (rng.chance(0.3) ? '-' : '') + randomDigits(rng, k) + '0'.repeat(zeros);
}

function buildPools() {
  const rng = new Rng(SEED, SECTION.pools);
  const doubles = Array.from({ length: 6000 }, () => randomDouble(rng));
  const decimals = Array.from({ length: 6000 }, () => randomDecimalText(rng));
  const bigints = Array.from({ length: 1500 }, () => randomBigIntText(rng));
  const excluded = new Counts();
  const misprinted = mishandledDoubles([...doubles, ...decimals.map(Number), ...bigints.map(Number)], excluded);
  // A text whose nearest double prints out of DynamoDB's range (just below 1E+126) cannot be
  // checked for the bug through marshall: it is left out as well.
  const keep = (label, text) => {
    const printed = String(Number(text));
    if (!inDynamoRange(printed)) { excluded.add(`${label} (nearest double prints as 1E+126 or more)`); return false; }
    return !misprinted.has(printed);
  };
  const pools = {
    doubles: doubles.filter((x) => keep('numbers', String(x))),
    decimals: decimals.filter((t) => keep('decimal texts', t)),
    bigints: bigints.filter((t) => keep('bigints', t)).map(BigInt),
    excluded,
  };
  // For values util-dynamodb can take whole: no number beyond its safe integers.
  pools.safeDoubles = pools.doubles.filter((x) => Math.abs(x) <= MAX_SAFE);
  pools.safeDecimals = pools.decimals.filter((t) => Math.abs(Number(t)) <= MAX_SAFE);
  return pools;
}

// ---- random JS values ------------------------------------------------------------------------------
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const UNICODE = ['é', 'ß', 'Ж', 'ω', '中', '文', '字', 'ع', 'ह', 'ก', '\u0301', '\u0308', '\u20dd', '\u200d', '\ufeff', '\u2028',
  '\u0000', '\u001f', '\u007f', '\ufffd', '\uffff', '\ud7ff', '\ue000', '😀', '👩‍💻', '🇫🇷', '\u{10ffff}', '\u{1d11e}', '\u{20000}',
  'e\u0301', '👍\u{1f3fd}', '\t', '\n', '"', '\\', '/', '$'];
const SPECIAL_KEYS = ['$', '$$', '$a', '$$a', '$$$a', '$bigint', '$set', '$bytes', '$number', '$date', '$undefined', '$nonfinite',
  '$unsupported', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'a.b', 'a[0]', '0',
  '-1', 'ключ', '键', '😀', 'e\u0301', 'M', 'N', 'S', 'L', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS'];

function randomString(rng) {
  const length = rng.weighted([[10, 0], [50, () => rng.range(1, 8)], [35, () => rng.range(9, 40)], [5, () => rng.range(41, 120)]]);
  const n = typeof length === 'function' ? length() : length;
  const unicode = rng.chance(0.5);
  let s = '';
  for (let i = 0; i < n; i++) s += unicode && rng.chance(0.5) ? rng.pick(UNICODE) : rng.pick(ASCII);
  return s;
}
const UTIL_HOSTILE_KEYS = new Set(['__proto__', 'constructor']);
function randomKey(rng, friendly = false) {
  if (rng.chance(0.3)) {
    const key = rng.pick(SPECIAL_KEYS);
    return friendly && UTIL_HOSTILE_KEYS.has(key) ? 'ok' : key;
  }
  if (rng.chance(0.15)) return randomString(rng) || 'k';
  let k = '';
  for (let i = rng.range(1, 10); i > 0; i--) k += String.fromCharCode(97 + rng.int(26));
  return k;
}
function randomBytes(rng) {
  const n = rng.weighted([[10, 0], [40, () => rng.range(1, 5)], [40, () => rng.range(6, 40)], [10, () => rng.range(41, 120)]]);
  const length = typeof n === 'function' ? n() : n;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = rng.int(256);
  return bytes;
}

class ValueGenerator {
  constructor(rng, pools) {
    this.rng = rng;
    this.pools = pools;
    this.budget = rng.weighted([[75, () => rng.range(1, 15)], [22, () => rng.range(16, 40)], [3, () => rng.range(41, 100)]])();
    this.maxDepth = rng.range(0, 6);
    // Half the values avoid what util-dynamodb refuses or loses (numbers beyond its safe integers,
    // keys "__proto__" and "constructor"), so that most of them compare whole.
    this.friendly = rng.chance(0.5);
  }
  number() { return this.rng.pick(this.friendly ? this.pools.safeDoubles : this.pools.doubles); }
  bigint() { return this.rng.chance(0.3) ? BigInt(this.rng.range(-1000, 1000)) : this.rng.pick(this.pools.bigints); }
  numberValue() { return new NumberValue(this.rng.pick(this.pools.decimals)); }
  numeric() { // a member of a number set
    return this.rng.weighted([[60, () => this.number()], [20, () => this.bigint()], [20, () => this.numberValue()]])();
  }
  set(kind = this.rng.pick(['SS', 'NS', 'BS'])) {
    const size = this.rng.weighted([[50, () => this.rng.range(1, 2)], [40, () => this.rng.range(3, 6)], [10, () => this.rng.range(7, 12)]])();
    const members = new Map(); // DynamoDB's notion of sameness -> member
    const homogeneous = this.rng.chance(0.6); // NS: numbers only, or numbers, BigInt and NumberValue mixed
    for (let attempt = 0; members.size < size && attempt < size * 4; attempt++) {
      if (kind === 'SS') { const s = randomString(this.rng); members.set(s, s); }
      if (kind === 'NS') { const n = homogeneous ? this.number() : this.numeric(); members.set(decimalKey(numberText(n)), n); }
      if (kind === 'BS') { const b = randomBytes(this.rng); members.set(b64(b), b); }
    }
    return new Set(members.values());
  }
  leaf() {
    const rng = this.rng;
    return rng.weighted([
      [24, () => randomString(rng)],
      [24, () => this.number()],
      [6, () => rng.chance(0.5)],
      [5, () => null],
      [8, () => randomBytes(rng)],
      [5, () => this.set('SS')],
      [6, () => this.set('NS')],
      [4, () => this.set('BS')],
      [6, () => this.bigint()],
      [6, () => this.numberValue()],
      [2, () => ({})],
      [2, () => []],
    ])();
  }
  node(depth) {
    this.budget--;
    if (depth < this.maxDepth && this.budget > 0 && this.rng.chance(0.4)) {
      return this.rng.chance(0.55) ? this.object(depth + 1) : this.array(depth + 1);
    }
    return this.leaf();
  }
  object(depth, size = this.rng.range(0, 6)) {
    const o = {};
    for (let i = 0; i < size; i++) {
      const key = randomKey(this.rng, this.friendly);
      if (Object.hasOwn(o, key)) continue;
      setOwn(o, key, this.rng.chance(0.02) ? undefined : this.node(depth));
    }
    return o;
  }
  array(depth) {
    return Array.from({ length: this.rng.range(0, 6) }, () => this.node(depth));
  }
  topLevel() {
    // Mostly an item (a map); sometimes another value, which both marshall to one AttributeValue.
    if (this.rng.chance(0.05)) return { top: this.node(0) };
    return { item: this.object(0, this.rng.range(0, 8)) };
  }
}

// ---- the documented mapping (the oracle) and comparisons ----------------------------------------------
function setKind(member) {
  if (typeof member === 'string') return 'SS';
  if (member instanceof Uint8Array) return 'BS';
  return 'NS';
}
/** The documented AttributeValue of v, in normAV's form (binary as base64, set members sorted). */
function expectedAV(v) {
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof NumberValue) return { N: numberText(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (v === null) return { NULL: true };
  if (v instanceof Uint8Array) return { B: b64(v) };
  if (Array.isArray(v)) return { L: v.map(expectedAV) };
  if (v instanceof Set) {
    const kind = setKind([...v][0]);
    return { [kind]: [...v].map((m) => Object.values(expectedAV(m))[0]).sort() };
  }
  return { M: expectedMap(v) };
}
function expectedMap(o) {
  return mapObject(o, (x) => (x === undefined ? undefined : expectedAV(x)));
}

/** An AttributeValue with binary as base64 and set members sorted; `numbers` maps N texts. */
function normAV(av, numbers = (s) => s) {
  const [[type, payload]] = Object.entries(av);
  switch (type) {
    case 'N': return { N: numbers(payload) };
    case 'B': return { B: payload instanceof Uint8Array ? b64(payload) : payload };
    case 'NS': return { NS: payload.map(numbers).sort() };
    case 'SS': return { SS: [...payload].sort() };
    case 'BS': return { BS: payload.map((b) => (b instanceof Uint8Array ? b64(b) : b)).sort() };
    case 'L': return { L: payload.map((x) => normAV(x, numbers)) };
    case 'M': return { M: normMap(payload, numbers) };
    default: return { [type]: payload };
  }
}
function normMap(map, numbers) {
  return mapObject(map, (x) => normAV(x, numbers));
}
const normTop = (marshalled, isItem, numbers) => (isItem ? normMap(marshalled, numbers) : normAV(marshalled, numbers));

/** What unmarshall(marshall(v)) must give: see the normalizations at the top. */
function expectedRead(v) {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof NumberValue) {
    const text = numberText(v);
    return jsExact(text) ? Number(text) + 0 : new NumberValue(text); // + 0 turns -0 into 0
  }
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(expectedRead);
  if (v instanceof Set) return new Set([...v].map(expectedRead));
  return mapObject(v, (x) => (x === undefined ? undefined : expectedRead(x)));
}
function memberKey(m) {
  if (typeof m === 'string') return `S:${m}`;
  if (m instanceof Uint8Array) return `B:${b64(m)}`;
  if (typeof m === 'number' || m instanceof NumberValue) return `N:${decimalKey(numberText(m))}`;
  return `?:${String(m)}`;
}
/** Deep equality of read values: NumberValue by decimal value, sets by members, exact prototypes. */
function assertSameRead(actual, expected, path) {
  const where = path || '(root)';
  if (expected instanceof NumberValue) {
    check(actual instanceof NumberValue, () => `${where}: expected NumberValue(${expected.value}), got ${inspect(actual)}`);
    check(sameDecimal(actual.value, expected.value), () => `${where}: NumberValue(${actual.value}) is not ${expected.value}`);
    return;
  }
  if (typeof expected === 'number') {
    check(Object.is(actual, expected), () => `${where}: expected the number ${expected}, got ${inspect(actual)}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, `${where}: differs`);
    return;
  }
  if (expected instanceof Uint8Array) {
    check(actual instanceof Uint8Array && Object.getPrototypeOf(actual) === Uint8Array.prototype, () => `${where}: expected a Uint8Array, got ${inspect(actual)}`);
    assert.equal(b64(actual), b64(expected), `${where}: bytes differ`);
    return;
  }
  if (Array.isArray(expected)) {
    check(Array.isArray(actual), () => `${where}: expected an array, got ${inspect(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length differs`);
    expected.forEach((e, i) => assertSameRead(actual[i], e, joinPath(path, i)));
    return;
  }
  if (expected instanceof Set) {
    check(actual instanceof Set, () => `${where}: expected a Set, got ${inspect(actual)}`);
    const byKey = new Map([...actual].map((m) => [memberKey(m), m]));
    assert.equal(byKey.size, expected.size, `${where}: set size differs (${inspect(actual)})`);
    for (const e of expected) {
      const key = memberKey(e);
      check(byKey.has(key), () => `${where}: set lacks ${key} (${inspect(actual)})`);
      assertSameRead(byKey.get(key), e, `${path}{${key}}`);
    }
    return;
  }
  check(actual !== null && typeof actual === 'object' && Object.getPrototypeOf(actual) === Object.prototype, () => `${where}: expected a plain object, got ${inspect(actual)}`);
  sameTree(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: keys differ`);
  for (const k of Object.keys(expected)) assertSameRead(actual[k], expected[k], joinPath(path, k));
}

// ---- util-dynamodb's side ----------------------------------------------------------------------------
/** A copy for util-dynamodb: dynamap's NumberValue becomes util-dynamodb's own (same digits). */
function toUtilInput(v) {
  if (v instanceof NumberValue) return new utilDynamodb.NumberValueImpl(v.value);
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(toUtilInput);
  if (v instanceof Set) return new Set([...v].map(toUtilInput));
  return mapObject(v, toUtilInput);
}
function containsNumberValue(v) {
  if (v instanceof NumberValue) return true;
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return false;
  if (Array.isArray(v) || v instanceof Set) { for (const x of v) if (containsNumberValue(x)) return true; return false; }
  for (const k of Object.keys(v)) if (containsNumberValue(v[k])) return true;
  return false;
}
/** Why util-dynamodb may not give dynamap's output for v (documented differences, by design). */
function utilDifferences(v, out = new Set()) {
  const magnitude = (m) => Math.abs(Number(numberText(m)));
  if (typeof v === 'number' && magnitude(v) > MAX_SAFE) out.add('unsafe number (util refuses it)');
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array || v instanceof NumberValue) return out;
  if (v instanceof Set) {
    const members = [...v];
    // util-dynamodb checks every member of a set whose first member is a number as a number.
    if (typeof members[0] === 'number' && members.some((m) => typeof m !== 'string' && !(m instanceof Uint8Array) && magnitude(m) > MAX_SAFE)) {
      out.add('unsafe number (util refuses it)');
    }
    return out;
  }
  if (Array.isArray(v)) { v.forEach((x) => utilDifferences(x, out)); return out; }
  if (Object.hasOwn(v, 'constructor')) out.add('key "constructor" (util refuses the object)');
  if (Object.hasOwn(v, '__proto__')) out.add('key "__proto__" (util sets the prototype, loses the entry)');
  for (const k of Object.keys(v)) utilDifferences(v[k], out);
  return out;
}
/** AttributeValues as util-dynamodb takes them: binary as Uint8Array. */
function withBytes(av) {
  const [[type, payload]] = Object.entries(av);
  switch (type) {
    case 'B': return { B: payload instanceof Uint8Array ? new Uint8Array(payload) : plainBytes(payload) };
    case 'BS': return { BS: payload.map((b) => (b instanceof Uint8Array ? new Uint8Array(b) : plainBytes(b))) };
    case 'L': return { L: payload.map(withBytes) };
    case 'M': return { M: mapWithBytes(payload) };
    default: return av;
  }
}
function mapWithBytes(map) {
  return mapObject(map, withBytes);
}

const NO_UTIL = Symbol('util-dynamodb not compared here');
/**
 * Checks dynamap's reading `dyn` of AttributeValue `av` (numbers exactly as the README says) and
 * compares util-dynamodb's reading `u` of it where util-dynamodb is exact; counts the rest.
 */
function checkRead(av, dyn, u, path, counts) {
  const where = path || '(root)';
  const [[type, payload]] = Object.entries(av);
  switch (type) {
    case 'N': checkNumberRead(payload, dyn, u, path, counts); return;
    case 'S': case 'BOOL':
      assert.equal(dyn, payload, `${where}: ${type} read wrongly`);
      if (u !== NO_UTIL) assert.equal(u, payload, `${where}: util-dynamodb read ${type} otherwise`);
      return;
    case 'NULL':
      assert.equal(dyn, null, `${where}: NULL read wrongly`);
      if (u !== NO_UTIL) assert.equal(u, null);
      return;
    case 'B': {
      const bytes = payload instanceof Uint8Array ? b64(payload) : payload;
      check(dyn instanceof Uint8Array && Object.getPrototypeOf(dyn) === Uint8Array.prototype, () => `${where}: B must read as a Uint8Array`);
      assert.equal(b64(dyn), bytes, `${where}: B read wrongly`);
      if (u !== NO_UTIL) assert.equal(b64(u), bytes);
      return;
    }
    case 'SS': case 'BS': {
      const norm = (m) => (typeof m === 'string' ? m : b64(m));
      check(dyn instanceof Set, () => `${where}: ${type} must read as a Set`);
      sameTree([...dyn].map(norm).sort(), payload.map(norm).sort(), `${where}: ${type} read wrongly`);
      if (type === 'BS') for (const m of dyn) assert.equal(Object.getPrototypeOf(m), Uint8Array.prototype, `${where}: BS members must be Uint8Array`);
      if (u !== NO_UTIL) assert.deepEqual([...u].map(norm).sort(), payload.map(norm).sort());
      return;
    }
    case 'NS': {
      check(dyn instanceof Set, () => `${where}: NS must read as a Set`);
      assert.equal(dyn.size, payload.length, `${where}: NS size differs`);
      const byKey = new Map([...dyn].map((m) => [memberKey(m), m]));
      // util-dynamodb reads members in order; when rounding collapses two of them the Set shrinks.
      let utilMembers = u === NO_UTIL ? undefined : [...u];
      if (utilMembers && utilMembers.length !== payload.length) {
        counts.add('N: util NS lost members (rounded into one)');
        utilMembers = undefined;
      }
      payload.forEach((s, i) => {
        const key = `N:${decimalKey(s)}`;
        check(byKey.has(key), () => `${where}: NS lacks ${s}`);
        checkNumberRead(s, byKey.get(key), utilMembers ? utilMembers[i] : NO_UTIL, `${path}{${s}}`, counts);
      });
      return;
    }
    case 'L':
      check(Array.isArray(dyn) && dyn.length === payload.length, () => `${where}: L read wrongly`);
      payload.forEach((x, i) => checkRead(x, dyn[i], u === NO_UTIL ? NO_UTIL : u[i], joinPath(path, i), counts));
      return;
    case 'M':
      checkReadMap(payload, dyn, u, path, counts);
      return;
    default:
      throw new Error(`${where}: unexpected AttributeValue type ${type}`);
  }
}
function checkReadMap(map, dyn, u, path, counts) {
  const where = path || '(root)';
  check(dyn !== null && typeof dyn === 'object' && Object.getPrototypeOf(dyn) === Object.prototype, () => `${where}: M must read as a plain object`);
  sameTree(Object.keys(dyn).sort(), Object.keys(map).sort(), `${where}: keys differ`);
  for (const k of Object.keys(map)) {
    let uk = u === NO_UTIL ? NO_UTIL : u[k];
    if (k === '__proto__' && u !== NO_UTIL) {
      counts.add('util read: key "__proto__" lost (util sets the prototype)');
      uk = NO_UTIL;
    }
    checkRead(map[k], dyn[k], uk, joinPath(path, k), counts);
  }
}
function checkNumberRead(s, dyn, u, path, counts) {
  const where = path || '(root)';
  const x = Number(s);
  const exact = jsExact(s);
  if (exact) {
    check(Object.is(dyn, x + 0), () => `${where}: N ${s} must read as the JS number ${x + 0}, got ${inspect(dyn)}`);
  } else {
    check(dyn instanceof NumberValue, () => `${where}: N ${s} is not exact as a JS number: must read as a NumberValue, got ${inspect(dyn)}`);
    check(sameDecimal(dyn.value, s), () => `${where}: NumberValue(${dyn.value}) does not denote ${s}`);
  }
  counts.add(exact ? 'N read: JS number' : 'N read: NumberValue');
  if (u === NO_UTIL) return;
  if (Object.is(u, dyn)) {
    counts.add('N vs util: equal');
  } else if (typeof u === 'bigint') {
    assert.equal(u, BigInt(s), `${where}: util-dynamodb read ${s} as ${u}`);
    counts.add('N vs util: util BigInt (beyond safe integers)');
  } else if (typeof u === 'number' && !exact) {
    check(Object.is(u, x), () => `${where}: util-dynamodb read ${s} as ${u}`);
    counts.add('N vs util: util rounds (dynamap NumberValue)');
  } else if (Object.is(u, -0) && dyn === 0) {
    counts.add('N vs util: util -0, dynamap 0');
  } else {
    assert.fail(`${where}: util-dynamodb read N ${s} as ${inspect(u)}, dynamap as ${inspect(dyn)}: unexplained`);
  }
}

// ---- the tests -----------------------------------------------------------------------------------------
const startedAt = Date.now();
const pools = buildPools();
console.log(
  `differential util-dynamodb: seed=0x${SEED.toString(16)} util-dynamodb=${UTIL_VERSION} pools: ${pools.doubles.length} numbers, ` +
    `${pools.decimals.length} decimal texts, ${pools.bigints.length} bigints; excluded: ${pools.excluded.text() || 'none'}`,
);

test('random JS values: dynamap = documented mapping = util-dynamodb where exact; round trip', () => {
  const counts = new Counts();
  for (let i = 0; i < VALUE_COUNT; i++) {
    const rng = new Rng(SEED, SECTION.values, i);
    const generated = new ValueGenerator(rng, pools).topLevel();
    const value = 'item' in generated ? generated.item : generated.top;
    const isItem = value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
    try {
      // 1. dynamap against the documented mapping.
      const written = marshall(value);
      const writtenNorm = normTop(written, isItem);
      sameTree(writtenNorm, isItem ? expectedMap(value) : expectedAV(value), 'marshall differs from the documented mapping (actual: dynamap)');
      counts.add('marshalled');
      if (isItem) counts.add('items');

      // 2. util-dynamodb's marshall, where it is exact.
      const options = isItem ? UTIL_OPTIONS : { ...UTIL_OPTIONS, convertTopLevelContainer: true };
      // Without convertTopLevelContainer util-dynamodb gives a top-level array as a bare list.
      if (Array.isArray(value)) counts.add('top-level arrays');
      const reasons = utilDifferences(value);
      let utilWritten;
      let utilError;
      try {
        utilWritten = utilDynamodb.marshall(containsNumberValue(value) ? toUtilInput(value) : value, options);
      } catch (error) {
        utilError = error;
      }
      let same = false;
      if (!utilError) {
        try {
          assert.deepStrictEqual(normTop(utilWritten, isItem), writtenNorm);
          same = true;
        } catch (difference) {
          if (reasons.size === 0) throw difference;
        }
      } else if (reasons.size === 0) {
        throw new Error(`util-dynamodb refused a value it should take: ${utilError.message}`);
      }
      counts.add('util compared');
      if (same) counts.add('util equal');
      else for (const r of reasons) counts.add(`util differs: ${r}`);

      // 3. dynamap's round trip.
      const wrapped = isItem ? written : { v: written };
      const read = unmarshall(wrapped);
      assertSameRead(isItem ? read : read.v, expectedRead(value), isItem ? '' : 'v');
      counts.add('round trips');

      // 4. both libraries reading dynamap's output (numbers checked leaf by leaf).
      let utilRead = NO_UTIL;
      try {
        utilRead = utilDynamodb.unmarshall(mapWithBytes(wrapped));
      } catch (error) {
        counts.add(`util read: refused the item (${/BigInt/.test(error.message) ? 'a non-integer beyond safe integers' : error.message.slice(0, 40)})`);
      }
      checkReadMap(wrapped, read, utilRead, '', counts);
    } catch (error) {
      fail('values', i, value, error);
    }
  }
  const differs = counts.text('util differs: ');
  console.log(
    `differential values: ${counts.get('marshalled')} marshalled = documented mapping, ${counts.get('round trips')} round trips; ` +
      `util-dynamodb marshall compared ${counts.get('util compared')}: equal ${counts.get('util equal')}, differed by design ` +
      `${counts.get('util compared') - counts.get('util equal')} {${differs}}; N leaves read: ${counts.text('N read: ')}; ` +
      `vs util: ${counts.text('N vs util: ')}${counts.text('util read: ') ? '; ' + counts.text('util read: ') : ''}; ` +
      `top-level non-maps ${VALUE_COUNT - counts.get('items')}, of them arrays (by design: util needs convertTopLevelContainer) ${counts.get('top-level arrays')}`,
  );
  assert.equal(counts.get('round trips'), VALUE_COUNT);
});

// One bad part in an otherwise valid value: [label, make(rng, generator) -> { bad, code, suffix, ... }],
// suffix being the part of the path below where the bad part is put (a set member's index).
const BAD_PARTS = [
  ['NaN / Infinity', (rng) => ({ bad: rng.pick([NaN, Infinity, -Infinity]), code: 'nonFinite' })],
  ['function', () => ({ bad: () => 1, code: 'type' })],
  ['symbol', () => ({ bad: Symbol('s'), code: 'type' })],
  ['undefined in an array', () => ({ bad: undefined, code: 'type', arrayOnly: true })],
  ['empty Set', () => ({ bad: new Set(), code: 'emptySet' })],
  ['Set of mixed member types', (rng, gen) => {
    const kind = rng.pick(['SS', 'NS', 'BS']);
    const members = [...gen.set(kind)];
    const odd = rng.pick([
      ...(kind === 'SS' ? [] : [randomString(rng)]),
      ...(kind === 'NS' ? [] : [gen.number(), gen.bigint(), gen.numberValue()]),
      ...(kind === 'BS' ? [] : [randomBytes(rng)]),
      null, true, false, {}, [],
    ]);
    const at = rng.range(1, members.length);
    members.splice(at, 0, odd);
    return { bad: new Set(members), code: 'type', suffix: `[${at}]` };
  }],
  ['Set with a duplicate (same value, other form)', (rng, gen) => {
    const kind = rng.pick(['NS', 'BS']);
    const members = [...gen.set(kind)];
    const original = rng.pick(members);
    let twin;
    if (kind === 'BS') twin = new Uint8Array(original);
    else {
      const text = numberText(original);
      const key = decimalKey(text);
      const [digits, exponent] = key.replace(/^-/, '').split('e');
      const alt = `${key.startsWith('-') ? '-' : ''}0.${digits}0E${exponent}`; // same value, other digits
      const small = typeof original === 'number' && Number.isSafeInteger(original);
      twin = small && rng.chance(0.5) ? BigInt(original) : new NumberValue(key === '0' ? '0.0' : alt);
    }
    return { bad: new Set([...members, twin]), code: 'duplicate', suffix: `[${members.length}]` };
  }],
  ['number out of DynamoDB range', (rng) => {
    const d = randomDigits(rng, rng.range(1, 17));
    const tiny = rng.chance(0.5);
    const e = tiny ? -rng.range(132, 300) : rng.range(127, 290);
    const text = `${rng.chance(0.3) ? '-' : ''}${d[0]}.${d.slice(1) || '0'}e${e}`;
    const form = rng.pick(['number', 'NumberValue', ...(tiny ? [] : ['bigint'])]);
    const bad = form === 'number' ? Number(text) : form === 'NumberValue' ? new NumberValue(text) : BigInt(d) * 10n ** BigInt(e);
    return { bad, code: 'range' };
  }],
  ['more than 38 significant digits', (rng) => {
    const digits = randomDigits(rng, rng.range(39, 60)).replace(/0$/, '7');
    return { bad: rng.chance(0.5) ? BigInt(digits) : new NumberValue(`${digits.slice(0, 3)}.${digits.slice(3)}e${rng.range(-90, 80)}`), code: 'range' };
  }],
  ['cycle', () => ({ cycle: true, code: 'cyclic' })],
];

test('random invalid values: ValidationError with the path of the bad part', () => {
  const counts = new Counts();
  for (let i = 0; i < ERROR_COUNT; i++) {
    const rng = new Rng(SEED, SECTION.errors, i);
    const gen = new ValueGenerator(rng, pools);
    gen.budget = Math.min(gen.budget, 25);
    const value = gen.object(0, rng.range(0, 6));
    // Every container in the value, with its path.
    const containers = []; // [container, path, [root, ..., container]]
    const walk = (v, path, line) => {
      if (Array.isArray(v)) { containers.push([v, path, [...line, v]]); v.forEach((x, j) => walk(x, joinPath(path, j), [...line, v])); }
      else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        containers.push([v, path, [...line, v]]);
        for (const k of Object.keys(v)) walk(v[k], joinPath(path, k), [...line, v]);
      }
    };
    walk(value, '', []);
    const [label, make] = rng.pick(BAD_PARTS);
    const part = make(rng, gen);
    const candidates = part.arrayOnly ? containers.filter(([c]) => Array.isArray(c)) : containers;
    if (candidates.length === 0) { // no array to put undefined in: make one
      setOwn(value, 'list', []);
      candidates.push([value.list, 'list', [value, value.list]]);
    }
    const [container, path, line] = rng.pick(candidates);
    let bad = part.bad;
    if (part.cycle) bad = rng.pick(line); // the container itself or one of its ancestors
    let at;
    if (Array.isArray(container)) { at = joinPath(path, container.length); container.push(bad); }
    else {
      let key = randomKey(rng);
      while (Object.hasOwn(container, key)) key += '_';
      at = joinPath(path, key);
      setOwn(container, key, bad);
    }
    const expectedPath = at + (part.suffix ?? '');
    try {
      assert.throws(() => marshall(value), (error) => {
        check(error instanceof ValidationError, () => `expected a ValidationError, got ${error?.constructor?.name}: ${error?.message}`);
        assert.equal(error.code, `validation.${part.code}`, `code (${error.message})`);
        // An attribute named '' at the top has the path '' (errors[0].path); error.path is then
        // undefined and the message says "item:", as for the item itself.
        assert.equal(error.path ?? '', expectedPath, `path (${error.message})`);
        assert.equal(error.errors[0].path, expectedPath);
        return true;
      });
      counts.add(`refused: ${label}`);
    } catch (error) {
      fail('errors', i, value, error);
    }
    if (part.cycle) { counts.add('util not run: cycle'); continue; } // util-dynamodb recurses forever
    try {
      utilDynamodb.marshall(toUtilInput(value), UTIL_OPTIONS);
      counts.add(`util accepts: ${label}`);
    } catch {
      counts.add(`util refuses: ${label}`);
    }
  }
  console.log(
    `differential errors: ${ERROR_COUNT} invalid values, all ValidationError with the bad part's path {${counts.text('refused: ')}}; ` +
      `differed by design (util-dynamodb accepted them): {${counts.text('util accepts: ')}}; util also refused: {${counts.text('util refuses: ')}}`,
  );
});

// Random AttributeValue maps, as DynamoDB (or another writer) could return them.
class AVGenerator {
  constructor(rng) {
    this.rng = rng;
    this.budget = rng.range(1, 40);
    this.maxDepth = rng.range(0, 5);
    // Half the maps hold only numbers within util-dynamodb's safe integers (it refuses a map
    // holding a non-integer beyond them), so that it reads most of them.
    this.decimals = rng.chance(0.5) ? pools.safeDecimals : pools.decimals;
  }
  n() { return { N: this.rng.pick(this.decimals) }; }
  node(depth) {
    const rng = this.rng;
    this.budget--;
    if (depth < this.maxDepth && this.budget > 0 && rng.chance(0.35)) {
      return rng.chance(0.5) ? { M: this.map(depth + 1) } : { L: Array.from({ length: rng.range(0, 5) }, () => this.node(depth + 1)) };
    }
    return rng.weighted([
      [45, () => this.n()],
      [3, () => ({ N: rng.pick(['0', '0.0', '-0', '0e5', '000.000E-7']) })],
      [10, () => {
        const members = new Map();
        for (let j = rng.range(1, 8); j > 0; j--) { const t = rng.pick(this.decimals); members.set(decimalKey(t), t); }
        return { NS: [...members.values()] };
      }],
      [10, () => ({ S: randomString(rng) })],
      [5, () => ({ BOOL: rng.chance(0.5) })],
      [4, () => ({ NULL: true })],
      [6, () => { const b = randomBytes(rng); return { B: rng.chance(0.5) ? b : b64(b) }; }],
      [4, () => ({ SS: [...new Set(Array.from({ length: rng.range(1, 4) }, () => randomString(rng)))] })],
      [3, () => ({ BS: [...new Map(Array.from({ length: rng.range(1, 4) }, () => { const b = randomBytes(rng); return [b64(b), b]; })).values()].map((b) => (rng.chance(0.5) ? b : b64(b))) })],
    ])();
  }
  map(depth) {
    const out = {};
    for (let j = this.rng.range(0, 6); j > 0; j--) {
      const key = randomKey(this.rng);
      if (!Object.hasOwn(out, key)) setOwn(out, key, this.node(depth));
    }
    return out;
  }
}

test('random AttributeValue maps: N read exactly, written back to the same decimal', () => {
  const counts = new Counts();
  for (let i = 0; i < AV_MAP_COUNT; i++) {
    const rng = new Rng(SEED, SECTION.avMaps, i);
    const item = new AVGenerator(rng).map(0);
    try {
      const read = unmarshall(item);
      let utilRead = NO_UTIL;
      try {
        utilRead = utilDynamodb.unmarshall(mapWithBytes(item));
      } catch (error) {
        counts.add(`util read: refused the map (${/BigInt/.test(error.message) ? 'a non-integer beyond safe integers' : error.message.slice(0, 40)})`);
      }
      checkReadMap(item, read, utilRead, '', counts);
      // Written back: the same decimals (in DynamoDB's eyes), binary as base64, sets as sets.
      const written = marshall(read);
      sameTree(normMap(written, decimalKey), normMap(item, decimalKey), 'marshall(unmarshall(item)) differs from item (N compared as decimals)');
      counts.add('maps');
    } catch (error) {
      fail('AttributeValue maps', i, item, error);
    }
  }
  console.log(
    `differential AttributeValue maps: ${counts.get('maps')} maps read and written back; N read: ${counts.text('N read: ')}; ` +
      `vs util-dynamodb: ${counts.text('N vs util: ')}; ${counts.text('util read: ') || 'util read every map'}; total ${Date.now() - startedAt} ms`,
  );
});
