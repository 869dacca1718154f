// dynamodb-toolbox v2: an Entity built from the neutral schema. Reads are util-dynamodb's
// unmarshall then the EntityFormatter (which checks types); writes are the commands' params()
// then the DocumentClient's marshalling (bench/libs/document.mjs).
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  $add, $remove, $set, boolean, Entity, EntityFormatter, item as itemSchema, list, map, number,
  PutItemCommand, QueryCommand, set, string, Table, UpdateItemCommand,
} from 'dynamodb-toolbox';
import { keyOf, workload as w } from '../shapes.mjs';
import { datesAsText, toLowLevel } from './document.mjs';

// No date type: an ISO string, read back as a Date so the value is typed as dynamap's is.
const isoDate = { encode: (text) => text, decode: (text) => new Date(text) };

function toSchema(t) {
  let s;
  switch (t.type) {
    case 'string': s = string(); break;
    case 'number': s = number(); break;
    case 'boolean': s = boolean(); break;
    case 'datetime': s = string().transform(isoDate); break;
    case 'set': s = set(string()); break;
    case 'map': s = map(toFields(t.fields)); break;
    case 'list': s = list(toSchema(t.of)); break;
    default: throw new Error(`no toolbox type for ${t.type}`);
  }
  return t.optional ? s.optional() : s;
}

const toFields = (fields) => Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, toSchema(t)]));

export const name = 'dynamodb-toolbox';

export function setup(shape) {
  const table = new Table({
    name: w.table,
    partitionKey: { name: 'pk', type: 'string' },
    sortKey: { name: 'sk', type: 'string' },
  });
  const { pk, sk, ...rest } = shape.attributes;
  const entity = new Entity({
    name: `Bench_${shape.name}`,
    table,
    schema: itemSchema({ pk: string().key(), sk: string().key(), ...toFields(rest) }),
    entityAttribute: false,
    timestamps: false,
  });
  const item = datesAsText(shape.item);
  const formatter = entity.build(EntityFormatter);
  const put = entity.build(PutItemCommand).item(item).options({
    condition: { or: [{ attr: w.putCondition.notExistsPath, exists: false }, { attr: w.putCondition.eqPath, eq: w.putCondition.eqValue }] },
  });
  const update = entity.build(UpdateItemCommand).item({
    ...keyOf(shape),
    name: w.updateName,
    [shape.setPath]: $set(datesAsText(shape.setValue)),
    count: $add(1),
    note: $remove(),
  }).options({ condition: { attr: w.updateCondition.path, eq: w.updateCondition.value } });
  const query = table.build(QueryCommand).entities(entity)
    .query({ partition: item.pk, range: { beginsWith: w.queryPrefix } })
    .options({ filters: { [entity.entityName]: { attr: w.queryFilter.path, eq: w.queryFilter.value } }, limit: w.queryLimit });
  // (With entities, `filter` is silently ignored: it must be `filters` keyed by entity name.)
  const lowLevel = (command) => {
    const { ToolboxItem, ...params } = command.params();
    return toLowLevel(params);
  };
  return {
    read: (av) => formatter.format(unmarshall(av)),
    // Each call re-runs validation and mapping: params() keeps no cache.
    put: () => lowLevel(put),
    update: () => lowLevel(update),
    query: () => lowLevel(query),
  };
}
