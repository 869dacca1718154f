// ElectroDB: an Entity built from the neutral schema, its keys stored as the attributes themselves
// (no composite prefixes). Reads are util-dynamodb's unmarshall then entity.parse({ Item });
// writes are params() then the DocumentClient's marshalling (bench/libs/document.mjs).
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Entity } from 'electrodb';
import { keyOf, workload as w } from '../shapes.mjs';
import { datesAsText, toLowLevel } from './document.mjs';

function toAttribute(t) {
  const required = !t.optional;
  switch (t.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return { type: t.type, required };
    // No date type: an ISO string, read back as a Date so the value is typed as dynamap's is.
    case 'datetime':
      return { type: 'string', required, get: (text) => (text === undefined ? text : new Date(text)) };
    case 'set':
      return { type: 'set', items: 'string', required };
    case 'map':
      return { type: 'map', properties: toAttributes(t.fields), required };
    case 'list':
      return { type: 'list', items: toAttribute(t.of), required };
    default:
      throw new Error(`no ElectroDB type for ${t.type}`);
  }
}

const toAttributes = (fields) => Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, toAttribute(t)]));

export const name = 'electrodb';

// ElectroDB stores two identifiers of its own in every item it writes.
export const ownAttributes = ['__edb_e__', '__edb_v__'];

export function setup(shape) {
  const entity = new Entity(
    {
      model: { entity: `Bench_${shape.name}`, version: '1', service: 'bench' },
      attributes: toAttributes(shape.attributes),
      indexes: { primary: { pk: { field: 'pk', composite: ['pk'] }, sk: { field: 'sk', composite: ['sk'] } } },
    },
    // A client is what makes ElectroDB build sets as JS Sets (v3 DocumentClient); it never sends.
    { table: w.table, client: { send: () => Promise.reject(new Error('the benchmark sends nothing')) } },
  );
  const item = datesAsText(shape.item);
  const key = keyOf(shape);
  const setValue = datesAsText(shape.setValue);
  return {
    read: (av) => entity.parse({ Item: unmarshall(av) }).data,
    put: () =>
      toLowLevel(
        entity.put(item)
          .where((a, { notExists, eq }) => `${notExists(a[w.putCondition.notExistsPath])} OR ${eq(a[w.putCondition.eqPath], w.putCondition.eqValue)}`)
          .params(),
      ),
    update: () =>
      toLowLevel(
        entity.update(key)
          .set({ name: w.updateName, [shape.setPath]: setValue })
          .add({ count: 1 })
          .remove(['note'])
          .where((a, { eq }) => eq(a[w.updateCondition.path], w.updateCondition.value))
          .params(),
      ),
    query: () =>
      toLowLevel(
        entity.query.primary({ pk: item.pk })
          .begins({ sk: w.queryPrefix })
          .where((a, { eq }) => eq(a[w.queryFilter.path], w.queryFilter.value))
          .params({ limit: w.queryLimit }),
      ),
  };
}
