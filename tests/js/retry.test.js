// Retries, timeouts, cancellation and clock skew, against a scripted fetch (no server).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ConditionFailedError, ServiceError, ThrottledError, createClient, model } from 'dynamap';

const Thing = model({ name: 'Thing', table: 'things', key: { partition: 'id' }, attributes: { id: { type: 'string' } } });
const credentials = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
const fast = { baseDelayMs: 1, throttlingBaseDelayMs: 1, maxDelayMs: 5 };

const error = (type, message = 'x', status = 400) => ({ status, body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }) });
const ok = (body = '{}') => ({ status: 200, body });

// A fetch that answers from a script, one entry per call; records what was sent.
function scripted(...answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(init);
    const next = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (next === 'hang') {
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal.reason), { once: true }));
    }
    if (next === 'reset') throw new TypeError('fetch failed');
    return new Response(next.body, { status: next.status, headers: next.headers ?? {} });
  };
  return { fetch, calls };
}

test('throttling, 5xx and network failures are retried, then succeed', async () => {
  const { fetch, calls } = scripted(error('ProvisionedThroughputExceededException'), 'reset', error('InternalServerError', 'x', 500), ok());
  const db = createClient({ region: 'us-east-1', credentials, fetch, retry: { ...fast, attempts: 4 } });
  await db.model(Thing).put({ id: 'a' });
  assert.equal(calls.length, 4);
});

test('the attempts run out with the last error', async () => {
  const { fetch, calls } = scripted(error('ThrottlingException'));
  const db = createClient({ region: 'us-east-1', credentials, fetch, retry: { ...fast, attempts: 3 } });
  await assert.rejects(db.model(Thing).put({ id: 'a' }), ThrottledError);
  assert.equal(calls.length, 3);
});

test('condition failures and validation errors are never retried', async () => {
  for (const [answer, Class] of [[error('ConditionalCheckFailedException'), ConditionFailedError], [error('ValidationException'), ServiceError]]) {
    const { fetch, calls } = scripted(answer);
    const db = createClient({ region: 'us-east-1', credentials, fetch, retry: fast });
    await assert.rejects(db.model(Thing).put({ id: 'a' }), Class);
    assert.equal(calls.length, 1);
  }
});

test('a request with no answer times out, is retried, and ends in service.timeout', async () => {
  const { fetch, calls } = scripted('hang');
  const db = createClient({ region: 'us-east-1', credentials, fetch, timeoutMs: 30, retry: { ...fast, attempts: 2 } });
  await assert.rejects(db.model(Thing).get({ id: 'a' }), (e) => e instanceof ServiceError && e.code === 'service.timeout');
  assert.equal(calls.length, 2);
});

test('an AbortSignal cancels at once and is not retried', async () => {
  const { fetch, calls } = scripted('hang');
  const db = createClient({ region: 'us-east-1', credentials, fetch, timeoutMs: 10_000, retry: fast });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(db.model(Thing).get({ id: 'a' }, { signal: controller.signal }), (e) => e.name === 'AbortError');
  assert.equal(calls.length, 1);
});

test('a clock-skew answer makes the client sign again with DynamoDB\'s time', async () => {
  const serverTime = new Date(Date.now() + 3 * 3600_000);
  const skew = { ...error('InvalidSignatureException', 'Signature expired: 20240101T000000Z is now earlier than ...'), headers: { date: serverTime.toUTCString() } };
  const { fetch, calls } = scripted(skew, ok());
  const db = createClient({ region: 'us-east-1', credentials, fetch, retry: { ...fast, attempts: 2 } });
  await db.model(Thing).get({ id: 'a' });
  assert.equal(calls.length, 2);
  const signedHour = (init) => init.headers['x-amz-date'].slice(0, 11);
  assert.equal(signedHour(calls[1]), serverTime.toISOString().replace(/[-:]/g, '').slice(0, 11));
  assert.notEqual(signedHour(calls[0]), signedHour(calls[1]));
});

test('the retry budget stops a retry storm', async () => {
  const { fetch, calls } = scripted(error('InternalServerError', 'down', 500));
  const db = createClient({ region: 'us-east-1', credentials, fetch, retry: { ...fast, attempts: 10, budget: 12 } });
  await assert.rejects(db.model(Thing).get({ id: 'a' }), ServiceError);
  await assert.rejects(db.model(Thing).get({ id: 'b' }), ServiceError);
  // 12 tokens pay for two retries (5 each): 3 calls, then 1 for the second get.
  assert.equal(calls.length, 4);
});

test('a chunk whose request fails for good ends the batch in a BatchError that lists what is left', async () => {
  const Row = model({ name: 'Row', table: 'rows', key: { partition: 'id' }, attributes: { id: { type: 'string' } } });
  const items = Array.from({ length: 100 }, (_, i) => ({ id: String(i).padStart(3, '0') }));
  const { fetch, calls } = scripted(ok('{}'), error('ThrottlingException'));
  const db = createClient({ region: 'us-east-1', credentials, fetch, retry: { ...fast, attempts: 1 } });
  const failure = await db.model(Row).batchWrite({ put: items }, { concurrency: 1 }).catch((e) => e);
  assert.equal(failure.name, 'BatchError');
  assert.ok(failure.cause instanceof ThrottledError);
  // The first chunk was written; the failed chunk and the two never started are listed, exactly.
  assert.deepEqual(failure.unprocessed.put, items.slice(25));
  assert.deepEqual(failure.unprocessed.delete, []);
  assert.equal(calls.length, 2, 'no chunk is started after a failure');
});
