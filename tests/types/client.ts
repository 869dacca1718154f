// The client: db.model(M) typed by the model; reads, writes, batches, transactions, queries.
import {
  createClient,
  update,
  where,
  not,
  attr,
  plus,
  minus,
  ifNotExists,
  type InferItem,
  type KeyOf,
  type Page,
  type AbortSignalLike,
} from 'dynamap';
import { Order, Everything, type Equal, type Expect } from './items.js';

type OrderItem = InferItem<typeof Order>;

const db = createClient({
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:8000',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  tablePrefix: 'dev_',
  timeoutMs: 5000,
  retry: { attempts: 3, baseDelayMs: 100 },
  cursorSecret: 'a secret of sixteen+',
});
createClient({ credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' }) });
createClient({ transport: { send: async () => ({ status: 200, body: '{}' }) } });
createClient({ fetch: globalThis.fetch });
// @ts-expect-error an unknown transport
createClient({ transport: 'xhr' });

const orders = db.model(Order);
const everything = db.model(Everything);

export async function writes() {
  await orders.put({ customerId: 'c1', orderId: 'o1', quantity: 2, price: 9.5 });
  const old = await orders.put({ customerId: 'c1', orderId: 'o1', quantity: 2, price: 9.5 }, { returnValues: 'ALL_OLD' });
  type _old = Expect<Equal<typeof old, OrderItem | undefined>>;
  const none = await orders.put({ customerId: 'c1', orderId: 'o1', quantity: 2, price: 9.5 }, { condition: where('price').gt(1) });
  type _none = Expect<Equal<typeof none, undefined>>;
  await orders.create({ customerId: 'c1', orderId: 'o1', quantity: 2, price: 9.5, paid: true, note: null });

  // @ts-expect-error wrong attribute type in put
  await orders.put({ customerId: 'c1', orderId: 'o1', quantity: '2', price: 9.5 });
  // @ts-expect-error missing required attribute (price)
  await orders.put({ customerId: 'c1', orderId: 'o1', quantity: 2 });
  // @ts-expect-error unknown attribute
  await orders.put({ customerId: 'c1', orderId: 'o1', quantity: 2, price: 1, colour: 'red' });
  // @ts-expect-error a misspelt option
  await orders.put({ customerId: 'c1', orderId: 'o1', quantity: 2, price: 1 }, { consistant: true });

  await everything.put({
    id: 'i',
    at: new Date(),
    s: 's',
    n: 1,
    i: 1,
    dec: 1n,
    status: 'new',
    amount: '1',
    items: [],
    address: { city: 'c', zip: '69001' },
    note: 'n',
    // @ts-expect-error wrong enum literal inside a set
    states: ['a', 'c'],
  });
}

export async function reads() {
  const got = await orders.get({ customerId: 'c1', orderId: 'o1' }, { consistent: true });
  type _got = Expect<Equal<typeof got, OrderItem | undefined>>;
  if (got) {
    const total: number = got.price * got.quantity;
    const note: string | null | undefined = got.note;
    void total, note;
  }
  // @ts-expect-error a key missing its sort part
  await orders.get({ customerId: 'c1' });
  // @ts-expect-error a key with an attribute that is not part of it
  await orders.get({ customerId: 'c1', orderId: 'o1', price: 1 });
  // @ts-expect-error a key value of the wrong type
  await orders.get({ customerId: 'c1', orderId: 1 });

  const partial = await orders.get({ customerId: 'c1', orderId: 'o1' }, { select: ['price', 'note'] });
  type _partial = Expect<Equal<typeof partial, { price: number; note?: string | null } | undefined>>;
  // @ts-expect-error select of an attribute the model does not declare
  await orders.get({ customerId: 'c1', orderId: 'o1' }, { select: ['colour'] });

  const nested = await everything.get({ id: 'i', at: new Date() }, { select: ['address.city', 'items[0]', 'status'] });
  type _nested = Expect<
    Equal<typeof nested, { status: 'new' | 'paid' | 'shipped'; address?: { city?: string; zip?: string; floor?: number }; items?: string[] } | undefined>
  >;

  const key: KeyOf<typeof Order> = { customerId: 'c', orderId: 'o' };
  const many = await orders.batchGet([key, { customerId: 'c', orderId: 'p' }], { concurrency: 2, onProgress: ({ done, total }) => void [done, total] });
  type _many = Expect<Equal<typeof many, OrderItem[]>>;
  const manyPartial = await orders.batchGet([key], { select: ['quantity'] });
  type _manyPartial = Expect<Equal<typeof manyPartial, { quantity: number }[]>>;
  const written = await orders.batchWrite({ put: [{ customerId: 'c', orderId: 'o', quantity: 1, price: 1 }], delete: [key] });
  type _written = Expect<Equal<typeof written, { written: number }>>;
  // @ts-expect-error batchWrite of an item missing its key
  await orders.batchWrite({ put: [{ quantity: 1, price: 1 }] });
  await orders.delete(key);
  const deleted = await orders.delete(key, { returnValues: 'ALL_OLD' });
  type _deleted = Expect<Equal<typeof deleted, OrderItem | undefined>>;
}

export async function updates() {
  await orders.update({ customerId: 'c1', orderId: 'o1' }, { paid: true, note: null, quantity: plus('quantity', 1) });
  // @ts-expect-error a plain-object update may not change a key attribute
  await orders.update({ customerId: 'c1', orderId: 'o1' }, { orderId: 'o2' });
  // @ts-expect-error a plain-object update with a value of the wrong type
  await orders.update({ customerId: 'c1', orderId: 'o1' }, { paid: 'yes' });

  const u = update<typeof Everything>()
    .set('status', 'paid')
    .set('n', plus('n', 1))
    .set('i', minus(ifNotExists('i', 0), attr('n')))
    .set('address.city', 'Paris')
    .set(['meta', 'a.b'], 1)
    .add('big', 1)
    .add('tags', new Set(['new']))
    .add('dec', '0.5')
    .remove('day', 'prep')
    .append('items', ['x'])
    .delete('scores', new Set([1]))
    .setIfNotExists('created', new Date());
  const after = await everything.update({ id: 'i', at: new Date(), version: 3 }, u, {
    condition: where<typeof Everything>('status').eq('new').and(not(where('day').exists())),
    returnValues: 'ALL_NEW',
  });
  type _after = Expect<Equal<typeof after, InferItem<typeof Everything>>>;
  const changed = await everything.update({ id: 'i', at: new Date() }, u, { returnValues: 'UPDATED_NEW' });
  type _changed = Expect<Equal<typeof changed, Partial<InferItem<typeof Everything>> | undefined>>;

  // Untyped updates accept any path (the core checks them when sent).
  await orders.update({ customerId: 'c1', orderId: 'o1' }, update().set('anything', 1).remove('else'));

  // @ts-expect-error set() of an attribute the model does not declare
  update<typeof Everything>().set('colour', 'red');
  // @ts-expect-error set() with a value of the wrong type
  update<typeof Everything>().set('status', 'cancelled');
  // @ts-expect-error set() of a key attribute
  update<typeof Everything>().set('id', 'other');
  // @ts-expect-error remove() of a required attribute
  update<typeof Everything>().remove('status');
  // @ts-expect-error add() to a string
  update<typeof Everything>().add('s', 1);
  // @ts-expect-error add() of numbers to a set of strings
  update<typeof Everything>().add('tags', new Set([1]));
  // @ts-expect-error delete() from a list
  update<typeof Everything>().delete('items', ['x']);
  // @ts-expect-error append() to a set
  update<typeof Everything>().append('tags', ['x']);
  // @ts-expect-error where() on a path whose top-level name the model does not declare
  where<typeof Everything>('colour.red');
  // @ts-expect-error update() of a key missing its sort part
  await everything.update({ id: 'i' }, u);
  // @ts-expect-error a version that is not a number
  await everything.update({ id: 'i', at: new Date(), version: '3' }, u);
}

export async function queries() {
  const q = orders.query({ customerId: 'c1' }).where('orderId').beginsWith('2024-').filter(where('price').gt(100)).limit(50).reverse().consistent();
  const page = await q.page();
  type _page = Expect<Equal<typeof page, Page<OrderItem>>>;
  const next = q.startAfter(page.cursor);
  for await (const item of next) {
    type _item = Expect<Equal<typeof item, OrderItem>>;
  }
  const all = await q.all();
  type _all = Expect<Equal<typeof all, OrderItem[]>>;
  const first = await q.first();
  type _first = Expect<Equal<typeof first, OrderItem | undefined>>;
  const n: number = await q.count();
  void n;

  const selected = await orders.query({ customerId: 'c1' }).select(['price', 'note']).all();
  type _selected = Expect<Equal<typeof selected, { price: number; note?: string | null }[]>>;

  const byPrice = await orders.query({ customerId: 'c1' }).index('byPrice').where('price').between(1, 10).all();
  type _byPrice = Expect<Equal<typeof byPrice, { customerId: string; orderId: string; price: number; quantity: number }[]>>;

  // @ts-expect-error an index the model does not declare
  orders.query({ customerId: 'c1' }).index('byColour');
  // @ts-expect-error where() on an attribute that is no sort key
  orders.query({ customerId: 'c1' }).where('quantity');
  // @ts-expect-error a sort key value of the wrong type
  orders.query({ customerId: 'c1' }).where('orderId').eq(1);
  // @ts-expect-error a query without the partition key
  orders.query({ orderId: 'o1' });

  const scanned = await orders.scan().filter(where('paid').eq(false)).segments(4).all();
  type _scanned = Expect<Equal<typeof scanned, OrderItem[]>>;
}

export async function transactions() {
  const key = { customerId: 'c1', orderId: 'o1' };
  const { token } = await db.transactWrite(
    [
      Order.tx.put({ customerId: 'c1', orderId: 'o2', quantity: 1, price: 1 }),
      Order.tx.update(key, update<typeof Order>().set('paid', true), { condition: where('paid').eq(false) }),
      Order.tx.delete({ customerId: 'c1', orderId: 'o3' }),
      Order.tx.check(key, where('price').exists()),
    ],
    { token: 'abc' },
  );
  const t: string = token;
  void t;
  const [a, b] = await db.transactGet([Order.tx.get(key), Everything.tx.get({ id: 'i', at: new Date() }, { select: ['status'] })]);
  type _a = Expect<Equal<typeof a, OrderItem | undefined>>;
  type _b = Expect<Equal<typeof b, { status: 'new' | 'paid' | 'shipped' } | undefined>>;
  // @ts-expect-error a get in transactWrite
  await db.transactWrite([Order.tx.get(key)]);
  // @ts-expect-error a write in transactGet
  await db.transactGet([Order.tx.delete(key)]);

  const { tableName } = await db.createTable(Order, { billing: 'PROVISIONED', throughput: { read: 1, write: 1 }, wait: false });
  void tableName;
  await db.deleteTable(Order);
}

// With lib "DOM" (or @types/node) the signal options take the global AbortSignal.
type _signal = Expect<Equal<AbortSignalLike, AbortSignal>>;
export const cancelled = orders.get({ customerId: 'c', orderId: 'o' }, { signal: AbortSignal.timeout(2000) });
export const cancelledQuery = orders.query({ customerId: 'c' }).signal(new AbortController().signal).all();

// Untyped builders take any path, raw segments included.
const segments: string[] = ['meta', 'a.b'];
export const untyped = [where(segments).eq(1), update().set(segments, 1).remove(segments), where('a.b[0]').exists()];
// A db.model(M) handle names the same item type as the model.
type _handle = Expect<Equal<InferItem<typeof orders>, OrderItem>>;
