// The published package: `npm pack`, install the tarball into an empty folder, then import it
// from ESM and from CommonJS with a PATH that has no Emscripten on it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let work;
let app;
let files;

// node is started by its absolute path with an empty PATH: no emcc, cmake or compiler can be found.
let bareEnv;

function node(args) {
  return execFileSync(process.execPath, args, { cwd: app, env: bareEnv, encoding: 'utf8' });
}

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'dynamap-pack-'));
  const emptyBin = path.join(work, 'empty-bin');
  mkdirSync(emptyBin);
  bareEnv = { ...process.env, PATH: emptyBin };
  delete bareEnv.NODE_PATH;
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  files = info.files.map((f) => f.path);
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(work, info.filename)], {
    cwd: app,
    encoding: 'utf8',
  });
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the prebuilt core and no build inputs', () => {
  for (const needed of ['dist/dynamap_core.wasm', 'dist/dynamap_core.mjs', 'dist/dynamap.mjs', 'dist/dynamap.mjs.map', 'dist/dynamap.cjs', 'js/index.js', 'js/index.d.ts', 'package.json', 'README.md']) {
    assert.ok(files.includes(needed), `${needed} missing from the tarball`);
  }
  assert.ok(!files.some((f) => /^(core|bindings|tests|build|node_modules)\//.test(f)), files.join('\n'));
});

const script = `
  const M = model({ name: 'T', table: 'things', key: { partition: 'id' }, attributes: { id: { type: 'string' }, n: { type: 'integer' } } });
  const bad = M.validate({ id: 'a', n: 1.5 });
  console.log(JSON.stringify([M.plan.get({ id: 'a' }).request, bad.errors[0].path, bad.errors[0].code, typeof ready]));
`;
const expected = JSON.stringify([{ Key: { id: { S: 'a' } }, TableName: 'things' }, 'n', 'integer', 'function']);

test('import from ESM works synchronously after import', () => {
  const out = node(['--input-type=module', '-e', `import { model, ready } from 'dynamap';${script}`]);
  assert.equal(out.trim(), expected);
});

test("Node's import gets the one-file ES module bundle, and its source map points into js/", () => {
  const out = node(['--input-type=module', '-e', `console.log(import.meta.resolve('dynamap'))`]);
  assert.match(out.trim(), /\/node_modules\/dynamap\/dist\/dynamap\.mjs$/);
  const installed = path.join(app, 'node_modules/dynamap');
  const map = JSON.parse(readFileSync(path.join(installed, 'dist/dynamap.mjs.map'), 'utf8'));
  const own = map.sources.filter((s) => !s.includes('node_modules'));
  assert.ok(own.includes('../js/model.js'), own.join('\n'));
  for (const s of own) assert.ok(existsSync(path.join(installed, 'dist', s)), `${s} is not in the package`);
  // With source maps on, an error's stack names the source file, not the bundle.
  const stack = node(['--enable-source-maps', '--input-type=module', '-e', `import { model } from 'dynamap';
    try { model({ name: 'T', table: 'x', key: { partition: 'id' }, attributes: {} }); } catch (e) { console.log(e.stack); }`]);
  assert.match(stack, /js\/[\w/]+\.js:\d+/);
});

test('require from CommonJS works synchronously after require', () => {
  const out = node(['--input-type=commonjs', '-e', `const { model, ready } = require('dynamap');${script}`]);
  assert.equal(out.trim(), expected);
});

test('CommonJS and ESM raise the same typed errors', () => {
  const check = `try { model({ name: 'T', table: 'x', key: { partition: 'id' }, attributes: { id: { type: 'string' } } }); }
                 catch (e) { console.log(e instanceof SchemaError, e.code, e.path); }`;
  const esm = node(['--input-type=module', '-e', `import { model, SchemaError } from 'dynamap';${check}`]);
  const cjs = node(['--input-type=commonjs', '-e', `const { model, SchemaError } = require('dynamap');${check}`]);
  assert.equal(esm.trim(), 'true schema.invalidName table');
  assert.equal(cjs.trim(), esm.trim());
});
