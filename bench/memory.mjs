// Memory before and after BENCH_OPS (default 1,000,000) mixed dynamap operations, in a process
// of its own: `node --expose-gc bench/memory.mjs` prints one JSON line. The mix cycles through
// marshall, unmarshall, fromItem, plan.put, plan.update and plan.query on the small item, so a
// million operations fit in the benchmark's time budget.
import { loadedCore } from '../js/core/load_node.js';
import { datesAsText } from './libs/document.mjs';
import * as dynamap from './libs/dynamap.mjs';
import { shapes } from './shapes.mjs';

const ops = Number(process.env.BENCH_OPS ?? 1e6);
const core = loadedCore();

function operations(shape) {
  const lib = dynamap.setup(shape, datesAsText(shape.item));
  const schemalessAV = lib.marshall();
  const itemAV = lib.put().Item;
  return [lib.marshall, () => lib.unmarshall(schemalessAV), () => lib.read(itemAV), lib.put, lib.update, lib.query];
}

function snapshot() {
  globalThis.gc();
  const m = process.memoryUsage();
  return {
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    rss: m.rss,
    // The WebAssembly instance's linear memory (it only grows).
    wasm: core.HEAP8.buffer.byteLength,
  };
}

const mix = operations(shapes[0]);
for (const op of mix) op(); // first calls: lazy compilation, caches
const before = snapshot();
const t0 = performance.now();
let tenth;
let done = 0;
while (done < ops) {
  for (let i = 0; i < mix.length && done < ops; i++, done++) mix[i]();
  if (tenth === undefined && done >= ops / 10) tenth = snapshot();
}
const seconds = (performance.now() - t0) / 1000;
const after = snapshot();
console.log(JSON.stringify({ ops: done, seconds, before, tenth, after }));
