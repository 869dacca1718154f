// The playground in headless Chromium, served by scripts/playground.mjs as `npm run playground`
// serves it: errors show their paths as one types, a link's hash restores what was typed, and
// the request shown is the one dynamap builds in Node. Also takes docs/playground.png, the
// README's screenshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { model, update, where } from 'dynamap';
import { launchChromium, root } from './harness.js';

const encodeState = (state) => Buffer.from(JSON.stringify(state)).toString('base64url');
const decodeState = (hash) => JSON.parse(Buffer.from(hash.replace(/^#/, ''), 'base64url').toString());

let server;
let url;
let chrome;

/** Starts scripts/playground.mjs on a free port; resolves once it prints its address. */
async function startPlayground() {
  const child = spawn(process.execPath, ['scripts/playground.mjs', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const address = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/playground\//.exec(output);
      if (match) resolve(match[0]);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`scripts/playground.mjs exited (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`scripts/playground.mjs printed no address in 10 s:\n${output}`)), 10_000).unref();
  });
  try {
    return { child, url: await address };
  } catch (error) {
    if (child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    throw error;
  }
}

before(async () => {
  [{ child: server, url }, chrome] = await Promise.all([startPlayground(), launchChromium()]);
});

after(async () => {
  const killed = await chrome?.close();
  if (server?.exitCode === null) {
    const exited = once(server, 'exit');
    process.kill(server.pid, 'SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, 'the playground server stops cleanly on SIGTERM');
  }
  assert.equal(killed, false, `Chromium (pid ${chrome?.pid}) outlived browser.close() and was killed by pid`);
});

async function open(page, address) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(address);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return problems;
}

const text = (page, selector) => page.$eval(selector, (el) => el.textContent);
const value = (page, selector) => page.$eval(selector, (el) => el.value);
const issues = (page) =>
  page.$$eval('#issues li', (items) => items.map((li) => [li.querySelector('.path').textContent, li.querySelector('.code').textContent]));

test('an invalid item shows each error with its path; the address keeps it across a reload', { timeout: 60_000 }, async () => {
  const context = await chrome.browser.newContext();
  try {
    const page = await context.newPage();
    const problems = await open(page, url);
    assert.equal(await text(page, '#status'), 'valid', 'the example item is valid');
    assert.equal(await text(page, '#request-operation'), 'PutItem');

    await page.selectOption('#operation', 'validate');
    const typed = JSON.stringify({
      customerId: 'c1',
      orderId: '2024-17',
      quantity: 0,
      total: '19.90',
      createdAt: '2024-05-06T07:08:09Z',
      address: { city: 'Lyon', zip: '6900' },
    });
    await page.fill('#input', typed);
    assert.equal(await text(page, '#status'), '2 errors');
    assert.deepEqual((await issues(page)).sort(), [['address.zip', 'pattern'], ['quantity', 'min']]);
    assert.equal(await text(page, '#item'), '');
    assert.equal(await text(page, '#request'), 'validate() builds no request');

    const saved = decodeState(new URL(page.url()).hash);
    assert.equal(saved.operation, 'validate');
    assert.equal(saved.input, typed);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await value(page, '#input'), typed);
    assert.equal(await value(page, '#operation'), 'validate');
    assert.deepEqual((await issues(page)).sort(), [['address.zip', 'pattern'], ['quantity', 'min']]);

    // A model that does not compile says where.
    await page.fill('#model', JSON.stringify({ name: 'T', table: 'things', key: { partition: 'id' }, attributes: { id: { type: 'strin' } } }));
    assert.deepEqual(await issues(page), [['attributes.id.type', 'schema.unknownType']]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a link's hash restores model, operation and input; the request shown is Node's", { timeout: 60_000 }, async () => {
  const definition = {
    name: 'Task',
    table: 'tasks',
    key: { partition: 'project', sort: 'taskId' },
    attributes: {
      project: 'string',
      taskId: 'string',
      done: { type: 'boolean', default: false },
      points: { type: 'integer', min: 0 },
      note: { type: 'string', optional: true },
    },
  };
  const Task = model(definition);
  const key = { project: 'p1', taskId: 't1' };
  const cases = [
    { operation: 'get', input: key, expected: Task.plan.get(key) },
    {
      operation: 'update',
      input: { key, set: { done: true }, add: { points: 2 }, remove: ['note'] },
      expected: Task.plan.update(key, update().set('done', true).add('points', 2).remove('note')),
    },
    {
      operation: 'query',
      input: { key: { project: 'p1' }, sort: { between: ['t1', 't5'] }, limit: 5, reverse: true },
      expected: Task.plan.query({ project: 'p1' }, { sort: where('taskId').between('t1', 't5'), limit: 5, reverse: true }),
    },
    { operation: 'delete', input: key, expected: Task.plan.delete(key) },
  ];
  const context = await chrome.browser.newContext();
  try {
    for (const { operation, input, expected } of cases) {
      const state = { model: JSON.stringify(definition, null, 2), operation, input: JSON.stringify(input, null, 2) };
      const page = await context.newPage();
      const problems = await open(page, `${url}#${encodeState(state)}`);
      assert.equal(await value(page, '#model'), state.model, operation);
      assert.equal(await value(page, '#operation'), operation);
      assert.equal(await value(page, '#input'), state.input, operation);
      assert.equal(await text(page, '#status'), 'valid', operation);
      assert.equal(await text(page, '#request-operation'), expected.operation);
      assert.deepEqual(JSON.parse(await text(page, '#request')), expected.request, operation);
      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

// The committed docs/playground.png is rewritten only on request (UPDATE_SCREENSHOT=1): another
// machine's fonts would otherwise leave the work tree changed after every test run.
test('screenshot of the example for the README: docs/playground.png', { timeout: 60_000 }, async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await open(page, url);
    const file = path.join(root, process.env.UPDATE_SCREENSHOT === '1' ? 'docs' : 'build', 'playground.png');
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    const png = readFileSync(file);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1280, 860]);
  } finally {
    await context.close();
  }
});
