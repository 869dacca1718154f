// dynamap plan <model.json> <operation> [input.json]: prints the request JSON of a dry run.
import { CliUsageError, EXIT, loadModel, readJsonFile, reviveItem, writeOut } from './io.js';

export const PLAN_OPERATIONS = ['put', 'get', 'delete', 'update', 'query', 'scan', 'createTable', 'deleteTable', 'batchWrite'];
const NEEDS_INPUT = new Set(['put', 'get', 'delete', 'update', 'query', 'batchWrite']);

function object(value, what) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliUsageError(`${what} must be a JSON object`, 'usage.invalidArgument');
  }
  return value;
}

export async function planCommand([modelPath, operation, inputPath, ...extra]) {
  if (!modelPath || !operation || extra.length) {
    throw new CliUsageError('usage: dynamap plan <model.json> <operation> [input.json]');
  }
  if (!PLAN_OPERATIONS.includes(operation)) {
    throw new CliUsageError(`unknown operation ${JSON.stringify(operation)}: one of ${PLAN_OPERATIONS.join(', ')}`, 'usage.unknownOperation');
  }
  if (NEEDS_INPUT.has(operation) && !inputPath) throw new CliUsageError(`plan ${operation} needs an input JSON file`);
  const M = await loadModel(modelPath);
  const input = inputPath ? await readJsonFile(inputPath, 'input') : undefined;
  const revive = (v) => reviveItem(M, v);
  let result;
  switch (operation) {
    case 'put': result = M.plan.put(revive(object(input, 'the item'))); break;
    case 'get': result = M.plan.get(revive(object(input, 'the key'))); break;
    case 'delete': result = M.plan.delete(revive(object(input, 'the key'))); break;
    case 'update': {
      const { key, changes, ...rest } = object(input, 'the input ({ key, changes })');
      if (Object.keys(rest).length) throw new CliUsageError(`update input takes { key, changes }, not ${Object.keys(rest).join(', ')}`);
      result = M.plan.update(revive(object(key, 'key')), revive(object(changes, 'changes')));
      break;
    }
    case 'query': {
      const { key, ...options } = object(input, 'the input ({ key, ...options })');
      result = M.plan.query(revive(object(key, 'key')), options);
      break;
    }
    case 'scan': result = M.plan.scan(input === undefined ? undefined : object(input, 'the options')); break;
    case 'createTable': result = M.plan.createTable(input === undefined ? undefined : object(input, 'the options')); break;
    case 'deleteTable': result = M.plan.deleteTable(input === undefined ? undefined : object(input, 'the options')); break;
    case 'batchWrite': {
      const { put = [], delete: deletes = [], ...rest } = object(input, 'the input ({ put, delete })');
      if (Object.keys(rest).length) throw new CliUsageError(`batchWrite input takes { put, delete }, not ${Object.keys(rest).join(', ')}`);
      if (!Array.isArray(put) || !Array.isArray(deletes)) throw new CliUsageError('batchWrite: put and delete are arrays');
      result = M.plan.batchWrite({ put: put.map(revive), delete: deletes.map(revive) });
      break;
    }
  }
  await writeOut(process.stdout, `${JSON.stringify(result, null, 2)}\n`);
  return EXIT.ok;
}
