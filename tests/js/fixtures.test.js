// The shared fixtures (tests/fixtures/core/*.json), run through the public API and the WASM
// build; the Catch2 suite runs the same files through the native build. Fixture values are in
// the core's JSON form (a Date is {"$date": ms}, bytes {"$bytes": base64}, ...): decode() turns
// them into the JS values a user passes and gets back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

// The public API from the source, not the package's bundle: this file also reaches into js/
// internals, and both must be one module instance (one core, one NumberValue class).
import { marshall, model, unmarshall } from '../../js/index.js';
import { callCore, compileModel } from '../../js/core/core.js';
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

// Generators (tests/core/fixture_runner.hpp describes them): {"$repeat"}, {"$range"},
// {"$concat"} expand to values; {"$nest"} (inputs only) to JSON text spliced into the input.
const nestMarker = (i) => `@@nest-${i}@@`;

function expand(value, nests) {
  if (Array.isArray(value)) return value.map((v) => expand(v, nests));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const arg = value[keys[0]];
    switch (keys[0]) {
      case '$repeat': return arg[0].repeat(arg[1]);
      case '$range': return Array.from({ length: arg.count }, (_, i) => {
        const n = (arg.from ?? 0) + i;
        return arg.format === undefined ? n : arg.format.replace('{i}', String(n));
      });
      case '$concat': {
        const parts = arg.map((part) => expand(part, nests));
        return typeof parts[0] === 'string' ? parts.join('') : parts.flat();
      }
      case '$nest': {
        if (nests === undefined) throw new Error('$nest is for inputs only');
        nests.push(arg.open.repeat(arg.depth) + JSON.stringify(expand(arg.inside)) + arg.close.repeat(arg.depth));
        return nestMarker(nests.length - 1);
      }
      default: break;
    }
  }
  const out = {};
  for (const key of keys) Object.defineProperty(out, key, { value: expand(value[key], nests), enumerable: true, writable: true, configurable: true });
  return out;
}

function spliceNests(value, nests) {
  let text = JSON.stringify(value);
  nests.forEach((nest, i) => {
    const marker = JSON.stringify(nestMarker(i));
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`lost ${marker}`);
    text = text.slice(0, at) + nest + text.slice(at + marker.length);
  });
  return text;
}

// "inputText": the exact text (or bytes: {"hex"} runs) to send. Bytes reach the core as they are
// (callCore copies a Uint8Array into the module as it is), so input that is not UTF-8 can be sent.
function inputText(given) {
  if (typeof given === 'string') return given;
  const chunks = given.map((part) =>
    typeof part === 'string' ? new TextEncoder().encode(part) : Uint8Array.from(part.hex.split(/\s+/).filter(Boolean), (h) => parseInt(h, 16)),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

// Cases whose input only exists as text go to the core as that text.
function runText(m, c) {
  let text;
  if (c.inputText !== undefined) {
    text = inputText(c.inputText);
  } else {
    const nests = [];
    let input = expand(c.input, nests);
    if (c.op === 'validate' || c.op === 'toItem') input = { item: input };
    if ('now' in c) input.now = c.now;
    if ('seed' in c) input.seed = c.seed;
    text = spliceNests(input, nests);
  }
  if (c.op === 'compile') return compileModel(text, {});
  if (c.op === 'marshall' || c.op === 'unmarshall') return callCore(0, c.op, text);
  return m._call(c.op, text);
}

const usesNest = (value) => JSON.stringify(value ?? null).includes('"$nest"');

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
  // The core's ResponseError is a ServiceError in JS (js/core/core.js).
  assert.equal(error.name, expected.kind === 'ResponseError' ? 'ServiceError' : expected.kind);
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
      const m = model(expand(fixture.model));
      for (const raw of fixture.cases) {
        test(raw.name, () => {
          // "raw": the core's JSON form holds what no JS value can (a Set with a member twice).
          const text = raw.raw || raw.inputText !== undefined || raw.op === 'compile' || raw.op.startsWith('parse.') || usesNest(raw.input);
          const c = text ? raw : { ...raw, input: expand(raw.input) };
          const expected = c.error ? expand(c.error) : expand(c.result);
          const trees = c.input?.options?.condition !== undefined || c.input?.options?.filter !== undefined;
          const pinned = text || 'now' in c || 'seed' in c || rawOps.has(c.op) || trees;
          const call = () => (text ? runText(m, c) : pinned ? runPinned(m, c) : run(m, c));
          if (c.error) assert.throws(call, (e) => checkError(e, expected));
          else assert.deepEqual(call(), pinned ? expected : decode(expected));
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
