// The benchmark cases: for each workload and shape, one function per library (checked against
// dynamap's output before it is timed) and the JSON floor of the same data.
import { compareItems, compareRequests, compareValues } from './equivalence.mjs';
import * as dynamap from './libs/dynamap.mjs';
import { datesAsText } from './libs/document.mjs';
import * as dynamoose from './libs/dynamoose.mjs';
import * as electrodb from './libs/electrodb.mjs';
import * as toolbox from './libs/toolbox.mjs';
import * as utilDynamodb from './libs/util-dynamodb.mjs';
import { shapes } from './shapes.mjs';

const libraries = [dynamap, utilDynamodb, toolbox, electrodb, dynamoose];

/**
 * The workloads: which libraries take part and how an output is compared with dynamap's.
 * `refuses`: the operation must also refuse a wrongly typed attribute (`count` as a string), as
 * dynamap's does; a library that accepts it is not doing the same work.
 */
const workloads = [
  { name: 'marshall', libs: [utilDynamodb], compare: compareItems },
  { name: 'unmarshall', libs: [utilDynamodb], compare: compareValues },
  { name: 'read', libs: [toolbox, electrodb, dynamoose], compare: compareValues, refuses: true },
  { name: 'put', libs: [toolbox, electrodb, dynamoose], compare: compareRequests, refuses: true },
  { name: 'update', libs: [toolbox, electrodb, dynamoose], compare: compareRequests },
  { name: 'query', libs: [toolbox, electrodb, dynamoose], compare: compareRequests },
];

const BAD_COUNT = 'three';

/** Whether `fn` throws or rejects. */
async function refuses(fn) {
  try {
    await fn();
    return false;
  } catch {
    return true;
  }
}

/**
 * Every case: { workload, shape, bytes, runs: { [library]: fn }, differs: { [library]: text },
 * floor: { stringify, parse } }. Inputs are built once here; the functions only do the work.
 */
export async function buildCases() {
  const cases = [];
  for (const shape of shapes) {
    const schemaless = datesAsText(shape.item); // util-dynamodb has no Date
    const setups = new Map(libraries.map((lib) => [lib, lib.setup(shape, schemaless)]));
    const d = setups.get(dynamap);
    const schemalessAV = d.marshall();
    const itemAV = d.put().Item; // the item as stored: what a GetItem response holds
    const inputs = { unmarshall: schemalessAV, read: itemAV };
    // The same operations on a wrongly typed item, for the `refuses` check.
    const badShape = { ...shape, name: `${shape.name}_bad`, item: { ...shape.item, count: BAD_COUNT } };
    const bad = (lib) => lib.setup(badShape, datesAsText(badShape.item));
    const badRuns = { read: (lib) => () => setups.get(lib).read({ ...itemAV, count: { S: BAD_COUNT } }), put: (lib) => bad(lib).put };
    for (const workload of workloads) {
      const input = inputs[workload.name];
      const call = (lib) => {
        const fn = setups.get(lib)[workload.name];
        return input === undefined ? fn : () => fn(input);
      };
      const plain = async (lib, output) => (setups.get(lib).plain ? setups.get(lib).plain(await output) : output);
      const expected = call(dynamap)();
      const runs = { [dynamap.name]: call(dynamap) };
      const differs = {};
      if (workload.refuses && !(await refuses(badRuns[workload.name](dynamap)))) {
        throw new Error(`dynamap ${workload.name} accepted count: '${BAD_COUNT}'`);
      }
      for (const lib of workload.libs) {
        runs[lib.name] = call(lib);
        const found = [workload.compare(expected, await plain(lib, runs[lib.name]()), lib.ownAttributes)];
        if (workload.refuses && !(await refuses(badRuns[workload.name](lib)))) {
          found.push(`accepts a wrongly typed attribute (count: '${BAD_COUNT}' where a number is declared)`);
        }
        if (found.some(Boolean)) differs[lib.name] = found.filter(Boolean).join('; ');
      }
      // The floor: JSON of the data on the wire side of the operation, of the same size.
      const wire = input === schemalessAV ? schemalessAV : input === itemAV ? { Item: itemAV } : expected;
      const text = JSON.stringify(wire);
      cases.push({
        workload: workload.name,
        shape: shape.name,
        bytes: text.length,
        runs,
        differs,
        floor: { stringify: () => JSON.stringify(wire), parse: () => JSON.parse(text) },
      });
    }
  }
  return cases;
}
