// Query pagination on real servers: 100 items in one partition (written in shuffled order, with
// neighbours in other partitions), read with .limit(7) by page() + startAfter(cursor), by
// for await and by all(): every item exactly once, in sort-key order (reverse() reversed).
// Cursors are bound to their table and index, and with a cursorSecret to the client that signed
// them. The whole file runs 4 ways: {fetch, sdk} x {dynalite, DynamoDB Local}.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { UsageError, createClient, model } from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };
const region = 'us-east-1';
const SECRET = 'pagination-test-cursor-secret';

const definition = {
  key: { partition: 'pk', sort: 'sk' },
  attributes: {
    pk: { type: 'string' },
    sk: { type: 'string' },
    n: { type: 'integer' },
  },
  indexes: { byN: { type: 'local', sort: 'n', projection: 'all' } },
};
const Msg = model({ name: 'Msg', table: 'page_msgs', ...definition });
const Other = model({ name: 'Other', table: 'page_other', ...definition });

const COUNT = 100;
const PK = 'p1';
const sortKey = (i) => `m${String(i).padStart(3, '0')}`;
// n runs against the sort key, so the index byN orders the items the other way round.
const expected = Array.from({ length: COUNT }, (_, i) => ({ pk: PK, sk: sortKey(i), n: 1000 - i }));
const sks = (items) => items.map((x) => x.sk);
const ascending = sks(expected);
const descending = [...ascending].reverse();

// A fixed shuffle (LCG), so the write order is not the sort order.
function shuffled(items) {
  const out = [...items];
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Follows page() + startAfter(cursor) to the end; resolves to the pages' items. */
async function pageThrough(query) {
  const pages = [];
  let cursor;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await (cursor === undefined ? query : query.startAfter(cursor)).page();
    pages.push(page.items);
    if (page.cursor === undefined) return pages;
    assert.equal(typeof page.cursor, 'string');
    cursor = page.cursor;
  }
  throw new Error('pagination did not end');
}

const isInvalidCursor = (e) => {
  assert.ok(e instanceof UsageError, `expected a UsageError, got ${e?.name}: ${e?.message}`);
  assert.equal(e.code, 'usage.invalidCursor');
  return true;
};

function clientFor(transport, endpoint, options) {
  if (transport === 'fetch') return { db: createClient({ region, endpoint, credentials, ...options }) };
  const sdk = new DynamoDBClient({ region, endpoint, credentials, maxAttempts: 1 });
  return { db: createClient({ transport: { sdk }, ...options }), sdk };
}

for (const serverName of SERVER_NAMES) {
  describe(`pagination on ${serverName}`, () => {
    let server;

    before(async () => {
      server = await startServer(serverName);
      const { db } = clientFor('fetch', server.endpoint);
      await Promise.all([db.createTable(Msg), db.createTable(Other)]);
      const neighbours = ['p0', 'p2'].flatMap((pk) => Array.from({ length: 10 }, (_, i) => ({ pk, sk: sortKey(i), n: i })));
      await db.model(Msg).batchWrite({ put: shuffled([...expected, ...neighbours]) });
      await db.model(Other).batchWrite({ put: expected.slice(0, 20) });
    });

    after(async () => {
      await server?.stop();
    });

    for (const transport of ['fetch', 'sdk']) {
      describe(`through ${transport}`, () => {
        let msgs;
        let other;
        let signed;
        const sdkClients = [];

        before(() => {
          const plain = clientFor(transport, server.endpoint);
          const withSecret = clientFor(transport, server.endpoint, { cursorSecret: SECRET });
          sdkClients.push(plain.sdk, withSecret.sdk);
          msgs = plain.db.model(Msg);
          other = plain.db.model(Other);
          signed = withSecret.db.model(Msg);
        });

        after(() => {
          for (const sdk of sdkClients) sdk?.destroy();
        });

        test('page() + startAfter(cursor) with limit(7): every item once, in sort-key order', async () => {
          const pages = await pageThrough(msgs.query({ pk: PK }).limit(7));
          // DynamoDB's Limit without a filter: full pages of 7, then the 2 left.
          assert.deepEqual(pages.map((p) => p.length), [...Array(14).fill(7), 2]);
          assert.deepEqual(pages.flat(), expected);
        });

        test('a limit that divides the count: the last page may be empty, nothing is repeated', async () => {
          const pages = await pageThrough(msgs.query({ pk: PK }).limit(10));
          assert.ok(pages.slice(0, 10).every((p) => p.length === 10));
          assert.ok(pages.length === 10 || (pages.length === 11 && pages[10].length === 0), `pages: ${pages.map((p) => p.length)}`);
          assert.deepEqual(sks(pages.flat()), ascending);
        });

        test('for await with limit(7): every item once, in order', async () => {
          const seen = [];
          for await (const item of msgs.query({ pk: PK }).limit(7)) seen.push(item);
          assert.deepEqual(seen, expected);
        });

        test('all() with limit(7): every item once, in order', async () => {
          assert.deepEqual(await msgs.query({ pk: PK }).limit(7).all(), expected);
        });

        test('reverse() gives the reverse order, by page(), for await and all()', async () => {
          const q = msgs.query({ pk: PK }).limit(7).reverse();
          const pages = await pageThrough(q);
          assert.deepEqual(pages.map((p) => p.length), [...Array(14).fill(7), 2]);
          assert.deepEqual(sks(pages.flat()), descending);
          const seen = [];
          for await (const item of q) seen.push(item.sk);
          assert.deepEqual(seen, descending);
          assert.deepEqual(sks(await q.all()), descending);
        });

        test('a sort-key condition pages within its range, both ways', async () => {
          const q = msgs.query({ pk: PK }).where('sk').beginsWith('m05').limit(7);
          const inRange = ascending.filter((sk) => sk.startsWith('m05'));
          assert.deepEqual(sks((await pageThrough(q)).flat()), inRange);
          assert.deepEqual(sks((await pageThrough(q.reverse())).flat()), [...inRange].reverse());
          const from = msgs.query({ pk: PK }).where('sk').gte('m093').limit(3);
          assert.deepEqual(sks(await from.all()), ascending.slice(93));
        });

        test('a cursor resumes a query exactly where its page ended', async () => {
          const q = msgs.query({ pk: PK }).limit(7);
          const first = await q.page();
          const second = await q.startAfter(first.cursor).page();
          assert.deepEqual(sks(second.items), ascending.slice(7, 14));
          // The rest, by all() and for await from that cursor.
          assert.deepEqual(sks(await q.startAfter(first.cursor).all()), ascending.slice(7));
          const seen = [];
          for await (const item of q.startAfter(second.cursor)) seen.push(item.sk);
          assert.deepEqual(seen, ascending.slice(14));
        });

        test('a query on an index pages in the index order', async () => {
          const pages = await pageThrough(msgs.query({ pk: PK }).index('byN').limit(7));
          assert.deepEqual(sks(pages.flat()), descending); // n descends as sk ascends
        });

        test("a cursor from another index or another table is refused (usage.invalidCursor)", async () => {
          const fromIndex = (await msgs.query({ pk: PK }).index('byN').limit(7).page()).cursor;
          const fromTable = (await msgs.query({ pk: PK }).limit(7).page()).cursor;
          const fromOther = (await other.query({ pk: PK }).limit(7).page()).cursor;
          assert.ok(fromIndex && fromTable && fromOther);
          await assert.rejects(msgs.query({ pk: PK }).limit(7).startAfter(fromIndex).page(), isInvalidCursor);
          await assert.rejects(msgs.query({ pk: PK }).index('byN').limit(7).startAfter(fromTable).page(), isInvalidCursor);
          await assert.rejects(msgs.query({ pk: PK }).limit(7).startAfter(fromOther).page(), isInvalidCursor);
          await assert.rejects(msgs.query({ pk: PK }).limit(7).startAfter(fromOther).all(), isInvalidCursor);
          await assert.rejects(other.query({ pk: PK }).limit(7).startAfter(fromTable).page(), isInvalidCursor);
          await assert.rejects(msgs.query({ pk: PK }).startAfter('not a cursor').page(), isInvalidCursor);
        });

        test('with a cursorSecret, a tampered or unsigned cursor is refused', async () => {
          const q = signed.query({ pk: PK }).limit(7);
          const first = await q.page();
          const [body, signature] = first.cursor.split('.');
          assert.ok(signature, 'a signed cursor has a signature');
          // The signed cursor works on the client that signed it.
          assert.deepEqual(sks((await q.startAfter(first.cursor).page()).items), ascending.slice(7, 14));

          // Its key changed to skip ahead, the signature kept.
          const decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
          const forged = JSON.stringify({ ...decoded, k: { ...decoded.k, sk: { S: sortKey(90) } } });
          assert.notEqual(forged, JSON.stringify(decoded));
          const tampered = `${Buffer.from(forged).toString('base64url')}.${signature}`;
          await assert.rejects(q.startAfter(tampered).page(), isInvalidCursor);
          await assert.rejects(q.startAfter(tampered).all(), isInvalidCursor);
          // One character of the signature changed.
          const flipped = `${body}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
          await assert.rejects(q.startAfter(flipped).page(), isInvalidCursor);
          // Unsigned (from a client without the secret), or signed but given to one without it.
          const unsigned = (await msgs.query({ pk: PK }).limit(7).page()).cursor;
          await assert.rejects(q.startAfter(unsigned).page(), isInvalidCursor);
          await assert.rejects(q.startAfter(body).page(), isInvalidCursor);
          await assert.rejects(msgs.query({ pk: PK }).limit(7).startAfter(first.cursor).page(), isInvalidCursor);
        });
      });
    }
  });
}
