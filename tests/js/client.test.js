// The client without a server: configuration errors, what the fetch transport sends. Secrets:
// tests/js/secrets.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ConditionFailedError, ServiceError, ThrottledError, UsageError, createClient, model } from 'dynamap';
import { withEnv } from './with_env.js';

const Thing = model({ name: 'Thing', table: 'things', key: { partition: 'id' }, attributes: { id: { type: 'string' } } });
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'SESSIONTOKEN123' };

function recordingFetch(status, body) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, ...init });
    return new Response(body, { status, headers: { 'x-amzn-requestid': 'REQ123' } });
  };
  return { fetch, calls };
}

test('a missing region or credentials is a UsageError before any request', () => {
  const none = { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
  withEnv(none, () => {
    assert.throws(() => createClient({ credentials }), (e) => e instanceof UsageError && e.code === 'usage.missingRegion');
    assert.throws(() => createClient({ region: 'eu-west-1' }), (e) => e instanceof UsageError && e.code === 'usage.missingCredentials');
    assert.throws(
      () => createClient({ region: 'eu-west-1', credentials: { accessKeyId: 'A', secretAccessKey: '' } }),
      (e) => e.code === 'usage.missingCredentials' && !e.message.includes('AKID'),
    );
  });
});

test('region and credentials come from the AWS_* environment variables', async () => {
  const { fetch, calls } = recordingFetch(200, '{}');
  const db = withEnv(
    { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SESSION_TOKEN: 'envtoken' },
    () => createClient({ fetch }),
  );
  await db.model(Thing).get({ id: 'a' });
  assert.equal(calls[0].url, 'https://dynamodb.eu-central-1.amazonaws.com/');
  assert.match(calls[0].headers.authorization, /Credential=AKIDENV\/\d{8}\/eu-central-1\/dynamodb\/aws4_request/);
  assert.equal(calls[0].headers['x-amz-security-token'], 'envtoken');
});

test('the fetch transport sends the core request, signed', async () => {
  const { fetch, calls } = recordingFetch(200, '{"Item":{"id":{"S":"a"}}}');
  const db = createClient({ region: 'us-west-2', endpoint: 'http://127.0.0.1:9/', credentials, fetch, tablePrefix: 'p_' });
  const value = await db.model(Thing).get({ id: 'a' }, { consistent: true });
  assert.deepEqual(value, { id: 'a' });
  const [call] = calls;
  assert.equal(call.method, 'POST');
  assert.equal(call.headers['x-amz-target'], 'DynamoDB_20120810.GetItem');
  assert.equal(call.headers['content-type'], 'application/x-amz-json-1.0');
  assert.match(call.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/);
  assert.deepEqual(JSON.parse(call.body), { TableName: 'p_things', Key: { id: { S: 'a' } }, ConsistentRead: true });
});

test('DynamoDB error answers become typed errors with type, status and request id', async () => {
  const cases = [
    [400, { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' }, ConditionFailedError],
    [400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow' }, ThrottledError],
    [400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'One or more parameter values were invalid' }, ServiceError],
  ];
  for (const [status, body, Class] of cases) {
    const { fetch } = recordingFetch(status, JSON.stringify(body));
    const db = createClient({ region: 'us-east-1', credentials, fetch });
    await assert.rejects(db.model(Thing).put({ id: 'a' }), (e) => {
      assert.ok(e instanceof Class, `${e.name} is not ${Class.name}`);
      assert.equal(e.type, body.__type.split('#')[1]);
      assert.equal(e.statusCode, status);
      assert.equal(e.requestId, 'REQ123');
      assert.ok(e.message.includes(body.message));
      return true;
    });
  }
});

test('a credentials provider function is called per request', async () => {
  let calls = 0;
  const { fetch } = recordingFetch(200, '{}');
  const db = createClient({ region: 'us-east-1', fetch, credentials: async () => { calls += 1; return credentials; } });
  await db.model(Thing).get({ id: 'a' });
  await db.model(Thing).get({ id: 'b' });
  assert.equal(calls, 2);
});
