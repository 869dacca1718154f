// A corpus of filters over a corpus of items, each with the keys that must come back, written by
// hand: from scan().filter(f).all() (the whole table) and from query({ pk: 'P' }).filter(f).all()
// (partition P only). The same filter is also read through a parallel scan, a query paged one
// item at a time (limit(1): most pages come back empty once filtered), a reversed query on a
// sort key range, and count(). Then filters on a global and a local index.
// Runs on dynalite and on DynamoDB Local.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { attr, createClient, model, not, where } from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };

const Row = model({
  name: 'Row',
  table: 'filter_rows',
  key: { partition: 'pk', sort: 'sk' },
  attributes: {
    pk: 'string',
    sk: 'string',
    name: 'string',
    status: { type: 'enum', values: ['new', 'paid', 'void'] },
    size: { type: 'integer', optional: true },
    price: 'number',
    amount: { type: 'decimal', optional: true },
    active: 'boolean',
    note: { type: 'string', optional: true, nullable: true },
    tags: { type: 'set', of: 'string' },
    scores: { type: 'set', of: 'number' },
    address: { type: 'map', optional: true, fields: { city: 'string', zip: { type: 'string', optional: true } } },
    lines: { type: 'list', optional: true, of: { type: 'map', fields: { sku: 'string', qty: 'integer' } } },
    data: { type: 'map', optional: true, unknown: 'keep', fields: {} },
    'a.b': { type: 'string', optional: true },
    '#y': { type: 'number', optional: true },
  },
  indexes: {
    byStatus: { type: 'global', partition: 'status', sort: 'price' },
    byName: { type: 'local', sort: 'name' },
  },
});

// Partition P holds A-F, partition Q holds G and H; sort keys are unique across the table, so
// a key is named by its sort key alone.
const ITEMS = [
  {
    pk: 'P', sk: 'A', name: 'alpha', status: 'new', size: 3, price: 9.5, amount: '12.5', active: true, note: null,
    tags: ['red', 'blue'], scores: [1, 2], address: { city: 'Paris', zip: '75001' },
    lines: [{ sku: 's1', qty: 1 }, { sku: 's2', qty: 5 }], 'a.b': 'dot', '#y': 1, data: { k: 'v' },
  },
  {
    pk: 'P', sk: 'B', name: 'beta', status: 'paid', size: 0, price: 100, amount: '0.001', active: false,
    note: 'hello', tags: ['green'], scores: [10], address: { city: 'Berlin' }, lines: [{ sku: 's3', qty: 2 }],
  },
  { pk: 'P', sk: 'C', name: 'Gamma', status: 'void', price: -1, active: false, tags: [], scores: [] },
  {
    pk: 'P', sk: 'D', name: 'delta', status: 'paid', size: 10, price: 0, amount: '-3', active: true, note: 'Hello',
    tags: ['red'], scores: [2.5], address: { city: 'paris' }, lines: [], '#y': -1,
  },
  {
    pk: 'P', sk: 'E', name: 'émile', status: 'new', size: 7, price: 123456789.125,
    amount: '99999999999999999999999999999999999999', active: true, note: 'naïve 🙂', tags: ['Red'], scores: [0],
    'a.b': '', data: { k: 'w', deep: { x: 1 } },
  },
  {
    pk: 'P', sk: 'F', name: 'alpha2', status: 'paid', size: 3, price: 9.5, amount: '12.50', active: true, note: null,
    tags: ['blue', 'red'], scores: [2, 1], address: { city: 'Paris', zip: '75002' }, lines: [{ sku: 's1', qty: 1 }],
  },
  {
    pk: 'Q', sk: 'G', name: 'gamma', status: 'new', size: 1, price: 5, active: true, tags: ['red'], scores: [5],
    address: { city: 'Paris' },
  },
  { pk: 'Q', sk: 'H', name: 'eta', status: 'void', price: 1000, active: false, note: 'x', tags: [], scores: [] },
];
const IN_P = ITEMS.filter((i) => i.pk === 'P').map((i) => i.sk);

// [filter, keys from the scan, keys from the query on P (null: not asked, a query's filter
// cannot name a key attribute), optionally { dynalite: [scan, query] } where dynalite departs
// from DynamoDB].
//   D2  = with a map value is always false on dynalite (it compares maps by reference);
//       DynamoDB Local compares by content.
const FILTERS = [
  [where('status').eq('paid'), 'BDF', 'BDF'],
  [where('status').ne('paid'), 'ACEGH', 'ACE'],
  [where('status').in('new', 'void').and(not(where('note').exists())), 'CG', 'C'],
  [where('price').gt(9.5), 'BEH', 'BE'],
  [where('price').between(0, 10), 'ADFG', 'ADF'],
  [where('price').lt(-100), '', ''],
  [where('size').exists(), 'ABDEFG', 'ABDEF'],
  [where('size').notExists(), 'CH', 'C'],
  [where('size').lt(attr('price')), 'ABEFG', 'ABEF'],
  [where('note').eq(null), 'AF', 'AF'],
  [where('note').type('S'), 'BDEH', 'BDE'],
  [where('note').notExists(), 'CG', 'C'],
  [where('note').contains('🙂'), 'E', 'E'],
  [where('note').beginsWith('H'), 'D', 'D'],
  [where('tags').contains('red'), 'ADFG', 'ADF'],
  [where('tags').size().eq(2), 'AF', 'AF'],
  [where('tags').notExists(), 'CH', 'C'],
  [where('tags').type('SS'), 'ABDEFG', 'ABDEF'],
  [where('scores').contains(2), 'AF', 'AF'],
  [where('scores').contains(2.5), 'D', 'D'],
  [where('address.city').eq('Paris'), 'AFG', 'AF'],
  [where('address.zip').beginsWith('7500'), 'AF', 'AF'],
  [where('address').eq({ city: 'Berlin' }), 'B', 'B', { dynalite: ['', ''] }], // D2
  [where('lines[0].sku').eq('s1'), 'AF', 'AF'],
  [where('lines[1].qty').gt(1), 'A', 'A'],
  [where('lines').size().eq(0), 'D', 'D'],
  [where(['a.b']).exists(), 'AE', 'AE'],
  [where(['a.b']).eq(''), 'E', 'E'],
  [where(['#y']).lt(0), 'D', 'D'],
  [where('data.k').in('v', 'w'), 'AE', 'AE'],
  [where('data.deep.x').eq(1), 'E', 'E'],
  [where('amount').gt('12.4999999999999999999999999'), 'AEF', 'AEF'],
  [where('amount').eq('12.5'), 'AF', 'AF'],
  [where('active').eq(true).and(where('price').lt(10)), 'ADFG', 'ADF'],
  [not(where('active').eq(true)), 'BCH', 'BC'],
  [where('name').beginsWith('alpha').or(where('name').eq('Gamma')), 'ACF', 'ACF'],
  [where('name').lt('b'), 'ACF', 'ACF'],
  [where('name').contains('ta'), 'BDH', 'BD'],
  [where('name').size().gt(5), 'F', 'F'],
  [where('name').exists(), 'ABCDEFGH', 'ABCDEF'],
  [where('pk').eq('Q'), 'GH', null],
  [where('sk').between('B', 'D'), 'BCD', null],
];

const keysOf = (items) => items.map((i) => i.sk).sort().join('');

for (const serverName of SERVER_NAMES) {
  describe(`filters on ${serverName}`, () => {
    let server;
    let rows;

    before(async () => {
      server = await startServer(serverName);
      const db = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
      await db.createTable(Row);
      rows = db.model(Row);
      await rows.batchWrite({ put: ITEMS });
    });

    after(async () => {
      await server?.stop();
    });

    FILTERS.forEach(([filter, dynamoScan, dynamoQuery, differences], i) => {
      const [scanKeys, queryKeys] = differences?.[serverName] ?? [dynamoScan, dynamoQuery];
      const note = differences?.[serverName] ? ` (${serverName} differs from DynamoDB: [${dynamoScan}])` : '';
      test(`f${i} ${JSON.stringify(filter)}: scan [${scanKeys}], query [${queryKeys ?? '-'}]${note}`, async () => {
        const scan = rows.scan().filter(filter);
        assert.equal(keysOf(await scan.all()), scanKeys, 'scan');
        assert.equal(keysOf(await scan.segments(3).all()), scanKeys, 'parallel scan');
        assert.equal(await scan.count(), scanKeys.length, 'scan count');
        if (queryKeys === null) return;
        const query = rows.query({ pk: 'P' }).filter(filter);
        const items = await query.all();
        assert.equal(keysOf(items), queryKeys, 'query');
        assert.ok(items.every((item) => ITEMS.some((x) => x.sk === item.sk && x.name === item.name)));
        assert.equal(keysOf(await query.limit(1).all()), queryKeys, 'query one item per page');
        assert.equal(await query.limit(2).count(), queryKeys.length, 'query count');
        const upToC = (await query.where('sk').lte('C').reverse().all()).map((x) => x.sk).join('');
        assert.equal(upToC, [...queryKeys].filter((k) => k <= 'C').reverse().join(''), 'reversed range query');
        // every key of the answer is in the partition asked for
        assert.ok([...queryKeys].every((k) => IN_P.includes(k)));
      });
    });

    test('first() follows pages that the filter left empty', async () => {
      const first = await rows.query({ pk: 'P' }).filter(where('name').eq('alpha2')).limit(1).first();
      assert.equal(first.sk, 'F');
    });

    test('a filter with select returns only the selected attributes', async () => {
      const items = await rows.query({ pk: 'P' }).filter(where('tags').contains('red')).select(['name', 'address.city']).all();
      assert.deepEqual(items, [
        { name: 'alpha', address: { city: 'Paris' } },
        { name: 'delta', address: { city: 'paris' } },
        { name: 'alpha2', address: { city: 'Paris' } },
      ]);
    });

    test('a filter on a global index: partition status, sorted by price', async () => {
      const paid = rows.query({ status: 'paid' }).index('byStatus');
      // B 100, D 0, F 9.5 -> by price: D F B
      assert.deepEqual((await paid.all()).map((x) => x.sk), ['D', 'F', 'B']);
      assert.deepEqual((await paid.filter(where('size').gt(0)).all()).map((x) => x.sk), ['D', 'F']);
      assert.deepEqual((await paid.filter(where('size').gt(0)).reverse().all()).map((x) => x.sk), ['F', 'D']);
      assert.deepEqual((await paid.where('price').gt(0).filter(where('active').eq(true)).all()).map((x) => x.sk), ['F']);
      // new: A 9.5, E 123456789.125, G 5 (partition Q: an index spans partitions)
      const names = await rows.query({ status: 'new' }).index('byStatus').filter(where('active').eq(true))
        .select(['name']).all();
      assert.deepEqual(names, [{ name: 'gamma' }, { name: 'alpha' }, { name: 'émile' }]);
      assert.equal(await rows.query({ status: 'void' }).index('byStatus').filter(where('note').exists()).count(), 1);
    });

    test('a filter on a local index: partition P sorted by name (UTF-8 byte order)', async () => {
      const byName = rows.query({ pk: 'P' }).index('byName');
      assert.deepEqual((await byName.all()).map((x) => x.sk), ['C', 'A', 'F', 'B', 'D', 'E']);
      assert.deepEqual(
        (await byName.where('name').beginsWith('alpha').filter(where('price').lt(10)).all()).map((x) => x.sk),
        ['A', 'F'],
      );
      assert.deepEqual(
        (await byName.filter(where('active').eq(false)).reverse().limit(1).all()).map((x) => x.sk),
        ['B', 'C'],
      );
      assert.equal((await byName.consistent().filter(where('tags').contains('red')).first()).sk, 'A');
    });
  });
}
