// The regex fixture (computed by V8's RegExp with the u flag) through the WASM build, as a
// `pattern` rule: the browser, Node and the native core must all give V8's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { model } from 'dynamap';

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/regex/cases.json', import.meta.url), 'utf8'));

test(`pattern rules agree with V8 on ${cases.length} cases`, () => {
  const models = new Map();
  const wrong = [];
  for (const { pattern, input, match } of cases) {
    if (!models.has(pattern)) {
      models.set(pattern, model({ name: 'P', table: 'patterns', key: { partition: 'id' },
        attributes: { id: { type: 'string' }, s: { type: 'string', pattern } } }));
    }
    const ok = models.get(pattern).validate({ id: 'x', s: input }).ok;
    if (ok !== match) wrong.push({ pattern, input, expected: match });
  }
  assert.deepEqual(wrong, []);
});

test('a pattern outside the dialect is a SchemaError naming the rule', () => {
  assert.throws(
    () => model({ name: 'P', table: 'patterns', key: { partition: 'id' },
      attributes: { id: { type: 'string' }, s: { type: 'string', pattern: '(a)\\1' } } }),
    (e) => e.code === 'schema.invalidPattern' && e.path === 'attributes.s.pattern',
  );
});

test('a pathological pattern runs in linear time', () => {
  const m = model({ name: 'P', table: 'patterns', key: { partition: 'id' },
    attributes: { id: { type: 'string' }, s: { type: 'string', pattern: '^(a+)+$' } } });
  assert.equal(m.validate({ id: 'x', s: `${'a'.repeat(50_000)}!` }).ok, false);
});
