// The `dynamap` CLI without a server: validate and plan through a child process, exit codes,
// messages with line numbers and paths.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/dynamap.js', import.meta.url));

function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

const MODEL = {
  name: 'Person',
  table: 'people',
  key: { partition: 'id', sort: 'at' },
  attributes: {
    id: { type: 'string', minLength: 1 },
    at: { type: 'string' },
    age: { type: 'integer', min: 0 },
    address: { type: 'map', fields: { zip: { type: 'string', pattern: '^[0-9]{5}$' }, city: { type: 'string', optional: true } } },
    avatar: { type: 'binary', optional: true },
    tags: { type: 'set', of: 'string', optional: true },
  },
  indexes: { byAge: { type: 'local', sort: 'age' } },
};

let dir;
const file = (name, content) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dynamap-cli-'));
  file('model.json', MODEL);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const good = (i) => JSON.stringify({ id: `p${i}`, at: 'x', age: i, address: { zip: '12345' } });

describe('dynamap --help and usage errors', () => {
  test('--help documents commands and exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    for (const text of ['validate', 'plan', 'create-table', 'delete-table', 'import', 'export', 'exit codes',
      '0  ok', '1  invalid data', '2  usage error', '3  service or network error', '4  partial import', 'base64']) {
      assert.ok(stdout.includes(text), text);
    }
  });

  test('no command, unknown command, unknown option, option of another command: exit 2', async () => {
    for (const args of [[], ['frobnicate'], ['validate', '--bogus', 'a', 'b'], ['validate', 'a', 'b', '--segments', '2'], ['validate', 'only-one']]) {
      const { code, stderr } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^error usage\./m);
    }
  });

  test('an unreadable or invalid model: exit 2 with the schema path', async () => {
    const items = file('one.jsonl', `${good(1)}\n`);
    let r = await run(['validate', path.join(dir, 'missing.json'), items]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /error usage\.file: cannot read model/);
    const bad = file('bad-model.json', { ...MODEL, attributes: { ...MODEL.attributes, age: { type: 'integer', min: 5, max: 1 } } });
    r = await run(['validate', bad, items]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error schema\.\w+ at attributes\.age/m);
  });
});

describe('dynamap validate', () => {
  test('all valid: exit 0 and the summary', async () => {
    const items = file('ok.jsonl', `${[1, 2, 3].map(good).join('\n')}\n`);
    const { code, stdout } = await run(['validate', path.join(dir, 'model.json'), items]);
    assert.equal(code, 0);
    assert.equal(stdout, '3 valid, 0 invalid\n');
  });

  test('each invalid line with its number, path, code and message; non-JSON lines counted', async () => {
    const lines = [
      good(1),
      JSON.stringify({ id: 'p2', at: 'x', age: 2, address: { zip: '1234' } }),
      'this is not json',
      '',
      JSON.stringify({ id: '', at: 'x', age: -1, address: { zip: '12345' } }),
      '[1, 2]',
      JSON.stringify({ id: 'p7', at: 'x', age: 7, address: { zip: '12345' }, extra: true }),
      good(8),
      JSON.stringify({ id: 'p9', at: 'x', address: { zip: '12345' } }),
    ];
    const items = file('mixed.jsonl', `${lines.join('\r\n')}`); // CRLF and no final newline
    const { code, stdout } = await run(['validate', path.join(dir, 'model.json'), items]);
    assert.equal(code, 1);
    const out = stdout.trimEnd().split('\n');
    assert.match(out[0], /^line 2: address\.zip pattern: /);
    assert.match(out[1], /^line 3: \(item\) json: not JSON/);
    assert.ok(out.some((l) => /^line 5: age min: expected at least 0, got -1$/.test(l)), stdout);
    assert.ok(out.some((l) => /^line 5: id minLength: /.test(l)), stdout);
    assert.ok(out.some((l) => /^line 6: \(item\) type: expected a JSON object/.test(l)), stdout);
    assert.ok(out.some((l) => /^line 7: extra unknownAttribute: /.test(l)), stdout);
    assert.ok(out.some((l) => /^line 9: age required: /.test(l)), stdout);
    assert.equal(out.at(-1), '2 valid, 6 invalid');
  });

  test('binary values as base64 and sets as arrays are accepted', async () => {
    const items = file('bin.jsonl', `${JSON.stringify({ id: 'p', at: 'x', age: 1, address: { zip: '12345' }, avatar: 'AAEC/w==', tags: ['a', 'b'] })}\n`);
    const { code, stdout } = await run(['validate', path.join(dir, 'model.json'), items]);
    assert.equal(code, 0, stdout);
  });

  test('a large file is streamed: 50,000 lines', async () => {
    const lines = [];
    for (let i = 0; i < 50_000; i++) lines.push(i % 10_000 === 1 ? '{"id":' : good(i));
    const items = file('large.jsonl', `${lines.join('\n')}\n`);
    const { code, stdout } = await run(['validate', path.join(dir, 'model.json'), items]);
    assert.equal(code, 1);
    const out = stdout.trimEnd().split('\n');
    assert.deepEqual(out.slice(0, -1).map((l) => l.split(':')[0]), ['line 2', 'line 10002', 'line 20002', 'line 30002', 'line 40002']);
    assert.equal(out.at(-1), '49995 valid, 5 invalid');
  });

  test('no progress output when stderr is not a terminal', async () => {
    const items = file('quiet.jsonl', `${good(1)}\n`);
    const { stderr } = await run(['validate', path.join(dir, 'model.json'), items]);
    assert.equal(stderr, '');
  });
});

describe('dynamap plan', () => {
  const plan = async (operation, input) => {
    const args = ['plan', path.join(dir, 'model.json'), operation];
    if (input !== undefined) args.push(file(`${operation}-input.json`, input));
    return run(args);
  };

  test('put prints the PutItem request', async () => {
    const { code, stdout } = await plan('put', { id: 'p1', at: 'x', age: 3, address: { zip: '12345' }, avatar: 'AQI=' });
    assert.equal(code, 0);
    const { operation, request } = JSON.parse(stdout);
    assert.equal(operation, 'PutItem');
    assert.equal(request.TableName, 'people');
    assert.deepEqual(request.Item.age, { N: '3' });
    assert.deepEqual(request.Item.avatar, { B: 'AQI=' });
  });

  test('get, delete, update, query, scan, createTable, deleteTable, batchWrite', async () => {
    const key = { id: 'p1', at: 'x' };
    const cases = [
      ['get', key, 'GetItem'],
      ['delete', key, 'DeleteItem'],
      ['update', { key, changes: { age: 4 } }, 'UpdateItem'],
      ['query', { key: { id: 'p1' }, index: 'byAge', limit: 5 }, 'Query'],
      ['scan', undefined, 'Scan'],
      ['createTable', undefined, 'CreateTable'],
      ['deleteTable', undefined, 'DeleteTable'],
    ];
    for (const [op, input, expected] of cases) {
      const { code, stdout, stderr } = await plan(op, input);
      assert.equal(code, 0, `${op}: ${stderr}`);
      assert.equal(JSON.parse(stdout).operation, expected, op);
    }
    const { stdout: u } = await plan('update', { key, changes: { age: 4 } });
    assert.match(JSON.parse(u).request.UpdateExpression, /^SET /);
    const { stdout: q } = await plan('query', { key: { id: 'p1' }, index: 'byAge', limit: 5 });
    assert.equal(JSON.parse(q).request.IndexName, 'byAge');
    const puts = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, at: 'x', age: i, address: { zip: '12345' } }));
    const { code, stdout } = await plan('batchWrite', { put: puts, delete: [{ id: 'q', at: 'y' }] });
    assert.equal(code, 0);
    const requests = JSON.parse(stdout);
    assert.equal(requests.length, 2);
    assert.ok(requests.every((r) => r.operation === 'BatchWriteItem'));
  });

  test('an invalid item: "error <code> at <path>: <message>" on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await plan('put', { id: 'p1', at: 'x', age: -2, address: { zip: 'abc' } });
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^error validation\.pattern at address\.zip: does not match/m);
    assert.match(stderr, /^error validation\.min at age: expected at least 0, got -2$/m);
  });

  test('update of a key attribute, unknown index, unknown operation, missing or non-JSON input: exit 2', async () => {
    let r = await plan('update', { key: { id: 'p1', at: 'x' }, changes: { id: 'p2' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error expression\.keyAttribute at id: /m);
    r = await plan('query', { key: { id: 'p1' }, index: 'nope' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error expression\.unknownIndex/m);
    r = await plan('frob', {});
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error usage\.unknownOperation: /m);
    r = await run(['plan', path.join(dir, 'model.json'), 'put']);
    assert.equal(r.code, 2);
    r = await run(['plan', path.join(dir, 'model.json'), 'put', file('notjson.json', '{')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error usage\.invalidJson: /m);
  });
});
