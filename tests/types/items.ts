// Inferred item types: InferItem / InputItem / KeyOf from a model definition.
import { model, type InferItem, type InputItem, type KeyOf, type Item } from 'dynamap';

// Exact type equality, for assertions: Expect<Equal<A, B>> fails to compile unless A and B match.
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;

// The README's model, written without `as const` (model()'s const type parameter keeps literals).
export const Order = model({
  name: 'Order',
  table: 'orders',
  key: { partition: 'customerId', sort: 'orderId' },
  attributes: {
    customerId: { type: 'string', minLength: 1 },
    orderId: { type: 'string' },
    quantity: { type: 'integer', min: 1, max: 1000 },
    price: { type: 'number', min: 0 },
    paid: { type: 'boolean', default: false },
    note: { type: 'string', optional: true, nullable: true, attributeName: 'n' },
  },
  indexes: { byPrice: { type: 'local', sort: 'price', projection: ['quantity'] } },
});

type OrderItem = InferItem<typeof Order>;
type _order = Expect<
  Equal<
    OrderItem,
    {
      customerId: string;
      orderId: string;
      quantity: number;
      price: number;
      paid: boolean;
      note?: string | null;
    }
  >
>;
type _orderInput = Expect<
  Equal<
    InputItem<typeof Order>,
    {
      customerId: string;
      orderId: string;
      quantity: number;
      price: number;
      paid?: boolean;
      note?: string | null;
    }
  >
>;
type _orderKey = Expect<Equal<KeyOf<typeof Order>, { customerId: string; orderId: string }>>;
type _alias = Expect<Equal<Item<typeof Order>, OrderItem>>;

// Every attribute type of API.md, written `as const`.
export const Everything = model({
  name: 'Everything',
  table: 'everything',
  key: { partition: 'id', sort: 'at' },
  attributes: {
    id: 'uuid',
    at: { type: 'datetime' },
    s: 'string',
    n: 'number',
    i: { type: 'integer' },
    dec: { type: 'decimal', min: '0' },
    big: { type: 'bigint', optional: true },
    b: { type: 'boolean', default: false },
    status: { type: 'enum', values: ['new', 'paid', 'shipped'] },
    created: { type: 'datetime', default: 'now', storeAs: 'epoch' },
    day: { type: 'date', optional: true },
    prep: { type: 'duration', optional: true },
    amount: { type: 'Money' },
    price: { type: 'Price', optional: true },
    ref: { type: 'uuid', default: 'uuid' },
    blob: { type: 'binary', optional: true },
    items: { type: 'list', of: { type: 'string' }, maxItems: 100 },
    address: {
      type: 'map',
      fields: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' }, floor: { type: 'integer', optional: true } },
    },
    meta: { type: 'map', fields: { source: 'string' }, unknown: 'keep', optional: true },
    labels: { type: 'record', of: { type: 'number' }, optional: true },
    tags: { type: 'set', of: 'string', optional: true },
    scores: { type: 'set', of: 'number', optional: true },
    hashes: { type: 'set', of: 'binary', optional: true },
    states: { type: 'set', of: { type: 'enum', values: ['a', 'b'] }, optional: true },
    matrix: { type: 'list', of: { type: 'list', of: 'integer', nullable: true }, optional: true },
    extra: { type: 'any', optional: true },
    note: { type: 'string', nullable: true, attributeName: 'nt' },
    version: { type: 'version' },
    expiresAt: { type: 'ttl', optional: true },
  },
  types: {
    Money: { type: 'decimal', min: '0' },
    Price: { type: 'Money', nullable: true },
  },
} as const);

type E = InferItem<typeof Everything>;
type _everything = Expect<
  Equal<
    E,
    {
      id: string;
      at: Date;
      s: string;
      n: number;
      i: number;
      dec: string;
      big?: bigint;
      b: boolean;
      status: 'new' | 'paid' | 'shipped';
      created: Date;
      day?: string;
      prep?: string;
      amount: string;
      price?: string | null;
      ref: string;
      blob?: Uint8Array;
      items: string[];
      address: { city: string; zip: string; floor?: number };
      meta?: { [name: string]: unknown; source: string };
      labels?: { [key: string]: number };
      tags?: Set<string>;
      scores?: Set<number>;
      hashes?: Set<Uint8Array>;
      states?: Set<'a' | 'b'>;
      matrix?: (number[] | null)[];
      extra?: unknown;
      note: string | null;
      version?: number;
      expiresAt?: Date;
    }
  >
>;

type EIn = InputItem<typeof Everything>;
type _inputs = [
  Expect<Equal<EIn['at'], Date | string>>,
  Expect<Equal<EIn['dec'], string | number | bigint | import('dynamap').NumberValue>>,
  Expect<Equal<EIn['expiresAt'], Date | number | undefined>>,
  Expect<Equal<EIn['tags'], ReadonlySet<string> | readonly string[] | undefined>>,
  Expect<Equal<EIn['created'], Date | string | undefined>>,
  Expect<Equal<EIn['version'], number | undefined>>,
];
type _key = Expect<Equal<KeyOf<typeof Everything>, { id: string; at: Date | string }>>;

// Positive uses of the input type.
export const good: EIn = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  at: '2024-01-01T00:00:00Z',
  s: 'x',
  n: 1.5,
  i: 2,
  dec: '12.50',
  status: 'paid',
  amount: 10,
  items: ['a'],
  address: { city: 'Lyon', zip: '69001' },
  meta: { source: 'web', anything: [1, 2] },
  tags: new Set(['gift']),
  scores: [1, 2],
  note: null,
};

export const bad: EIn = {
  ...good,
  // @ts-expect-error an enum value outside `values`
  status: 'cancelled',
};
export const bad2: EIn = {
  ...good,
  // @ts-expect-error a Set<number> where a set of strings is declared
  tags: new Set([1, 2]),
};
export const bad3: EIn = {
  ...good,
  // @ts-expect-error a map missing a required field
  address: { city: 'Lyon' },
};
// @ts-expect-error a missing required attribute (items)
export const bad4: EIn = {
  id: 'x', at: new Date(), s: 'x', n: 1, i: 1, dec: '1', status: 'new', amount: '1', address: { city: 'c', zip: '1' }, note: null,
};
export const bad5: EIn = {
  ...good,
  // @ts-expect-error an attribute the model does not declare
  colour: 'red',
};
export const bad6: EIn = {
  ...good,
  // @ts-expect-error a nullable attribute is not optional: undefined is not null
  note: undefined,
};
export const bad7: EIn = {
  ...good,
  // @ts-expect-error a number where a string is declared
  s: 1,
};
// A ttl takes a Date or epoch seconds, not ISO text.
// @ts-expect-error
export const bad8: EIn = { ...good, expiresAt: '2024-01-01T00:00:00Z' };
