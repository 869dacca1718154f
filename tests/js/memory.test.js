// The WebAssembly core does not leak: 100,000 operations of each kind, done through the core
// without I/O (validation, mapping, every request plan, schemaless marshalling, response reading,
// and the error paths that throw), leave its heap where a warm-up left it; and compiled models
// are released once JS drops them (FinalizationRegistry; there is no explicit release).
//
// Two measures after each kind's warm-up. The memory's byteLength (what the process pays, and
// WebAssembly memory never shrinks) may grow by at most 1 MiB. It is blunt: the heap starts with
// megabytes of slack, so a leak shows there only once the slack is used up. Hence the second: the
// heap's top, the address malloc gives a 1 MiB block (taken from the top of the heap when no
// free block is that large, and freed at once). Leaked blocks pile up below it, so it rises by
// about what leaked (a 40-byte leak per call moves it by ~4.8 MB over 100,000 calls); it too may
// rise by at most 1 MiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The public API from the source, not the package's bundle: this file also reaches into js/
// internals, and both must be one module instance (one core, one NumberValue class).
import { ExpressionError, SchemaError, ServiceError, UsageError, ValidationError, marshall, model, unmarshall, update, where } from '../../js/index.js';
import { loadedCore } from '../../js/core/load_node.js';
import { callCore } from '../../js/core/core.js';
import { encodeInput } from '../../js/core/value_codec.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const core = loadedCore();
const COUNT = 100_000;
const WARM_UP = 2_000;
const MiB = 1024 * 1024;

const definition = {
  name: 'Row',
  table: 'rows',
  key: { partition: 'pk', sort: 'sk' },
  attributes: {
    pk: 'string',
    sk: 'string',
    n: { type: 'number', optional: true },
    d: { type: 'decimal', optional: true },
    tags: { type: 'set', of: 'string', optional: true },
    m: { type: 'map', optional: true, fields: { a: 'string' } },
  },
  indexes: { byN: { type: 'local', sort: 'n' } },
};
const Row = model(definition);

const item = (i) => ({ pk: 'p', sk: `s${i}`, n: i, d: '1.5', tags: new Set(['a', `t${i % 7}`]), m: { a: 'x' } });
const stored = (i) => ({ pk: { S: 'p' }, sk: { S: `s${i}` }, n: { N: String(i) }, d: { N: '1.5' }, tags: { SS: ['a'] }, m: { M: { a: { S: 'x' } } } });
const key = (i) => ({ pk: 'p', sk: `s${i}` });

/** The heap's top: where a fresh 1 MiB block goes (freed again at once). */
function heapTop() {
  const p = core._malloc(MiB);
  core._free(p);
  return p;
}

const throws = (fn, Class) => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof Class)) throw error;
    return error;
  }
  throw new Error(`expected a ${Class.name}`);
};

const bodies = [
  JSON.stringify({ Item: stored(1) }),
  '{"Item":{"pk":{"S":"p"}',
  JSON.stringify({ Item: { ...stored(2), n: { N: '1e999' } } }),
  JSON.stringify({ Item: 'x' }),
];

// Each kind: one operation per call, varied by i; each returns something checked at the end.
const kinds = {
  validate: (i) => Row.validate(i % 2 ? item(i) : { ...item(i), n: 'NaN' }),
  toItem: (i) => Row.toItem(item(i)),
  fromItem: (i) => Row.fromItem(stored(i)),
  'plan.put': (i) => Row.plan.put(item(i), { condition: where('n').notExists() }),
  'plan.update': (i) => Row.plan.update(key(i), i % 2 ? update().set('n', i).add('tags', new Set(['b'])).remove('d') : { n: i }, { returnValues: 'ALL_NEW' }),
  'plan.query': (i) => (i % 2
    ? Row.plan.query({ pk: 'p' }, { sort: where('sk').beginsWith(`s${i % 10}`), filter: where('n').gt(i), limit: 10 })
    : Row.plan.scan({ filter: where('m.a').eq('x'), index: 'byN', segment: 1, totalSegments: 4 })),
  'plan.get': (i) => Row.plan.get(key(i), { consistent: true, select: ['n', 'm.a'] }),
  'plan.delete': (i) => Row.plan.delete(key(i), { condition: where('n').lt(i), returnValues: 'ALL_OLD' }),
  'plan.batch': (i) => (i % 2
    ? Row.plan.batchGet([key(i), key(i + 1)])
    : Row.plan.batchWrite({ put: [item(i)], delete: [key(i + 1)] })),
  'plan.transact': (i) => {
    const ops = [
      [Row.tx.put(item(i)), Row.tx.update(key(i + 1), update().add('n', 1))],
      [Row.tx.delete(key(i)), Row.tx.check(key(i + 1), where('n').exists())],
      [Row.tx.get(key(i)), Row.tx.get(key(i + 1))],
    ][i % 3];
    const items = ops.map((op) => ({ model: op.model._handle, [op.kind]: op.input }));
    return i % 3 < 2
      ? callCore(0, 'plan.transactWrite', encodeInput({ items, options: { token: `token-${i}` } }))
      : callCore(0, 'plan.transactGet', encodeInput({ items, options: {} }));
  },
  marshall: (i) => marshall({ a: i, b: `x${i}`, c: [1, { d: true, e: null }], s: new Set(['a', 'b']), big: 2n ** 70n }),
  unmarshall: (i) => unmarshall({ a: { N: String(i) }, b: { S: 'x' }, c: { L: [{ N: '1' }, { M: { d: { BOOL: true } } }] }, s: { NS: ['1', '2'] } }),
  'error paths': (i) => {
    switch (i % 6) {
      case 0: return throws(() => Row.toItem({ pk: '', sk: i }), ValidationError);
      case 1: return throws(() => Row.plan.update(key(i), update().set('n', 1).remove('n')), ExpressionError);
      case 2: return throws(() => Row.plan.get(key(i), { consistant: true }), UsageError);
      case 3: return throws(() => Row.fromItem({ pk: { S: 'p' }, sk: { N: String(i) } }), ValidationError);
      case 4: return throws(() => Row._call('parse.getItem', '<html>'), ServiceError);
      default: return throws(() => model({ ...definition, attributes: { ...definition.attributes, x: { type: 'nope' } } }), SchemaError);
    }
  },
  'response reads': (i) => {
    if (i % 3 === 0) return callCore(0, 'parse.error', JSON.stringify({ status: 400, body: JSON.stringify({ __type: 'x#ConditionalCheckFailedException', message: `m${i}` }) }));
    if (i % 3 === 1) return Row._call('parse.page', JSON.stringify({ Items: [stored(i), stored(i + 1)], Count: 2, LastEvaluatedKey: { pk: { S: 'p' }, sk: { S: `s${i}` }, n: { N: '1' } } }));
    try {
      return Row._call('parse.getItem', bodies[i % bodies.length]);
    } catch (error) {
      return error;
    }
  },
};

test(`the core's heap does not grow over ${COUNT.toLocaleString('en')} operations of each kind`, { timeout: 600_000 }, () => {
  const report = [];
  for (const [kind, run] of Object.entries(kinds)) {
    for (let i = 0; i < WARM_UP; i++) run(i);
    const size = core.HEAPU8.byteLength;
    const top = heapTop();
    const started = performance.now();
    let last;
    for (let i = 0; i < COUNT; i++) last = run(i);
    const ms = Math.round(performance.now() - started);
    const grown = core.HEAPU8.byteLength - size;
    const risen = heapTop() - top;
    report.push(`${kind}: ${ms} ms, memory +${grown} B, heap top +${risen} B`);
    assert.ok(last !== undefined, `${kind} returned nothing`);
    assert.ok(grown <= MiB, `${kind}: the memory grew by ${grown} bytes`);
    assert.ok(risen <= MiB, `${kind}: the heap's top rose by ${risen} bytes`);
  }
  console.log(`[memory] ${report.join('; ')}`);
});

test('the heap-top measure sees a leak of 40 bytes per call', () => {
  const top = heapTop();
  const leaked = [];
  for (let i = 0; i < COUNT; i++) leaked.push(core._malloc(40));
  const risen = heapTop() - top;
  for (const p of leaked) core._free(p);
  assert.ok(risen > MiB, `rose by only ${risen} bytes`);
});

async function collectModels(baseline) {
  for (let round = 0; round < 100 && core.liveModels() > baseline; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5)); // finalizers run in a later task
  }
  return core.liveModels();
}

test('models JS no longer references are released, and compiling them leaks nothing', { timeout: 300_000 }, async () => {
  const baseline = core.liveModels();
  assert.ok(baseline >= 1, 'Row is live');
  const compileBatch = (n) => {
    const models = Array.from({ length: n }, (_, i) => model({ ...definition, name: `Row${i}`, table: `rows_${i % 50}` }));
    // While referenced they are live, and they work.
    assert.equal(core.liveModels(), baseline + n);
    assert.equal(models[n - 1].plan.get(key(1)).request.TableName, `rows_${(n - 1) % 50}`);
  };

  compileBatch(1000);
  assert.equal(await collectModels(baseline), baseline, 'models left live after the garbage collector ran');

  // Compile-and-release cycles after that warm-up leave the heap where it was.
  const size = core.HEAPU8.byteLength;
  const top = heapTop();
  for (let batch = 0; batch < 10; batch++) {
    compileBatch(1000);
    assert.equal(await collectModels(baseline), baseline);
  }
  const grown = core.HEAPU8.byteLength - size;
  const risen = heapTop() - top;
  console.log(`[memory] 10,000 models compiled and released: memory +${grown} B, heap top +${risen} B`);
  assert.ok(grown <= MiB, `the memory grew by ${grown} bytes`);
  assert.ok(risen <= MiB, `the heap's top rose by ${risen} bytes`);
  // The model this file uses throughout is still live and works.
  assert.deepEqual(Row.fromItem(stored(1)).sk, 's1');
});
