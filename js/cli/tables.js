// create-table / delete-table, and the client every server command uses.
import { createClient } from '../index.js';
import { CliUsageError, EXIT, loadModel, writeOut } from './io.js';

/** A client from --endpoint, --region (else AWS_REGION), --prefix; credentials from AWS_*. */
export function clientFrom(options) {
  return createClient({
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    endpoint: options.endpoint,
    tablePrefix: options.prefix,
  });
}

export async function createTableCommand([modelPath, ...extra], options) {
  if (!modelPath || extra.length) throw new CliUsageError('usage: dynamap create-table <model.json>');
  const M = await loadModel(modelPath);
  const db = clientFrom(options);
  await db.createTable(M);
  await writeOut(process.stdout, `created table ${options.prefix ?? ''}${M.table}\n`);
  return EXIT.ok;
}

export async function deleteTableCommand([modelPath, ...extra], options) {
  if (!modelPath || extra.length) throw new CliUsageError('usage: dynamap delete-table <model.json>');
  const M = await loadModel(modelPath);
  const db = clientFrom(options);
  await db.deleteTable(M);
  await writeOut(process.stdout, `deleted table ${options.prefix ?? ''}${M.table}\n`);
  return EXIT.ok;
}
