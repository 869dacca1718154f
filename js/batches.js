// Batches that never lose an item: every chunk is sent, what DynamoDB leaves unprocessed is
// sent again with backoff, and whatever is not known to be done when the batch ends (still
// unprocessed after the retries, in a chunk whose request failed, or in a chunk never started
// after a failure) is thrown back in one BatchError that holds exactly those items or keys.
// Writing them again is safe: batch puts and deletes are idempotent.
import { BatchError } from './errors.js';
import { backoffDelay, sleep } from './retry.js';

const defaults = { concurrency: 4, unprocessedAttempts: 8 };

// Runs `work` over `chunks`, at most `concurrency` at once. After a chunk fails, no new chunk is
// started (the in-flight ones finish); resolves to { failure, untouched } with the first error
// and the chunks never started.
async function eachLimited(chunks, concurrency, work) {
  let next = 0;
  let failure;
  const runners = Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
    while (next < chunks.length && failure === undefined) {
      const chunk = chunks[next++];
      try {
        await work(chunk);
      } catch (error) {
        failure ??= error;
      }
    }
  });
  await Promise.all(runners);
  return { failure, untouched: chunks.slice(next) };
}

// Sends one chunk, resending its unprocessed part; returns what is still not done, and, if the
// chunk's request failed for good, the error (its pending part is then all not done).
async function sendChunk(client, { operation, request }, unprocessedOf, { signal, attempts }) {
  let pending = request;
  for (let attempt = 1; ; attempt++) {
    let body;
    try {
      body = await client.send(operation, pending, { signal });
    } catch (error) {
      return { left: pending, error };
    }
    const rest = unprocessedOf(body);
    if (rest === undefined) return { left: undefined };
    if (attempt >= attempts) return { left: { RequestItems: rest } };
    await sleep(backoffDelay(client.retry, attempt, true), signal).catch(() => {});
    if (signal?.aborted) return { left: { RequestItems: rest }, error: signal.reason };
    pending = { RequestItems: rest };
  }
}

function batchError(message, unprocessed, cause) {
  return new BatchError(cause ? `${message} (first failure: ${cause.message})` : message, {
    code: 'batch.unprocessed',
    unprocessed,
    cause,
  });
}

/** Sends BatchGetItem chunks; resolves to every item found (JS values), in no particular order. */
export async function batchGet(client, model, keys, { signal, concurrency, onProgress, unprocessedAttempts, ...options } = {}) {
  const partial = options.select !== undefined;
  const plans = model.plan.batchGet(keys, client.requestOptions(options));
  const items = [];
  const leftKeys = [];
  let done = 0;
  const keysOf = (request) => Object.values(request.RequestItems).flatMap((table) => table.Keys);
  const { failure, untouched } = await eachLimited(plans, concurrency ?? defaults.concurrency, async (plan) => {
    const unprocessedOf = (body) => {
      const page = model._call(partial ? 'parse.partialBatchGet' : 'parse.batchGet', body);
      for (const item of page.items) items.push(model._decode(item));
      return page.unprocessed;
    };
    const { left, error } = await sendChunk(client, plan, unprocessedOf, { signal, attempts: unprocessedAttempts ?? defaults.unprocessedAttempts });
    if (left) leftKeys.push(...keysOf(left));
    done += keysOf(plan.request).length - (left ? keysOf(left).length : 0);
    onProgress?.({ done, total: keys.length });
    if (error) throw error;
  });
  for (const plan of untouched) leftKeys.push(...keysOf(plan.request));
  if (leftKeys.length > 0) {
    const unprocessed = model._call('parse.partialPage', JSON.stringify({ Items: leftKeys })).items.map((k) => model._decode(k));
    throw batchError(`${leftKeys.length} of ${keys.length} keys were not read`, { keys: unprocessed }, failure);
  }
  if (failure) throw failure;
  return items;
}

/** Sends BatchWriteItem chunks of puts and deletes; resolves when every write is done. */
export async function batchWrite(client, model, { put = [], delete: deletes = [] } = {}, { signal, concurrency, onProgress, unprocessedAttempts, ...options } = {}) {
  const plans = model.plan.batchWrite({ put, delete: deletes }, client.requestOptions(options));
  const total = put.length + deletes.length;
  const left = [];
  let done = 0;
  const writesOf = (request) => Object.values(request.RequestItems).flat();
  const unprocessedOf = (body) => {
    const rest = JSON.parse(body).UnprocessedItems ?? {};
    return Object.keys(rest).length === 0 ? undefined : rest;
  };
  const { failure, untouched } = await eachLimited(plans, concurrency ?? defaults.concurrency, async (plan) => {
    const outcome = await sendChunk(client, plan, unprocessedOf, { signal, attempts: unprocessedAttempts ?? defaults.unprocessedAttempts });
    if (outcome.left) left.push(...writesOf(outcome.left));
    done += writesOf(plan.request).length - (outcome.left ? writesOf(outcome.left).length : 0);
    onProgress?.({ done, total });
    if (outcome.error) throw outcome.error;
  });
  for (const plan of untouched) left.push(...writesOf(plan.request));
  if (left.length > 0) {
    const read = model._call('parse.unprocessedWrites', JSON.stringify(left));
    throw batchError(`${left.length} of ${total} writes were not done`, {
      put: read.put.map((v) => model._decode(v)),
      delete: read.delete.map((v) => model._decode(v)),
    }, failure);
  }
  if (failure) throw failure;
  return { written: total };
}
