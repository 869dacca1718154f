// Operation options as the core reads them: builders (conditions) become their plain-data trees;
// what only JS uses (signal, onProgress, ...) stays out.
import { toConditionNode } from '../expressions/condition.js';

const conditionOptions = ['condition', 'filter', 'sort'];

export function coreOptions(options) {
  if (options === undefined || options === null) return undefined;
  const out = { ...options };
  for (const name of conditionOptions) {
    if (out[name] !== undefined && out[name] !== null) out[name] = toConditionNode(out[name]);
  }
  return out;
}
