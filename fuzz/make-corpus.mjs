// Builds the seed corpora of the fuzz targets from the shared fixtures.
// usage: node fuzz/make-corpus.mjs <out-dir> [target...]   (out-dir: build/fuzz/corpus)
// Writes <out-dir>/<target>/<sha1> files; hand-written seeds in fuzz/seeds/<target>/ are copied too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'build/fuzz/corpus');
const wanted = process.argv.slice(3);
const targets = ['model', 'item', 'expression', 'response', 'schemaless', 'regex'];

const corpora = Object.fromEntries(targets.map((t) => [t, new Map()]));
const add = (target, data) => {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
  if (buf.length > 65536) return;
  corpora[target].set(createHash('sha1').update(buf).digest('hex'), buf);
};

// RFC 7386 merge patch, as the C++ fixture runner applies `patch` to `base`.
const mergePatch = (target, patch) => {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
};

const fixtureDir = join(root, 'tests/fixtures/core');
for (const file of readdirSync(fixtureDir).filter((f) => f.endsWith('.json')).sort()) {
  const fixture = JSON.parse(readFileSync(join(fixtureDir, file), 'utf8'));
  if (fixture.model) add('model', JSON.stringify(fixture.model, null, 1));
  if (fixture.base) add('model', fixture.base);
  for (const c of fixture.cases ?? []) {
    if (c.patch !== undefined) add('model', mergePatch(fixture.base, c.patch));
    const input = c.input;
    if (input === undefined) continue;
    switch (c.op) {
      case 'validate':
      case 'toItem':
        add('item', input);
        if (input && typeof input === 'object') add('response', { Attributes: input.item });
        break;
      case 'fromItem':
        add('item', input);
        add('schemaless', input);
        add('response', { Item: input });
        add('response', { Items: [input], Count: 1, ScannedCount: 1, LastEvaluatedKey: { pk: { S: 'p' }, sk: { S: 's' } } });
        add('response', { Responses: { rich: [input] }, UnprocessedKeys: {} });
        add('response', { UnprocessedItems: { rich: [{ PutRequest: { Item: input } }, { DeleteRequest: { Key: input } }] } });
        break;
      case 'marshall':
      case 'unmarshall':
        add('schemaless', input);
        break;
      default:
        if (c.op?.startsWith('plan.')) {
          add('expression', input);
          const o = input?.options ?? {};
          for (const part of [input?.update, input?.sort, o.condition, o.filter, o.select]) {
            if (part !== undefined) add('expression', part);
          }
          if (input?.item) add('item', { item: input.item });
        }
    }
  }
}

const regexCases = JSON.parse(readFileSync(join(root, 'tests/fixtures/regex/cases.json'), 'utf8')).cases;
for (const { pattern, input } of regexCases) add('regex', Buffer.concat([Buffer.from(pattern), Buffer.from([0]), Buffer.from(input)]));

for (const target of targets) {
  const seeds = join(root, 'fuzz/seeds', target);
  if (existsSync(seeds)) for (const f of readdirSync(seeds)) add(target, readFileSync(join(seeds, f)));
}

for (const target of wanted.length ? wanted : targets) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  for (const [name, buf] of corpora[target]) writeFileSync(join(dir, name), buf);
  console.log(`${target}: ${corpora[target].size} seeds in ${dir}`);
}
