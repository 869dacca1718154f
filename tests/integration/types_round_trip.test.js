// Every attribute type written to a real server and read back unchanged, on dynalite and on the
// official DynamoDB Local; also the raw AttributeValues the server stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { NumberValue, createClient, marshall, model, unmarshall } from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const Everything = model({
  name: 'Everything',
  table: 'everything',
  key: { partition: 'id', sort: 'at' },
  types: { Money: { type: 'decimal', min: '0' } },
  attributes: {
    id: { type: 'uuid' },
    at: { type: 'datetime', storeAs: 'epochMillis' },
    title: { type: 'string', pattern: '^[A-ZÀ-Ý]', maxLength: 40 },
    email: { type: 'string', format: 'email' },
    price: { type: 'number' },
    count: { type: 'integer' },
    total: { type: 'Money' },
    huge: { type: 'bigint' },
    paid: { type: 'boolean' },
    status: { type: 'enum', values: ['new', 'paid'] },
    created: { type: 'datetime' },
    createdEpoch: { type: 'datetime', storeAs: 'epoch' },
    day: { type: 'date' },
    prep: { type: 'duration' },
    expires: { type: 'ttl' },
    blob: { type: 'binary' },
    lines: { type: 'list', of: { type: 'map', fields: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    address: { type: 'map', fields: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } }, unknown: 'keep' },
    labels: { type: 'record', of: { type: 'number' } },
    tags: { type: 'set', of: 'string' },
    scores: { type: 'set', of: 'number' },
    keys: { type: 'set', of: 'binary' },
    empty: { type: 'set', of: 'string' },
    extra: { type: 'any' },
    note: { type: 'string', nullable: true, attributeName: 'n' },
    version: { type: 'version' },
  },
});

const item = {
  id: '6f1c2a44-3b7e-4c1d-9a51-0c8e7f9b2d10',
  at: new Date('2024-05-06T07:08:09.123Z'),
  title: 'Ünïcode ✓ title 🎉',
  email: 'someone@example.com',
  price: 0.1 + 0.2,
  count: -9007199254740991,
  total: '12345678901234567890123456789.012345678',
  huge: 123456789012345678901234567890n,
  paid: true,
  status: 'paid',
  created: new Date('1999-12-31T23:59:59.999Z'),
  createdEpoch: new Date('2024-01-01T00:00:00.5Z'),
  day: '2024-02-29',
  prep: 'P1DT2H30M0.25S',
  expires: new Date('2030-01-01T00:00:00Z'),
  blob: new Uint8Array([0, 1, 2, 253, 254, 255]),
  lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }],
  address: { city: 'Lyon', zip: '69001', floor: 3, $ref: 'x' },
  labels: { a: 1.5, 'with.dot': 2, __proto__x: 3 },
  tags: new Set(['x', 'y']),
  scores: new Set([1, 2.5, -3]),
  keys: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
  empty: new Set(),
  extra: { n: new NumberValue('3.14159265358979323846264338327950288'), list: [1, 'two', null, true], set: new Set(['s']) },
  note: null,
};

for (const serverName of SERVER_NAMES) {
  describe(`every type on ${serverName}`, () => {
    let server;
    let db;

    before(async () => {
      server = await startServer(serverName);
      db = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
      await db.createTable(Everything);
    });

    after(async () => {
      await server?.stop();
    });

    test('put then get gives back the same value', async () => {
      // Without a version the put creates the item, which then holds version 1.
      await db.model(Everything).put(item);
      const read = await db.model(Everything).get({ id: item.id, at: item.at }, { consistent: true });
      assert.deepEqual(read, { ...item, version: 1 });
    });

    test('the server stored the documented DynamoDB forms', async () => {
      const body = JSON.parse(await db.send('GetItem', {
        TableName: 'everything',
        Key: { id: { S: item.id }, at: { N: '1714979289123' } },
        ConsistentRead: true,
      }));
      const stored = body.Item;
      assert.deepEqual(stored.total, { N: '12345678901234567890123456789.012345678' });
      assert.deepEqual(stored.huge, { N: '123456789012345678901234567890' });
      assert.deepEqual(stored.created, { S: '1999-12-31T23:59:59.999Z' });
      assert.deepEqual(stored.createdEpoch, { N: '1704067200.5' });
      assert.deepEqual(stored.prep, { N: '95400.25' });
      assert.deepEqual(stored.expires, { N: '1893456000' });
      assert.deepEqual(stored.blob, { B: 'AAEC/f7/' });
      assert.deepEqual(stored.n, { NULL: true });
      assert.equal(stored.empty, undefined, 'an empty set is not stored');
      assert.deepEqual(new Set(stored.scores.NS.map(Number)), new Set([1, 2.5, -3]));
      assert.deepEqual(stored.extra.M.n, { N: '3.14159265358979323846264338327950288' });
    });

    test('marshall and unmarshall round-trip through the server', async () => {
      const Loose = model({ name: 'Loose', table: 'everything', key: { partition: 'id', sort: 'at' }, unknown: 'keep',
        attributes: { id: { type: 'string' }, at: { type: 'number' } } });
      const value = { id: 'loose', at: 1, big: new NumberValue('98765432109876543210.5'), bytes: new Uint8Array([9]), nested: { a: [1, { b: new Set([1n, 2n]) }] } };
      await db.send('PutItem', { TableName: 'everything', Item: marshall(value) });
      const body = JSON.parse(await db.send('GetItem', { TableName: 'everything', Key: { id: { S: 'loose' }, at: { N: '1' } }, ConsistentRead: true }));
      const back = unmarshall(body.Item);
      assert.deepEqual(back.big, new NumberValue('98765432109876543210.5'));
      assert.deepEqual(back.bytes, new Uint8Array([9]));
      assert.deepEqual(back.nested, { a: [1, { b: new Set([1, 2]) }] });
      assert.deepEqual(await db.model(Loose).get({ id: 'loose', at: 1 }), { ...back, nested: back.nested });
    });
  });
}
