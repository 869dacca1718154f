// A query's filter may not read a key attribute of the index it queries: dynamap refuses it
// before sending (expression.keyInFilter). Here DynamoDB Local, the reference, is asked the same
// four questions directly: it must refuse exactly what dynamap refuses and accept what dynamap
// plans (the table's keys in a filter of a global-index query; any key in a scan's filter).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import * as sdk from '@aws-sdk/client-dynamodb';
import { ExpressionError, model, where } from 'dynamap';
import { startServer } from '../servers/index.js';

const Item = model({
  name: 'Item',
  table: 'key_filter_items',
  key: { partition: 'id', sort: 'sk' },
  attributes: { id: 'string', sk: 'string', g: { type: 'string', optional: true }, n: { type: 'number', optional: true } },
  indexes: { byG: { type: 'global', partition: 'g' } },
});

let server;
let client;

before(async () => {
  server = await startServer('dynamodb-local');
  client = new sdk.DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' } });
  await client.send(new sdk.CreateTableCommand(Item.plan.createTable().request));
});

after(async () => {
  client?.destroy();
  await server?.stop();
});

// Each case: the dynamap query, and the same query written by hand for DynamoDB Local.
const values = (v) => Object.fromEntries(Object.entries(v).map(([k, s]) => [k, { S: s }]));
const cases = [
  { name: "the table's sort key, querying the table", key: { id: 'a' }, options: { filter: where('sk').eq('x') },
    raw: { KeyConditionExpression: 'id = :a', FilterExpression: 'sk = :x', ExpressionAttributeValues: values({ ':a': 'a', ':x': 'x' }) } },
  { name: "the table's partition key, querying the table", key: { id: 'a' }, options: { filter: where('id').exists() },
    raw: { KeyConditionExpression: 'id = :a', FilterExpression: 'attribute_exists(id)', ExpressionAttributeValues: values({ ':a': 'a' }) } },
  { name: "the index's partition key, querying the index", key: { g: 'a' }, options: { index: 'byG', filter: where('g').eq('x') },
    raw: { IndexName: 'byG', KeyConditionExpression: 'g = :a', FilterExpression: 'g = :x', ExpressionAttributeValues: values({ ':a': 'a', ':x': 'x' }) } },
];

for (const c of cases) {
  test(`a filter on ${c.name}: refused by dynamap before sending, as DynamoDB Local refuses it`, async () => {
    assert.throws(() => Item.plan.query(c.key, c.options), (e) => e instanceof ExpressionError && e.code === 'expression.keyInFilter');
    await assert.rejects(client.send(new sdk.QueryCommand({ TableName: 'key_filter_items', ...c.raw })),
      /can only contain non-primary key attributes/);
  });
}

test("a filter on the table's sort key when querying a global index: planned, and DynamoDB Local accepts it", async () => {
  const { request } = Item.plan.query({ g: 'a' }, { index: 'byG', filter: where('sk').eq('x') });
  await client.send(new sdk.QueryCommand(request));
});

test('a scan may filter on any key', async () => {
  const { request } = Item.plan.scan({ filter: where('id').eq('a').and(where('sk').eq('b')) });
  await client.send(new sdk.ScanCommand(request));
});
