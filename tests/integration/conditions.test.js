// A corpus of conditions evaluated by real servers against a corpus of items. For every
// (condition, item) pair the expected verdict is written here by hand (`holds` lists the items
// for which the condition is true; it is false for every other item, the absent item Z
// included), and the server decides it through a conditional put, update or delete on that
// item, which must succeed (true) or throw ConditionFailedError (false).
//
// Each pair has its own copy of its item (partition key = item name, sort key = condition id), so
// a write that succeeds never changes what another pair sees, and the pairs run concurrently.
// Runs on dynalite and on DynamoDB Local.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ConditionFailedError,
  ExpressionError,
  ValidationError,
  attr,
  createClient,
  model,
  not,
  where,
} from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };

const QUOTE = 'say "hi" \'there\'';
const UNICODE = 'ключ✓🙂';

const Thing = model({
  name: 'Thing',
  table: 'cond_things',
  key: { partition: 'pk', sort: 'sk' },
  unknown: 'keep', // free attributes at the top level (E holds 'extra' and 'free.k')
  attributes: {
    pk: 'string',
    sk: 'string',
    // DynamoDB reserved words as attribute names
    name: 'string',
    status: { type: 'enum', values: ['new', 'paid', 'void', 'on-hold'] },
    size: { type: 'integer', optional: true },
    data: {
      type: 'map',
      optional: true,
      unknown: 'keep',
      fields: { kind: 'string', level: { type: 'integer', optional: true } },
    },
    date: { type: 'date', optional: true },
    price: 'number',
    amount: { type: 'decimal', optional: true },
    active: 'boolean',
    note: { type: 'string', optional: true, nullable: true },
    tags: { type: 'set', of: 'string' },
    scores: { type: 'set', of: 'number' },
    address: {
      type: 'map',
      optional: true,
      fields: {
        city: 'string',
        zip: { type: 'string', optional: true },
        geo: { type: 'map', optional: true, fields: { lat: 'number', lng: 'number' } },
      },
    },
    lines: { type: 'list', optional: true, of: { type: 'map', fields: { sku: 'string', qty: 'integer' } } },
    words: { type: 'list', optional: true, of: 'string' },
    blob: { type: 'binary', optional: true },
    // types whose stored form differs from the JS value: condition values go through the same
    // conversion
    when: { type: 'datetime', storeAs: 'epoch', optional: true },
    uid: { type: 'uuid', optional: true },
    dur: { type: 'duration', optional: true },
    big: { type: 'bigint', optional: true },
    exp: { type: 'ttl', optional: true },
    // hostile stored names: one through attributeName, the others as the model's own names
    alias: { type: 'string', optional: true, attributeName: 'x.y#z' },
    'a.b': { type: 'string', optional: true },
    ':x': { type: 'number', optional: true },
    '#y': { type: 'boolean', optional: true },
    [QUOTE]: { type: 'string', optional: true },
    [UNICODE]: { type: 'string', optional: true },
  },
});

const bytes = (...b) => new Uint8Array(b);

// The item corpus. Z is the absent item: no copy of it is ever written.
const ITEMS = {
  A: {
    name: 'alpha', status: 'new', size: 3, data: { kind: 'box', level: 2 }, date: '2024-01-15',
    price: 9.5, amount: '12.50', active: true, note: null, tags: ['red', 'blue'], scores: [1, 2, 3],
    address: { city: 'Paris', zip: '75001', geo: { lat: 48.85, lng: 2.35 } },
    lines: [{ sku: 's1', qty: 1 }, { sku: 's2', qty: 5 }], words: ['x', 'y'], blob: bytes(1, 2, 3, 4),
    alias: 'al', 'a.b': 'dot', ':x': 1, '#y': true, [QUOTE]: 'q', [UNICODE]: 'é',
    when: new Date('2024-01-01T00:00:00.500Z'), uid: 'A1B2C3D4-0000-4000-8000-00000000000A', dur: 'PT1H30M',
    big: 123456789012345678901234567890n, exp: new Date('2030-01-01T00:00:00.999Z'),
  },
  B: {
    name: 'beta', status: 'paid', size: 0, data: { kind: 'bag' }, date: '2023-12-31',
    price: 100, amount: '0.001', active: false, note: 'hello world', tags: ['green'], scores: [10],
    address: { city: 'Berlin' }, lines: [{ sku: 's3', qty: 2 }], words: [], blob: bytes(0xff),
    ':x': -2, '#y': false,
    when: '2023-01-01T00:00:00Z', dur: 90, big: -5n,
  },
  C: { name: 'Gamma', status: 'void', price: -1, active: false, tags: [], scores: [] },
  D: {
    name: 'delta', status: 'on-hold', size: 10, date: '2024-02-29', price: 0, amount: '-3',
    active: true, note: 'Hello', tags: ['red'], scores: [2.5, -1],
    address: { city: 'paris', geo: { lat: -33.9, lng: 151.2 } }, words: ['y', 'x', 'z'],
    'a.b': '', [UNICODE]: 'да',
    when: '2024-01-01T00:00:00Z', uid: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  },
  E: {
    name: 'émile', status: 'new', size: 7, data: { kind: 'box', extra: 7, more: { deep: 'yes' }, 'k.1': 'dotted key' },
    price: 123456789.125, amount: '99999999999999999999999999999999999999', active: true,
    note: 'naïve 🙂', tags: ['Red', 'red '], scores: [0], lines: [], words: ['x'],
    alias: 'x.y', [QUOTE]: "it's", [UNICODE]: 'ключ',
    extra: { nested: [1, 'two'] }, 'free.k': 'v',
  },
  F: {
    name: 'alpha2', status: 'paid', size: 3, data: { kind: 'box', level: 9 }, date: '2024-01-15',
    price: 9.5, amount: '12.5', active: true, note: null, tags: ['blue', 'red'], scores: [3, 2, 1],
    address: { city: 'Paris', zip: '75002' }, lines: [{ sku: 's1', qty: 1 }], words: ['x', 'y'],
    blob: bytes(1, 2), ':x': 1, '#y': true,
  },
};
const PRESENT = Object.keys(ITEMS);
const CRASHES = Symbol('the server cannot evaluate this condition');
const HUNDRED_NAMES = [...Array.from({ length: 98 }, (_, i) => `n${i}`), 'alpha', 'Gamma'];
const ALL = [...PRESENT, 'Z'];

// The condition corpus: [condition, items for which it holds (a string of item names),
// optionally { dynalite: what dynalite 4.0.0 answers instead }].
// Verdicts follow DynamoDB's documented semantics, and DynamoDB Local (the official emulator)
// agrees with every one: a comparison with an absent attribute or with a value of another type
// is false, except <> which is then true; NOT inverts; an absent item has no attributes at all.
//
// Where dynalite departs from DynamoDB (the requests are the same; the server's evaluation
// differs), the line says what dynalite answers, and why:
//   D1  attribute_type(p, 'BOOL') is false when p holds BOOL false: dynalite tests the stored
//       value's truthiness (`if (!attrVal ...) return false` in dynalite/db/index.js).
//   D2  = with a map (M) or list (L) value is always false: dynalite compares those by
//       reference, not by content.
//   D3  contains(list, map) is always false: dynalite's contains() on a list only looks for
//       scalar members (S, N, B).
//   D4  comparing two absent attributes (a = b, a <= b on an item that has neither, here the
//       absent item Z) is true on dynalite; on DynamoDB a comparison with an absent attribute
//       is false.
//   D5  IN with an attribute among the values crashes the dynalite process when that attribute
//       is absent from the item (Object.keys(undefined) in its IN evaluation, uncaught): the
//       condition is not run there.
const CONDITIONS = [
  // reserved words, strings
  [where('name').eq('alpha'), 'A'],
  [where('name').ne('alpha'), 'BCDEFZ'],
  [where('name').eq('Alpha'), ''],
  [where('name').lt('b'), 'ACF'], // UTF-8 byte order: 'G' < 'a' < 'b' < 'beta'
  [where('name').gt('delta'), 'E'], // 'é' is 0xC3 0xA9, above every ASCII letter
  [where('name').between('alpha', 'beta'), 'ABF'],
  [where('name').beginsWith('alpha'), 'AF'],
  [where('name').contains('l'), 'ADEF'],
  [where('name').in('beta', 'Gamma', 'zeta'), 'BC'],
  [where('name').in(HUNDRED_NAMES), 'AC'], // DynamoDB's limit: 100 values
  [where('name').exists(), 'ABCDEF'],
  [not(where('name').exists()), 'Z'],
  [where('name').size().eq(4), 'B'],
  [where('name').size().gte(6), 'F'], // 'émile' is 5 characters (6 UTF-8 bytes): see sizes below
  [where('status').eq('paid'), 'BF'],
  [where('status').ne('new'), 'BCDFZ'],
  [where('status').in('new', 'void'), 'ACE'],
  [where('status').gt('paid'), 'C'], // 'void' > 'paid' > 'on-hold' > 'new'
  [where('status').type('S'), 'ABCDEF'],
  // integers
  [where('size').eq(3), 'AF'],
  [where('size').eq(0), 'B'],
  [where('size').gt(3), 'DE'],
  [where('size').gte(3), 'ADEF'],
  [where('size').lt(3), 'B'],
  [where('size').lte(0), 'B'],
  [where('size').between(1, 7), 'AEF'],
  [where('size').ne(3), 'BCDEZ'],
  [where('size').in(0, 10), 'BD'],
  [where('size').exists(), 'ABDEF'],
  [where('size').notExists(), 'CZ'],
  // maps, one declared field, one kept (unknown: 'keep')
  [where('data.kind').eq('box'), 'AEF'],
  [where('data.level').gt(2), 'F'],
  [where('data.level').exists(), 'AF'],
  [where('data.extra').eq(7), 'E'],
  [where('data.more.deep').eq('yes'), 'E'],
  [where('data').type('M'), 'ABEF'],
  [where('data').size().eq(1), 'B'],
  [where(['data', 'k.1']).eq('dotted key'), 'E'],
  // dates (stored as S)
  [where('date').eq('2024-01-15'), 'AF'],
  [where('date').lt('2024-01-01'), 'B'],
  [where('date').between('2024-01-01', '2024-12-31'), 'ADF'],
  [where('date').beginsWith('2024-'), 'ADF'],
  // numbers
  [where('price').eq(9.5), 'AF'],
  [where('price').ne(9.5), 'BCDEZ'],
  [where('price').gt(9.5), 'BE'],
  [where('price').lt(0), 'C'],
  [where('price').lte(0), 'CD'],
  [where('price').between(-1, 9.5), 'ACDF'],
  [where('price').gte(123456789.125), 'E'],
  [where('price').in(0, 100, 7), 'BD'],
  [where('price').type('N'), 'ABCDEF'],
  [where('price').type('S'), ''],
  // decimals: exact, beyond what a double holds
  [where('amount').eq('12.50'), 'AF'],
  [where('amount').gt('12.4999999999999999999999999999'), 'AEF'],
  [where('amount').lt('12.5000000000000000000000000000000001'), 'ABDF'],
  [where('amount').gt('99999999999999999999999999999999999998'), 'E'],
  [where('amount').eq('99999999999999999999999999999999999999'), 'E'],
  [where('amount').lt(0), 'D'],
  [where('amount').eq(0.001), 'B'],
  [where('amount').eq(12.5), 'AF'],
  [where('amount').between('-3', '0.001'), 'BD'],
  // booleans
  [where('active').eq(true), 'ADEF'],
  [where('active').eq(false), 'BC'],
  [where('active').ne(true), 'BCZ'],
  [not(where('active').eq(true)), 'BCZ'],
  [where('active').type('BOOL'), 'ABCDEF', { dynalite: 'ADEF' }], // D1
  // null and optional
  [where('note').eq(null), 'AF'],
  [where('note').ne(null), 'BCDEZ'],
  [where('note').exists(), 'ABDEF'], // NULL is a value: the attribute exists
  [where('note').notExists(), 'CZ'],
  [where('note').type('NULL'), 'AF'],
  [where('note').type('S'), 'BDE'],
  [where('note').beginsWith('hello'), 'B'],
  [where('note').contains('world'), 'B'],
  [where('note').contains('🙂'), 'E'],
  [where('note').size().gt(5), 'BE'],
  [where('note').size().eq(5), 'D'],
  // The size of a string: both servers count UTF-16 code units ('naïve 🙂' is 7 code points,
  // 8 UTF-16 units, 11 UTF-8 bytes). DynamoDB's documentation says only "the length of the
  // string"; these verdicts are DynamoDB Local's.
  [where('note').size().eq(7), ''],
  [where('note').size().eq(8), 'E'],
  [where('note').size().eq(11), 'B'], // 'hello world'
  [where([UNICODE]).size().eq(2), 'D'],
  [where([UNICODE]).size().eq(4), 'E'],
  // string sets
  [where('tags').contains('red'), 'ADF'],
  [where('tags').contains('Red'), 'E'],
  [where('tags').contains('red '), 'E'],
  [not(where('tags').contains('red')), 'BCEZ'],
  [where('tags').size().eq(2), 'AEF'],
  [where('tags').size().gte(1), 'ABDEF'],
  [where('tags').exists(), 'ABDEF'], // an empty set is not stored
  [where('tags').notExists(), 'CZ'],
  [where('tags').eq(new Set(['blue', 'red'])), 'AF'], // sets are equal whatever the order
  [where('tags').type('SS'), 'ABDEF'],
  // number sets
  [where('scores').contains(2), 'AF'],
  [where('scores').contains(2.5), 'D'],
  [where('scores').contains(-1), 'D'],
  [where('scores').eq(new Set([10])), 'B'],
  [where('scores').size().gt(2), 'AF'],
  [where('scores').type('NS'), 'ABDEF'],
  // nested maps
  [where('address.city').eq('Paris'), 'AF'],
  [where('address.city').beginsWith('P'), 'AF'],
  [where('address.city').in('Paris', 'paris'), 'ADF'],
  [where('address.zip').exists(), 'AF'],
  [where('address.zip').notExists(), 'BCDEZ'],
  [where('address.geo.lat').gt(0), 'A'],
  [where('address.geo.lng').between(100, 200), 'D'],
  [where('address.geo').exists(), 'AD'],
  [where('address').type('M'), 'ABDF'],
  [where('address').size().eq(1), 'B'],
  [where('address').eq({ city: 'Berlin' }), 'B', { dynalite: '' }], // D2
  // lists of maps and of strings, list indexes
  [where('lines[0].sku').eq('s1'), 'AF'],
  [where('lines[0]').eq({ sku: 's1', qty: 1 }), 'AF', { dynalite: '' }], // D2
  [where('lines[1].qty').eq(5), 'A'],
  [where('lines[1]').exists(), 'A'],
  [where('lines[0]').notExists(), 'CDEZ'],
  [where('lines').size().eq(1), 'BF'],
  [where('lines').type('L'), 'ABEF'],
  [where('lines').contains({ sku: 's3', qty: 2 }), 'B', { dynalite: '' }], // D3
  [where('lines[0].qty').lt(attr('size')), 'AF'],
  [where('words').contains('z'), 'D'],
  [where('words').contains('x'), 'ADEF'],
  [where('words[0]').eq('x'), 'AEF'],
  [where('words').eq(['x', 'y']), 'AF', { dynalite: '' }], // D2
  [where('words').size().eq(0), 'B'],
  // binary
  [where('blob').type('B'), 'ABF'],
  [where('blob').beginsWith(bytes(1, 2)), 'AF'],
  [where('blob').eq(bytes(0xff)), 'B'],
  [where('blob').size().eq(2), 'F'],
  // converted types: datetime as epoch seconds, uuid (stored lower-case), duration (seconds),
  // bigint, ttl (whole seconds)
  [where('when').gt(new Date('2024-01-01T00:00:00Z')), 'A'],
  [where('when').eq('2024-01-01T01:00:00+01:00'), 'D'],
  [where('when').between(new Date('2022-12-31T23:59:59Z'), '2023-01-01T00:00:00.000Z'), 'B'],
  [where('when').type('N'), 'ABD'],
  [where('uid').eq('a1b2c3d4-0000-4000-8000-00000000000a'), 'A'],
  [where('uid').eq('A1B2C3D4-0000-4000-8000-00000000000A'), 'A'],
  [where('uid').gt('a1b2c3d4-0000-4000-8000-00000000000a'), 'D'],
  [where('dur').gt('PT1H'), 'A'],
  [where('dur').eq(90), 'B'],
  [where('dur').lte('PT1M30S'), 'B'],
  [where('big').gt(123456789012345678901234567889n), 'A'],
  [where('big').lt(0), 'B'],
  [where('big').eq('123456789012345678901234567890'), 'A'],
  [where('exp').eq(new Date('2030-01-01T00:00:00Z')), 'A'],
  [where('exp').lt(1893456001), 'A'],
  // hostile names (array paths where the name holds a dot)
  [where(['a.b']).eq('dot'), 'A'],
  [where(['a.b']).exists(), 'AD'],
  [where(['a.b']).eq(''), 'D'],
  [where([':x']).eq(1), 'AF'],
  [where([':x']).lt(0), 'B'],
  [where(['#y']).eq(true), 'AF'],
  [where(['#y']).type('BOOL'), 'ABF', { dynalite: 'AF' }], // D1
  [where(['#y']).eq(attr('active')), 'ABF', { dynalite: 'ABFZ' }], // D4
  [where([QUOTE]).eq("it's"), 'E'],
  [where([QUOTE]).exists(), 'AE'],
  [where([UNICODE]).beginsWith('кл'), 'E'],
  [where([UNICODE]).gt('z'), 'ADE'],
  [where('alias').eq('x.y'), 'E'],
  [where('alias').exists(), 'AE'],
  [where(['extra', 'nested', 1]).eq('two'), 'E'],
  [where('extra.nested[0]').eq(1), 'E'],
  [where(['free.k']).eq('v'), 'E'],
  [where(['free.k']).notExists(), 'ABCDFZ'],
  // key attributes
  [where('pk').eq('C'), 'C'],
  [where('pk').in('A', 'B', 'Z'), 'AB'],
  [where('pk').notExists(), 'Z'],
  // two attributes compared
  [where('price').gt(attr('amount')), 'BD'],
  [where('size').lte(attr('price')), 'ABEF', { dynalite: 'ABEFZ' }], // D4
  [where('words').size().lt(attr('size')), 'ADEF'],
  [where('price').between(attr('size'), 100), 'ABF'],
  [where('name').in(attr('alias'), 'beta'), 'B', { dynalite: CRASHES }], // D5
  // and / or / not
  [where('status').eq('new').and(where('price').lt(100)), 'A'],
  [where('status').eq('new').or(where('status').eq('void')), 'ACE'],
  [not(where('status').eq('new').or(where('active').eq(false))), 'DFZ'],
  [where('size').exists().and(where('size').gt(5)).or(where('name').beginsWith('G')), 'CDE'],
  [where('price').gt(0).and(where('active').eq(true), where('size').lt(10)), 'AEF'],
  [not(not(where('name').eq('beta'))), 'B'],
  [where('status').in('paid', 'on-hold').and(where('note').exists().or(where('size').gt(0))), 'BDF'],
  [not(where('data.kind').eq('box')).and(where('tags').contains('red').or(where('words').size().gt(2))), 'D'],
];

for (const [, holds, differences] of CONDITIONS) {
  for (const ch of holds + Object.values(differences ?? {}).filter((d) => d !== CRASHES).join('')) if (!ALL.includes(ch)) throw new Error(`unknown item ${ch} in the corpus`);
}

// A condition as text for test names (BigInt and bytes shown as such).
const show = (condition) => JSON.stringify(condition, (_, v) => {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return `bytes(${[...v]})`;
  return v;
});

const sortKey = (i) => `c${String(i).padStart(3, '0')}`;
const keyOf = (name, i) => ({ pk: name, sk: sortKey(i) });

// The three operations that take a condition, rotated over the pairs. Each leaves the copy's
// visible attributes as they were (put writes the same item back, update sets price to the
// value it has), so only the verdict matters.
const ABSENT_ITEM = { name: 'zed', status: 'new', price: 1, active: true, tags: [], scores: [] };
async function conditionalWrite(things, name, i, condition) {
  const key = keyOf(name, i);
  const item = ITEMS[name] ?? ABSENT_ITEM;
  switch ((i + ALL.indexOf(name)) % 3) {
    case 0: return things.put({ ...item, ...key }, { condition });
    case 1: return things.update(key, { price: item.price }, { condition });
    default: return things.delete(key, { condition });
  }
}

async function verdict(things, name, i, condition) {
  try {
    await conditionalWrite(things, name, i, condition);
    return true;
  } catch (e) {
    if (e instanceof ConditionFailedError) return false;
    throw e;
  }
}

describe('the corpus itself', () => {
  test(`has ${CONDITIONS.length} conditions over ${ALL.length} items`, () => {
    assert.ok(CONDITIONS.length >= 100);
    // Every condition compiles into one request DynamoDB can read (also checked by the servers).
    for (const [condition] of CONDITIONS) {
      const { request } = Thing.plan.delete(keyOf('A', 0), { condition });
      assert.ok(request.ConditionExpression.length > 0);
    }
  });

  test('values are refused before sending when they cannot be of the attribute type', () => {
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('status').eq('bogus') }), ValidationError);
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('price').gt('ten') }), ValidationError);
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('address.nope').exists() }), (e) =>
      e instanceof ExpressionError && e.code === 'expression.unknownAttribute');
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('name[0]').exists() }), (e) =>
      e instanceof ExpressionError && e.code === 'expression.invalidPath');
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('name').in([...HUNDRED_NAMES, 'x']) }),
      ExpressionError);
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('note').type('X') }), ExpressionError);
    assert.throws(() => Thing.plan.delete(keyOf('A', 0), { condition: where('tags').size().gt(-1) }), ExpressionError);
  });

  test('reserved and hostile names only ever appear as #name placeholders', () => {
    const { request } = Thing.plan.delete(keyOf('A', 0), {
      condition: where('size').gt(1).and(where(['a.b']).exists(), where([':x']).eq(1), where(['#y']).eq(true),
        where('alias').exists(), where([QUOTE]).exists(), where([UNICODE]).exists()),
    });
    for (const raw of ['size', 'a.b', ':x', '#y', 'x.y#z', QUOTE, UNICODE]) {
      assert.ok(Object.values(request.ExpressionAttributeNames).includes(raw), raw);
      assert.ok(!request.ConditionExpression.includes(raw), raw);
    }
  });
});

for (const serverName of SERVER_NAMES) {
  describe(`conditions on ${serverName}`, () => {
    let server;
    let things;
    const verdicts = new Map(); // condition index -> { item name: true | false | Error }

    before(async () => {
      server = await startServer(serverName);
      const db = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
      await db.createTable(Thing);
      things = db.model(Thing);
      const copies = [];
      for (const name of PRESENT) CONDITIONS.forEach((_, i) => copies.push({ ...ITEMS[name], ...keyOf(name, i) }));
      await things.batchWrite({ put: copies }, { concurrency: 4 });
      // Every pair decided up front, 16 requests in flight; each test below checks its condition.
      const pending = [];
      CONDITIONS.forEach(([condition, dynamoHolds, differences], i) => {
        if ((differences?.[serverName] ?? dynamoHolds) === CRASHES) return;
        for (const name of ALL) pending.push({ i, name, condition });
      });
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < pending.length) {
          const { i, name, condition } = pending[next++];
          let held;
          try {
            held = await verdict(things, name, i, condition);
          } catch (e) {
            held = e; // reported by the condition's own test
          }
          if (!verdicts.has(i)) verdicts.set(i, {});
          verdicts.get(i)[name] = held;
        }
      }));
    });

    after(async () => {
      await server?.stop();
    });

    CONDITIONS.forEach(([condition, dynamoHolds, differences], i) => {
      const text = show(condition);
      const holds = differences?.[serverName] ?? dynamoHolds;
      if (holds === CRASHES) {
        test(`${sortKey(i)} ${text}`, { skip: `${serverName} crashes on it (see D5)` }, () => {});
        return;
      }
      const note = holds === dynamoHolds ? '' : ` (${serverName} differs from DynamoDB: [${dynamoHolds}])`;
      test(`${sortKey(i)} ${text} holds for [${holds}]${note}`, async () => {
        const byItem = verdicts.get(i);
        for (const name of ALL) if (byItem[name] instanceof Error) throw byItem[name];
        const got = ALL.filter((name) => byItem[name]).join('');
        assert.equal(got, holds, `condition ${sortKey(i)}: ${text}`);
      });
    });
  });
}
