// DynamoDB's limits, on both servers: an item of exactly 400 KB as DynamoDB sizes items is
// written and read back unchanged, one byte more is refused before anything is sent; a
// transaction of 100 operations is accepted and its items read back, 101 are refused before
// anything is sent. (dynalite has no transactions: on it only the refusals run.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ExpressionError, ValidationError, createClient, model, where } from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };
const MAX_ITEM_BYTES = 400 * 1024;

const Big = model({
  name: 'Big',
  table: 'limit_big',
  key: { partition: 'pk', sort: 'sk' },
  attributes: {
    pk: 'string',
    sk: 'string',
    text: 'string',
    blob: 'binary',
    count: 'integer',
    lines: { type: 'list', of: 'string' },
    meta: { type: 'map', fields: { x: 'string', zz: 'integer' } },
    tags: { type: 'set', of: 'string' },
    flag: 'boolean',
    gone: { type: 'string', nullable: true },
  },
});

const Row = model({
  name: 'Row',
  table: 'limit_rows',
  key: { partition: 'pk', sort: 'sk' },
  attributes: { pk: 'string', sk: 'string', n: 'integer', note: { type: 'string', optional: true } },
});

const utf8 = (s) => Buffer.byteLength(s, 'utf8');

// The item's size as DynamoDB's documentation counts it, worked out here by hand (not by the
// core): attribute names and strings in UTF-8 bytes, binary in bytes, a number 1 byte per two
// significant digits plus 1, a boolean or null 1, a list or map 3 plus 1 per element (and a
// map its keys), a set the sum of its members.
function sizeOf(item) {
  const number = (digits) => Math.ceil(digits / 2) + 1;
  return utf8('pk') + utf8(item.pk) + utf8('sk') + utf8(item.sk)
    + utf8('text') + utf8(item.text)
    + utf8('blob') + item.blob.length
    + utf8('count') + number(String(item.count).length)
    + utf8('lines') + 3 + item.lines.reduce((n, line) => n + 1 + utf8(line), 0)
    + utf8('meta') + 3 + (utf8('x') + utf8(item.meta.x) + 1) + (utf8('zz') + number(String(item.meta.zz).length) + 1)
    + utf8('tags') + [...item.tags].reduce((n, tag) => n + utf8(tag), 0)
    + utf8('flag') + 1
    + utf8('gone') + 1;
}

/** An item of `size` bytes as DynamoDB counts them; its text (ASCII plus some multi-byte characters) fills it. */
function itemOfSize(size, sk = 'big') {
  const item = {
    pk: 'limits',
    sk,
    text: 'é€😀',
    blob: Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 256),
    count: 12345,
    lines: ['a', 'bb', 'ü'],
    meta: { x: 'y', zz: 7 },
    tags: new Set(['a', 'bc', 'ß']),
    flag: true,
    gone: null,
  };
  item.text += 'x'.repeat(size - sizeOf(item));
  assert.equal(sizeOf(item), size);
  return item;
}

for (const serverName of SERVER_NAMES) {
  describe(`DynamoDB's limits on ${serverName}`, () => {
    const dynamoDBLocal = serverName === 'dynamodb-local'; // the reference; dynalite departs from it below
    let server;
    let db;
    let requests = 0; // requests the client sent

    before(async () => {
      server = await startServer(serverName);
      const fetch = (url, init) => {
        requests += 1;
        return globalThis.fetch(url, init);
      };
      db = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, tablePrefix: 'lim_', fetch });
      await db.createTable(Big);
      await db.createTable(Row);
    });

    after(async () => {
      await server?.stop();
    });

    test('an item of exactly 400 KB is written and read back unchanged; one byte more is refused unsent', async () => {
      const item = itemOfSize(MAX_ITEM_BYTES);
      assert.equal(Big.validate(item).ok, true);
      await db.model(Big).put(item);
      const read = await db.model(Big).get({ pk: item.pk, sk: item.sk }, { consistent: true });
      assert.deepEqual(read, item);
      assert.equal(read.text.length, item.text.length);

      const over = itemOfSize(MAX_ITEM_BYTES + 1, 'over');
      const sent = requests;
      const error = await db.model(Big).put(over).catch((e) => e);
      assert.ok(error instanceof ValidationError, `${error?.name}: ${error?.message}`);
      assert.equal(error.code, 'validation.itemSize');
      assert.match(error.message, /409601 bytes/);
      assert.equal(requests, sent, 'nothing was sent');
      assert.equal(await db.model(Big).get({ pk: over.pk, sk: over.sk }), undefined);
      // The same count refuses it in a transaction, before anything is sent.
      const inTx = await db.transactWrite([Big.tx.put(over)]).catch((e) => e);
      assert.equal(inTx.code, 'validation.itemSize');
      assert.equal(requests, sent + 1, 'only the get above was sent');
    });

    test('the server counts as the client does: the request of the 400 KB item with one byte more is refused by it',
      { skip: dynamoDBLocal ? false : 'dynalite counts strings in UTF-16 code units, not UTF-8 bytes' }, async () => {
        // The exact item's own request, its text one byte longer: sent as is, past the client's check.
        const { operation, request } = Big.plan.put(itemOfSize(MAX_ITEM_BYTES, 'raw'), { tablePrefix: 'lim_' });
        await db.send(operation, request); // 409,600 bytes: accepted
        request.Item.sk.S = 'raw+1';
        request.Item.text.S += 'x';
        const error = await db.send(operation, request).catch((e) => e);
        assert.equal(error.code, 'service.ValidationException', error.message);
        assert.match(error.message, /Item size has exceeded the maximum allowed size/);
      });

    test('a transaction of 100 operations is accepted, and 100 items read back in one transactGet',
      { skip: dynamoDBLocal ? false : 'dynalite has no transactions' }, async () => {
        const rows = db.model(Row);
        const existing = [1, 2, 3].map((i) => ({ pk: 'tx', sk: `old${i}`, n: i }));
        await rows.batchWrite({ put: existing });
        const fresh = Array.from({ length: 97 }, (_, i) => ({ pk: 'tx', sk: `new${String(i).padStart(3, '0')}`, n: i, note: `row ${i}` }));
        const operations = [
          ...fresh.map((x) => Row.tx.put(x)),
          Row.tx.update({ pk: 'tx', sk: 'old1' }, { note: 'updated' }),
          Row.tx.delete({ pk: 'tx', sk: 'old2' }),
          Row.tx.check({ pk: 'tx', sk: 'old3' }, where('n').eq(3)),
        ];
        assert.equal(operations.length, 100);
        const { token } = await db.transactWrite(operations);
        assert.equal(typeof token, 'string');

        const keys = [...fresh, ...existing].map(({ pk, sk }) => ({ pk, sk }));
        assert.equal(keys.length, 100);
        const read = await db.transactGet(keys.map((k) => Row.tx.get(k)));
        assert.deepEqual(read, [...fresh, { ...existing[0], note: 'updated' }, undefined, existing[2]]);
      });

    test('101 operations are refused before anything is sent, in both transactions', async () => {
      const sent = requests;
      const writes = Array.from({ length: 101 }, (_, i) => Row.tx.put({ pk: 'tx101', sk: String(i), n: i }));
      const gets = Array.from({ length: 101 }, (_, i) => Row.tx.get({ pk: 'tx101', sk: String(i) }));
      for (const attempt of [() => db.transactWrite(writes), () => db.transactGet(gets)]) {
        const error = await attempt().catch((e) => e);
        assert.ok(error instanceof ExpressionError, `${error?.name}: ${error?.message}`);
        assert.equal(error.code, 'expression.tooManyItems');
      }
      assert.equal(requests, sent, 'nothing was sent');
      // One fewer is fine (on a server with transactions).
      if (dynamoDBLocal) {
        await db.transactWrite(writes.slice(0, 100));
        const read = await db.transactGet(gets.slice(0, 100));
        assert.deepEqual(read, writes.slice(0, 100).map((op) => op.input.item));
      }
    });
  });
}
