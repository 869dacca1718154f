// Dynamoose: a Model built from the neutral schema on a Table that is never created or waited
// for (no I/O). Its request builders are asynchronous: `{ return: 'request' }` on save() and
// update(), getRequest() on a query; each resolves to the low-level AttributeValue request.
// Reads: a Document from the raw item, conformed to the schema as Model.get() does it.
import dynamoose from 'dynamoose';
import { keyOf, workload as w } from '../shapes.mjs';

function toAttribute(t) {
  const required = !t.optional;
  switch (t.type) {
    case 'string': return { type: String, required };
    case 'number': return { type: Number, required };
    case 'boolean': return { type: Boolean, required };
    case 'datetime': return { type: { value: Date, settings: { storage: 'iso' } }, required };
    case 'set': return { type: Set, schema: [String], required };
    case 'map': return { type: Object, schema: toAttributes(t.fields), required };
    case 'list': return { type: Array, schema: [toAttribute(t.of)], required };
    default: throw new Error(`no Dynamoose type for ${t.type}`);
  }
}

const toAttributes = (fields) => Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, toAttribute(t)]));

// What Model.get() passes when it turns a response's Item into a Document.
const fromDynamo = { customTypesDynamo: true, checkExpiredItem: true, saveUnknown: true, modifiers: ['get'], type: 'fromDynamo', mapAttributes: true };

export const name = 'dynamoose';

export function setup(shape) {
  const { pk, sk, ...rest } = shape.attributes;
  const schema = new dynamoose.Schema(
    { pk: { type: String, hashKey: true }, sk: { type: String, rangeKey: true }, ...toAttributes(rest) },
    { saveUnknown: false, timestamps: false },
  );
  const Model = dynamoose.model(`Bench_${shape.name}`, schema);
  // eslint-disable-next-line no-new
  new dynamoose.Table(w.table, [Model], { create: false, waitForActive: false, update: false });
  const item = shape.item;
  const key = keyOf(shape);
  const putCondition = new dynamoose.Condition()
    .where(w.putCondition.notExistsPath).not().exists()
    .or().where(w.putCondition.eqPath).eq(w.putCondition.eqValue);
  const updateCondition = new dynamoose.Condition().where(w.updateCondition.path).eq(w.updateCondition.value);
  const changes = { $SET: { name: w.updateName, [shape.setPath]: shape.setValue }, $ADD: { count: 1 }, $REMOVE: ['note'] };
  return {
    read: (av) => new Model(av, { type: 'fromDynamo' }).conformToSchema(fromDynamo),
    // The typed value of a Document, for the equivalence check (not timed).
    plain: (document) => ({ ...document }),
    put: () => new Model(item).save({ condition: putCondition, return: 'request' }),
    update: () => Model.update(key, changes, { condition: updateCondition, return: 'request', returnValues: 'NONE' }),
    query: () =>
      Model.query('pk').eq(item.pk)
        .where('sk').beginsWith(w.queryPrefix)
        .where(w.queryFilter.path).eq(w.queryFilter.value)
        .limit(w.queryLimit)
        .getRequest(),
  };
}
