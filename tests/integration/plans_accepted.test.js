// Every kind of request dynamap plans (M.plan.*, and the transactions db.transactWrite and
// db.transactGet build) is accepted unchanged by the official DynamoDB Local through the AWS SDK
// v3's low-level client: each plan's request JSON is handed to the matching Command
// (PutItemCommand, QueryCommand, ...), a middleware captures the body the SDK actually sent, and
// the test checks that body is the plan's request, member for member (the SDK serializes only
// the members it knows, so a misspelt or misplaced member would be dropped silently, not refused).
// DynamoDB Local only: it is the reference (dynalite has no transactions and is laxer).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as sdk from '@aws-sdk/client-dynamodb';
import { createClient, model, plus, update, where } from 'dynamap';
import { startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };

const Order = model({
  name: 'Order',
  table: 'plan_orders',
  key: { partition: 'customerId', sort: 'orderId' },
  attributes: {
    customerId: 'string',
    orderId: 'string',
    status: { type: 'enum', values: ['new', 'paid', 'void'] },
    total: 'decimal',
    placedAt: 'datetime',
    qty: { type: 'integer', min: 1 },
    blob: { type: 'binary', optional: true },
    keys: { type: 'set', of: 'binary' },
    tags: { type: 'set', of: 'string' },
    address: { type: 'map', optional: true, fields: { city: 'string', zip: { type: 'string', optional: true } } },
    lines: { type: 'list', optional: true, of: { type: 'map', fields: { sku: 'string', qty: 'integer' } } },
    expires: { type: 'ttl', optional: true },
    note: { type: 'string', optional: true, nullable: true, attributeName: 'n' },
    size: { type: 'integer', optional: true }, // a reserved word
  },
  indexes: {
    byStatus: { type: 'global', partition: 'status', sort: 'placedAt' },
    byTotal: { type: 'local', sort: 'total', projection: ['qty', 'status'] },
  },
});

// The same table seen through a model with a version attribute (optimistic locking adds its
// own conditions). Its items live in partition 'v', outside what the other tests count.
const Versioned = model({
  name: 'Versioned',
  table: 'plan_orders',
  key: { partition: 'customerId', sort: 'orderId' },
  attributes: { customerId: 'string', orderId: 'string', blob: 'binary', version: 'version' },
});

const bytes = (...b) => new Uint8Array(b);
const order = (n, changes = {}) => ({
  customerId: 'c1',
  orderId: `o${String(n).padStart(3, '0')}`,
  status: n % 3 === 0 ? 'paid' : 'new',
  total: `${n}.25`,
  placedAt: new Date(Date.UTC(2024, 0, 1 + n)),
  qty: 1 + (n % 5),
  blob: bytes(0, n % 256, 255),
  keys: [bytes(1), bytes(2, n % 256)],
  tags: ['t', `t${n}`],
  address: { city: 'Paris', zip: '75001' },
  lines: [{ sku: 's1', qty: n }],
  expires: new Date('2030-01-01T00:00:00Z'),
  note: n % 2 ? null : 'even',
  size: n,
  ...changes,
});

// Plan requests are DynamoDB JSON as on the wire: binary values (B, and each member of BS) are
// base64 strings. The SDK's low-level client wants Uint8Array there and base64-encodes it
// itself, so a string would be sent encoded twice. toSdk swaps each B/BS string for its bytes
// (an attribute *named* B or BS holds an AttributeValue object, never a string, so it is left
// alone); fromSdk does the reverse on what the SDK returns, to hand it back to dynamap.
function toSdk(value) {
  if (Array.isArray(value)) return value.map(toSdk);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'B' && typeof v === 'string') out[k] = new Uint8Array(Buffer.from(v, 'base64'));
    else if (k === 'BS' && Array.isArray(v) && v.every((m) => typeof m === 'string')) {
      out[k] = v.map((m) => new Uint8Array(Buffer.from(m, 'base64')));
    } else out[k] = toSdk(v);
  }
  return out;
}

function fromSdk(value) {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(fromSdk);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromSdk(v)]));
}

describe('plans accepted unchanged by DynamoDB Local through the AWS SDK v3', () => {
  let server;
  let client; // the SDK's DynamoDBClient
  let sentBodies; // what the SDK put on the wire, one per send
  let db; // dynamap, sending through the SDK client below (for the transactions)

  /** Sends one planned request with its Command; checks the SDK sent it unchanged. */
  async function send({ operation, request }) {
    const Command = sdk[`${operation}Command`];
    assert.ok(Command, `no SDK command for ${operation}`);
    const before = sentBodies.length;
    const output = await client.send(new Command(toSdk(request)));
    assert.equal(sentBodies.length, before + 1);
    assert.deepEqual(JSON.parse(sentBodies.at(-1)), request, `${operation} sent unchanged`);
    const { $metadata, ...rest } = output;
    assert.equal($metadata.httpStatusCode, 200);
    return fromSdk(rest);
  }

  before(async () => {
    server = await startServer('dynamodb-local');
    client = new sdk.DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials });
    sentBodies = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        sentBodies.push(args.request.body);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'captureSentBody' },
    );
    // dynamap's own client with a transport that hands each request to the SDK: used for
    // db.transactWrite / db.transactGet, which build their request inside the call.
    db = createClient({
      region: 'us-east-1',
      credentials,
      transport: {
        send: async (operation, body) => {
          const answer = await send({ operation, request: JSON.parse(body) });
          return { status: 200, body: JSON.stringify(answer) };
        },
      },
    });
  });

  after(async () => {
    client?.destroy();
    await server?.stop();
  });

  test('createTable with a global and a local index', async () => {
    const plan = Order.plan.createTable();
    assert.equal(plan.operation, 'CreateTable');
    assert.equal(plan.request.GlobalSecondaryIndexes.length, 1);
    assert.equal(plan.request.LocalSecondaryIndexes.length, 1);
    const out = await send(plan);
    assert.equal(out.TableDescription.TableName, 'plan_orders');
  });

  test('createTable, provisioned, with a stream and a table prefix', async () => {
    const plan = Order.plan.createTable({
      billing: 'PROVISIONED', throughput: { read: 2, write: 3 }, stream: 'NEW_AND_OLD_IMAGES', tablePrefix: 'p_',
    });
    await send(plan);
    const described = await send(Order.plan.describeTable({ tablePrefix: 'p_' }));
    assert.equal(described.Table.StreamSpecification.StreamViewType, 'NEW_AND_OLD_IMAGES');
    await send(Order.plan.deleteTable({ tablePrefix: 'p_' }));
  });

  test('describeTable', async () => {
    const out = await send(Order.plan.describeTable());
    assert.equal(out.Table.TableStatus, 'ACTIVE');
    assert.deepEqual(out.Table.GlobalSecondaryIndexes.map((ix) => ix.IndexName), ['byStatus']);
    assert.deepEqual(out.Table.LocalSecondaryIndexes.map((ix) => ix.IndexName), ['byTotal']);
  });

  test('updateTimeToLive', async () => {
    const out = await send(Order.plan.updateTimeToLive());
    assert.deepEqual(out.TimeToLiveSpecification, { AttributeName: 'expires', Enabled: true });
  });

  test('put (with a condition, binary, sets, maps, lists, null) then get it back', async () => {
    const item = order(1);
    await send(Order.plan.put(item, { condition: where('status').ne('void') }));
    const got = await send(Order.plan.get({ customerId: 'c1', orderId: 'o001' }, { consistent: true }));
    assert.deepEqual(Order.fromItem(got.Item), { ...item, total: '1.25', keys: new Set(item.keys), tags: new Set(item.tags) });
  });

  test('put with returnValues', async () => {
    const out = await send(Order.plan.put(order(1, { qty: 5 }), { returnValues: 'ALL_OLD' }));
    assert.equal(Order.fromItem(out.Attributes).qty, 2);
  });

  test('create', async () => {
    await send(Order.plan.create(order(2)));
    await assert.rejects(send(Order.plan.create(order(2))), (e) => e.name === 'ConditionalCheckFailedException');
  });

  test('get with select', async () => {
    const plan = Order.plan.get({ customerId: 'c1', orderId: 'o001' }, { select: ['qty', 'address.city', 'blob', 'size', 'note'] });
    assert.ok(plan.request.ProjectionExpression);
    const out = await send(plan);
    assert.deepEqual(Object.keys(out.Item).sort(), ['address', 'blob', 'n', 'qty', 'size']);
    assert.deepEqual(out.Item.blob, { B: Buffer.from([0, 1, 255]).toString('base64') });
  });

  test('update: set, remove, add, delete, append, plus, with a condition and returnValues', async () => {
    const plan = Order.plan.update(
      { customerId: 'c1', orderId: 'o001' },
      update().set('status', 'paid').set('qty', plus('qty', 1)).remove('note').add('keys', [bytes(7, 7)])
        .delete('tags', ['t']).append('lines', [{ sku: 's2', qty: 2 }]).setIfNotExists('address.zip', '00000')
        .set('blob', bytes(9)),
      { condition: where('blob').beginsWith(bytes(0)).and(where('keys').contains(bytes(1))), returnValues: 'ALL_NEW' },
    );
    const out = await send(plan);
    const after = Order.fromItem(out.Attributes);
    assert.equal(after.qty, 6);
    assert.deepEqual(after.blob, bytes(9));
    assert.equal(after.keys.size, 3);
    assert.deepEqual(after.tags, new Set(['t1']));
  });

  test('batchWrite (puts and deletes, several requests)', async () => {
    const plans = Order.plan.batchWrite({
      put: Array.from({ length: 40 }, (_, i) => order(10 + i)),
      delete: [{ customerId: 'c1', orderId: 'o002' }],
    });
    assert.ok(Array.isArray(plans) && plans.length === 2);
    for (const plan of plans) {
      assert.equal(plan.operation, 'BatchWriteItem');
      const out = await send(plan);
      assert.deepEqual(out.UnprocessedItems ?? {}, {});
    }
  });

  test('batchGet (several requests, with select)', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => ({ customerId: 'c1', orderId: `o${String(i).padStart(3, '0')}` }));
    // No key attribute in select: dynamap adds the key attributes itself, and one given here
    // too would be named twice in the ProjectionExpression, which DynamoDB refuses (reported).
    const plans = Order.plan.batchGet(keys, { select: ['blob', 'keys'], consistent: true });
    assert.equal(plans.length, 2);
    let found = 0;
    for (const plan of plans) {
      const out = await send(plan);
      found += out.Responses.plan_orders.length;
      assert.deepEqual(out.UnprocessedKeys ?? {}, {});
    }
    assert.equal(found, 41); // o001 and o010..o049 (o002 was deleted)
  });

  test('query on the table: sort key condition, filter, select, limit, reverse, consistent', async () => {
    const plan = Order.plan.query({ customerId: 'c1' }, {
      sort: where('orderId').between('o010', 'o030'),
      filter: where('status').eq('paid').and(where('lines[0].qty').gt(10)),
      select: ['orderId', 'status', 'size'],
      limit: 15,
      reverse: true,
      consistent: true,
    });
    const out = await send(plan);
    // o030..o016 evaluated (limit 15, newest first), of which paid (n % 3 == 0) and n > 10
    assert.deepEqual(out.Items.map((i) => i.orderId.S), ['o030', 'o027', 'o024', 'o021', 'o018']);
    assert.ok(out.LastEvaluatedKey);
    const next = await send(Order.plan.query({ customerId: 'c1' }, {
      sort: where('orderId').between('o010', 'o030'), reverse: true, limit: 15, startKey: out.LastEvaluatedKey,
    }));
    assert.equal(next.Items[0].orderId.S, 'o015');
  });

  test('query on a global index with filter, select, limit, reverse', async () => {
    const out = await send(Order.plan.query({ status: 'paid' }, {
      index: 'byStatus',
      sort: where('placedAt').gte(new Date(Date.UTC(2024, 0, 20))),
      filter: where('qty').gte(2).and(where('blob').exists()),
      select: ['orderId', 'placedAt', 'qty'],
      limit: 50,
      reverse: true,
    }));
    assert.ok(out.Items.length > 0);
    const times = out.Items.map((i) => i.placedAt.S);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  test('query on a local index with filter, select, limit, reverse, count', async () => {
    const out = await send(Order.plan.query({ customerId: 'c1' }, {
      index: 'byTotal',
      sort: where('total').lt('20'),
      filter: where('qty').gt(1),
      select: ['total', 'qty'],
      limit: 10,
      reverse: true,
    }));
    const totals = out.Items.map((i) => Number(i.total.N));
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
    const count = await send(Order.plan.query({ customerId: 'c1' }, { index: 'byTotal', count: true }));
    assert.equal(count.Count, 41);
  });

  test('scan in segments, with a filter', async () => {
    let total = 0;
    for (let segment = 0; segment < 3; segment++) {
      const out = await send(Order.plan.scan({ segment, totalSegments: 3, filter: where('tags').contains('t'), limit: 100 }));
      total += out.Count;
    }
    assert.equal(total, 40); // every item but o001, whose 't' was deleted
    const count = await send(Order.plan.scan({ index: 'byStatus', count: true, consistent: false }));
    assert.equal(count.Count, 41);
  });

  test('versioned writes: create, put and update with the version read, delete', async () => {
    const key = { customerId: 'v', orderId: 'v1' };
    const created = Versioned.plan.put({ ...key, blob: bytes(1) });
    assert.match(created.request.ConditionExpression, /attribute_not_exists/);
    await send(created);
    await send(Versioned.plan.put({ ...key, blob: bytes(2), version: 1 }));
    const updated = await send(Versioned.plan.update({ ...key, version: 2 }, { blob: bytes(3) }, { returnValues: 'ALL_NEW' }));
    assert.deepEqual(Versioned.fromItem(updated.Attributes), { ...key, blob: bytes(3), version: 3 });
    await assert.rejects(send(Versioned.plan.delete({ ...key, version: 2 })), (e) => e.name === 'ConditionalCheckFailedException');
    await send(Versioned.plan.delete({ ...key, version: 3 }, { condition: where('blob').eq(bytes(3)) }));
  });

  test('delete with a condition and returnValues', async () => {
    const plan = Order.plan.delete({ customerId: 'c1', orderId: 'o010' }, {
      condition: where('qty').gt(0).and(where('address.city').eq('Paris')),
      returnValues: 'ALL_OLD',
    });
    const out = await send(plan);
    assert.equal(Order.fromItem(out.Attributes).orderId, 'o010');
    await assert.rejects(send(Order.plan.delete({ customerId: 'c1', orderId: 'o011' }, { condition: where('size').lt(0) })),
      (e) => e.name === 'ConditionalCheckFailedException');
  });

  test('transactWrite through db.transactWrite: put, create, update, delete, check', async () => {
    const before = sentBodies.length;
    const { token } = await db.transactWrite([
      Order.tx.put(order(100)),
      Order.tx.create(order(101)),
      Order.tx.update({ customerId: 'c1', orderId: 'o011' }, update().add('qty', 1).add('keys', [bytes(5)]),
        { condition: where('blob').beginsWith(bytes(0, 11)) }),
      Order.tx.delete({ customerId: 'c1', orderId: 'o012' }, { condition: where('status').eq('paid') }),
      Order.tx.check({ customerId: 'c1', orderId: 'o013' }, where('keys').contains(bytes(2, 13))),
    ]);
    assert.equal(sentBodies.length, before + 1);
    assert.equal(JSON.parse(sentBodies.at(-1)).ClientRequestToken, token);
    const items = await db.transactGet([
      Order.tx.get({ customerId: 'c1', orderId: 'o100' }),
      Order.tx.get({ customerId: 'c1', orderId: 'o012' }),
      Order.tx.get({ customerId: 'c1', orderId: 'o011' }, { select: ['qty', 'keys'] }),
    ]);
    assert.equal(items[0].orderId, 'o100');
    assert.equal(items[1], undefined);
    assert.deepEqual(items[2], { qty: 3, keys: new Set([bytes(1), bytes(2, 11), bytes(5)]) });
  });

  test('deleteTable', async () => {
    const out = await send(Order.plan.deleteTable());
    assert.equal(out.TableDescription.TableName, 'plan_orders');
  });
});
