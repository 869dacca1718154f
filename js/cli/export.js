// dynamap export <model.json> [--index name] [--segments n]: every item as one JSON line on stdout.
import { CliUsageError, EXIT, loadModel, progressLine, toJsonLine, writeOut } from './io.js';
import { clientFrom } from './tables.js';

export async function exportCommand([modelPath, ...extra], options) {
  if (!modelPath || extra.length) throw new CliUsageError('usage: dynamap export <model.json> [--index name] [--segments n]');
  const segments = options.segments === undefined ? 4 : Number(options.segments);
  if (!Number.isInteger(segments) || segments < 1 || segments > 1000000) {
    throw new CliUsageError('--segments takes an integer from 1 to 1000000', 'usage.invalidOption');
  }
  const M = await loadModel(modelPath);
  const db = clientFrom(options);
  let scan = db.model(M).scan();
  if (options.index !== undefined) scan = scan.index(options.index);
  scan = scan.segments(segments);
  const progress = progressLine();
  let count = 0;
  const emit = async (item) => {
    count++;
    await writeOut(process.stdout, `${toJsonLine(item)}\n`);
    progress.update(`export: ${count} items`);
  };
  if (typeof scan._segmented === 'function' && typeof M._decode === 'function') {
    // The segments read concurrently (for await over a segmented scan reads them one by one).
    await Promise.all(scan._segmented().map(async (pages) => {
      for await (const page of pages) for (const raw of page.items) await emit(M._decode(raw));
    }));
  } else {
    for await (const item of scan) await emit(item);
  }
  progress.done();
  if (process.stderr.isTTY) process.stderr.write(`exported ${count} items\n`);
  return EXIT.ok;
}
