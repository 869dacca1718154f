// The test servers themselves: each starts on a loopback port, answers a raw
// ListTables, and is really gone (pid and port) after stop().

import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

import { SERVER_NAMES, DUMMY_AUTH_HEADERS, startServer } from './index.js';

function connectOutcome(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('timeout', () => { socket.destroy(); resolve('timeout'); });
    socket.once('error', (err) => resolve(err.code));
  });
}

function listTables(endpoint, extraHeaders) {
  return fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      ...extraHeaders,
    },
    body: '{}',
  });
}

test('SERVER_NAMES', () => {
  assert.deepEqual(SERVER_NAMES, ['dynalite', 'dynamodb-local']);
});

test('startServer rejects an unknown name', async () => {
  await assert.rejects(startServer('nope'), /unknown server/);
});

for (const name of SERVER_NAMES) {
  test(`${name}: starts on loopback, answers ListTables, stops by pid`, { timeout: 180_000 }, async (t) => {
    const t0 = performance.now();
    const server = await startServer(name);
    t.diagnostic(`${name} ready in ${Math.round(performance.now() - t0)} ms (pid ${server.pid}, ${server.endpoint})`);
    let stopped = false;
    try {
      assert.equal(server.name, name);
      assert.match(server.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(Number.isInteger(server.pid) && server.pid > 0);
      const port = Number(new URL(server.endpoint).port);

      // Both insist on an Authorization header but never check the signature.
      const unsigned = await listTables(server.endpoint, {});
      assert.equal(unsigned.status, 400);
      assert.match(await unsigned.text(), /MissingAuthenticationToken/);

      const res = await listTables(server.endpoint, DUMMY_AUTH_HEADERS);
      const body = await res.text();
      assert.equal(res.status, 200, body);
      assert.match(res.headers.get('content-type') ?? '', /application\/x-amz-json-1\.0/);
      const json = JSON.parse(body);
      assert.ok(Array.isArray(json.TableNames), body);

      const t1 = performance.now();
      await server.stop();
      stopped = true;
      t.diagnostic(`${name} stopped in ${Math.round(performance.now() - t1)} ms`);

      assert.throws(() => process.kill(server.pid, 0), { code: 'ESRCH' });
      assert.equal(await connectOutcome(port), 'ECONNREFUSED');
      await server.stop(); // idempotent
    } finally {
      if (!stopped) await server.stop();
    }
  });
}
