// dynamap validate <model.json> <items.jsonl>: every invalid line with its number, path, code and
// message, then "N valid, M invalid". Streams the file line by line.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import { EXIT, CliUsageError, loadModel, progressLine, reviveItem, writeOut } from './io.js';

/** The problems of one line as [{ path, code, message }] (empty when valid). */
export function lineIssues(M, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { issues: [{ path: '', code: 'json', message: `not JSON: ${e.message}` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { issues: [{ path: '', code: 'type', message: 'expected a JSON object (one item per line)' }] };
  }
  const item = reviveItem(M, value);
  try {
    const result = M.validate(item);
    return result.ok ? { issues: [], item, value: result.value } : { issues: result.errors };
  } catch (e) {
    return { issues: [{ path: e.path ?? '', code: e.code ?? 'invalid', message: e.message }] };
  }
}

export function issueLine(lineNo, { path, code, message }) {
  return `line ${lineNo}: ${path || '(item)'} ${code}: ${message}\n`;
}

export async function validateCommand([modelPath, itemsPath, ...extra]) {
  if (!modelPath || !itemsPath || extra.length) throw new CliUsageError('usage: dynamap validate <model.json> <items.jsonl>');
  const M = await loadModel(modelPath);
  const input = createReadStream(itemsPath);
  const opened = new Promise((resolve, reject) => { input.once('open', resolve); input.once('error', reject); });
  try {
    await opened;
  } catch (e) {
    throw new CliUsageError(`cannot read items ${itemsPath}: ${e.code ?? e.message}`, 'usage.file');
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  const progress = progressLine();
  let lineNo = 0;
  let valid = 0;
  let invalid = 0;
  for await (const text of rl) {
    lineNo++;
    if (text.trim() === '') continue;
    const { issues } = lineIssues(M, text);
    if (issues.length === 0) valid++;
    else {
      invalid++;
      progress.done(); // clear the progress line before writing to a shared terminal
      for (const issue of issues) await writeOut(process.stdout, issueLine(lineNo, issue));
    }
    progress.update(`validate: line ${lineNo}, ${valid} valid, ${invalid} invalid`);
  }
  progress.done();
  await writeOut(process.stdout, `${valid} valid, ${invalid} invalid\n`);
  return invalid > 0 ? EXIT.invalid : EXIT.ok;
}
