// Query and Scan builders: immutable, each method returns a new builder.
//   orders.query({ customerId: 'c1' }).where('orderId').beginsWith('2024-')
//     .filter(where('total').gt('100')).index('byStatus').limit(50).reverse().consistent()
//   await q.page()  -> { items, cursor }     q.startAfter(cursor)
//   await q.all(); await q.first(); await q.count(); for await (const item of q) {}
//   orders.scan().filter(cond).segments(4).all()
import { UsageError } from './errors.js';
import { Condition, Where } from './expressions/condition.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { malformedResponse } from './transport/response_body.js';

class Read {
  constructor(run, state) {
    this._run = run; // { model, client, kind: 'query' | 'scan', key? }
    this._state = Object.freeze(state);
    Object.freeze(this);
  }

  _with(changes) {
    return new this.constructor(this._run, { ...this._state, ...changes });
  }

  filter(condition) {
    if (!(condition instanceof Condition)) throw new UsageError('filter(): expected where(...)', { code: 'usage.invalidArgument' });
    return this._with({ filter: condition });
  }

  index(name) { return this._with({ index: name }); }
  /** DynamoDB's Limit: items evaluated per request (the page size before filtering). */
  limit(n) { return this._with({ limit: n }); }
  consistent(on = true) { return this._with({ consistent: on }); }
  select(paths) { return this._with({ select: paths }); }
  /** Resume after a page's cursor. */
  startAfter(cursor) { return this._with({ cursor }); }
  /** Cancels the requests of page(), all(), first(), count() and iteration. */
  signal(abortSignal) { return this._with({ signal: abortSignal }); }

  get _scope() {
    return `${this._run.model.table}/${this._state.index ?? ''}`;
  }

  async _options(extra = {}) {
    const { cursor, sort, filter, signal, segments, ...rest } = this._state;
    const options = { ...rest, ...extra };
    if (filter) options.filter = filter;
    if (cursor !== undefined) options.startKey = await decodeCursor(cursor, this._scope, this._run.client.cursorSecret);
    return options;
  }

  /** The request the next page() would send (no I/O, cursor aside). */
  async plan(extra) {
    const options = await this._options(extra);
    const { model } = this._run;
    if (this._run.kind === 'query') return model.plan.query(this._run.key, { ...options, sort: this._state.sort });
    return model.plan.scan(options);
  }

  async _page(extra) {
    const { operation, request } = await this.plan(extra);
    const { client, model } = this._run;
    const partial = this._state.select !== undefined || this._state.index !== undefined;
    const body = await client.send(operation, request, { signal: this._state.signal });
    return client._read(model, partial ? 'parse.partialPage' : 'parse.page', body);
  }

  /** One page: { items, cursor } (cursor undefined on the last page). */
  async page() {
    if (this._state.segments !== undefined) {
      throw new UsageError('page() reads one segment at a time: use all(), count() or for await with segments()', {
        code: 'usage.invalidOption',
      });
    }
    const page = await this._page();
    return {
      items: page.items.map((item) => this._run.model._decode(item)),
      cursor: await encodeCursor(page.lastKey, this._scope, this._run.client.cursorSecret),
    };
  }

  // Every page of one segment (or of the whole read), following LastEvaluatedKey.
  async *_pages(extra = {}) {
    let startKey = this._state.cursor === undefined ? undefined : await decodeCursor(this._state.cursor, this._scope, this._run.client.cursorSecret);
    const base = this._with({ cursor: undefined });
    // A server that answers a key it gave before would have the read go round for ever.
    const seen = new Set();
    for (;;) {
      const page = await base._page({ ...extra, ...(startKey === undefined ? {} : { startKey }) });
      if (extra.count && page.count === undefined) {
        throw malformedResponse(this._run.kind === 'query' ? 'Query' : 'Scan', 'Count', 'absent from a Select COUNT answer');
      }
      if (page.lastKey !== undefined) {
        const text = JSON.stringify(page.lastKey);
        if (seen.has(text)) {
          throw malformedResponse(this._run.kind === 'query' ? 'Query' : 'Scan', 'LastEvaluatedKey', 'a key this read was already given: the pages would never end');
        }
        seen.add(text);
      }
      yield page;
      if (page.lastKey === undefined) return;
      startKey = page.lastKey;
    }
  }

  // Segments of a parallel scan, each followed to its end, interleaved as they arrive.
  _segmented(extra = {}) {
    const total = this._state.segments;
    if (total === undefined) return [this._pages(extra)];
    return Array.from({ length: total }, (_, segment) =>
      this._with({ segments: undefined })._pages({ ...extra, segment, totalSegments: total }),
    );
  }

  async *[Symbol.asyncIterator]() {
    for (const pages of this._segmented()) {
      for await (const page of pages) for (const item of page.items) yield this._run.model._decode(item);
    }
  }

  /** Every item of every page (all segments at once for a parallel scan). */
  async all() {
    const results = await Promise.all(
      this._segmented().map(async (pages) => {
        const items = [];
        for await (const page of pages) for (const item of page.items) items.push(this._run.model._decode(item));
        return items;
      }),
    );
    return results.flat();
  }

  /** The first matching item, or undefined (follows pages that a filter left empty). */
  async first() {
    for await (const item of this) return item;
    return undefined;
  }

  /** How many items match, counted by DynamoDB (Select COUNT) across every page. */
  async count() {
    const counts = await Promise.all(
      this._segmented({ count: true }).map(async (pages) => {
        let n = 0;
        for await (const page of pages) n += page.count;
        return n;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}

export class Query extends Read {
  /** Narrows the sort key: .where('orderId').beginsWith('2024-'), eq, lt, lte, gt, gte, between. */
  where(path) {
    const query = this;
    const where = new Where(path);
    const narrow = (condition) => query._with({ sort: condition });
    return Object.freeze({
      eq: (v) => narrow(where.eq(v)),
      lt: (v) => narrow(where.lt(v)),
      lte: (v) => narrow(where.lte(v)),
      gt: (v) => narrow(where.gt(v)),
      gte: (v) => narrow(where.gte(v)),
      between: (low, high) => narrow(where.between(low, high)),
      beginsWith: (prefix) => narrow(where.beginsWith(prefix)),
    });
  }

  reverse(on = true) { return this._with({ reverse: on }); }
}

export class Scan extends Read {
  /** A parallel scan in `n` segments (all(), count() and for await read them concurrently). */
  segments(n) {
    if (!Number.isInteger(n) || n < 1 || n > 1000000) {
      throw new UsageError('segments(n): n from 1 to 1000000', { code: 'usage.invalidOption' });
    }
    return this._with({ segments: n });
  }
}
