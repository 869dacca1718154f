// Updates applied by real servers, each with the item expected afterwards written by hand: set,
// setIfNotExists, remove, add to numbers and sets, delete from sets, append/prepend, plus/minus,
// nested paths, list indexes, records, kept (schemaless) maps and hostile names. Each case has
// its own copy of the base item. Then the updates dynamap refuses before sending anything
// (ExpressionError with code and path). Runs on dynalite and on DynamoDB Local.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ConditionFailedError,
  ExpressionError,
  ValidationError,
  attr,
  createClient,
  minus,
  model,
  plus,
  update,
  where,
} from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };

const Doc = model({
  name: 'Doc',
  table: 'update_docs',
  key: { partition: 'id', sort: 'rev' },
  attributes: {
    id: 'string',
    rev: 'string',
    name: 'string',
    status: { type: 'enum', values: ['new', 'paid'] },
    count: { type: 'integer', optional: true },
    hits: { type: 'integer', optional: true },
    size: { type: 'integer', optional: true }, // a reserved word
    price: 'number',
    amount: { type: 'decimal', optional: true },
    active: 'boolean',
    note: { type: 'string', optional: true, nullable: true },
    date: { type: 'date', optional: true },
    tags: { type: 'set', of: 'string' },
    labels: { type: 'set', of: 'string' },
    scores: { type: 'set', of: 'number' },
    address: {
      type: 'map',
      optional: true,
      fields: {
        city: 'string',
        zip: { type: 'string', optional: true },
        geo: { type: 'map', optional: true, fields: { lat: 'number', lng: { type: 'number', optional: true } } },
      },
    },
    lines: { type: 'list', of: { type: 'map', fields: { sku: 'string', qty: 'integer' } } },
    words: { type: 'list', optional: true, of: 'string' },
    meta: { type: 'record', optional: true, of: 'number' },
    data: { type: 'map', optional: true, unknown: 'keep', fields: { k: 'string' } },
    'a.b': { type: 'number', optional: true },
    ':x': { type: 'string', optional: true, attributeName: '#x y' },
  },
});

// The base item every case starts from (its key aside). No hits, date, labels: absent.
const BASE = Object.freeze({
  name: 'widget', status: 'new', count: 5, size: 2, price: 9.5, amount: '10.25', active: true, note: 'n',
  tags: new Set(['a', 'b']), labels: new Set(), scores: new Set([1, 2]),
  address: { city: 'Paris', zip: '75001', geo: { lat: 1, lng: 2 } },
  lines: [{ sku: 's1', qty: 1 }, { sku: 's2', qty: 2 }], words: ['x', 'y'], meta: { views: 3 },
  data: { k: 'v', n: 1 }, 'a.b': 1, ':x': 'colon',
});

const without = (item, ...names) => Object.fromEntries(Object.entries(item).filter(([k]) => !names.includes(k)));

// [title, changes, the item afterwards (key aside)]
const CASES = [
  ['set a top-level string', update().set('name', 'gadget'), { ...BASE, name: 'gadget' }],
  ['a plain object sets each property', { name: 'gadget', price: 12, active: false },
    { ...BASE, name: 'gadget', price: 12, active: false }],
  ['set an enum', update().set('status', 'paid'), { ...BASE, status: 'paid' }],
  ['set null on a nullable attribute', update().set('note', null), { ...BASE, note: null }],
  ['set a new optional attribute', update().set('date', '2024-02-29'), { ...BASE, date: '2024-02-29' }],
  ['set a nested field', update().set('address.city', 'Lyon'),
    { ...BASE, address: { city: 'Lyon', zip: '75001', geo: { lat: 1, lng: 2 } } }],
  ['set a field two maps down', update().set('address.geo.lat', -33.5),
    { ...BASE, address: { city: 'Paris', zip: '75001', geo: { lat: -33.5, lng: 2 } } }],
  ['set a whole map', update().set('address', { city: 'Nice' }), { ...BASE, address: { city: 'Nice' } }],
  ['set a field inside a list element', update().set('lines[1].qty', 7),
    { ...BASE, lines: [{ sku: 's1', qty: 1 }, { sku: 's2', qty: 7 }] }],
  ['set a whole list element', update().set('lines[0]', { sku: 's9', qty: 9 }),
    { ...BASE, lines: [{ sku: 's9', qty: 9 }, { sku: 's2', qty: 2 }] }],
  ['set an index past the end appends', update().set('words[5]', 'z'), { ...BASE, words: ['x', 'y', 'z'] }],
  ['set a record entry', update().set('meta.likes', 4), { ...BASE, meta: { views: 3, likes: 4 } }],
  ['set into a kept map', update().set('data.extra', { deep: [true, null] }),
    { ...BASE, data: { k: 'v', n: 1, extra: { deep: [true, null] } } }],
  ['set a kept name holding a dot', update().set(['data', 'we.ird'], 'ok'),
    { ...BASE, data: { k: 'v', n: 1, 'we.ird': 'ok' } }],
  ['set hostile top-level names', update().set(['a.b'], 2).set([':x'], '#:'), { ...BASE, 'a.b': 2, ':x': '#:' }],
  ['set a reserved word', update().set('size', 20), { ...BASE, size: 20 }],
  ['setIfNotExists keeps an existing value', update().setIfNotExists('note', 'other'), BASE],
  ['setIfNotExists fills an absent attribute', update().setIfNotExists('date', '2000-01-01'),
    { ...BASE, date: '2000-01-01' }],
  ['setIfNotExists on a nested path', update().setIfNotExists('address.zip', '00000').setIfNotExists('address.geo.lng', 9),
    BASE],
  ['setIfNotExists on an absent nested field', update().setIfNotExists('data.fresh', 1),
    { ...BASE, data: { k: 'v', n: 1, fresh: 1 } }],
  ['remove an optional attribute', update().remove('note'), without(BASE, 'note')],
  ['remove several', update().remove('note', 'size', ['a.b']), without(BASE, 'note', 'size', 'a.b')],
  ['remove a nested field', update().remove('address.zip'),
    { ...BASE, address: { city: 'Paris', geo: { lat: 1, lng: 2 } } }],
  ['remove a list element shifts the rest', update().remove('lines[0]'), { ...BASE, lines: [{ sku: 's2', qty: 2 }] }],
  ['remove a record entry', update().remove('meta.views'), { ...BASE, meta: {} }],
  ['remove an absent attribute is no change', update().remove('hits'), BASE],
  ['add to a number', update().add('count', 3), { ...BASE, count: 8 }],
  ['add a negative number', update().add('count', -10), { ...BASE, count: -5 }],
  ['add to an absent number starts from 0', update().add('hits', 1), { ...BASE, hits: 1 }],
  ['add to a decimal, exactly', update().add('amount', '0.000000000000000000000000001'),
    { ...BASE, amount: '10.250000000000000000000000001' }],
  ['add to a record entry', update().add('meta.views', 1), { ...BASE, meta: { views: 4 } }],
  ['add members to a string set', update().add('tags', new Set(['c', 'a'])), { ...BASE, tags: new Set(['a', 'b', 'c']) }],
  ['add members to a number set', update().add('scores', new Set([2, 3.5])), { ...BASE, scores: new Set([1, 2, 3.5]) }],
  ['add to an absent set creates it', update().add('labels', ['x']), { ...BASE, labels: new Set(['x']) }],
  ['delete members from a set', update().delete('tags', new Set(['a', 'zz'])), { ...BASE, tags: new Set(['b']) }],
  ['delete every member: the set is gone, read back as empty', update().delete('scores', [1, 2]),
    { ...BASE, scores: new Set() }],
  ['set an empty set removes it', update().set('tags', new Set()), { ...BASE, tags: new Set() }],
  ['append to a list', update().append('words', ['z', 'x']), { ...BASE, words: ['x', 'y', 'z', 'x'] }],
  ['prepend to a list', update().prepend('words', ['w']), { ...BASE, words: ['w', 'x', 'y'] }],
  ['append maps to a list of maps', update().append('lines', [{ sku: 's3', qty: 3 }]),
    { ...BASE, lines: [...BASE.lines, { sku: 's3', qty: 3 }] }],
  ['plus', update().set('price', plus('price', 0.5)), { ...BASE, price: 10 }],
  ['a plain object takes plus() and names with dots', { price: plus('price', 1), 'a.b': 5 },
    { ...BASE, price: 10.5, 'a.b': 5 }],
  ['minus below zero', update().set('price', minus('price', 10)), { ...BASE, price: -0.5 }],
  ['plus another attribute', update().set('count', plus('count', attr('size'))), { ...BASE, count: 7 }],
  ['minus from another path into this one', update().set('hits', minus('count', 1)), { ...BASE, hits: 4 }],
  ['plus on a decimal keeps every digit', update().set('amount', plus('amount', '0.0000000000000000000000000001')),
    { ...BASE, amount: '10.2500000000000000000000000001' }],
  ['plus on a nested number', update().set('address.geo.lat', plus('address.geo.lat', 41)),
    { ...BASE, address: { city: 'Paris', zip: '75001', geo: { lat: 42, lng: 2 } } }],
  ['plus on a list element field', update().set('lines[1].qty', plus('lines[1].qty', 40)),
    { ...BASE, lines: [{ sku: 's1', qty: 1 }, { sku: 's2', qty: 42 }] }],
  ['every clause at once',
    update().set('name', 'all').remove('note').add('count', 1).delete('tags', ['b']).append('words', ['z']),
    { ...without(BASE, 'note'), name: 'all', count: 6, tags: new Set(['a']), words: ['x', 'y', 'z'] }],
  ['disjoint paths under one map', update().remove('address.geo').set('address.city', 'Nice'),
    { ...BASE, address: { city: 'Nice', zip: '75001' } }],
];

describe('updates refused before sending', () => {
  // A client whose transport records what it is asked to send.
  const sent = [];
  const db = createClient({
    region: 'us-east-1',
    credentials,
    transport: { send: async (operation) => { sent.push(operation); return { status: 500, body: '{}' }; } },
  });
  const docs = db.model(Doc);
  const key = { id: 'k', rev: '1' };

  const refusals = [
    ['the same path twice', update().set('name', 'a').set('name', 'b'), 'expression.overlap', 'name'],
    ['a path and a part of it', update().set('address', { city: 'x' }).set('address.city', 'y'), 'expression.overlap', 'address.city'],
    ['a part, then the whole', update().remove('lines[0]').set('lines', []), 'expression.overlap', 'lines'],
    ['append and prepend to one list', update().append('words', ['a']).prepend('words', ['b']), 'expression.overlap', 'words'],
    ['add and delete on one set', update().add('tags', ['a']).delete('tags', ['b']), 'expression.overlap', 'tags'],
    ['a list element twice', update().remove('lines[0]').set('lines[0].qty', 1), 'expression.overlap', 'lines[0].qty'],
    ['a hostile name twice', update().set(['a.b'], 1).add(['a.b'], 2), 'expression.overlap', 'a.b'],
    ['the partition key', update().set('id', 'x'), 'expression.keyAttribute', 'id'],
    ['the sort key', update().set('rev', '2'), 'expression.keyAttribute', 'rev'],
    ['the sort key, as a plain object', { name: 'n', rev: '2' }, 'expression.keyAttribute', 'rev'],
    ['removing the partition key', update().remove('id'), 'expression.keyAttribute', 'id'],
    ['removing a required attribute', update().remove('name'), 'expression.removeRequired', 'name'],
    ['removing a required nested field', update().remove('address.city'), 'expression.removeRequired', 'address.city'],
    ['removing a required list', update().remove('lines'), 'expression.removeRequired', 'lines'],
    ['add to a string', update().add('name', 1), 'expression.invalidOperation', 'name'],
    ['delete from a list', update().delete('words', ['x']), 'expression.invalidOperation', 'words'],
    ['append to a string', update().append('name', ['x']), 'expression.invalidOperation', 'name'],
    ['plus on a string', update().set('name', plus('name', 1)), 'expression.invalidOperation', 'name'],
    ['an undeclared attribute', update().set('nope', 1), 'expression.unknownAttribute', 'nope'],
    ['an undeclared nested field', update().set('address.nope', 1), 'expression.unknownAttribute', 'address.nope'],
    ['an index into a map', update().set('address[0]', 1), 'expression.invalidPath', 'address[0]'],
  ];
  for (const [title, changes, code, path] of refusals) {
    test(`${title}: ${code} at ${path}`, async () => {
      await assert.rejects(docs.update(key, changes), (e) => {
        assert.ok(e instanceof ExpressionError, `${e.name}: ${e.message}`);
        assert.equal(e.code, code);
        assert.equal(e.path, path);
        return true;
      });
      assert.throws(() => Doc.plan.update(key, changes), ExpressionError);
    });
  }

  test('a value that does not fit the attribute is a ValidationError', async () => {
    for (const changes of [update().set('count', 1.5), update().set('status', 'gone'), update().add('count', 'x'),
      { price: 'cheap' }, update().set('note', undefined)]) {
      await assert.rejects(docs.update(key, changes), (e) => e instanceof ValidationError || e instanceof ExpressionError);
    }
  });

  test('an empty update is refused', async () => {
    await assert.rejects(docs.update(key, update()), (e) => e instanceof ExpressionError && e.code === 'expression.invalid');
    await assert.rejects(docs.update(key, {}), (e) => e instanceof ExpressionError && e.code === 'expression.invalid');
  });

  test('nothing was sent', () => {
    assert.deepEqual(sent, []);
  });
});

for (const serverName of SERVER_NAMES) {
  describe(`updates on ${serverName}`, () => {
    let server;
    let docs;
    const keyOf = (i) => ({ id: `u${String(i).padStart(2, '0')}`, rev: '1' });

    before(async () => {
      server = await startServer(serverName);
      const db = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
      await db.createTable(Doc);
      docs = db.model(Doc);
      await docs.batchWrite({ put: [...CASES.map((_, i) => ({ ...BASE, ...keyOf(i) })), { ...BASE, ...keyOf(99) }] });
    });

    after(async () => {
      await server?.stop();
    });

    CASES.forEach(([title, changes, expected], i) => {
      test(`${title}`, async () => {
        const key = keyOf(i);
        const returned = await docs.update(key, changes, { returnValues: 'ALL_NEW' });
        assert.deepEqual(returned, { ...expected, ...key }, 'ALL_NEW');
        assert.deepEqual(await docs.get(key, { consistent: true }), { ...expected, ...key }, 'read back');
      });
    });

    test('returnValues UPDATED_OLD and UPDATED_NEW give the changed attributes only', async () => {
      const key = keyOf(99);
      // Top-level attributes only: for a nested path (address.city) dynalite returns
      // { address: { city } } and DynamoDB Local the whole address map.
      const changes = update().set('name', 'x').add('count', 1).remove('note');
      assert.deepEqual(await docs.update(key, changes, { returnValues: 'UPDATED_OLD' }),
        { name: 'widget', count: 5, note: 'n' });
      assert.deepEqual(await docs.update(key, update().set('name', 'y').add('count', 1), { returnValues: 'UPDATED_NEW' }),
        { name: 'y', count: 7 });
      assert.equal(await docs.update(key, { price: 1 }), undefined);
    });

    test('a conditional update applies once, then fails and changes nothing', async () => {
      const key = { id: 'cond', rev: '1' };
      await docs.put({ ...BASE, ...key });
      const pay = [update().set('status', 'paid').add('count', 1), { condition: where('status').eq('new') }];
      await docs.update(key, ...pay);
      await assert.rejects(docs.update(key, ...pay), ConditionFailedError);
      assert.deepEqual(await docs.get(key, { consistent: true }), { ...BASE, ...key, status: 'paid', count: 6 });
    });

    test('an update of an absent item creates it with only what was set', async () => {
      const key = { id: 'fresh', rev: '1' };
      assert.deepEqual(await docs.update(key, update().set('name', 'new one').add('count', 2), { returnValues: 'UPDATED_NEW' }),
        { name: 'new one', count: 2 });
      assert.deepEqual(await docs.get(key, { consistent: true, select: ['id', 'name', 'count', 'price'] }),
        { id: 'fresh', name: 'new one', count: 2 });
    });
  });
}
