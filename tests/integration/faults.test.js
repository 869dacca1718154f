// Batches through a fault-injecting proxy (./fault_proxy.js): throttling, 500s, connection
// resets and BatchWriteItem/BatchGetItem answers that leave part of the request unprocessed.
// Whatever happens on the way, a batchWrite ends either resolved with every write done or with a
// BatchError that holds exactly the writes not done, checked by reading the table directly on
// the server (not through the proxy) and comparing both ways: no item lost, none invented,
// nothing reported missing that is present.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BatchError, createClient, model } from 'dynamap';
import { DUMMY_AUTH_HEADERS, SERVER_NAMES, startServer } from '../servers/index.js';
import { formatStats, startFaultProxy } from './fault_proxy.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };
const region = 'us-east-1';

const Item = model({
  name: 'Item',
  table: 'fault_items',
  key: { partition: 'pk', sort: 'sk' },
  attributes: {
    pk: { type: 'string' },
    sk: { type: 'string' },
    n: { type: 'integer' },
    body: { type: 'string' },
  },
});

const PUTS = 10_000;
const DELETES = 500;

const makeItem = (i, tag = 'w') => ({
  pk: `p${String(i % 40).padStart(2, '0')}`,
  sk: `${tag}${String(i).padStart(6, '0')}`,
  n: i,
  body: `item ${i} ${'x'.repeat(40 + (i % 60))}`,
});
const keyOf = (x) => `${x.pk}\u0000${x.sk}`;
const keyPart = ({ pk, sk }) => ({ pk, sk });

// A client through the proxy: fetch transport, short delays, many attempts, no budget limit.
const proxiedClient = (endpoint, tablePrefix, attempts = 10) => createClient({
  region, endpoint, credentials, tablePrefix,
  retry: { attempts, baseDelayMs: 1, throttlingBaseDelayMs: 2, maxDelayMs: 20, budget: 1e9 },
});

/** Every item in the table, read on the server itself, as a Map key -> item. */
async function tableContents(direct) {
  const stored = await direct.model(Item).scan().segments(4).all();
  const byKey = new Map(stored.map((x) => [keyOf(x), x]));
  assert.equal(byKey.size, stored.length, 'the scan returned a key twice');
  return byKey;
}

/**
 * Checks a batchWrite's outcome against the table: `puts` should all be there and `deletes` all
 * gone, except exactly what a BatchError reports as unprocessed.
 */
async function checkOutcome({ error }, direct, { puts, deletes, survivors = [] }) {
  const stored = await tableContents(direct);
  const expectedPuts = new Map(puts.map((x) => [keyOf(x), x]));
  const deleteKeys = new Set(deletes.map(keyOf));
  const untouched = new Map(survivors.map((x) => [keyOf(x), x]));

  // Nothing invented: every stored item is one that was put (as it was put), one whose delete
  // may be left over, or one the batch never touched.
  for (const [k, item] of stored) {
    const expected = expectedPuts.get(k) ?? untouched.get(k) ?? (deleteKeys.has(k) ? item : undefined);
    assert.ok(expected !== undefined, `an item nobody wrote is in the table: ${JSON.stringify(item)}`);
    assert.deepEqual(item, expected);
  }
  for (const k of untouched.keys()) assert.ok(stored.has(k), `an item the batch did not touch is gone: ${k}`);

  const missingPuts = [...expectedPuts.keys()].filter((k) => !stored.has(k)).sort();
  const leftDeletes = [...deleteKeys].filter((k) => stored.has(k)).sort();
  if (error === undefined) {
    assert.deepEqual(missingPuts, [], `resolved, but ${missingPuts.length} puts are not in the table`);
    assert.deepEqual(leftDeletes, [], `resolved, but ${leftDeletes.length} deleted items are still there`);
    return { missingPuts: 0, leftDeletes: 0 };
  }
  assert.ok(error instanceof BatchError, `expected a BatchError, got ${error?.name}: ${error?.message}`);
  assert.equal(error.code, 'batch.unprocessed');
  const reportedPuts = error.unprocessed.put.map(keyOf);
  const reportedDeletes = error.unprocessed.delete.map(keyOf);
  assert.equal(new Set(reportedPuts).size, reportedPuts.length, 'a put reported twice');
  assert.equal(new Set(reportedDeletes).size, reportedDeletes.length, 'a delete reported twice');
  // Reported items are the items given, whole; reported delete keys are keys only.
  for (const item of error.unprocessed.put) assert.deepEqual(item, expectedPuts.get(keyOf(item)));
  for (const key of error.unprocessed.delete) assert.deepEqual(Object.keys(key).sort(), ['pk', 'sk']);
  assert.deepEqual(reportedPuts.sort(), missingPuts, 'unprocessed.put is not exactly the missing puts');
  assert.deepEqual(reportedDeletes.sort(), leftDeletes, 'unprocessed.delete is not exactly the deletes left undone');
  assert.match(error.message, new RegExp(`^${missingPuts.length + leftDeletes.length} of ${puts.length + deletes.length} writes`));
  return { missingPuts: missingPuts.length, leftDeletes: leftDeletes.length };
}

for (const serverName of SERVER_NAMES) {
  describe(`batches through a fault proxy on ${serverName}`, () => {
    let server;
    const proxies = [];

    before(async () => {
      server = await startServer(serverName);
    });

    after(async () => {
      await Promise.all(proxies.map((p) => p.stop()));
      await server?.stop();
    });

    const proxyFor = async (options) => {
      const proxy = await startFaultProxy({ target: server.endpoint, ...options });
      proxies.push(proxy);
      return proxy;
    };

    // A fresh table (its own prefix), with `existing` written directly on the server.
    const freshTable = async (tablePrefix, existing = []) => {
      const direct = createClient({ region, endpoint: server.endpoint, credentials, tablePrefix });
      await direct.createTable(Item);
      if (existing.length > 0) await direct.model(Item).batchWrite({ put: existing });
      return direct;
    };

    // One 10,000-put (+ 500 deletes) batchWrite through `proxy`; resolves to what it ended with.
    async function bigBatch(label, proxy, tablePrefix, attempts, concurrency) {
      const survivors = Array.from({ length: 100 }, (_, i) => makeItem(i, 's'));
      const doomed = Array.from({ length: DELETES }, (_, i) => makeItem(i, 'd'));
      const direct = await freshTable(tablePrefix, [...survivors, ...doomed]);
      const puts = Array.from({ length: PUTS }, (_, i) => makeItem(i));
      const deletes = doomed.map(keyPart);

      const progress = [];
      const started = performance.now();
      const outcome = await proxiedClient(proxy.endpoint, tablePrefix, attempts).model(Item)
        .batchWrite({ put: puts, delete: deletes }, { onProgress: (p) => progress.push(p), concurrency })
        .then((result) => ({ result }), (error) => ({ error }));
      const ms = Math.round(performance.now() - started);

      const counts = await checkOutcome(outcome, direct, { puts, deletes, survivors });
      // Every chunk sent reports once, whether or not something of it was left (after a request
      // fails for good, no new chunk is sent); `done` counts the writes known to be done, so it
      // ends at the total less what the BatchError lists.
      const chunks = Math.ceil((PUTS + DELETES) / 25);
      if (outcome.error?.cause) assert.ok(progress.length < chunks);
      else assert.equal(progress.length, chunks);
      const left = outcome.error ? outcome.error.unprocessed.put.length + outcome.error.unprocessed.delete.length : 0;
      assert.deepEqual(progress.at(-1), { done: PUTS + DELETES - left, total: PUTS + DELETES });
      if (outcome.error === undefined) assert.deepEqual(outcome.result, { written: PUTS + DELETES });
      console.log(`[faults] ${serverName} ${label}: ${PUTS} puts + ${DELETES} deletes in ${ms} ms, ` +
        `${outcome.error ? `BatchError with ${counts.missingPuts} puts + ${counts.leftDeletes} deletes unprocessed (checked exact)` : 'resolved, all written'}`);
      console.log(`[faults] ${serverName} ${label} proxy stats: ${formatStats(proxy.stats)}`);
      return outcome;
    }

    test('the proxy answers withheld writes and keys in DynamoDB\'s shape, over one kept-alive connection', async () => {
      const direct = await freshTable('shape_', [makeItem(1)]);
      const proxy = await proxyFor({ seed: 3, rates: { partialWrite: 1, partialGet: 1 }, withhold: [1, 1] });
      const table = 'shape_fault_items';
      const send = async (operation, request) => {
        const res = await fetch(proxy.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, ...DUMMY_AUTH_HEADERS },
          body: JSON.stringify(request),
        });
        assert.equal(res.status, 200);
        return res.json();
      };
      const writes = [0, 1, 2].map((i) => ({ PutRequest: { Item: { pk: { S: 'p' }, sk: { S: `s${i}` }, n: { N: `${i}` }, body: { S: 'b' } } } }));
      writes.push({ DeleteRequest: { Key: { pk: { S: 'p01' }, sk: { S: 'w000001' } } } });
      const keys = { Keys: [{ pk: { S: 'p01' }, sk: { S: 'w000001' } }], ConsistentRead: true };
      for (let round = 0; round < 3; round++) {
        assert.deepEqual(await send('BatchWriteItem', { RequestItems: { [table]: writes } }), { UnprocessedItems: { [table]: writes } });
        assert.deepEqual(await send('BatchGetItem', { RequestItems: { [table]: keys } }), { Responses: { [table]: [] }, UnprocessedKeys: { [table]: keys } });
      }
      // Nothing withheld reached the server: the table holds what it held.
      assert.deepEqual([...(await tableContents(direct)).values()], [makeItem(1)]);
      // Kept alive (undici may open a second connection before reusing the first).
      assert.equal(proxy.stats.requests, 6);
      assert.ok(proxy.stats.connections <= 2, `connections: ${proxy.stats.connections}`);
      assert.equal(proxy.stats.keptAlive, 6 - proxy.stats.connections);
      assert.equal(proxy.stats.forwarded, 0);
      assert.deepEqual([proxy.stats.partialWrite, proxy.stats.withheldWrites, proxy.stats.partialGet, proxy.stats.withheldKeys], [3, 12, 3, 3]);
    });

    test('moderate faults: a 10,000-item batchWrite writes everything', async () => {
      const proxy = await proxyFor({
        seed: 42,
        rates: { throttle: 0.05, serverError: 0.03, reset: 0.03, partialWrite: 0.25 },
        withhold: [0, 0.8],
      });
      const outcome = await bigBatch('moderate', proxy, 'moderate_', 10);
      assert.equal(outcome.error, undefined, `expected success, got ${outcome.error?.message}`);
      assert.ok(proxy.stats.throttle > 0 && proxy.stats.serverError > 0 && proxy.stats.reset > 0 && proxy.stats.partialWrite > 0);
    });

    test('severe withholding with few attempts: a BatchError holding exactly the writes left', async () => {
      // Every BatchWriteItem is cut and most of it withheld, through all 8 rounds of a chunk.
      const proxy = await proxyFor({ seed: 7, rates: { partialWrite: 1 }, withhold: [0.6, 0.95] });
      const outcome = await bigBatch('severe', proxy, 'severe_', 2, 32);
      assert.ok(outcome.error instanceof BatchError, `expected a BatchError, got ${outcome.error ? outcome.error.message : 'success'}`);
      assert.ok(outcome.error.unprocessed.put.length > 0);
    });

    test('requests that fail for good: a BatchError listing exactly what is left, nothing written after it', async () => {
      // One attempt per request and frequent throttling: chunks fail outright. The in-flight
      // chunks finish, no new chunk starts, and the BatchError names every write not done.
      const proxy = await proxyFor({ seed: 5, rates: { throttle: 0.2, partialWrite: 0.2 }, withhold: [0, 0.5] });
      const outcome = await bigBatch('failing', proxy, 'failing_', 1, 8);
      assert.ok(outcome.error instanceof BatchError, `expected a BatchError, got ${outcome.error ? outcome.error.message : 'success'}`);
      assert.equal(outcome.error.cause?.name, 'ThrottledError');
      const requestsAtRejection = proxy.stats.requests;
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(proxy.stats.requests, requestsAtRejection, 'no request after the BatchError');
    });

    test('batchGet of many keys through throttles, resets and unprocessed keys returns every item', async () => {
      const items = Array.from({ length: 3_000 }, (_, i) => makeItem(i, 'g'));
      await freshTable('get_', items);
      const proxy = await proxyFor({ seed: 11, rates: { throttle: 0.1, reset: 0.1, partialGet: 0.25 }, withhold: [0, 0.8] });
      const absent = Array.from({ length: 200 }, (_, i) => ({ pk: 'p00', sk: `absent${i}` }));
      const keys = [...items.map(keyPart), ...absent];
      const started = performance.now();
      const found = await proxiedClient(proxy.endpoint, 'get_').model(Item).batchGet(keys);
      const ms = Math.round(performance.now() - started);
      const byKey = new Map(found.map((x) => [keyOf(x), x]));
      assert.equal(byKey.size, found.length, 'an item returned twice');
      assert.equal(found.length, items.length);
      for (const item of items) assert.deepEqual(byKey.get(keyOf(item)), item);
      assert.ok(proxy.stats.throttle + proxy.stats.reset > 0 && proxy.stats.partialGet > 0);
      console.log(`[faults] ${serverName} batchGet: ${keys.length} keys (${absent.length} absent) in ${ms} ms, ${found.length} items`);
      console.log(`[faults] ${serverName} batchGet proxy stats: ${formatStats(proxy.stats)}`);
    });
  });
}
