// The shared fixtures (tests/fixtures/core), run through the public API and the WASM build; the
// Catch2 suite runs the same files through the native build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { model } from 'dynamap';

const load = (name) => JSON.parse(readFileSync(new URL(`../fixtures/core/${name}`, import.meta.url), 'utf8'));

// RFC 7386 JSON merge patch, as nlohmann's merge_patch applies it on the C++ side.
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function run(m, op, input) {
  switch (op) {
    case 'validate': return m.validate(input);
    case 'toItem': return m.toItem(input);
    case 'fromItem': return m.fromItem(input);
    case 'plan.put': return m.plan.put(input.item, input.options);
    case 'plan.get': return m.plan.get(input.key, input.options);
    case 'plan.delete': return m.plan.delete(input.key, input.options);
    case 'plan.createTable': return m.plan.createTable(input.options);
    default: throw new Error(`fixture op ${op} has no runner`);
  }
}

function checkError(error, expected) {
  assert.equal(error.name, expected.kind);
  assert.equal(error.code, expected.code);
  if ('path' in expected) assert.equal(error.path, expected.path);
  if ('issues' in expected) assert.deepEqual(error.errors, expected.issues);
  return true;
}

describe('order model fixtures', () => {
  const fixture = load('order_model.json');
  const m = model(fixture.model);
  for (const c of fixture.cases) {
    test(c.name, () => {
      if (c.error) assert.throws(() => run(m, c.op, c.input), (e) => checkError(e, c.error));
      else assert.deepEqual(run(m, c.op, c.input), c.result);
    });
  }
});

describe('invalid model fixtures', () => {
  const fixture = load('invalid_models.json');
  for (const c of fixture.cases) {
    test(c.name, () => {
      assert.throws(() => model(mergePatch(fixture.base, c.patch)), (e) =>
        checkError(e, { kind: 'SchemaError', ...c.error }),
      );
    });
  }
});
