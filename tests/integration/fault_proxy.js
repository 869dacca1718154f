// A fault-injecting HTTP proxy for integration tests: it stands on 127.0.0.1 (a free port) in
// front of a DynamoDB-compatible server and, for a configurable share of requests, fails them the
// way DynamoDB and networks fail:
//
//   throttle     answers 400 ProvisionedThroughputExceededException, request not forwarded
//   serverError  answers 500 InternalServerError, request not forwarded
//   reset        destroys the socket (connection reset), request not forwarded
//   partialWrite for BatchWriteItem: forwards only a random part of the RequestItems and answers
//                200 with the withheld write requests as UnprocessedItems (DynamoDB's shape),
//                so that those were NOT written
//   partialGet   for BatchGetItem: the same with Keys, answered as UnprocessedKeys
//
//   const proxy = await startFaultProxy({ target: server.endpoint, seed: 7,
//     rates: { throttle: 0.05, serverError: 0.05, reset: 0.05, partialWrite: 0.3 } });
//   ... point a client at proxy.endpoint ...
//   proxy.stats   // { requests, forwarded, throttle, serverError, reset, partialWrite, ... }
//   await proxy.stop();
//
// Deterministic: every decision comes from one seeded PRNG, drawn in the order requests arrive
// (concurrent clients can change that order, never the sequence of draws). Bounded: request
// bodies over maxBodyBytes are refused (413), an upstream request that takes longer than
// upstreamTimeoutMs is answered 504, and at most maxFaults faults are injected in all.
// Keep-alive: a request body is always read to its end before the proxy answers (or resets), so
// a kept-alive connection never carries a half-read request into the next one.
import http from 'node:http';

const NS = 'com.amazonaws.dynamodb.v20120810#';

/** mulberry32: a small, fast, seeded PRNG with values in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) tooLarge = true; // keep reading (and dropping) to the end: keep-alive
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const validRate = (name, value) => {
  if (!(typeof value === 'number' && value >= 0 && value <= 1)) throw new TypeError(`rates.${name}: a number from 0 to 1`);
  return value;
};

/**
 * Starts the proxy. Options:
 *   target            the server's endpoint (http://127.0.0.1:port)
 *   seed              PRNG seed (default 1)
 *   rates             { throttle, serverError, reset, partialWrite, partialGet }: each the share of
 *                     requests (0..1) that suffer it; the first three apply to every request and
 *                     exclude each other, partial* apply to the batch requests forwarded
 *   withhold          [min, max]: the share of a cut batch request's writes or keys withheld,
 *                     drawn uniformly per request (default [0, 1]); each entry is withheld
 *                     with that probability
 *   maxFaults         cap on injected faults, all kinds together (default Infinity)
 *   maxBodyBytes      larger request bodies are answered 413 (default 16 MiB)
 *   upstreamTimeoutMs an upstream request not answered in time is answered 504 (default 30 s)
 */
export async function startFaultProxy({
  target,
  seed = 1,
  rates = {},
  withhold = [0, 1],
  maxFaults = Infinity,
  maxBodyBytes = 16 * 1024 * 1024,
  upstreamTimeoutMs = 30_000,
} = {}) {
  const upstream = new URL(target);
  const random = seededRandom(seed);
  let current = {};
  const setRates = (next) => {
    const r = { throttle: 0, serverError: 0, reset: 0, partialWrite: 0, partialGet: 0, ...next };
    for (const [k, v] of Object.entries(r)) validRate(k, v);
    if (r.throttle + r.serverError + r.reset > 1) throw new TypeError('rates: throttle + serverError + reset must be at most 1');
    current = r;
  };
  setRates(rates);
  const [withholdMin, withholdMax] = withhold;

  const stats = {
    connections: 0, // client connections accepted (kept alive, they carry many requests)
    requests: 0, // every request received
    keptAlive: 0, // requests that came on a connection that had carried one before
    forwarded: 0, // requests sent on to the server (whole or cut)
    throttle: 0,
    serverError: 0,
    reset: 0,
    partialWrite: 0, // BatchWriteItem requests cut
    withheldWrites: 0, // write requests answered as UnprocessedItems by the proxy
    partialGet: 0, // BatchGetItem requests cut
    withheldKeys: 0, // keys answered as UnprocessedKeys by the proxy
    upstreamRetries: 0, // forwards sent again after a stale kept-alive upstream socket
    upstreamErrors: 0, // 502/504 answers: the server could not be reached in time
    tooLarge: 0,
    byOperation: {},
  };
  let faults = 0;
  let requestIds = 0;
  const fault = (rate) => faults < maxFaults && rate > 0 && random() < rate;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sockets = new Set();
  let stopping = false;

  function reply(res, status, body) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': `fault-proxy-${++requestIds}`,
    });
    res.end(text);
  }

  // Sends `body` to the server with the client's headers; resolves to { status, headers, body }.
  // A kept-alive upstream socket that the server closed while idle fails with ECONNRESET before
  // the server read anything: that one is sent again, once, on another socket.
  async function forward(req, body) {
    stats.forwarded++;
    try {
      return await forwardOnce(req, body);
    } catch (error) {
      if (!(error?.code === 'ECONNRESET' && error.reusedSocket) || stopping) throw error;
      stats.upstreamRetries++;
      return forwardOnce(req, body);
    }
  }

  function forwardOnce(req, body) {
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
    delete headers.connection;
    delete headers['keep-alive'];
    delete headers['transfer-encoding'];
    return new Promise((resolve, reject) => {
      const out = http.request({
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
        timeout: upstreamTimeoutMs,
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('timeout', () => out.destroy(Object.assign(new Error('upstream timeout'), { code: 'ETIMEDOUT' })));
      out.on('error', (error) => reject(Object.assign(error, { reusedSocket: out.reusedSocket })));
      out.end(body);
    });
  }

  function passBack(res, answer) {
    const headers = {};
    for (const name of ['content-type', 'x-amzn-requestid', 'x-amz-crc32', 'date']) {
      if (answer.headers[name] !== undefined) headers[name] = answer.headers[name];
    }
    headers['content-length'] = answer.body.length;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  // Splits one table's entries into [kept, withheld], each entry withheld with one drawn share.
  function split(entries) {
    const share = withholdMin + random() * (withholdMax - withholdMin);
    const kept = [];
    const withheld = [];
    for (const entry of entries) (random() < share ? withheld : kept).push(entry);
    return [kept, withheld];
  }

  // BatchWriteItem with part of the writes withheld: the rest is forwarded, the withheld ones are
  // added to the server's own UnprocessedItems.
  async function partialBatchWrite(req, res, request) {
    stats.partialWrite++;
    faults++;
    const keptItems = {};
    const withheldItems = {};
    for (const [table, writes] of Object.entries(request.RequestItems ?? {})) {
      const [kept, withheld] = split(writes);
      if (kept.length > 0) keptItems[table] = kept;
      if (withheld.length > 0) withheldItems[table] = withheld;
      stats.withheldWrites += withheld.length;
    }
    let answer = { UnprocessedItems: {} };
    if (Object.keys(keptItems).length > 0) {
      const forwarded = await forward(req, Buffer.from(JSON.stringify({ ...request, RequestItems: keptItems })));
      if (forwarded.status !== 200) return passBack(res, forwarded);
      answer = JSON.parse(forwarded.body.toString('utf8'));
      answer.UnprocessedItems ??= {};
    }
    for (const [table, writes] of Object.entries(withheldItems)) {
      answer.UnprocessedItems[table] = [...(answer.UnprocessedItems[table] ?? []), ...writes];
    }
    return reply(res, 200, answer);
  }

  // BatchGetItem with part of the keys withheld, answered as UnprocessedKeys (with the table's
  // ProjectionExpression, ExpressionAttributeNames and ConsistentRead, as DynamoDB does).
  async function partialBatchGet(req, res, request) {
    stats.partialGet++;
    faults++;
    const keptItems = {};
    const withheldItems = {};
    for (const [table, spec] of Object.entries(request.RequestItems ?? {})) {
      const [kept, withheld] = split(spec.Keys ?? []);
      if (kept.length > 0) keptItems[table] = { ...spec, Keys: kept };
      if (withheld.length > 0) withheldItems[table] = { ...spec, Keys: withheld };
      stats.withheldKeys += withheld.length;
    }
    let answer = { Responses: {}, UnprocessedKeys: {} };
    if (Object.keys(keptItems).length > 0) {
      const forwarded = await forward(req, Buffer.from(JSON.stringify({ ...request, RequestItems: keptItems })));
      if (forwarded.status !== 200) return passBack(res, forwarded);
      answer = JSON.parse(forwarded.body.toString('utf8'));
      answer.Responses ??= {};
      answer.UnprocessedKeys ??= {};
    }
    for (const [table, spec] of Object.entries(withheldItems)) {
      const theirs = answer.UnprocessedKeys[table];
      answer.UnprocessedKeys[table] = theirs === undefined ? spec : { ...spec, Keys: [...theirs.Keys, ...spec.Keys] };
      answer.Responses[table] ??= [];
    }
    return reply(res, 200, answer);
  }

  const served = new WeakMap(); // socket -> requests it carried
  async function handle(req, res) {
    stats.requests++;
    const before = served.get(req.socket) ?? 0;
    if (before > 0) stats.keptAlive++;
    served.set(req.socket, before + 1);
    const body = await readBody(req, maxBodyBytes);
    if (stopping) return req.socket.destroy();
    if (body === null) {
      stats.tooLarge++;
      return reply(res, 413, { __type: `${NS}ValidationException`, message: 'request body too large for the fault proxy' });
    }
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() || 'unknown';
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;

    // One draw decides between the request-level faults, so their rates add up.
    const { throttle, serverError, reset } = current;
    if (faults < maxFaults && throttle + serverError + reset > 0) {
      const r = random();
      const kind = r < throttle ? 'throttle' : r < throttle + serverError ? 'serverError' : r < throttle + serverError + reset ? 'reset' : null;
      if (kind !== null) {
        faults++;
        stats[kind]++;
        if (kind === 'throttle') {
          return reply(res, 400, { __type: `${NS}ProvisionedThroughputExceededException`, message: 'The level of configured provisioned throughput for the table was exceeded (fault proxy)' });
        }
        if (kind === 'serverError') {
          return reply(res, 500, { __type: `${NS}InternalServerError`, message: 'Internal server error (fault proxy)' });
        }
        return req.socket.destroy(); // connection reset, nothing forwarded
      }
    }

    let request;
    if (operation === 'BatchWriteItem' || operation === 'BatchGetItem') {
      try { request = JSON.parse(body.toString('utf8')); } catch { request = undefined; }
    }
    if (request !== undefined && operation === 'BatchWriteItem' && fault(current.partialWrite)) {
      return partialBatchWrite(req, res, request);
    }
    if (request !== undefined && operation === 'BatchGetItem' && fault(current.partialGet)) {
      return partialBatchGet(req, res, request);
    }
    return passBack(res, await forward(req, body));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      stats.upstreamErrors++;
      if (res.headersSent || stopping) return req.socket.destroy();
      const timedOut = error?.code === 'ETIMEDOUT';
      reply(res, timedOut ? 504 : 502, { __type: `${NS}InternalServerError`, message: `fault proxy: ${error?.message}` });
    });
  });
  // Idle kept-alive connections stay open longer than the clients keep them (so the proxy never
  // closes one under a request the client is just sending); stop() closes them all.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();

  let stopped;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stats,
    /** Changes the fault rates from now on (e.g. none, to set up or check a table). */
    setRates,
    /** Faults injected so far, all kinds. */
    get faults() { return faults; },
    /** Stops listening and closes every connection, client and upstream. */
    stop() {
      stopped ??= new Promise((resolve) => {
        stopping = true;
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      });
      return stopped;
    },
  };
}

/** One line of stats for a test's log. */
export function formatStats(stats) {
  const { byOperation, ...counts } = stats;
  const ops = Object.entries(byOperation).map(([k, v]) => `${k}=${v}`).join(',');
  return `${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')} ops[${ops}]`;
}
