// The package in a real browser: headless Chromium (playwright-core, Debian's chromium) loads the
// prebuilt bundle dist/dynamap.browser.js from a plain <script type="module">, validates, and
// puts and gets an item on dynalite through the fetch transport, signing with WebCrypto.
//
// CORS: the page (http://127.0.0.1:<site>) calls dynalite (http://127.0.0.1:<dynalite>)
// directly, a cross-origin request as a browser app calling DynamoDB's endpoint makes. dynalite
// answers the preflight that the signed headers cause (Access-Control-Allow-Origin: * and the
// requested method and headers echoed back), so no proxy stands in between and the browser's
// CORS path runs for real. dynalite exposes no response header to the page
// (no Access-Control-Expose-Headers): the client does without x-amzn-requestid there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

import { model } from 'dynamap';
import { signRequest } from '../../js/transport/sigv4.js';
import { DUMMY_AUTH_HEADERS, startServer } from '../servers/index.js';
import { launchChromium, root, serveFiles } from './harness.js';

const credentials = { accessKeyId: 'AKIDBROWSER', secretAccessKey: 'browser-secret-key' };
const bytes = [0, 1, 2, 127, 128, 255];

let dynalite;
let site;
let chrome;

before(async () => {
  [dynalite, site, chrome] = await Promise.all([
    startServer('dynalite'),
    serveFiles({
      '/dist/': 'dist',
      '/js/': 'js',
      '/node_modules/aws4fetch/': 'node_modules/aws4fetch',
      '/test/': 'tests/browser/pages',
    }),
    launchChromium(),
  ]);
});

after(async () => {
  const killed = await chrome?.close();
  await Promise.all([site?.close(), dynalite?.stop()]);
  assert.equal(killed, false, `Chromium (pid ${chrome?.pid}) outlived browser.close() and was killed by pid`);
});

/** Opens a page in a fresh context; resolves to what it left in window.dynamapResult. */
async function openPage(url, onRequest = () => {}) {
  site.served.length = 0;
  const context = await chrome.browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('request', onRequest);
    await page.goto(url);
    const result = await page.evaluate(() => window.dynamapResult);
    assert.ok(result !== undefined, `the page's module did not run:\n${problems.join('\n')}`);
    assert.equal(result.failed, undefined, `${result.failed}\n${problems.join('\n')}`);
    assert.deepEqual(problems, []);
    return result;
  } finally {
    await context.close();
  }
}

test('the browser graph reaches no Node built-in and the bundle imports nothing at load', async () => {
  // What a bundler resolves for a browser from the package's source: the "imports" field's
  // default condition picks load_browser.js. esbuild's browser platform refuses node: imports,
  // so a Node built-in anywhere in the graph fails this build.
  const { metafile } = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['js/index.js'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    external: ['@aws-sdk/client-dynamodb'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.includes('js/core/load_browser.js'), inputs.join('\n'));
  assert.ok(!inputs.includes('js/core/load_node.js'));
  assert.ok(inputs.some((f) => f.startsWith('node_modules/aws4fetch/')), 'aws4fetch is bundled in');
  assert.deepEqual(inputs.filter((f) => f.startsWith('node:')), []);
  const [output] = Object.values(metafile.outputs);
  assert.deepEqual(output.imports.map(({ path: p, kind }) => [p, kind]), [['@aws-sdk/client-dynamodb', 'dynamic-import']]);

  // The file the build made from that graph.
  const bundle = readFileSync(path.join(root, 'dist/dynamap.browser.js'), 'utf8');
  assert.doesNotMatch(bundle, /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']node:/);
  assert.doesNotMatch(bundle, /^\s*import\s*[\w{*'"]/m, 'no static import left: everything is bundled');
  assert.deepEqual([...bundle.matchAll(/\bimport\(\s*["']([^"']+)["']/g)].map((m) => m[1]), ['@aws-sdk/client-dynamodb']);
  assert.match(bundle, /new URL\("\.\/dynamap_core\.wasm", ?import\.meta\.url\)/);
  assert.doesNotMatch(bundle, /\.\.\/\.\.\/dist\//);
});

test('a plain module script: ready(), validate, then put and get on dynalite through fetch + SigV4', { timeout: 60_000 }, async (t) => {
  const started = Date.now();
  const requests = [];
  const result = await openPage(
    `${site.origin}/test/bundle.html?endpoint=${encodeURIComponent(dynalite.endpoint)}`,
    // Read while the page is open: Playwright forgets a request once its page closes.
    (request) => requests.push({ url: request.url(), postData: request.postData(), headers: request.allHeaders() }),
  );

  // The browser loader, not Node's: nothing works before ready().
  assert.deepEqual(result.beforeReady, { name: 'UsageError', code: 'usage.notReady', path: undefined, usage: true, validation: false });

  const expected = {
    id: 'n1',
    createdAt: { Date: '2024-05-06T07:08:09.123Z' },
    tags: { Set: ['blue', 'red'] },
    data: { Uint8Array: bytes },
    total: '1234567890.123456789',
    count: 3,
    address: { city: 'Lyon', zip: '69001' },
    done: false,
  };
  assert.deepEqual(result.valid, { ok: true, value: expected });

  assert.equal(result.invalid.ok, false);
  const issues = result.invalid.errors.map(({ path: p, code }) => [p, code]).sort();
  assert.deepEqual(issues, [['address.zip', 'pattern'], ['count', 'integer'], ['id', 'minLength']]);
  for (const e of result.invalid.errors) assert.ok(e.message.length > 0, `${e.path} has a message`);
  const [first] = result.invalid.errors;
  assert.deepEqual(result.thrown, { name: 'ValidationError', code: `validation.${first.code}`, path: first.path, usage: false, validation: true });

  // What the browser wrote reads back equal, Date, Set and Uint8Array included.
  assert.deepEqual(result.read, expected);
  assert.equal(result.absentIsUndefined, true);

  // ... and is what dynalite stores, read here without the browser.
  const stored = await fetch(dynalite.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem', ...DUMMY_AUTH_HEADERS },
    body: JSON.stringify({ TableName: 'browser_notes', Key: { id: { S: 'n1' } }, ConsistentRead: true }),
  }).then((r) => r.json());
  stored.Item.tags.SS.sort();
  assert.deepEqual(stored.Item, {
    id: { S: 'n1' },
    createdAt: { S: '2024-05-06T07:08:09.123Z' },
    tags: { SS: ['blue', 'red'] },
    data: { B: Buffer.from(bytes).toString('base64') },
    total: { N: '1234567890.123456789' },
    count: { N: '3' },
    address: { M: { city: { S: 'Lyon' }, zip: { S: '69001' } } },
    done: { BOOL: false },
  });

  // The page went to dynalite, signed in the browser (WebCrypto): the signature is the one Node
  // computes for the same request, time and credentials.
  const toDynalite = requests.filter((r) => r.url.startsWith(dynalite.endpoint));
  for (const r of toDynalite) r.headers = await r.headers;
  assert.deepEqual(
    toDynalite.map((r) => r.headers['x-amz-target']),
    ['CreateTable', 'DescribeTable', 'PutItem', 'GetItem', 'GetItem'].map((op) => `DynamoDB_20120810.${op}`),
  );
  const put = toDynalite[2];
  const sent = put.headers;
  assert.match(sent.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDBROWSER\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=/);
  const again = await signRequest({
    method: 'POST',
    url: put.url,
    headers: { 'content-type': sent['content-type'], 'x-amz-target': sent['x-amz-target'] },
    body: put.postData,
    credentials,
    region: 'eu-west-1',
    service: 'dynamodb',
    datetime: sent['x-amz-date'],
  });
  assert.equal(sent.authorization, again.headers.authorization);

  // Nothing but the two local servers was asked, and the core came from beside the bundle.
  assert.deepEqual(requests.map((r) => r.url).filter((u) => !u.startsWith(site.origin) && !u.startsWith(dynalite.endpoint)), []);
  const files = site.served.map(({ path: p, status, type }) => `${status} ${p} ${type}`);
  assert.deepEqual(files.filter((f) => !f.includes('/test/bundle.html')), [
    '200 /dist/dynamap.browser.js text/javascript; charset=utf-8',
    '200 /dist/dynamap_core.wasm application/wasm',
  ]);
  t.diagnostic(`page load to last assertion: ${Date.now() - started} ms`);
});

test('the unbundled js/ source, as bundlers see it, finds the .wasm in dist/', { timeout: 60_000 }, async () => {
  const result = await openPage(`${site.origin}/test/unbundled.html`);
  assert.deepEqual(result.invalid.errors.map(({ path: p, code }) => [p, code]), [['n', 'type']]);

  // The same request as Node's build of the same model.
  const Thing = model({ name: 'Thing', table: 'things', key: { partition: 'id' }, attributes: { id: 'string', n: 'integer' } });
  assert.deepEqual(result.put, Thing.plan.put({ id: 'a', n: 3 }));

  const loaded = new Map(site.served.map(({ path: p, status, type }) => [p, `${status} ${type}`]));
  assert.equal(loaded.get('/js/core/load_browser.js'), '200 text/javascript; charset=utf-8');
  assert.equal(loaded.get('/dist/dynamap_core.wasm'), '200 application/wasm');
  assert.equal(loaded.get('/dist/dynamap_core.mjs'), '200 text/javascript; charset=utf-8');
  assert.ok(!loaded.has('/dist/dynamap.browser.js'));
  assert.ok(!loaded.has('/js/core/load_node.js'));
  assert.deepEqual([...loaded.values()].filter((v) => !v.startsWith('200')), []);
});
