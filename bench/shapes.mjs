// The three item shapes every workload runs on, described once in a neutral schema that each
// library's adapter (bench/libs/*.mjs) turns into its own model. Types are the ones all four
// libraries store the same way: string (S), number (N), boolean (BOOL), datetime (S, ISO-8601),
// a string set (SS), maps (M) and lists (L).
//
// Every shape has the table key pk/sk, a `status` (conditions and filters), a `count` (ADD), an
// optional `note` (REMOVE) and `name` plus one map or list of maps (SET).

const T = {
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  datetime: { type: 'datetime' },
  stringSet: { type: 'set' },
  map: (fields) => ({ type: 'map', fields }),
  list: (of) => ({ type: 'list', of }),
  optional: (t) => ({ ...t, optional: true }),
};

const base = {
  pk: T.string,
  sk: T.string,
  status: T.string,
  count: T.number,
  name: T.string,
  note: T.optional(T.string),
};

// small: 10 attributes, one of them a small map.
const small = {
  name: 'small',
  attributes: {
    ...base,
    email: T.string,
    price: T.number,
    active: T.boolean,
    meta: T.map({ source: T.string, channel: T.string }),
  },
  item: {
    pk: 'customer#0001',
    sk: 'order#2024-05-01#0001',
    status: 'active',
    count: 3,
    name: 'Ada Lovelace',
    note: 'leave at the door',
    email: 'ada@example.com',
    price: 19.95,
    active: true,
    meta: { source: 'web', channel: 'email' },
  },
  // The map the update sets.
  setPath: 'meta',
  setValue: { source: 'app', channel: 'push' },
};

// medium (~1 KB): a nested map, a list of maps, a string set, a date.
const address = T.map({
  street: T.string,
  city: T.string,
  zip: T.string,
  geo: T.map({ lat: T.number, lon: T.number }),
});
const line = T.map({ sku: T.string, title: T.string, qty: T.number, price: T.number, gift: T.boolean });
const lineItem = (i) => ({
  sku: `SKU-${1000 + i}`,
  title: `Item number ${i} with a moderately long title`,
  qty: (i % 4) + 1,
  price: 4.5 + i * 3.25,
  gift: i % 3 === 0,
});

const medium = {
  name: 'medium',
  attributes: {
    ...base,
    email: T.string,
    total: T.number,
    createdAt: T.datetime,
    tags: T.stringSet,
    address,
    lines: T.list(line),
  },
  item: {
    pk: 'customer#0002',
    sk: 'order#2024-05-02#0002',
    status: 'active',
    count: 7,
    name: 'Grace Hopper',
    note: 'ring twice',
    email: 'grace@example.com',
    total: 123.45,
    createdAt: new Date('2024-05-02T10:11:12.345Z'),
    tags: new Set(['priority', 'gift', 'fragile', 'express']),
    address: { street: '1 Main Street', city: 'Arlington', zip: '22201', geo: { lat: 38.88, lon: -77.1 } },
    lines: Array.from({ length: 5 }, (_, i) => lineItem(i)),
  },
  setPath: 'lines',
  setValue: Array.from({ length: 3 }, (_, i) => lineItem(i + 10)),
};

// large (~10 KB): deep nesting and lists of maps holding lists of maps.
const level = (depth) =>
  depth === 0 ? T.map({ label: T.string, value: T.number }) : T.map({ label: T.string, value: T.number, child: level(depth - 1) });
const levelValue = (depth) =>
  depth === 0 ? { label: 'leaf', value: 0 } : { label: `level ${depth}`, value: depth * 1.5, child: levelValue(depth - 1) };
const shipment = T.map({
  id: T.string,
  carrier: T.string,
  shippedAt: T.datetime,
  delivered: T.boolean,
  lines: T.list(line),
  events: T.list(T.map({ at: T.string, what: T.string, where: T.map({ city: T.string, country: T.string }) })),
});
const shipmentValue = (i) => ({
  id: `SHIP-${i}`,
  carrier: i % 2 ? 'UPS' : 'DHL',
  shippedAt: new Date(Date.UTC(2024, 4, 3 + i, 8, 0, 0)),
  delivered: i % 2 === 0,
  lines: Array.from({ length: 4 }, (_, j) => lineItem(i * 10 + j)),
  events: Array.from({ length: 4 }, (_, j) => ({
    at: `2024-05-0${3 + i}T0${j}:00:00Z`,
    what: `scanned at facility ${j}`,
    where: { city: `City ${j}`, country: 'US' },
  })),
});

const large = {
  name: 'large',
  attributes: {
    ...base,
    email: T.string,
    total: T.number,
    createdAt: T.datetime,
    tags: T.stringSet,
    address,
    profile: level(8),
    lines: T.list(line),
    shipments: T.list(shipment),
  },
  item: {
    pk: 'customer#0003',
    sk: 'order#2024-05-03#0003',
    status: 'active',
    count: 11,
    name: 'Katherine Johnson',
    note: 'call on arrival',
    email: 'katherine@example.com',
    total: 4321.5,
    createdAt: new Date('2024-05-03T01:02:03.004Z'),
    tags: new Set(Array.from({ length: 12 }, (_, i) => `tag-${i}`)),
    address: { street: '2 Second Avenue', city: 'Hampton', zip: '23666', geo: { lat: 37.03, lon: -76.35 } },
    profile: levelValue(8),
    lines: Array.from({ length: 25 }, (_, i) => lineItem(i)),
    shipments: Array.from({ length: 5 }, (_, i) => shipmentValue(i)),
  },
  setPath: 'shipments',
  setValue: Array.from({ length: 2 }, (_, i) => shipmentValue(i + 5)),
};

export const shapes = [small, medium, large];

// What each workload asks, the same for every shape and library.
export const workload = {
  // put: condition `attribute_not_exists(pk) OR status = 'draft'`
  putCondition: { notExistsPath: 'pk', eqPath: 'status', eqValue: 'draft' },
  // update: SET name, SET <shape.setPath>; ADD count 1; REMOVE note; condition status = 'active'
  updateName: 'Renamed Customer',
  updateCondition: { path: 'status', value: 'active' },
  // query: pk = <item.pk> AND begins_with(sk, 'order#2024'); filter status = 'active'; Limit 25
  queryPrefix: 'order#2024',
  queryFilter: { path: 'status', value: 'active' },
  queryLimit: 25,
  table: 'bench',
};

/** The key of a shape's item. */
export const keyOf = (shape) => ({ pk: shape.item.pk, sk: shape.item.sk });
