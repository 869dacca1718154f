// model(): definitions, validate, toItem/fromItem, dry runs, registered types, schemaless helpers.
import {
  model,
  Model,
  registerType,
  marshall,
  unmarshall,
  NumberValue,
  ready,
  type AttributeMap,
  type AttributeValue,
  type InferItem,
  type InputItem,
  type ModelDefinition,
  type PlannedRequest,
  type ValidationIssue,
} from 'dynamap';
import { Order, Everything, type Equal, type Expect } from './items.js';

// --- validate(): a union to narrow on `ok` ---
const result = Order.validate(JSON.parse('{}') as unknown);
if (result.ok) {
  type _value = Expect<Equal<typeof result.value, InferItem<typeof Order>>>;
  const paid: boolean = result.value.paid; // a default: present on output
  void paid;
} else {
  const issues: ValidationIssue[] = result.errors;
  const first = issues[0];
  if (first) {
    const code: 'required' | 'type' | (string & {}) = first.code;
    void [first.path, first.message, code];
  }
}
// @ts-expect-error reading .value without narrowing `ok`
void result.value;
// @ts-expect-error an issue code that does not exist
export const badCode: ValidationIssue['code'] = 'notACode';

// --- toItem / fromItem ---
const stored: AttributeMap = Order.toItem({ customerId: 'c', orderId: 'o', quantity: 1, price: 2 });
const back = Order.fromItem(stored);
type _back = Expect<Equal<typeof back, InferItem<typeof Order>>>;
// @ts-expect-error toItem() of an item missing a required attribute
Order.toItem({ customerId: 'c', orderId: 'o', quantity: 1 });
const av: AttributeValue = { M: { a: { N: '1' }, b: { B: new Uint8Array([1]) }, c: { SS: ['x'] } } };
void av;

// --- dry runs ---
const planned = Order.plan.put({ customerId: 'c', orderId: 'o', quantity: 1, price: 2 });
type _planned = Expect<Equal<typeof planned, PlannedRequest<'PutItem'>>>;
const tableName: string | undefined = planned.request.TableName;
const item: AttributeMap | undefined = planned.request.Item;
void [tableName, item];
const batches: PlannedRequest<'BatchWriteItem'>[] = Order.plan.batchWrite({ put: [{ customerId: 'c', orderId: 'o', quantity: 1, price: 2 }] });
void batches;
Order.plan.query({ customerId: 'c' }, { index: 'byPrice', select: ['quantity'], limit: 10 });
Order.plan.createTable({ billing: 'PAY_PER_REQUEST' });
// @ts-expect-error plan.get of a key missing its sort part
Order.plan.get({ customerId: 'c' });

// --- the model object ---
const name: 'Order' = Order.name;
const table: 'orders' = Order.table;
const definitionText: string = JSON.stringify(Order.definition);
void [name, table, definitionText];
const Direct = new Model({ name: 'Direct', table: 'direct', key: { partition: 'id' }, attributes: { id: 'string', n: 'number' } });
type _direct = Expect<Equal<InferItem<typeof Direct>, { id: string; n: number }>>;

// --- definitions model() refuses at compile time ---
model({
  name: 'Bad',
  table: 'bad',
  // @ts-expect-error the key names an attribute the model does not declare
  key: { partition: 'nope' },
  attributes: { id: 'string' },
});
model({
  name: 'Bad',
  table: 'bad',
  key: { partition: 'id', sort: 'at' },
  attributes: { id: 'string', at: 'string' },
  // @ts-expect-error an index sort key that is not declared
  indexes: { byX: { type: 'local', sort: 'x' } },
});
// @ts-expect-error an attribute definition of the wrong shape
model({ name: 'Bad', table: 'bad', key: { partition: 'id' }, attributes: { id: { type: 'string', optional: 'yes' } } });

// A definition typed only as ModelDefinition (built at run time) gives untyped items.
const dynamicDefinition: ModelDefinition = JSON.parse('{}');
const Dynamic = model(dynamicDefinition);
type _dynamic = Expect<Equal<InferItem<typeof Dynamic>, { [name: string]: unknown }>>;

// --- unknown policies ---
const Keep = model({ name: 'Keep', table: 'keep', key: { partition: 'id' }, attributes: { id: 'string' }, unknown: 'keep' });
type _keep = Expect<Equal<InferItem<typeof Keep>, { [name: string]: unknown; id: string }>>;
const Strip = model({ name: 'Strip', table: 'strip', key: { partition: 'id' }, attributes: { id: 'string' }, unknown: 'strip' });
type _stripOut = Expect<Equal<InferItem<typeof Strip>, { id: string }>>;
export const stripIn: InputItem<typeof Strip> = { id: 'x', dropped: true }; // dropped on write: accepted

// --- registered types: unknown until declared through RegisteredTypes ---
class Money {
  constructor(readonly cents: bigint) {}
  static parse(text: string): Money {
    return new Money(BigInt(text));
  }
  toString(): string {
    return String(this.cents);
  }
}
declare module 'dynamap' {
  interface RegisteredTypes {
    Money: Money;
  }
}
registerType<Money, string>('Money', { base: 'string', encode: (m) => m.toString(), decode: (s) => Money.parse(s) });
// @ts-expect-error registerType needs encode and decode
registerType('Broken', { base: 'string' });

const Wallet = model({
  name: 'Wallet',
  table: 'wallets',
  key: { partition: 'id' },
  attributes: {
    id: 'string',
    balance: { type: 'Money' },
    history: { type: 'list', of: 'Money', optional: true },
    point: { type: 'Temporal', optional: true }, // registered, but its type is not declared
    limit: { type: 'Limit', optional: true },
  },
  types: { Limit: { type: 'Money', nullable: true } }, // a named type built on a registered one
});
type W = InferItem<typeof Wallet>;
type _wallet = Expect<Equal<W, { id: string; balance: Money; history?: Money[]; point?: unknown; limit?: Money | null }>>;
export const wallet: InputItem<typeof Wallet> = { id: 'w', balance: new Money(5n) };
// @ts-expect-error a registered type takes its declared JS type
export const badWallet: InputItem<typeof Wallet> = { id: 'w', balance: '5' };

// --- schemaless helpers, NumberValue, ready ---
const map: AttributeMap = marshall({ a: 1, b: new Set(['x']), c: new NumberValue('12345678901234567890') });
const one: AttributeValue = marshall([1, 2]);
const plain = unmarshall(map);
type _plain = Expect<Equal<typeof plain, { [name: string]: unknown }>>;
const digits: string = new NumberValue(10n).value;
const approx: number = +new NumberValue('1.5');
// @ts-expect-error unmarshall takes an AttributeValue map
unmarshall({ a: 1 });
void [one, digits, approx];
export const isReady: Promise<void> = ready();

// A definition kept in a variable without `as const` widens its strings: it compiles, but items
// are only loosely typed (every value `unknown`). Write `as const` to keep them.
const widened = { name: 'W', table: 'widened', key: { partition: 'id' }, attributes: { id: { type: 'string' } } };
const Widened = model(widened);
type _widened = Expect<Equal<InferItem<typeof Widened>, { id: unknown }>>;
const narrowed = { name: 'N', table: 'narrowed', key: { partition: 'id' }, attributes: { id: { type: 'string' } } } as const;
type _narrowed = Expect<Equal<InferItem<ReturnType<typeof model<typeof narrowed>>>, { id: string }>>;

// A typed model is a Model (for code that takes any model).
export const anyModel: Model = Order;
export const models: Model<any>[] = [Order, Everything, Wallet];
type _anyModel = Expect<Equal<InferItem<Model>, { [name: string]: unknown }>>;
