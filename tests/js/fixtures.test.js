// The shared fixtures (tests/fixtures/core/*.json), run through the public API and the WASM
// build; the Catch2 suite runs the same files through the native build. Fixture values are in
// the core's JSON form (a Date is {"$date": ms}, bytes {"$bytes": base64}, ...): decode() turns
// them into the JS values a user passes and gets back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

import { marshall, model, unmarshall } from 'dynamap';
import { decode } from '../../js/core/value_codec.js';

const folder = new URL('../fixtures/core/', import.meta.url);
const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();

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

function run(m, c) {
  const input = c.input === undefined ? undefined : decode(c.input);
  switch (c.op) {
    case 'validate': return m.validate(input);
    case 'toItem': return m.toItem(input);
    case 'fromItem': return m.fromItem(c.input);
    case 'marshall': return marshall(input);
    case 'unmarshall': return unmarshall(c.input);
    case 'plan.put': return m.plan.put(input.item, input.options);
    case 'plan.get': return m.plan.get(input.key, input.options);
    case 'plan.delete': return m.plan.delete(input.key, input.options);
    case 'plan.createTable': return m.plan.createTable(input?.options);
    default: return undefined; // the builders' own output: sent to the core as written (runRaw)
  }
}

// Expression trees are what the JS builders produce; fixtures give the trees themselves, so
// these cases go to the core as written.
const rawOps = new Set(['plan.update', 'plan.query', 'plan.scan', 'plan.batchGet', 'plan.batchWrite', 'plan.describeTable', 'plan.updateTimeToLive']);

// Cases that pin the clock or the random seed go to the core directly: the public API always
// brings the real ones.
function runPinned(m, c) {
  const input = c.op === 'validate' || c.op === 'toItem' ? { item: c.input } : { ...c.input };
  if ('now' in c) input.now = c.now;
  if ('seed' in c) input.seed = c.seed;
  return m._call(c.op, JSON.stringify(input));
}

function checkError(error, expected) {
  assert.equal(error.name, expected.kind);
  assert.equal(error.code, expected.code);
  if ('path' in expected) assert.equal(error.path ?? '', expected.path);
  if ('issues' in expected) assert.deepEqual(error.errors, expected.issues);
  return true;
}

let total = 0;
for (const file of files) {
  const fixture = JSON.parse(readFileSync(new URL(file, folder), 'utf8'));
  total += fixture.cases.length;
  describe(file, () => {
    if (fixture.model) {
      const m = model(fixture.model);
      for (const c of fixture.cases) {
        test(c.name, () => {
          const trees = c.input?.options?.condition !== undefined || c.input?.options?.filter !== undefined;
          const pinned = 'now' in c || 'seed' in c || rawOps.has(c.op) || trees;
          const call = () => (pinned ? runPinned(m, c) : run(m, c));
          if (c.error) assert.throws(call, (e) => checkError(e, c.error));
          else assert.deepEqual(call(), pinned ? c.result : decode(c.result));
        });
      }
    } else {
      for (const c of fixture.cases) {
        test(c.name, () => {
          assert.throws(() => model(mergePatch(fixture.base, c.patch)), (e) =>
            checkError(e, { kind: 'SchemaError', ...c.error }),
          );
        });
      }
    }
  });
}

test('the fixtures hold cases', () => assert.ok(total > 0));
