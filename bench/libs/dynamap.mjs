// dynamap: the model built from the neutral schema, and one function per workload.
import { marshall, model, unmarshall, update, where } from '../../js/index.js';
import { keyOf, workload as w } from '../shapes.mjs';

function toType(t) {
  const rules = t.optional ? { optional: true } : {};
  switch (t.type) {
    case 'map':
      return { type: 'map', fields: toAttributes(t.fields), ...rules };
    case 'list':
      return { type: 'list', of: toType(t.of), ...rules };
    case 'set':
      return { type: 'set', of: 'string', ...rules };
    default:
      return { type: t.type, ...rules };
  }
}

const toAttributes = (fields) => Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, toType(t)]));

export const name = 'dynamap';

// `schemaless`: the item as plain data (dates as text), for marshall as util-dynamodb takes it.
export function setup(shape, schemaless) {
  const Model = model({
    name: `Bench_${shape.name}`,
    table: w.table,
    key: { partition: 'pk', sort: 'sk' },
    attributes: toAttributes(shape.attributes),
  });
  const item = shape.item;
  const key = keyOf(shape);
  const putCondition = where(w.putCondition.notExistsPath).notExists().or(where(w.putCondition.eqPath).eq(w.putCondition.eqValue));
  const changes = update().set('name', w.updateName).set(shape.setPath, shape.setValue).add('count', 1).remove('note');
  const updateCondition = where(w.updateCondition.path).eq(w.updateCondition.value);
  const sort = where('sk').beginsWith(w.queryPrefix);
  const filter = where(w.queryFilter.path).eq(w.queryFilter.value);
  return {
    marshall: () => marshall(schemaless),
    unmarshall: (av) => unmarshall(av),
    read: (av) => Model.fromItem(av),
    put: () => Model.plan.put(item, { condition: putCondition }).request,
    update: () => Model.plan.update(key, changes, { condition: updateCondition }).request,
    query: () => Model.plan.query({ pk: item.pk }, { sort, filter, limit: w.queryLimit }).request,
  };
}
