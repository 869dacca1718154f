// One list of error codes (errors/codes.json) feeds the core, JS and the README: nothing may
// drift from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ERROR_CODES } from 'dynamap';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir, ext) {
  return readdirSync(path.join(root, dir), { recursive: true })
    .filter((f) => f.endsWith(ext))
    .map((f) => readFileSync(path.join(root, dir, f), 'utf8'));
}

test('the generated tables are up to date with errors/codes.json', () => {
  execFileSync(process.execPath, [path.join(root, 'scripts/gen-error-codes.mjs'), '--check'], { stdio: 'pipe' });
});

test('every code the JS layer raises is listed', () => {
  const used = sources('js', '.js').flatMap((text) => [...text.matchAll(/code: '([a-z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]));
  assert.ok(used.length > 5);
  for (const code of used) assert.ok(code in ERROR_CODES, `${code} is not in errors/codes.json`);
});

test('the core raises codes only through the generated constants', () => {
  const text = sources('core/src', '.cpp').join('\n') + sources('core/src', '.hpp').join('\n');
  assert.deepEqual(text.match(/push_back\(\{[^,{}]+,\s*"/g) ?? [], [], 'an issue built from a string literal code');
  assert.deepEqual(text.match(/throw_schema\([^;]*?,\s*"[a-zA-Z]+",/g) ?? [], [], 'a schema error with a literal code');
  for (const [, family, name] of text.matchAll(/codes::([a-z]+)::([a-z_]+)/g)) {
    const camel = name.replace(/_$/, '').replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    assert.ok(`${family}.${camel}` in ERROR_CODES, `${family}.${camel}`);
  }
});

test('every listed code names its error class', () => {
  for (const [code, entry] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^[a-z]+\.[a-zA-Z]+$/);
    assert.match(entry.class, /Error$/);
    assert.ok(entry.description.length > 10);
  }
});
