// The hand-written TypeScript declarations (js/index.d.ts, js/types/*.d.ts): the type tests in
// tests/types compile under `strict` (every `// @ts-expect-error` there must meet its error), a
// deliberately wrong file fails to compile (so the checks can fail at all), an outside project
// resolves 'dynamap' through package.json's "types" condition, and the declarations list exactly
// what js/index.js exports, and exactly the codes of ERROR_CODES.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as api from 'dynamap';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = path.join(root, 'node_modules/.bin/tsc');

function compile(project) {
  const started = Date.now();
  const run = spawnSync(tsc, ['-p', project, '--pretty', 'false'], { cwd: path.dirname(project), encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}`, ms: Date.now() - started };
}

test('the type tests compile under strict (tsc -p tests/types)', () => {
  const { status, output, ms } = compile(path.join(root, 'tests/types/tsconfig.json'));
  assert.equal(status, 0, output);
  assert.ok(ms < 20_000, `tsc took ${ms} ms`);
});

// A project outside the repository that installs dynamap (node_modules/dynamap -> the repository)
// and compiles with node16 resolution, as a user's would: 'dynamap' resolves through the
// "types" condition of package.json's exports, not through tests/types' paths.
test('an outside project gets the types through package.json, and a wrong use fails to compile', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dynamap-types-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(root, path.join(dir, 'node_modules/dynamap'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'node16',
        moduleResolution: 'node16',
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      include: ['*.ts'],
    }),
  );
  // Every runtime export must be declared: a missing one is TS2339 here.
  const names = Object.keys(api).sort();
  writeFileSync(
    path.join(dir, 'good.ts'),
    [
      "import * as api from 'dynamap';",
      "import { model, type InferItem } from 'dynamap';",
      `export const exported = [${names.map((n) => `api.${n}`).join(', ')}];`,
      "const Order = model({ name: 'Order', table: 'orders', key: { partition: 'id' },",
      "  attributes: { id: 'string', quantity: 'integer', status: { type: 'enum', values: ['new', 'paid'] } } });",
      "export const item: InferItem<typeof Order> = { id: 'o1', quantity: 2, status: 'paid' };",
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'bad.ts'),
    [
      "import { model, type InferItem } from 'dynamap';",
      "const Order = model({ name: 'Order', table: 'orders', key: { partition: 'id' }, attributes: { id: 'string', quantity: 'integer' } });",
      "export const item: InferItem<typeof Order> = { id: 'o1', quantity: 'two' };",
      '',
    ].join('\n'),
  );
  const { status, output } = compile(path.join(dir, 'tsconfig.json'));
  assert.notEqual(status, 0, 'the wrong file compiled');
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  assert.equal(errors.length, 1, output);
  assert.match(errors[0], /^bad\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
});

test('index.d.ts declares exactly the values js/index.js exports', () => {
  const text = readFileSync(path.join(root, 'js/index.d.ts'), 'utf8');
  const declared = new Set();
  for (const [, list] of text.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const name of list.split(',').map((s) => s.trim()).filter(Boolean)) declared.add(name.split(/\s+as\s+/).pop());
  }
  for (const [, name] of text.matchAll(/^export declare (?:function|class|const) (\w+)/gm)) declared.add(name);
  assert.deepEqual([...declared].sort(), Object.keys(api).sort());
});

test('KnownErrorCode lists exactly the codes of ERROR_CODES', () => {
  const text = readFileSync(path.join(root, 'js/types/error_codes.d.ts'), 'utf8');
  const union = text.slice(text.indexOf('export type KnownErrorCode'));
  const declared = [...union.matchAll(/\| '([a-z]+\.[A-Za-z]+)'/g)].map((m) => m[1]);
  assert.deepEqual(declared.sort(), Object.keys(api.ERROR_CODES).sort());
});
