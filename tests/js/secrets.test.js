// Credentials, session tokens and request signatures never reach what a user sees: not an
// error's message, stack, toString, util.inspect, JSON.stringify, path, request id, `errors`,
// `reasons` or `cause` chain; not util.inspect or JSON of the clients and transports; not the
// console. Credentials come from the options, from the AWS_* environment variables, from a
// provider function, or (the AWS SDK transport) from the SDK. A hostile server echoes the
// request's headers back (in an error message, an HTML error page, an error body sent with
// status 200, a transaction's cancellation reasons, the request id header, an attribute name)
// and the client must show every one of them redacted.
//
// dynamap has no logger or debug option. Of the hooks, a custom transport ({ send }) receives
// the operation and the request body only (checked below); a custom `fetch` is the HTTP client
// itself and receives the signed headers by necessity.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { inspect } from 'node:util';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

// The public API from the source, not the package's bundle: this file also reaches into js/
// internals, and both must be one module instance (one core, one NumberValue class).
import { DynamapError, ServiceError, TransactionCanceledError, UsageError, ValidationError, createClient, model } from '../../js/index.js';
import { FetchTransport } from '../../js/transport/fetch_transport.js';
import { SdkTransport } from '../../js/transport/sdk_transport.js';
import { withEnv } from './with_env.js';

const Thing = model({
  name: 'Thing',
  table: 'things',
  key: { partition: 'id' },
  attributes: { id: { type: 'string' }, note: { type: 'string', optional: true } },
});

const region = 'us-east-1';
const fromOptions = {
  accessKeyId: 'AKIAOPTIONSKEY000001',
  secretAccessKey: 'optionsSecretKey/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEOPTIONS//////////wEaCXVzLWVhc3QtMSJHMEUCIQDoptionsSESSIONtoken+/=',
};
const fromEnv = {
  accessKeyId: 'AKIAENVIRONMENTKEY01',
  secretAccessKey: 'envSecretKey/K7MDENG+bPxRfiCYEXAMPLEKEY000',
  sessionToken: 'IQoJb3JpZ2luX2VjEENVIRON//////////wEaCXVzLWVhc3QtMSJHMEUCIQDenvironmentTOKEN+/=',
};
const rotating = [
  { accessKeyId: 'AKIAROTATINGKEY00001', secretAccessKey: 'rotatingSecret1/K7MDENG+bPxRfiCYEXAMPLE', sessionToken: 'IQoJrotatingTOKENone//////////wEaCXVzLWVhc3QtMSJHMEUCIQD1' },
  { accessKeyId: 'AKIAROTATINGKEY00002', secretAccessKey: 'rotatingSecret2/K7MDENG+bPxRfiCYEXAMPLE', sessionToken: 'IQoJrotatingTOKENtwo//////////wEaCXVzLWVhc3QtMSJHMEUCIQD2' },
];

/** Every text a user could see of an error and its causes. */
function errorTexts(error) {
  const out = [];
  let e = error;
  for (let depth = 0; e !== undefined && e !== null && depth < 10; depth++, e = e.cause) {
    out.push(
      String(e.message), String(e.stack), String(e), inspect(e, { depth: 10, showHidden: true }),
      JSON.stringify(e) ?? '', JSON.stringify(e.errors ?? null), JSON.stringify(e.reasons ?? null),
      String(e.path ?? ''), String(e.requestId ?? ''), String(e.code ?? ''),
    );
  }
  return out;
}

function assertClean(texts, secrets, what) {
  for (const text of texts) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `${what} shows a secret (${secret.slice(0, 12)}...):\n${text.slice(0, 2000)}`);
    }
  }
}

// Records console output and process warnings while `fn` runs (and keeps them off the terminal).
async function capturingConsole(fn) {
  const lines = [];
  const saved = {};
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    saved[name] = console[name];
    console[name] = (...args) => lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
  }
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, ...rest) => lines.push(String(warning?.stack ?? warning), ...rest.map(String));
  try {
    return { result: await fn(), lines };
  } catch (error) {
    return { error, lines };
  } finally {
    Object.assign(console, saved);
    process.emitWarning = emitWarning;
  }
}

// ---------------------------------------------------------------------------------------------
// The echoing server

const NS = 'com.amazonaws.dynamodb.v20120810#';

function echoAnswer(mode, headers) {
  const auth = headers.authorization ?? '';
  const token = headers['x-amz-security-token'] ?? '';
  const echo = `Authorization: ${auth}; x-amz-security-token: ${token}`;
  const canonical = `The Canonical String for this request should have been\n'POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:${headers.host}\nx-amz-date:${headers['x-amz-date']}\nx-amz-security-token:${token}\nx-amz-target:${headers['x-amz-target']}\n'`;
  switch (mode) {
    case 'signature':
      return [400, { __type: `${NS}InvalidSignatureException`, message: `The request signature we calculated does not match the signature you provided. ${echo}\n\n${canonical}` }];
    case 'html':
      // The token first: the error keeps a 200-byte excerpt, which must not keep a piece of it.
      return [502, `<html><p>${token}</p><p>${auth}</p></html>`];
    case 'errorOn200':
      return [200, { __type: `${NS}AccessDeniedException`, message: `denied: ${echo}` }];
    case 'requestId':
      return [400, { __type: `${NS}ValidationException`, message: 'bad request' }, { 'x-amzn-requestid': `${token}|${auth.slice(-64)}` }];
    case 'canceled':
      return [400, {
        __type: `${NS}TransactionCanceledException`,
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed] ${echo}`,
        CancellationReasons: [{ Code: 'ConditionalCheckFailed', Message: `The conditional request failed: ${echo}` }],
      }];
    case 'attributeName':
      // Data holding a header: an attribute named like the token, and one like the signature.
      return [200, { Item: { id: { S: 'a' }, [token || auth]: { S: 'x' } } }];
    default:
      throw new Error(mode);
  }
}

async function startEchoServer() {
  const seen = []; // request headers, in order
  let mode = 'signature';
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(req.headers);
      const [status, body, headers = {}] = echoAnswer(mode, req.headers);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    seen,
    set mode(m) {
      mode = m;
    },
    stop: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

// What a request carried that must not be shown: its credentials and the Authorization header
// (whole, its signature and its credential scope).
function secretsOf(headers, credentials) {
  const auth = headers.authorization;
  assert.match(auth, /^AWS4-HMAC-SHA256 Credential=(\S+?)\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/);
  const signature = /Signature=([0-9a-f]{64})/.exec(auth)[1];
  const keyId = /Credential=([^/]+)\//.exec(auth)[1];
  const out = [auth, signature, keyId, `Credential=${keyId}`];
  if (credentials) out.push(credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken);
  if (headers['x-amz-security-token']) out.push(headers['x-amz-security-token']);
  return out.filter(Boolean);
}

describe('secrets never reach what a user sees', () => {
  let server;

  before(async () => {
    server = await startEchoServer();
  });

  after(async () => {
    await server?.stop();
  });

  const sources = {
    options: () => ({ client: createClient({ region, endpoint: server.endpoint, credentials: fromOptions, retry: { attempts: 1 } }), credentials: fromOptions }),
    environment: () => withEnv(
      { AWS_ACCESS_KEY_ID: fromEnv.accessKeyId, AWS_SECRET_ACCESS_KEY: fromEnv.secretAccessKey, AWS_SESSION_TOKEN: fromEnv.sessionToken },
      () => ({ client: createClient({ region, endpoint: server.endpoint, retry: { attempts: 1 } }), credentials: fromEnv }),
    ),
    provider: () => {
      let n = 0;
      const client = createClient({ region, endpoint: server.endpoint, retry: { attempts: 1 }, credentials: async () => rotating[n++ % 2] });
      return { client, credentials: undefined }; // which of the two signed is read from the request
    },
    sdk: () => ({
      client: createClient({
        transport: { sdk: new DynamoDBClient({ region, endpoint: server.endpoint, credentials: fromOptions, maxAttempts: 1 }) },
      }),
      credentials: fromOptions,
    }),
  };

  const runs = {
    signature: (db) => db.model(Thing).get({ id: 'a' }),
    html: (db) => db.model(Thing).get({ id: 'a' }),
    errorOn200: (db) => db.model(Thing).put({ id: 'a' }),
    requestId: (db) => db.model(Thing).get({ id: 'a' }),
    canceled: (db) => db.transactWrite([Thing.tx.put({ id: 'a' })]),
    attributeName: (db) => db.model(Thing).get({ id: 'a' }),
  };

  for (const [source, make] of Object.entries(sources)) {
    test(`credentials from ${source}: echoed headers are redacted in every error, and in nothing else`, async () => {
      const { client, credentials } = make();
      for (const [mode, run] of Object.entries(runs)) {
        server.mode = mode;
        const before = server.seen.length;
        const { error, lines } = await capturingConsole(() => run(client));
        assert.equal(server.seen.length, before + 1, `${mode}: one request`);
        const headers = server.seen.at(-1);
        const secrets = secretsOf(headers, credentials ?? rotating.find((c) => headers.authorization.includes(c.accessKeyId)));
        if (source !== 'sdk') {
          // The request really carried them (so the echo did): the test is about something.
          assert.equal(headers['x-amz-security-token'], (credentials ?? rotating.find((c) => headers.authorization.includes(c.accessKeyId))).sessionToken);
        }
        assert.ok(error instanceof DynamapError, `${source} ${mode}: ${error?.name}: ${error?.message}`);
        assertClean(errorTexts(error), secrets, `${source} ${mode}: the error`);
        assertClean(lines, secrets, `${source} ${mode}: console output`);
        // Redacted, not dropped: the error still says what the server said.
        if (mode === 'signature') {
          assert.equal(error.type, 'InvalidSignatureException');
          assert.match(error.message, /Credential=\[redacted\]/);
          assert.match(error.message, /Signature=\[redacted\]/);
          assert.match(error.message, /x-amz-security-token:\[redacted\]/);
        }
        if (mode === 'html') assert.match(error.message, /^UnknownError: HTTP 502: <html><p>\[redacted\]<\/p>/);
        if (mode === 'errorOn200') assert.equal(error.code, 'response.malformed');
        if (mode === 'requestId') assert.match(error.requestId, /^\[redacted\]\|/);
        if (mode === 'canceled') {
          assert.ok(error instanceof TransactionCanceledError);
          assert.equal(error.reasons[0].code, 'ConditionalCheckFailed');
          assert.match(error.reasons[0].message, /\[redacted\]/);
        }
        if (mode === 'attributeName') {
          assert.ok(error instanceof ValidationError);
          assert.equal(error.code, 'validation.unknownAttribute');
          assert.match(error.path, /\[redacted\]/);
        }
        for (const text of [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), String(client),
          inspect(client.model(Thing), { depth: 10, showHidden: true }), JSON.stringify(client.model(Thing))]) {
          assertClean([text], secrets, `${source}: the client`);
        }
      }
    });
  }

  test('a network failure whose message and causes quote the headers is redacted, whole chain', async () => {
    const fetch = async (url, init) => {
      const socketError = Object.assign(new Error(`write EPIPE while sending authorization: ${init.headers.authorization}`), { code: 'UND_ERR_SOCKET' });
      throw new TypeError(`fetch failed (x-amz-security-token ${init.headers['x-amz-security-token']})`, { cause: socketError });
    };
    let sent;
    const spy = async (url, init) => {
      sent = init.headers;
      return fetch(url, init);
    };
    const db = createClient({ region, endpoint: server.endpoint, credentials: fromOptions, fetch: spy, retry: { attempts: 2, baseDelayMs: 1 } });
    const { error, lines } = await capturingConsole(() => db.model(Thing).get({ id: 'a' }));
    assert.ok(error instanceof ServiceError);
    assert.equal(error.code, 'service.network');
    assert.equal(error.cause.name, 'TypeError');
    assert.equal(error.cause.cause.code, 'UND_ERR_SOCKET');
    assert.match(error.cause.cause.message, /authorization: AWS4-HMAC-SHA256 Credential=\[redacted\]/);
    const secrets = secretsOf(sent, fromOptions);
    assertClean(errorTexts(error), secrets, 'the network error');
    assertClean(lines, secrets, 'console output');
  });

  test('credentials a header cannot carry are refused before anything is sent, without echoing them', async () => {
    for (const bad of [
      { ...fromOptions, sessionToken: `${fromOptions.sessionToken}\r\nx-evil: 1` },
      { ...fromOptions, accessKeyId: `${fromOptions.accessKeyId}\n` },
    ]) {
      let calls = 0;
      const fetch = async () => {
        calls += 1;
        return new Response('{}');
      };
      const error = (() => {
        try {
          createClient({ region, credentials: bad, fetch });
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof UsageError);
      assert.equal(error.code, 'usage.missingCredentials');
      assertClean(errorTexts(error), [fromOptions.sessionToken, fromOptions.accessKeyId, fromOptions.secretAccessKey], 'the usage error');
      // From a provider, the same at the first request.
      const db = createClient({ region, fetch, credentials: async () => bad });
      const late = await db.model(Thing).get({ id: 'a' }).catch((e) => e);
      assert.ok(late instanceof UsageError && late.code === 'usage.missingCredentials', `${late?.name}: ${late?.message}`);
      assertClean(errorTexts(late), [fromOptions.sessionToken, fromOptions.accessKeyId, fromOptions.secretAccessKey], 'the usage error');
      assert.equal(calls, 0);
    }
  });

  test('clients and transports show no credentials in util.inspect, JSON or String', () => {
    const cursorSecret = 'a-cursor-secret-of-some-length';
    const objects = [
      createClient({ region, credentials: fromOptions, cursorSecret }),
      withEnv({ AWS_ACCESS_KEY_ID: fromEnv.accessKeyId, AWS_SECRET_ACCESS_KEY: fromEnv.secretAccessKey, AWS_SESSION_TOKEN: fromEnv.sessionToken },
        () => createClient({ region })),
      createClient({ region, credentials: async () => fromOptions }),
      createClient({ transport: { sdk: new DynamoDBClient({ region, credentials: fromOptions }) } }),
      new FetchTransport({ region, credentials: fromOptions }),
      new SdkTransport(new DynamoDBClient({ region, credentials: fromOptions })),
    ];
    objects.push(objects[0].model(Thing));
    const secrets = [fromOptions, fromEnv].flatMap((c) => [c.accessKeyId, c.secretAccessKey, c.sessionToken]).concat(cursorSecret);
    for (const object of objects) {
      assertClean([inspect(object, { depth: 10, showHidden: true }), JSON.stringify(object) ?? '', String(object)], secrets, inspect(object));
    }
  });

  test('an error answer without any echo: the original check (500, plain text)', async () => {
    const fetch = async () => new Response('internal failure', { status: 500, headers: { 'x-amzn-requestid': 'REQ123' } });
    const db = createClient({ region, credentials: fromOptions, fetch, retry: { attempts: 1 } });
    const error = await db.model(Thing).get({ id: 'a' }).catch((e) => e);
    assert.ok(error instanceof ServiceError);
    assert.equal(error.retryable, true);
    assert.equal(error.requestId, 'REQ123');
    assertClean(errorTexts(error), [fromOptions.accessKeyId, fromOptions.secretAccessKey, fromOptions.sessionToken], 'the error');
  });

  test('a custom transport receives the operation and the body, no credentials and no Authorization', async () => {
    const received = [];
    const db = createClient({
      transport: {
        send: async (...args) => {
          received.push(args);
          return { status: 200, body: '{}' };
        },
      },
    });
    await db.model(Thing).get({ id: 'a' });
    assert.equal(received.length, 1);
    const [operation, body, options] = received[0];
    assert.equal(operation, 'GetItem');
    assert.deepEqual(JSON.parse(body), { TableName: 'things', Key: { id: { S: 'a' } } });
    assert.deepEqual(Object.keys(options), ['signal']);
    assert.doesNotMatch(inspect(received, { depth: 10 }), /authorization|AWS4-HMAC|Credential=/i);
  });
});
