// A server that answers DynamoDB requests with hostile answers, chosen per test: bodies that are
// not JSON, JSON of the wrong shape, AttributeValues of unknown types, numbers DynamoDB cannot
// hold, nesting no item has, enormous or endless bodies, errors sent with status 200, error
// pages, connections that never answer or are reset mid-body. Through the fetch transport and
// the AWS SDK v3 transport, every operation must reject with a typed dynamap error (a `code`,
// and a `path` where a field is at fault): never a raw TypeError or SyntaxError, never a hang,
// never a silently wrong result. The same client must then work again against the same server
// switched back to normal answers. Attempt counts come from the server's own request log.
//
// What is retried: 5xx and 429 answers, connection failures and resets (before the answer or
// mid-body) and timeouts. Never: a 4xx, a 200 whose body cannot be read (not JSON, wrong
// shape, unknown types, an error body), a body over maxResponseBytes, a cancellation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { BatchError, DynamapError, ServiceError, ValidationError, createClient, model, update } from 'dynamap';

const credentials = { accessKeyId: 'AKIDHOSTILETEST', secretAccessKey: 'hostile-test-secret-key' };
const region = 'us-east-1';
const NS = 'com.amazonaws.dynamodb.v20120810#';
const RETRY = { attempts: 3, baseDelayMs: 1, throttlingBaseDelayMs: 1, maxDelayMs: 5, budget: 1e9 };
const SDK_ATTEMPTS = 2;
// A hang is a failure, never a stuck run: every test has this long.
const LIMIT = { timeout: 120_000 };

const Row = model({
  name: 'Row',
  table: 'rows',
  key: { partition: 'pk', sort: 'sk' },
  attributes: {
    pk: 'string',
    sk: 'string',
    n: { type: 'number', optional: true },
    note: { type: 'string', optional: true },
    amount: { type: 'decimal', optional: true },
    extra: { type: 'any', optional: true },
  },
});

// ---------------------------------------------------------------------------------------------
// The server: normal answers from a small in-memory table, or the hostile answer of the moment.

const av = (item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: v }]));
const keyText = (table, key) => `${table}|${key?.pk?.S}|${key?.sk?.S}`;
const order = (item) => `${item.pk.S}\u0000${item.sk.S}`;

// Partition 'q' is never written by the tests: its three rows are what normal reads return.
const Q = [
  { pk: 'q', sk: 'a', n: 1, note: 'first' },
  { pk: 'q', sk: 'b', n: 2, note: 'second' },
  { pk: 'q', sk: 'c', n: 3, note: 'third' },
];

function normalAnswer(operation, request, store) {
  const table = request.TableName;
  switch (operation) {
    case 'GetItem': {
      const item = store.get(keyText(table, request.Key));
      return item ? { Item: item } : {};
    }
    case 'PutItem': {
      const k = keyText(table, request.Item);
      const old = store.get(k);
      store.set(k, request.Item);
      return request.ReturnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    }
    case 'UpdateItem': {
      const k = keyText(table, request.Key);
      const old = store.get(k) ?? { ...request.Key };
      const next = { ...old, n: { N: String(Number(old.n?.N ?? 0) + 1) } };
      store.set(k, next);
      return request.ReturnValues === 'ALL_NEW' ? { Attributes: next } : {};
    }
    case 'Query':
    case 'Scan': {
      const values = Object.values(request.ExpressionAttributeValues ?? {}).map((v) => v.S);
      let items = [...store.entries()]
        .filter(([k]) => k.startsWith(`${table}|`))
        .map(([, item]) => item)
        .filter((item) => operation === 'Scan' || values.includes(item.pk.S))
        .sort((a, b) => (order(a) < order(b) ? -1 : 1));
      if (request.ExclusiveStartKey) items = items.filter((item) => order(item) > order(request.ExclusiveStartKey));
      const page = request.Limit ? items.slice(0, request.Limit) : items;
      const out = { Count: page.length, ScannedCount: page.length };
      if (request.Select !== 'COUNT') out.Items = page;
      if (page.length < items.length) out.LastEvaluatedKey = { pk: page.at(-1).pk, sk: page.at(-1).sk };
      return out;
    }
    case 'BatchGetItem': {
      const Responses = {};
      for (const [t, spec] of Object.entries(request.RequestItems)) {
        Responses[t] = spec.Keys.map((key) => store.get(keyText(t, key))).filter(Boolean);
      }
      return { Responses, UnprocessedKeys: {} };
    }
    case 'BatchWriteItem': {
      for (const [t, writes] of Object.entries(request.RequestItems)) {
        for (const w of writes) {
          if (w.PutRequest) store.set(keyText(t, w.PutRequest.Item), w.PutRequest.Item);
          else store.delete(keyText(t, w.DeleteRequest.Key));
        }
      }
      return { UnprocessedItems: {} };
    }
    case 'TransactGetItems':
      return {
        Responses: request.TransactItems.map(({ Get }) => {
          const item = store.get(keyText(Get.TableName, Get.Key));
          return item ? { Item: item } : {};
        }),
      };
    case 'TransactWriteItems':
      for (const { Put } of request.TransactItems) if (Put) store.set(keyText(Put.TableName, Put.Item), Put.Item);
      return {};
    default:
      return { __type: `${NS}UnknownOperationException`, message: operation };
  }
}

function reply(res, status, body, headers = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': bytes.length, 'x-amzn-requestid': 'HOSTILE1', ...headers });
  res.end(bytes);
}

async function startHostileServer() {
  const log = [];
  const store = new Map();
  for (const item of Q) store.set(keyText('rows', av(item)), av(item));
  const sockets = new Set();
  const streams = new Set(); // endless bodies being written: each resolves when its socket closed
  let hostile; // ({ operation, request, req, res }) => void, or undefined: normal answers

  const server = http.createServer((req, res) => {
    res.on('error', () => {});
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop();
      let request;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        request = undefined;
      }
      log.push({ operation, request });
      if (hostile) return hostile({ operation, request, req, res });
      const answer = normalAnswer(operation, request, store);
      return reply(res, answer.__type ? 400 : 200, answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error, socket) => socket.destroy());
  await new Promise((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));

  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    store,
    streams,
    /** Answers every request with `answer` from now on (undefined: normal answers again). */
    set hostile(answer) {
      hostile = answer;
    },
    /** Requests received for `operation` (all operations without one) since clearLog(). */
    count: (operation) => log.filter((entry) => operation === undefined || entry.operation === operation).length,
    requests: (operation) => log.filter((entry) => entry.operation === operation).map((entry) => entry.request),
    clearLog: () => {
      log.length = 0;
    },
    stop: () => new Promise((resolve) => {
      hostile = undefined;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Hostile answers

const answer = (status, body, headers) => ({ res }) => reply(res, status, body, headers);
const hang = () => () => {}; // accepts the request, never answers
const resetBeforeAnswer = () => ({ req }) => req.socket.destroy();
const resetMidBody = () => ({ res }) => {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 1000 });
  res.write('{"Item":{"pk":{"S":"q"},"sk":{"S":"a"},"note":{"S":"abc');
  setImmediate(() => res.socket.destroy());
};
const hangMidBody = () => ({ res }) => {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 1000 });
  res.write('{"Item":{"pk":{"S":"q"}');
};

// A body of `size` bytes of valid JSON: a GetItem answer whose note is very long. With
// `declared` false it is sent chunked, without a content-length.
function bigBody(size, declared = true) {
  const head = Buffer.from('{"Item":{"pk":{"S":"q"},"sk":{"S":"a"},"note":{"S":"');
  const tail = Buffer.from('"}}}');
  const body = Buffer.alloc(size, 'x');
  head.copy(body, 0);
  tail.copy(body, size - tail.length);
  return ({ res }) => {
    const headers = { 'content-type': 'application/x-amz-json-1.0' };
    if (declared) headers['content-length'] = size;
    res.writeHead(200, headers);
    let at = 0;
    const pump = () => {
      while (at < size) {
        const chunk = body.subarray(at, at + 65536);
        at += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      return res.end();
    };
    pump();
  };
}

// A 200 whose body never ends (valid JSON so far): the client must stop reading.
function endless(streams) {
  return ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.write('{"Item":{"pk":{"S":"q"},"sk":{"S":"a"},"note":{"S":"');
    const chunk = Buffer.alloc(65536, 'y');
    let sent = 0;
    streams.add(new Promise((resolve) => res.on('close', () => resolve(sent))));
    const pump = () => {
      while (!res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      return undefined;
    };
    pump();
  };
}

const binaryGarbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256));
const errorBody = { __type: `${NS}ResourceNotFoundException`, message: 'Requested resource not found' };

// ---------------------------------------------------------------------------------------------
// The operations, each with a check of its normal answer

const ops = {
  get: {
    run: (rows) => rows.get({ pk: 'q', sk: 'a' }),
    normal: (v) => assert.deepEqual(v, Q[0]),
  },
  put: {
    run: (rows) => rows.put({ pk: 'p', sk: 'put', n: 9 }, { returnValues: 'ALL_OLD' }),
    normal: (v) => assert.ok(v === undefined || (v.pk === 'p' && v.sk === 'put' && v.n === 9), JSON.stringify(v)),
  },
  update: {
    run: (rows) => rows.update({ pk: 'p', sk: 'upd' }, update().add('n', 1), { returnValues: 'ALL_NEW' }),
    normal: (v) => assert.ok(v.pk === 'p' && v.sk === 'upd' && Number.isInteger(v.n) && v.n >= 1, JSON.stringify(v)),
  },
  queryPage: {
    run: (rows) => rows.query({ pk: 'q' }).limit(2).page(),
    normal: (v) => {
      assert.deepEqual(v.items, Q.slice(0, 2));
      assert.equal(typeof v.cursor, 'string');
    },
  },
  queryIterate: {
    run: async (rows) => {
      const out = [];
      for await (const item of rows.query({ pk: 'q' }).limit(2)) out.push(item);
      return out;
    },
    normal: (v) => assert.deepEqual(v, Q),
  },
  count: {
    run: (rows) => rows.query({ pk: 'q' }).count(),
    normal: (v) => assert.equal(v, 3),
  },
  scan: {
    run: (rows) => rows.scan().all(),
    normal: (v) => {
      for (const item of Q) assert.ok(v.some((x) => x.pk === item.pk && x.sk === item.sk && x.n === item.n));
    },
  },
  batchGet: {
    batch: true,
    run: (rows) => rows.batchGet([{ pk: 'q', sk: 'a' }, { pk: 'q', sk: 'b' }]),
    normal: (v) => assert.deepEqual([...v].sort((a, b) => (a.sk < b.sk ? -1 : 1)), Q.slice(0, 2)),
  },
  batchWrite: {
    batch: true,
    run: (rows) => rows.batchWrite({ put: [{ pk: 'p', sk: 'bw', n: 5 }], delete: [{ pk: 'p', sk: 'gone' }] }),
    normal: (v) => assert.deepEqual(v, { written: 2 }),
  },
  transactGet: {
    run: (rows, db) => db.transactGet([Row.tx.get({ pk: 'q', sk: 'a' }), Row.tx.get({ pk: 'q', sk: 'none' })]),
    normal: (v) => assert.deepEqual(v, [Q[0], undefined]),
  },
  transactWrite: {
    run: (rows, db) => db.transactWrite([Row.tx.put({ pk: 'p', sk: 'tx', n: 1 })]),
    normal: (v) => assert.equal(typeof v.token, 'string'),
  },
};

const operationOf = {
  get: 'GetItem', put: 'PutItem', update: 'UpdateItem', queryPage: 'Query', queryIterate: 'Query', count: 'Query',
  scan: 'Scan', batchGet: 'BatchGetItem', batchWrite: 'BatchWriteItem', transactGet: 'TransactGetItems',
  transactWrite: 'TransactWriteItems',
};

/** The typed error an operation rejected with (for a batch: the BatchError's cause, checked too). */
function typedError(error, { batch } = {}) {
  assert.ok(error instanceof DynamapError, `expected a dynamap error, got ${error?.name}: ${error?.message}`);
  assert.equal(typeof error.code, 'string');
  if (!batch) return error;
  assert.ok(error instanceof BatchError, `expected a BatchError, got ${error.name}: ${error.message}`);
  assert.equal(error.code, 'batch.unprocessed');
  assert.ok(error.cause instanceof DynamapError, `expected a dynamap error as cause, got ${error.cause?.name}: ${error.cause?.message}`);
  assert.equal(typeof error.cause.code, 'string');
  return error.cause;
}

const settle = (promise) => promise.then((value) => ({ value }), (error) => ({ error }));

for (const transport of ['fetch', 'sdk']) {
  describe(`hostile answers through the ${transport} transport`, () => {
    let server;
    let db;
    let rows;
    // What a retried failure costs in requests: the client's attempts, or the SDK's.
    const retried = transport === 'fetch' ? RETRY.attempts : SDK_ATTEMPTS;

    const clientFor = (options = {}) => {
      if (transport === 'fetch') return createClient({ region, endpoint: server.endpoint, credentials, retry: RETRY, ...options });
      const sdk = new DynamoDBClient({ region, endpoint: server.endpoint, credentials, maxAttempts: SDK_ATTEMPTS });
      return createClient({ transport: { sdk }, ...options });
    };

    before(async () => {
      server = await startHostileServer();
      db = clientFor({ timeoutMs: 30_000 });
      rows = db.model(Row);
      // Warm up: the SDK loads its commands on first use.
      await rows.get({ pk: 'q', sk: 'a' });
    });

    after(async () => {
      await server?.stop();
    });

    /**
     * Runs `name` against the hostile answer: it must reject with a typed error, which `check`
     * inspects, after exactly `attempts` requests; then, answers back to normal, the same client
     * must give the normal result.
     */
    async function hostileThenNormal(name, hostileAnswer, check, { attempts = 1, client = db } = {}) {
      const op = ops[name];
      const modelClient = client.model(Row);
      server.clearLog();
      server.hostile = hostileAnswer;
      const outcome = await settle(op.run(modelClient, client));
      server.hostile = undefined;
      assert.ok(outcome.error, `${name}: resolved to ${JSON.stringify(outcome.value)} instead of rejecting`);
      check(typedError(outcome.error, { batch: op.batch }), outcome.error);
      if (attempts !== undefined) assert.equal(server.count(operationOf[name]), attempts, `${name}: requests sent`);
      op.normal(await op.run(modelClient, client));
    }

    const expectCode = (code, { path, Class = ServiceError, statusCode } = {}) => (e) => {
      assert.ok(e instanceof Class, `expected ${Class.name}, got ${e.name}: ${e.message}`);
      assert.equal(e.code, code, e.message);
      if (path !== undefined) assert.equal(e.path, path, e.message);
      if (statusCode !== undefined) assert.equal(e.statusCode, statusCode);
    };

    test('bodies that are not JSON, for every operation: response.invalidJson, not retried', LIMIT, async () => {
      const bodies = {
        truncated: '{"Item":{"pk":{"S":"q"},"sk":{"S":"a"',
        html: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        empty: '',
        binary: binaryGarbage,
      };
      for (const name of Object.keys(ops)) {
        for (const [label, body] of Object.entries(bodies)) {
          await hostileThenNormal(name, answer(200, body), (e) => {
            assert.equal(e.code, 'response.invalidJson', `${name} ${label}: ${e.message}`);
            assert.ok(e instanceof ServiceError);
          });
        }
      }
    });

    test('an error body with status 200 is response.malformed for every operation, never "not found" or "done"', LIMIT, async () => {
      for (const name of Object.keys(ops)) {
        await hostileThenNormal(name, answer(200, errorBody), (e) => {
          expectCode('response.malformed', { path: '__type', statusCode: 200 })(e);
          assert.match(e.message, /ResourceNotFoundException: Requested resource not found/);
          assert.equal(e.retryable, false);
        });
        // The same with the name written with escapes (\u005f is "_"), and beside a result.
        const escaped = '{"\\u005f\\u005ftype":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"x","Items":[],"Count":0}';
        await hostileThenNormal(name, answer(200, escaped), expectCode('response.malformed', { path: '__type' }));
      }
    });

    test('JSON of the wrong shape: response.malformed naming the part', LIMIT, async () => {
      const item = av(Q[0]);
      const cases = [
        ['get', { Item: 'abc' }, 'Item'],
        ['get', { Item: [item] }, 'Item'],
        ['get', [item], ''],
        ['get', '"Item"', ''],
        ['get', null, ''],
        ['put', { Attributes: 'old' }, 'Attributes'],
        ['update', { Attributes: [] }, 'Attributes'],
        ['queryPage', { Items: { 0: item }, Count: 1 }, 'Items'],
        ['queryPage', { Items: [item, 'x'], Count: 2 }, 'Items[1]'],
        ['queryPage', { Items: [item], Count: '1' }, 'Count'],
        ['queryPage', { Items: [item], Count: 1, ScannedCount: -1 }, 'ScannedCount'],
        ['queryPage', { Items: [item], Count: 1, LastEvaluatedKey: 5 }, 'LastEvaluatedKey'],
        ['queryPage', { Items: [item], Count: 1, LastEvaluatedKey: {} }, 'LastEvaluatedKey'],
        ['queryPage', { Items: [item], Count: 1, LastEvaluatedKey: { pk: { S: 'q' } } }, 'LastEvaluatedKey'],
        ['queryPage', { Items: [item], Count: 1, LastEvaluatedKey: { pk: { S: 'q' }, sk: { S: 'a' }, zz: { S: 'x' } } }, 'LastEvaluatedKey.zz'],
        ['queryPage', { Items: [item], Count: 1, LastEvaluatedKey: { pk: { S: 'q' }, sk: 'a' } }, 'LastEvaluatedKey.sk'],
        ['queryIterate', { Items: 'none' }, 'Items'],
        ['count', { Count: '3' }, 'Count'],
        ['count', { ScannedCount: 3 }, 'Count'],
        ['scan', { Items: [item, 7], Count: 2 }, 'Items[1]'],
        ['batchGet', {}, 'Responses'],
        ['batchGet', { Responses: [] }, 'Responses'],
        ['batchGet', { Responses: { rows: 'x' } }, 'Responses.rows'],
        ['batchGet', { Responses: { rows: [item, item, item] } }, 'Responses'],
        ['batchGet', { Responses: { rows: [] }, UnprocessedKeys: 'x' }, 'UnprocessedKeys'],
        ['batchGet', { Responses: { rows: [] }, UnprocessedKeys: { rows: { Keys: 'x' } } }, 'UnprocessedKeys.rows'],
        ['batchGet', { Responses: { rows: [] }, UnprocessedKeys: { rows: { Keys: [{ pk: { S: 'evil' }, sk: { S: 'x' } }] } } }, 'UnprocessedKeys.rows[0]'],
        ['batchGet', { Responses: { rows: [] }, UnprocessedKeys: { other: { Keys: [{ pk: { S: 'q' }, sk: { S: 'a' } }] } } }, 'UnprocessedKeys.other'],
        ['batchWrite', { UnprocessedItems: 'x' }, 'UnprocessedItems'],
        ['batchWrite', { UnprocessedItems: { rows: 'x' } }, 'UnprocessedItems.rows'],
        ['batchWrite', { UnprocessedItems: { rows: [{ Bogus: {} }] } }, 'UnprocessedItems.rows[0]'],
        ['batchWrite', { UnprocessedItems: { other: [{ DeleteRequest: { Key: { pk: { S: 'p' }, sk: { S: 'gone' } } } }] } }, 'UnprocessedItems.other'],
        ['transactGet', {}, 'Responses'],
        ['transactGet', { Responses: 'x' }, 'Responses'],
        ['transactGet', { Responses: [{ Item: item }] }, 'Responses'],
        ['transactGet', { Responses: [{ Item: 'x' }, {}] }, 'Responses[0].Item'],
        ['transactGet', { Responses: [5, {}] }, 'Responses[0]'],
        ['transactWrite', [], ''],
      ];
      for (const [name, body, path] of cases) {
        await hostileThenNormal(name, answer(200, body), (e) => {
          assert.equal(e.code, 'response.malformed', `${name} ${JSON.stringify(body)}: ${e.code} ${e.message}`);
          assert.equal(e.path ?? '', path, `${name} ${JSON.stringify(body)}: ${e.message}`);
          assert.ok(e instanceof ServiceError);
        });
      }
    });

    test('a batch never resends what the server made up, and reports exactly what it was given', LIMIT, async () => {
      // UnprocessedItems naming a write that was never sent: not written, not retried.
      const evil = { PutRequest: { Item: { pk: { S: 'evil' }, sk: { S: 'e' } } } };
      server.clearLog();
      server.hostile = answer(200, { UnprocessedItems: { rows: [evil] } });
      const put = [{ pk: 'p', sk: 'bw1', n: 1 }, { pk: 'p', sk: 'bw2', note: 'x' }];
      const failure = await rows.batchWrite({ put }).catch((e) => e);
      server.hostile = undefined;
      typedError(failure, { batch: true });
      assert.equal(failure.cause.path, 'UnprocessedItems.rows[0]');
      assert.deepEqual(failure.unprocessed, { put, delete: [] });
      assert.equal(server.count('BatchWriteItem'), 1);
      assert.ok(!server.store.has(keyText('rows', { pk: { S: 'evil' }, sk: { S: 'e' } })));

      // UnprocessedItems with the server's own copy of a write that was sent, its attributes
      // reordered and one changed: what is resent is the client's own write request.
      let first = true;
      server.clearLog();
      server.hostile = ({ request, res }) => {
        if (!first) return reply(res, 200, normalAnswer('BatchWriteItem', request, server.store));
        first = false;
        const [w] = request.RequestItems.rows;
        const altered = { PutRequest: { Item: { ...Object.fromEntries(Object.entries(w.PutRequest.Item).reverse()), n: { N: '666' } } } };
        return reply(res, 200, { UnprocessedItems: { rows: [altered] } });
      };
      assert.deepEqual(await rows.batchWrite({ put: put.slice(0, 1) }), { written: 1 });
      server.hostile = undefined;
      const sent = server.requests('BatchWriteItem');
      assert.equal(sent.length, 2);
      assert.deepEqual(sent[1].RequestItems, sent[0].RequestItems, 'the resent request is the original write');
      assert.equal(sent[1].RequestItems.rows[0].PutRequest.Item.n.N, '1');
      assert.equal(server.store.get(keyText('rows', av(put[0]))).n.N, '1');

      // UnprocessedKeys with a key that was asked for, and a projection the client never asked
      // for: the key is asked for again, with the client's own request.
      first = true;
      server.clearLog();
      server.hostile = ({ request, res }) => {
        if (!first) return reply(res, 200, normalAnswer('BatchGetItem', request, server.store));
        first = false;
        const spec = { Keys: [request.RequestItems.rows.Keys[1]], ProjectionExpression: 'pk' };
        return reply(res, 200, { Responses: { rows: [av(Q[0])] }, UnprocessedKeys: { rows: spec } });
      };
      const found = await rows.batchGet([{ pk: 'q', sk: 'a' }, { pk: 'q', sk: 'b' }]);
      server.hostile = undefined;
      assert.deepEqual(found, Q.slice(0, 2));
      const asked = server.requests('BatchGetItem');
      assert.equal(asked.length, 2);
      assert.deepEqual(asked[1].RequestItems, { rows: { ...asked[0].RequestItems.rows, Keys: [asked[0].RequestItems.rows.Keys[1]] } });
    });

    test('AttributeValues of unknown types and numbers DynamoDB cannot hold: ValidationError with the field path', LIMIT, async () => {
      const base = av(Q[0]);
      const cases = [
        [{ note: { Q: 'x' } }, 'validation.attributeType', 'note'],
        [{ note: { S: 5 } }, 'validation.attributeType', 'note'],
        [{ note: { S: 'a', N: '1' } }, 'validation.attributeType', 'note'],
        [{ n: { N: 'abc' } }, 'validation.attributeType', 'n'],
        [{ n: { N: '1e999' } }, 'validation.range', 'n'],
        [{ amount: { N: '1e999' } }, 'validation.range', 'amount'],
        [{ amount: { N: '1'.repeat(39) } }, 'validation.range', 'amount'],
        [{ extra: { N: '1e999999999' } }, 'validation.range', 'extra'],
        [{ extra: { M: { deep: { L: [{ N: '1' }, { Q: 'x' }] } } } }, 'validation.attributeType', 'extra.deep[1]'],
        [{ extra: { NS: ['1', '1e-999'] } }, 'validation.range', 'extra'],
        [{ zzz: { S: 'x' } }, 'validation.unknownAttribute', 'zzz'],
        [{ sk: undefined }, 'validation.required', 'sk'], // a missing attribute is never dropped
        [{ extra: JSON.parse(`${'{"L":['.repeat(40)}{"N":"1"}${']}'.repeat(40)}`) }, 'validation.depth', `extra${'[0]'.repeat(32)}`],
      ];
      const withItem = (changes) => JSON.parse(JSON.stringify({ ...base, ...changes }));
      const shapes = {
        get: (item) => ({ Item: item }),
        update: (item) => ({ Attributes: item }),
        queryPage: (item) => ({ Items: [base, item], Count: 2 }),
        batchGet: (item) => ({ Responses: { rows: [item] } }),
        transactGet: (item) => ({ Responses: [{ Item: item }, {}] }),
      };
      for (const [name, shape] of Object.entries(shapes)) {
        for (const [changes, code, path] of cases) {
          await hostileThenNormal(name, answer(200, shape(withItem(changes))), (e) => {
            assert.ok(e instanceof ValidationError, `${name} ${JSON.stringify(changes)}: ${e.name} ${e.message}`);
            assert.equal(e.code, code, `${name} ${JSON.stringify(changes)}: ${e.message}`);
            assert.equal(e.path, path, `${name} ${JSON.stringify(changes)}: ${e.message}`);
            assert.equal(e.errors[0].path, path);
          });
        }
      }
    });

    test('nesting no DynamoDB answer has (100,000 levels) is refused, and the core keeps working', LIMIT, async () => {
      const deep = (open, close, n) => `{"Item":${open.repeat(n)}${close.repeat(n)}}`;
      const bodies = [
        deep('[', ']', 100_000),
        `{"Item":{"pk":{"S":"q"},"sk":{"S":"a"},"extra":${'{"L":['.repeat(100_000)}{"N":"1"}${']}'.repeat(100_000)}}}`,
        `{"Items":[],"Count":0,"LastEvaluatedKey":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
      ];
      for (const [i, body] of bodies.entries()) {
        await hostileThenNormal(i === 2 ? 'queryPage' : 'get', answer(200, body), expectCode('response.malformed'));
      }
      // Error answers too: read as text, not as JSON.
      const deepError = `{"__type":"${NS}X","message":"m","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      await hostileThenNormal('get', answer(400, deepError), expectCode('service.UnknownError', { statusCode: 400 }));
    });

    test('an endless body is refused at maxResponseBytes, not retried, and the stream is closed', LIMIT, async () => {
      server.streams.clear();
      await hostileThenNormal('get', endless(server.streams), expectCode('response.tooLarge'));
      const [written] = await Promise.all(server.streams);
      assert.ok(written >= 32 * 1024 * 1024 - 65536, `only ${written} bytes were sent before the client stopped`);
    });

    test('a 40 MB body of valid JSON is refused (default limit 32 MiB), declared or chunked', LIMIT, async () => {
      for (const declared of [true, false]) {
        await hostileThenNormal('get', bigBody(40_000_000, declared), expectCode('response.tooLarge'));
      }
    });

    test('maxResponseBytes: a body just under it is read, just over it refused', LIMIT, async () => {
      const small = clientFor({ maxResponseBytes: 100_000 });
      server.clearLog();
      server.hostile = bigBody(100_000);
      const item = await small.model(Row).get({ pk: 'q', sk: 'a' });
      assert.equal(item.note.length, 100_000 - '{"Item":{"pk":{"S":"q"},"sk":{"S":"a"},"note":{"S":"'.length - 4);
      server.hostile = undefined;
      await hostileThenNormal('get', bigBody(100_001), expectCode('response.tooLarge'), { client: small });
      await hostileThenNormal('get', bigBody(100_001, false), expectCode('response.tooLarge'), { client: small });
      assert.throws(() => clientFor({ maxResponseBytes: 0 }), (e) => e.code === 'usage.invalidOption');
    });

    test('HTTP error statuses with bodies that are not JSON: service.UnknownError; 5xx and 429 retried, 4xx not', LIMIT, async () => {
      const cases = [
        [400, '<html>Bad Request</html>', 1],
        [403, '', 1],
        [404, binaryGarbage, 1],
        [429, 'Too Many Requests', retried],
        [500, '', retried],
        [502, '<html><body>502 Bad Gateway</body></html>', retried],
        [503, binaryGarbage, retried],
        [504, `<html>${'x'.repeat(1_000_000)}</html>`, retried],
      ];
      for (const [status, body, attempts] of cases) {
        for (const name of ['get', 'put', 'queryPage', 'transactWrite']) {
          await hostileThenNormal(name, answer(status, body), (e) => {
            expectCode('service.UnknownError', { statusCode: status })(e);
            assert.equal(e.retryable, status >= 500 || status === 429);
            assert.ok(e.message.length < 400, `the message quotes an excerpt, not ${e.message.length} characters`);
            if (typeof body === 'string' && body.startsWith('<html><body>')) assert.match(e.message, /502 Bad Gateway/);
          }, { attempts });
        }
      }
    });

    test('an error answer naming a retryable error is retried; a 200 naming one is not', LIMIT, async () => {
      const throttled = { __type: `${NS}ProvisionedThroughputExceededException`, message: 'slow down' };
      await hostileThenNormal('get', answer(400, throttled), (e) => assert.equal(e.name, 'ThrottledError'), { attempts: retried });
      await hostileThenNormal('get', answer(200, throttled), expectCode('response.malformed', { path: '__type' }), { attempts: 1 });
    });

    test('a connection that never answers ends in service.timeout (timeoutMs), retried per attempt', LIMIT, async () => {
      // The fetch transport retries each timed-out attempt; the SDK's send is one attempt.
      const impatient = clientFor({ timeoutMs: 500, retry: { ...RETRY, attempts: 2 } });
      const attempts = transport === 'fetch' ? 2 : 1;
      const timeout = (e) => {
        expectCode('service.timeout')(e);
        assert.equal(e.retryable, true);
      };
      for (const name of ['get', 'queryIterate', 'transactGet', 'batchGet']) {
        await hostileThenNormal(name, hang(), timeout, { attempts, client: impatient });
      }
      await hostileThenNormal('get', hangMidBody(), timeout, { attempts, client: impatient });
    });

    test('an AbortSignal ends a request that never answers, with the signal\'s reason, not retried', LIMIT, async () => {
      const patient = clientFor({ timeoutMs: 60_000 });
      const cases = [
        ['get', (rowsOf, signal) => rowsOf.get({ pk: 'q', sk: 'a' }, { signal })],
        ['queryIterate', async (rowsOf, signal) => {
          for await (const item of rowsOf.query({ pk: 'q' }).signal(signal)) assert.fail(`read ${JSON.stringify(item)}`);
        }],
        ['transactWrite', (rowsOf, signal) => patient.transactWrite([Row.tx.put({ pk: 'p', sk: 'tx', n: 2 })], { signal })],
      ];
      for (const [name, run] of cases) {
        for (const makeSignal of [() => AbortSignal.timeout(100), () => {
          const controller = new AbortController();
          setTimeout(() => controller.abort(new Error('cancelled by the test')), 100);
          return controller.signal;
        }]) {
          server.clearLog();
          server.hostile = hang();
          const signal = makeSignal();
          const error = await run(patient.model(Row), signal).then(() => assert.fail('resolved'), (e) => e);
          server.hostile = undefined;
          assert.equal(error, signal.reason, `${name}: ${error?.name} ${error?.message}`);
          assert.equal(server.count(operationOf[name]), 1);
          ops[name].normal(await ops[name].run(patient.model(Row), patient));
        }
      }
    });

    test('a connection reset before the answer or mid-body: service.network, retried', LIMIT, async () => {
      for (const reset of [resetBeforeAnswer, resetMidBody]) {
        for (const name of ['get', 'update', 'scan', 'transactGet']) {
          await hostileThenNormal(name, reset(), (e) => {
            expectCode('service.network')(e);
            assert.equal(e.retryable, true);
            assert.ok(e.cause instanceof Error);
          }, { attempts: retried });
        }
        await hostileThenNormal('batchWrite', reset(), expectCode('service.network'), { attempts: retried });
      }
    });
  });
}
