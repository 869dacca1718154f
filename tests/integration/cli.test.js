// The `dynamap` CLI against dynalite: create-table, import (with invalid lines), an import killed
// midway and resumed from its progress file, export (every valid item exactly once), delete-table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../servers/index.js';
import { startFaultProxy } from './fault_proxy.js';

const BIN = fileURLToPath(new URL('../../bin/dynamap.js', import.meta.url));
const ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: 'cli-secret', AWS_REGION: 'us-east-1' };
delete ENV.AWS_SESSION_TOKEN;

const MODEL = {
  name: 'Reading',
  table: 'readings',
  key: { partition: 'sensor', sort: 'seq' },
  attributes: {
    sensor: { type: 'string', minLength: 1 },
    seq: { type: 'integer', min: 0 },
    value: { type: 'decimal' },
    at: { type: 'datetime' },
    raw: { type: 'binary', optional: true },
    tags: { type: 'set', of: 'string', optional: true },
  },
};

let srv;
let dir;
let common;

function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, ...common], { env: ENV, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** `count` (2,000) lines of sensor `name`, every 97th invalid; returns the file and the valid items' keys. */
function makeItems(name, count = 2000) {
  const lines = [];
  const valid = new Set();
  for (let i = 0; i < count; i++) {
    if (i % 97 === 5) {
      lines.push(JSON.stringify({ sensor: name, seq: -i, value: '1.5', at: '2024-01-01T00:00:00Z' }));
      continue;
    }
    lines.push(JSON.stringify({
      sensor: name, seq: i, value: `${i}.25`, at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      raw: Buffer.from([i & 255, 7]).toString('base64'), tags: [`t${i % 3}`],
    }));
    valid.add(`${name}/${i}`);
  }
  const file = path.join(dir, `${name}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, valid, invalid: count - valid.size };
}

before(async () => {
  srv = await startServer('dynalite');
  dir = mkdtempSync(path.join(tmpdir(), 'dynamap-cli-int-'));
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(MODEL));
  common = ['--endpoint', srv.endpoint, '--prefix', 'cli_'];
});

after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dynamap CLI on dynalite', () => {
  const model = () => path.join(dir, 'model.json');
  let first;
  let second;
  let third;

  test('create-table', async () => {
    const { code, stdout, stderr } = await run(['create-table', model()]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'created table cli_readings\n');
  });

  test('import 2,000 lines with invalid ones: counts, line numbers, no progress file left', async () => {
    first = makeItems('alpha');
    const { code, stdout, stderr } = await run(['import', model(), first.file]);
    assert.equal(code, 0, stderr);
    const out = stdout.trimEnd().split('\n');
    assert.equal(out.at(-1), `read 2000, written ${first.valid.size}, invalid ${first.invalid}, unprocessed 0`);
    assert.match(out[0], /^line 6: seq min: expected at least 0, got -5$/);
    assert.equal(out.length, first.invalid + 1);
    assert.ok(!existsSync(`${first.file}.dynamap-progress`));
    assert.ok(!existsSync(`${first.file}.unprocessed.jsonl`));
  });

  test('an import killed midway resumes from its progress file', async () => {
    second = makeItems('beta');
    const progressFile = `${second.file}.dynamap-progress`;
    const size = statSync(second.file).size;
    const child = spawn(process.execPath, [BIN, 'import', model(), second.file, '--batch-size', '10', ...common],
      { env: ENV, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let saved;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      try {
        saved = JSON.parse(readFileSync(progressFile, 'utf8'));
        if (saved.offset > 0) break;
      } catch { /* not written yet (or being renamed) */ }
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    const { signal } = await exited;
    assert.equal(signal, 'SIGKILL', 'the import was still running when killed');
    saved = JSON.parse(readFileSync(progressFile, 'utf8'));
    assert.ok(saved.offset > 0 && saved.offset < size, `interrupted midway: ${saved.offset} of ${size}`);

    const { code, stdout, stderr } = await run(['import', model(), second.file]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, new RegExp(`^resuming at line ${saved.line} \\(byte ${saved.offset} of ${size}\\)`, 'm'));
    const out = stdout.trimEnd().split('\n');
    // The counts cover the whole file: the part before the interruption comes from the progress file.
    assert.equal(out.at(-1), `read 2000, written ${second.valid.size}, invalid ${second.invalid}, unprocessed 0`);
    // Invalid lines before the checkpoint are not reported again.
    const firstReported = Number(/^line (\d+):/.exec(out[0])?.[1] ?? Infinity);
    assert.ok(firstReported >= saved.line, `${firstReported} >= ${saved.line}`);
    assert.ok(!existsSync(progressFile));
  });

  test('items DynamoDB leaves unprocessed go to <items>.unprocessed.jsonl, exit 4, and re-import', async () => {
    third = makeItems('gamma', 300);
    const proxy = await startFaultProxy({ target: srv.endpoint, seed: 3, rates: { partialWrite: 1 } });
    let r;
    try {
      r = await new Promise((resolve) => execFile(process.execPath,
        [BIN, 'import', model(), third.file, '--attempts', '1', '--endpoint', proxy.endpoint, '--prefix', 'cli_'],
        { env: ENV }, (e, stdout, stderr) => resolve({ code: e ? e.code : 0, stdout, stderr })));
    } finally {
      await proxy.stop();
    }
    assert.equal(r.code, 4, r.stderr);
    const m = /^read 300, written (\d+), invalid (\d+), unprocessed (\d+) \(saved to (.+)\)$/m.exec(r.stdout);
    assert.ok(m, r.stdout.slice(-300));
    const [written, invalid, unprocessed] = m.slice(1, 4).map(Number);
    assert.equal(invalid, third.invalid);
    assert.ok(unprocessed > 0);
    assert.equal(written + unprocessed, third.valid.size);
    const unprocessedFile = `${third.file}.unprocessed.jsonl`;
    assert.equal(m[4], unprocessedFile);
    const lines = readFileSync(unprocessedFile, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, unprocessed);
    assert.ok(!existsSync(`${third.file}.dynamap-progress`));
    const again = await run(['import', model(), unprocessedFile]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, `read ${unprocessed}, written ${unprocessed}, invalid 0, unprocessed 0\n`);
  });

  test('export: every valid item exactly once, values in their JSON forms', async () => {
    const { code, stdout, stderr } = await run(['export', model(), '--segments', '3']);
    assert.equal(code, 0, stderr);
    const items = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const keys = items.map((it) => `${it.sensor}/${it.seq}`);
    assert.equal(new Set(keys).size, keys.length, 'no item twice');
    assert.deepEqual(new Set(keys), new Set([...first.valid, ...second.valid, ...third.valid]));
    const one = items.find((it) => it.sensor === 'beta' && it.seq === 300);
    assert.deepEqual(one, {
      sensor: 'beta', seq: 300, value: '300.25', at: '2024-01-01T00:05:00.000Z',
      raw: Buffer.from([300 & 255, 7]).toString('base64'), tags: ['t0'],
    });
  });

  test('export output re-imports as is', async () => {
    const { stdout } = await run(['export', model(), '--segments', '2']);
    const file = path.join(dir, 'exported.jsonl');
    writeFileSync(file, stdout);
    const v = await new Promise((resolve) => execFile(process.execPath, [BIN, 'validate', model(), file], (e, out) => resolve({ code: e ? e.code : 0, out })));
    assert.equal(v.code, 0, v.out.slice(0, 500));
  });

  test('a server that does not answer: exit 3', async () => {
    const r = await new Promise((resolve) => execFile(process.execPath,
      [BIN, 'export', model(), '--endpoint', 'http://127.0.0.1:9', '--segments', '1'],
      { env: ENV }, (e, stdout, stderr) => resolve({ code: e ? e.code : 0, stderr })));
    assert.equal(r.code, 3, r.stderr);
  });

  test('delete-table', async () => {
    const { code, stdout, stderr } = await run(['delete-table', model()]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'deleted table cli_readings\n');
    const again = await run(['delete-table', model()]);
    assert.equal(again.code, 3);
    assert.match(again.stderr, /^error service\.ResourceNotFoundException/m);
  });
});
