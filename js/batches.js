// Batches that never lose an item: every chunk is sent, what DynamoDB leaves unprocessed is
// sent again with backoff, and what is still unprocessed after the retries is thrown back in a
// BatchError that holds exactly those items or keys.
import { BatchError } from './errors.js';
import { backoffDelay, sleep } from './retry.js';

// Runs `work` over `chunks`, at most `concurrency` at once; resolves to the results in order.
async function eachLimited(chunks, concurrency, work) {
  const results = new Array(chunks.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
    while (next < chunks.length) {
      const i = next++;
      results[i] = await work(chunks[i], i);
    }
  });
  await Promise.all(runners);
  return results;
}

const defaults = { concurrency: 4, unprocessedAttempts: 8 };

/**
 * Sends BatchGetItem chunks; resolves to every item found (JS values), in no particular order.
 */
export async function batchGet(client, model, keys, { signal, concurrency, onProgress, ...options } = {}) {
  const partial = options.select !== undefined;
  const plans = model.plan.batchGet(keys, client.requestOptions(options));
  const items = [];
  const left = [];
  let done = 0;
  await eachLimited(plans, concurrency ?? defaults.concurrency, async ({ operation, request }) => {
    let pending = request;
    for (let attempt = 1; ; attempt++) {
      const page = model._call(partial ? 'parse.partialBatchGet' : 'parse.batchGet', await client.send(operation, pending, { signal }));
      for (const item of page.items) items.push(model._decode(item));
      if (page.unprocessed === undefined) break;
      if (attempt >= defaults.unprocessedAttempts) {
        for (const table of Object.values(page.unprocessed)) left.push(...table.Keys);
        break;
      }
      await sleep(backoffDelay(client.retry, attempt, true), signal);
      pending = { RequestItems: page.unprocessed };
    }
    done += request.RequestItems[Object.keys(request.RequestItems)[0]].Keys.length;
    onProgress?.({ done, total: keys.length });
  });
  if (left.length > 0) {
    const unprocessed = model._call('parse.partialPage', JSON.stringify({ Items: left })).items.map((k) => model._decode(k));
    throw new BatchError(`${left.length} of ${keys.length} keys were still unprocessed after the retries`, {
      code: 'batch.unprocessed',
      unprocessed: { keys: unprocessed },
    });
  }
  return items;
}

/** Sends BatchWriteItem chunks of puts and deletes; resolves when every write is done. */
export async function batchWrite(client, model, { put = [], delete: deletes = [] } = {}, { signal, concurrency, onProgress, ...options } = {}) {
  const plans = model.plan.batchWrite({ put, delete: deletes }, client.requestOptions(options));
  const total = put.length + deletes.length;
  const left = [];
  let done = 0;
  await eachLimited(plans, concurrency ?? defaults.concurrency, async ({ operation, request }) => {
    let pending = request;
    const size = Object.values(request.RequestItems)[0].length;
    for (let attempt = 1; ; attempt++) {
      const response = JSON.parse(await client.send(operation, pending, { signal }));
      const unprocessed = response.UnprocessedItems ?? {};
      if (Object.keys(unprocessed).length === 0) break;
      if (attempt >= defaults.unprocessedAttempts) {
        for (const writes of Object.values(unprocessed)) left.push(...writes);
        break;
      }
      await sleep(backoffDelay(client.retry, attempt, true), signal);
      pending = { RequestItems: unprocessed };
    }
    done += size;
    onProgress?.({ done, total });
  });
  if (left.length > 0) {
    const read = model._call('parse.unprocessedWrites', JSON.stringify(left));
    throw new BatchError(`${left.length} of ${total} writes were still unprocessed after the retries`, {
      code: 'batch.unprocessed',
      unprocessed: { put: read.put.map((v) => model._decode(v)), delete: read.delete.map((v) => model._decode(v)) },
    });
  }
  return { written: total };
}
