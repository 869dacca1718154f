// Batches that never lose an item: every chunk is sent, what DynamoDB leaves unprocessed is
// sent again with backoff, and whatever is not known to be done when the batch ends (still
// unprocessed after the retries, in a chunk whose request failed, or in a chunk never started
// after a failure) is thrown back in one BatchError that holds exactly those items or keys.
// Writing them again is safe: batch puts and deletes are idempotent.
import { BatchError } from './errors.js';
import { backoffDelay, sleep } from './retry.js';
import { malformedResponse, parseResponseObject } from './transport/response_body.js';

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

// JSON text of a value with object keys sorted: the same AttributeValue whatever order a server
// lists its members in.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

// What identifies an entry of a batch request: its item's key (the table's key attributes, by
// their stored names). A request never holds two entries for one key (DynamoDB refuses that).
function identities(model) {
  const { key, attributes } = model.definition;
  const names = [key.partition, key.sort].filter(Boolean).map((name) => attributes[name]?.attributeName ?? name);
  const keyOf = (map) => (map !== null && typeof map === 'object' && !Array.isArray(map)
    ? canonical(names.map((name) => map[name] ?? null))
    : undefined);
  return {
    key: keyOf,
    write: (w) => {
      if (w?.PutRequest !== undefined) return `put ${keyOf(w.PutRequest?.Item)}`;
      if (w?.DeleteRequest !== undefined) return `delete ${keyOf(w.DeleteRequest?.Key)}`;
      return undefined;
    },
  };
}

/**
 * What a server says is left, as the entries of the request that was sent: every table it names
 * must have been asked for, and every entry (a write request, or a key) must be one that was
 * sent for that table, matched by its key. Resending the server's own copies would let a broken
 * or hostile server have items written that the caller never gave (or change a projection); an
 * entry that was not sent is response.malformed. `entriesOf(spec)` lists what was sent for a
 * table, `identify(entry)` names an entry.
 */
function sentEntries(operation, field, left, sent, entriesOf, identify) {
  const out = {};
  for (const [table, entries] of Object.entries(left)) {
    const own = sent[table];
    if (own === undefined) throw malformedResponse(operation, `${field}.${table}`, 'a table this request did not name');
    const byIdentity = new Map(entriesOf(own).map((entry) => [identify(entry), entry]));
    const kept = new Map();
    entries.forEach((entry, i) => {
      const identity = identify(entry);
      const mine = identity === undefined ? undefined : byIdentity.get(identity);
      if (mine === undefined) throw malformedResponse(operation, `${field}.${table}[${i}]`, 'an entry this request did not send');
      kept.set(identity, mine);
    });
    out[table] = [...kept.values()];
  }
  return out;
}

// Sends one chunk, resending its unprocessed part; returns what is still not done, and, if the
// chunk's request failed for good, the error (its pending part is then all not done).
async function sendChunk(client, { operation, request }, unprocessedOf, { signal, attempts }) {
  let pending = request;
  for (let attempt = 1; ; attempt++) {
    let body;
    let rest;
    try {
      body = await client.send(operation, pending, { signal });
      rest = unprocessedOf(body, pending);
    } catch (error) {
      return { left: pending, error };
    }
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
  const identify = identities(model);
  const items = [];
  const leftKeys = [];
  let done = 0;
  const keysOf = (request) => Object.values(request.RequestItems).flatMap((table) => table.Keys);
  const { failure, untouched } = await eachLimited(plans, concurrency ?? defaults.concurrency, async (plan) => {
    const unprocessedOf = (body, pending) => {
      const page = client._read(model, partial ? 'parse.partialBatchGet' : 'parse.batchGet', body);
      // Each key asked for gives at most one item.
      if (page.items.length > keysOf(pending).length) {
        throw malformedResponse(plan.operation, 'Responses', `${page.items.length} items for ${keysOf(pending).length} keys`);
      }
      const left = page.unprocessed === undefined ? undefined : sentEntries(plan.operation, 'UnprocessedKeys',
        Object.fromEntries(Object.entries(page.unprocessed).map(([table, spec]) => [table, spec.Keys])),
        pending.RequestItems, (spec) => spec.Keys, identify.key);
      for (const item of page.items) items.push(model._decode(item));
      if (left === undefined) return undefined;
      return Object.fromEntries(Object.entries(left).map(([table, keys]) => [table, { ...pending.RequestItems[table], Keys: keys }]));
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
  const identify = identities(model);
  const total = put.length + deletes.length;
  const left = [];
  let done = 0;
  const writesOf = (request) => Object.values(request.RequestItems).flat();
  const unprocessedOf = (body, pending) => {
    const operation = 'BatchWriteItem';
    const rest = parseResponseObject(operation, body).UnprocessedItems ?? {};
    if (typeof rest !== 'object' || Array.isArray(rest)) {
      throw malformedResponse(operation, 'UnprocessedItems', 'expected a map of tables to write requests');
    }
    for (const [table, writes] of Object.entries(rest)) {
      if (!Array.isArray(writes)) throw malformedResponse(operation, `UnprocessedItems.${table}`, 'expected a list of write requests');
    }
    const left = sentEntries(operation, 'UnprocessedItems', rest, pending.RequestItems, (writes) => writes, identify.write);
    for (const table of Object.keys(left)) if (left[table].length === 0) delete left[table];
    return Object.keys(left).length === 0 ? undefined : left;
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
