import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { signRequest } from '../../js/transport/sigv4.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sigv4/', import.meta.url));
const DEFAULT_CONTEXT = join(FIXTURES, 'default-context.json');

// Parses a request the way aws-c-auth's suite runner does: a line starting with
// whitespace continues the previous header, and the suite's canonical requests
// show each such line as one more comma-joined value; repeated names collect
// their values in order; the body is everything after the first blank line.
function parseRequest(text) {
  const lines = text.replace(/\r/g, '').split('\n');
  // Every request line in the suite ends in " HTTP/1.1", as aws-c-auth assumes too.
  const space = lines[0].indexOf(' ');
  const method = lines[0].slice(0, space);
  const path = lines[0].slice(space + 1, -' HTTP/1.1'.length);
  const headers = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i];
    if (/^\s/.test(line)) headers.at(-1).values.push(line.trim());
    else {
      const colon = line.indexOf(':');
      headers.push({ name: line.slice(0, colon), values: [line.slice(colon + 1).trim()] });
    }
  }
  const body = i + 1 < lines.length ? lines.slice(i + 1).join('\n') : '';
  return { method, path, headers, body };
}

function header(request, name) {
  return request.headers.filter(h => h.name.toLowerCase() === name).flatMap(h => h.values);
}

// "2015-08-30T12:36:00Z" -> "20150830T123600Z"
const toAmzDate = iso => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

function loadCase(name) {
  const dir = join(FIXTURES, name);
  const read = file => readFileSync(join(dir, file), 'utf8');
  const own = join(dir, 'context.json');
  const context = JSON.parse(readFileSync(existsSync(own) ? own : DEFAULT_CONTEXT, 'utf8'));
  const signed = parseRequest(read('header-signed-request.txt'));
  // Without request.txt, the unsigned request is the signed one minus what
  // the signer adds: authorization, x-amz-date, and the context's token.
  const addedBySigner = new Set(['authorization', 'x-amz-date']);
  if (context.credentials.token) addedBySigner.add('x-amz-security-token');
  const request = existsSync(join(dir, 'request.txt'))
    ? parseRequest(read('request.txt'))
    : { ...signed, headers: signed.headers.filter(h => !addedBySigner.has(h.name.toLowerCase())) };
  const signature = existsSync(join(dir, 'header-signature.txt')) ? read('header-signature.txt').trim() : undefined;
  return { context, request, expectedAuthorization: header(signed, 'authorization')[0], signature };
}

const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();

test('fixture set is present', () => {
  assert.ok(cases.length >= 10, `expected at least 10 cases, found ${cases.length}`);
});

for (const name of cases) {
  test(`aws-c-auth v4 suite: ${name}`, async () => {
    const { context, request, expectedAuthorization, signature } = loadCase(name);
    const headers = {};
    for (const h of request.headers) {
      if (h.name.toLowerCase() === 'host') continue;
      headers[h.name] = [...(headers[h.name] ?? []), ...h.values];
    }
    const { credentials: c } = context;
    const result = await signRequest({
      method: request.method,
      url: `https://${header(request, 'host')[0]}${request.path}`,
      headers,
      body: request.body,
      credentials: { accessKeyId: c.access_key_id, secretAccessKey: c.secret_access_key, sessionToken: c.token },
      region: context.region,
      service: context.service,
      datetime: toAmzDate(context.timestamp),
    });
    const authorization = result.headers.authorization;
    assert.equal(authorization, expectedAuthorization);
    const expectedSignature = signature ?? expectedAuthorization.match(/Signature=([0-9a-f]{64})$/)[1];
    assert.equal(authorization.match(/Signature=([0-9a-f]{64})$/)?.[1], expectedSignature);
  });
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const BASE = {
  method: 'POST',
  url: 'https://dynamodb.us-east-1.amazonaws.com/',
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
  body: '{}',
  region: 'us-east-1',
  service: 'dynamodb',
  datetime: '20150830T123600Z',
};

test('missing credentials error never contains the secret key', async () => {
  const err = await signRequest({ ...BASE, credentials: { secretAccessKey: SECRET } }).then(
    () => assert.fail('expected signRequest to reject'),
    e => e,
  );
  assert.ok(err instanceof TypeError);
  for (const text of [err.message, String(err), err.stack ?? '']) assert.ok(!text.includes(SECRET));
});

test('a session token adds a signed x-amz-security-token header', async () => {
  const token = 'session-token-example';
  const { headers } = await signRequest({
    ...BASE,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: token },
  });
  assert.equal(headers['x-amz-security-token'], token);
  assert.equal(headers['x-amz-date'], BASE.datetime);
  assert.match(headers.authorization, /SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,/);
});
