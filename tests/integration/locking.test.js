// Optimistic locking with a `version` attribute under contention: 20 concurrent writers each add
// 1 to a counter 5 times by read -> versioned write, retrying when another writer got there
// first (ConditionFailedError). No increment may be lost or applied twice: the counter ends at
// exactly 100 and the version at its first value + 100. Half the writers use update(key with
// version, changes), half put(item with version).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ConditionFailedError, createClient, model } from 'dynamap';
import { SERVER_NAMES, startServer } from '../servers/index.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-key' };

const Counter = model({
  name: 'Counter',
  table: 'lock_counters',
  key: { partition: 'id' },
  attributes: {
    id: { type: 'string' },
    count: { type: 'integer', min: 0 },
    writers: { type: 'set', of: 'string', optional: true },
    version: { type: 'version' },
  },
});

const WRITERS = 20;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const INCREMENTS = 5;

for (const serverName of SERVER_NAMES) {
  describe(`optimistic locking on ${serverName}`, () => {
    let server;
    let counters;

    before(async () => {
      server = await startServer(serverName);
      const db = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
      await db.createTable(Counter);
      counters = db.model(Counter);
    });

    after(async () => {
      await server?.stop();
    });

    test('put without a version creates, and only once', async () => {
      await counters.put({ id: 'once', count: 0 });
      assert.deepEqual(await counters.get({ id: 'once' }, { consistent: true }), { id: 'once', count: 0, version: 1, writers: new Set() });
      await assert.rejects(counters.put({ id: 'once', count: 5 }), ConditionFailedError);
      assert.equal((await counters.get({ id: 'once' }, { consistent: true })).count, 0);
    });

    test('a write with a stale version is refused and changes nothing', async () => {
      await counters.put({ id: 'stale', count: 0 });
      const a = await counters.get({ id: 'stale' }, { consistent: true });
      const b = await counters.get({ id: 'stale' }, { consistent: true });
      await counters.update({ id: 'stale', version: a.version }, { count: a.count + 1 });
      await assert.rejects(counters.update({ id: 'stale', version: b.version }, { count: b.count + 10 }), ConditionFailedError);
      await assert.rejects(counters.put({ ...b, count: b.count + 20 }), ConditionFailedError);
      assert.deepEqual(await counters.get({ id: 'stale' }, { consistent: true }), { id: 'stale', count: 1, version: 2, writers: new Set() });
    });

    test(`${WRITERS} concurrent writers x ${INCREMENTS} increments: the counter ends at exactly ${WRITERS * INCREMENTS}`, async () => {
      // Each writer runs on its own client, as separate processes would.
      const key = { id: 'contended' };
      await counters.put({ ...key, count: 0 });
      const first = (await counters.get(key, { consistent: true })).version;
      let conflicts = 0;
      const started = performance.now();

      await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
        const mine = createClient({ region: 'us-east-1', endpoint: server.endpoint, credentials }).model(Counter);
        const name = `w${w}`;
        for (let i = 0; i < INCREMENTS; i++) {
          for (let attempt = 1; ; attempt++) {
            const current = await mine.get(key, { consistent: true });
            const writers = new Set(current.writers).add(name);
            try {
              if (w % 2 === 0) {
                await mine.update({ ...key, version: current.version }, { count: current.count + 1, writers });
              } else {
                await mine.put({ ...current, count: current.count + 1, writers });
              }
              break;
            } catch (error) {
              if (!(error instanceof ConditionFailedError)) throw error;
              conflicts++;
              // Jittered backoff, as a real writer would: fewer wasted rounds, same contention.
              await sleep(Math.random() * Math.min(2 ** attempt, 32));
            }
          }
        }
      }));

      const final = await counters.get(key, { consistent: true });
      assert.equal(final.count, WRITERS * INCREMENTS);
      assert.equal(final.version, first + WRITERS * INCREMENTS);
      assert.equal(final.writers.size, WRITERS);
      console.log(`[locking] ${serverName}: ${WRITERS * INCREMENTS} increments by ${WRITERS} writers, ` +
        `${conflicts} conflicts retried, version ${first} -> ${final.version}, ${Math.round(performance.now() - started)} ms`);
    });
  });
}
