// dynamap import <model.json> <items.jsonl>: validated, batched, retried, resumable.
//
// Lines are read in order and written in groups of --batch-size lines (default 200). After each
// group is done (written, or left unprocessed and saved to <items>.unprocessed.jsonl), the byte
// offset just past its last line is saved atomically (write + rename) in
// <items>.dynamap-progress with the running counts, so an interrupted import resumes at the first
// line not known written. A group never holds one key twice: a repeated key flushes the group
// first, so writes of one key land in file order. Puts are idempotent, so a group resent after an
// interruption changes nothing.
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';

import { BatchError } from '../index.js';
import { CliUsageError, EXIT, keyString, loadModel, progressLine, toJsonLine, writeOut, linesWithOffsets } from './io.js';
import { issueLine, lineIssues } from './validate.js';
import { clientFrom } from './tables.js';

const PROGRESS_VERSION = 1;

async function readProgress(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const p = JSON.parse(text);
    if (p.version === PROGRESS_VERSION && Number.isSafeInteger(p.offset) && Number.isSafeInteger(p.line)) return p;
  } catch { /* fall through */ }
  throw new CliUsageError(`${file} is not a dynamap progress file: remove it or pass --restart`, 'usage.invalidProgress');
}

async function saveProgress(file, state) {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ version: PROGRESS_VERSION, ...state })}\n`);
  await rename(tmp, file);
}

export async function importCommand([modelPath, itemsPath, ...extra], options) {
  if (!modelPath || !itemsPath || extra.length) throw new CliUsageError('usage: dynamap import <model.json> <items.jsonl>');
  const batchSize = options['batch-size'] === undefined ? 200 : Number(options['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new CliUsageError('--batch-size takes an integer >= 1', 'usage.invalidOption');
  const attempts = options.attempts === undefined ? undefined : Number(options.attempts);
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1)) {
    throw new CliUsageError('--attempts takes an integer >= 1', 'usage.invalidOption');
  }
  const M = await loadModel(modelPath);
  let size;
  try {
    size = (await stat(itemsPath)).size;
  } catch (e) {
    throw new CliUsageError(`cannot read items ${itemsPath}: ${e.code ?? e.message}`, 'usage.file');
  }
  const progressFile = `${itemsPath}.dynamap-progress`;
  const unprocessedFile = `${itemsPath}.unprocessed.jsonl`;
  const db = clientFrom(options);
  const writer = db.model(M);

  const fresh = { offset: 0, line: 1, read: 0, written: 0, invalid: 0, unprocessed: 0 };
  let state = { ...fresh };
  if (options.restart) {
    await rm(progressFile, { force: true });
  } else {
    const saved = await readProgress(progressFile);
    if (saved) {
      if (saved.offset > size) throw new CliUsageError(`${progressFile} is past the end of ${itemsPath}: pass --restart`, 'usage.invalidProgress');
      state = { ...fresh, ...saved };
      delete state.version;
      process.stderr.write(`resuming at line ${state.line} (byte ${state.offset} of ${size}): ${state.read} lines read before\n`);
    }
  }
  if (state.offset === 0) await rm(unprocessedFile, { force: true });
  const unprocessedOut = createWriteStream(unprocessedFile, { flags: 'a' });
  await once(unprocessedOut, 'open');

  const progress = progressLine();
  const show = (force) => progress.update(
    `import: ${Math.floor((100 * state.offset) / Math.max(size, 1))}% read ${state.read + pending.read}, written ${state.written + pending.written}, invalid ${state.invalid + pending.invalid}, unprocessed ${state.unprocessed}`, force);

  // What was read since the last checkpoint.
  let group = [];
  let keys = new Set();
  let pending = { read: 0, invalid: 0, written: 0, lines: 0, end: state.offset, line: state.line };

  const flush = async () => {
    let written = group.length;
    if (group.length > 0) {
      try {
        await writer.batchWrite({ put: group }, {
          unprocessedAttempts: attempts,
          onProgress: ({ done }) => { pending.written = done; show(); },
        });
      } catch (e) {
        if (!(e instanceof BatchError) || e.cause) throw e; // a failure (network, service): exit 3, resumable
        const left = e.unprocessed?.put ?? [];
        for (const item of left) await writeOut(unprocessedOut, `${toJsonLine(item)}\n`);
        await new Promise((resolve, reject) => unprocessedOut.write('', (err) => (err ? reject(err) : resolve())));
        written -= left.length;
        state.unprocessed += left.length;
      }
    }
    state.read += pending.read;
    state.invalid += pending.invalid;
    state.written += written;
    state.offset = pending.end;
    state.line = pending.line;
    await saveProgress(progressFile, state);
    group = [];
    keys = new Set();
    pending = { read: 0, invalid: 0, written: 0, lines: 0, end: state.offset, line: state.line };
    show();
  };

  for await (const { text, line, end } of linesWithOffsets(itemsPath, { start: state.offset, firstLine: state.line })) {
    if (text.trim() !== '') {
      const { issues, item } = lineIssues(M, text);
      if (issues.length > 0) {
        progress.done();
        for (const issue of issues) await writeOut(process.stdout, issueLine(line, issue));
        pending.invalid++;
      } else {
        const key = keyString(M, item);
        if (keys.has(key)) await flush();
        keys.add(key);
        group.push(item);
      }
      pending.read++;
    }
    pending.end = end;
    pending.line = line + 1;
    if (++pending.lines >= batchSize) await flush();
  }
  await flush();
  progress.done();
  unprocessedOut.end();
  await once(unprocessedOut, 'close');
  if (state.unprocessed === 0) await rm(unprocessedFile, { force: true });
  await rm(progressFile, { force: true });
  const lost = state.read - state.written - state.invalid - state.unprocessed;
  await writeOut(process.stdout,
    `read ${state.read}, written ${state.written}, invalid ${state.invalid}, unprocessed ${state.unprocessed}` +
    (state.unprocessed > 0 ? ` (saved to ${unprocessedFile})` : '') + (lost !== 0 ? ` MISMATCH ${lost}` : '') + '\n');
  return state.unprocessed > 0 ? EXIT.partial : EXIT.ok;
}
