// The whole path against real DynamoDB-compatible servers: JS -> core -> transport -> server
// -> core -> JS. The same tests run on dynalite and on the official DynamoDB Local, through the
// fetch transport (SigV4) and through an AWS SDK v3 DynamoDBClient.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { ServiceError, UsageError, ValidationError, createClient, model } from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };

const Order = model({
  name: 'Order',
  table: 'orders',
  key: { partition: 'customerId', sort: 'orderId' },
  attributes: {
    customerId: { type: 'string', minLength: 1 },
    orderId: { type: 'string' },
    quantity: { type: 'integer', min: 1, max: 1000 },
    price: { type: 'number' },
    paid: { type: 'boolean', default: false },
    note: { type: 'string', optional: true, nullable: true, attributeName: 'n' },
    status: { type: 'string' },
  },
  indexes: {
    byStatus: { type: 'global', partition: 'status', sort: 'orderId', projection: 'keys' },
    byPrice: { type: 'local', sort: 'price', projection: ['quantity'] },
  },
});

function clientFor(transport, endpoint, options) {
  if (transport === 'fetch') return createClient({ region: 'us-east-1', endpoint, credentials, ...options });
  const sdk = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
  return createClient({ transport: { sdk }, ...options });
}

for (const serverName of SERVER_NAMES) for (const transport of ['fetch', 'sdk']) {
  describe(`round trip on ${serverName} through ${transport}`, () => {
    let server;
    let db;
    let orders;

    before(async () => {
      server = await startServer(serverName);
      db = clientFor(transport, server.endpoint, { tablePrefix: 'it_' });
      orders = db.model(Order);
      await db.createTable(Order);
    });

    after(async () => {
      await server?.stop();
    });

    test('put then get returns the same value, defaults applied', async () => {
      const item = { customerId: 'c1', orderId: '2024-001', quantity: 3, price: 19.99, status: 'new', note: null };
      await orders.put(item);
      const read = await orders.get({ customerId: 'c1', orderId: '2024-001' }, { consistent: true });
      assert.deepEqual(read, { ...item, paid: false });
    });

    test('numbers keep every digit a JS number holds', async () => {
      const item = { customerId: 'c1', orderId: 'n', quantity: 1000, price: 0.1 + 0.2, status: 'new' };
      await orders.put(item);
      const read = await orders.get({ customerId: 'c1', orderId: 'n' });
      assert.equal(read.price, 0.30000000000000004);
      assert.equal(read.quantity, 1000);
    });

    test('get of a missing item resolves to undefined', async () => {
      assert.equal(await orders.get({ customerId: 'nobody', orderId: 'x' }), undefined);
    });

    test('put with returnValues ALL_OLD gives the replaced item', async () => {
      const first = { customerId: 'c2', orderId: 'o', quantity: 1, price: 1, status: 'new' };
      await orders.put(first);
      const old = await orders.put({ ...first, quantity: 2 }, { returnValues: 'ALL_OLD' });
      assert.deepEqual(old, { ...first, paid: false });
    });

    test('delete removes the item and can return it', async () => {
      const item = { customerId: 'c3', orderId: 'o', quantity: 5, price: 2.5, status: 'paid', paid: true };
      await orders.put(item);
      const deleted = await orders.delete({ customerId: 'c3', orderId: 'o' }, { returnValues: 'ALL_OLD' });
      assert.deepEqual(deleted, item);
      assert.equal(await orders.get({ customerId: 'c3', orderId: 'o' }), undefined);
    });

    test('an invalid item is refused before any request, with every error', async () => {
      await assert.rejects(
        orders.put({ customerId: '', orderId: 'o', quantity: 0, price: Number.NaN, status: 'new', extra: 1 }),
        (e) => {
          assert.ok(e instanceof ValidationError);
          assert.deepEqual(
            e.errors.map((x) => `${x.path}:${x.code}`).sort(),
            ['customerId:minLength', 'extra:unknownAttribute', 'price:nonFinite', 'quantity:min'],
          );
          return true;
        },
      );
    });

    test('a server error becomes a ServiceError with the DynamoDB type', async () => {
      const other = clientFor(transport, server.endpoint, { tablePrefix: 'missing_' });
      await assert.rejects(other.model(Order).get({ customerId: 'c', orderId: 'o' }), (e) => {
        assert.ok(e instanceof ServiceError);
        assert.equal(e.type, 'ResourceNotFoundException');
        assert.equal(e.code, 'service.ResourceNotFoundException');
        assert.equal(e.statusCode, 400);
        assert.ok(!e.message.includes(credentials.secretAccessKey));
        return true;
      });
    });

    test('an unknown option is a UsageError, not a silent no-op', async () => {
      await assert.rejects(orders.get({ customerId: 'c', orderId: 'o' }, { consistant: true }), UsageError);
    });

    test('createTable built the indexes the model declares', async () => {
      const body = JSON.parse(await db.send('DescribeTable', { TableName: 'it_orders' }));
      assert.deepEqual(body.Table.GlobalSecondaryIndexes.map((ix) => ix.IndexName), ['byStatus']);
      assert.deepEqual(body.Table.LocalSecondaryIndexes.map((ix) => ix.IndexName), ['byPrice']);
      assert.deepEqual(body.Table.LocalSecondaryIndexes[0].Projection, {
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: ['quantity'],
      });
    });

    test('deleteTable removes the table', async () => {
      const Temp = model({ name: 'Temp', table: 'temp', key: { partition: 'id' }, attributes: { id: { type: 'string' } } });
      await db.createTable(Temp);
      await db.deleteTable(Temp);
      await assert.rejects(db.model(Temp).get({ id: 'x' }), (e) => e.type === 'ResourceNotFoundException');
    });
  });
}
