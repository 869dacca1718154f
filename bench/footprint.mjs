// What dynamap costs before any operation: the size of what the package ships, and the time a
// fresh Node process takes to import it and have it ready (the peers' import time beside it).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median } from './timing.mjs';

const root = new URL('..', import.meta.url).pathname;

function files(dir, test) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path, test);
    return test(e.name) ? [path] : [];
  });
}

/** Raw and gzip (level 9, file by file) bytes of each group of shipped files. */
export function packageSize() {
  const dist = (name) => ['dist/' + name];
  const groups = [
    ['dist/dynamap_core.wasm (the core)', dist('dynamap_core.wasm')],
    ["dist/dynamap.mjs (Node's import: js/ and the glue, one file)", dist('dynamap.mjs')],
    ['dist/dynamap.cjs (require)', dist('dynamap.cjs')],
    ['dist/dynamap.browser.js (browsers without a bundler)', dist('dynamap.browser.js')],
    ['dist/dynamap_core.mjs + js/**/*.js (the source bundlers take)', [...dist('dynamap_core.mjs'), ...files('js', (n) => n.endsWith('.js'))]],
  ];
  const rows = groups.map(([label, list]) => {
    let raw = 0;
    let gzip = 0;
    for (const f of list) {
      const bytes = readFileSync(join(root, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { label, files: list.length, raw, gzip };
  });
  // What one user loads: each entry point brings the .wasm and one of the JS builds.
  const plus = (label, a, b) => ({ label, files: a.files + b.files, raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
  rows.push(plus("loaded by Node's `import` (wasm + dynamap.mjs)", rows[0], rows[1]));
  rows.push(plus('loaded by `require` (wasm + dynamap.cjs)', rows[0], rows[2]));
  rows.push(plus('loaded by a browser page (wasm + dynamap.browser.js)', rows[0], rows[3]));
  return rows;
}

// Each probe runs in a fresh process and prints [ms from process start to ready, ms of the
// import itself]. performance.now() counts from the process's time origin.
const probes = [
  ['dynamap (ESM import + ready())', `const t=performance.now(); const m=await import('dynamap'); await m.ready();`],
  ['dynamap (CJS require)', `const r=(await import('node:module')).createRequire(import.meta.url); const t=performance.now(); r('./dist/dynamap.cjs');`],
  ['@aws-sdk/util-dynamodb', `const t=performance.now(); await import('@aws-sdk/util-dynamodb');`],
  ['dynamodb-toolbox', `const t=performance.now(); await import('dynamodb-toolbox');`],
  ['electrodb', `const t=performance.now(); await import('electrodb');`],
  ['dynamoose', `const t=performance.now(); await import('dynamoose');`],
];

/** Medians over `runs` fresh processes of each probe. */
export function startup(runs = Number(process.env.BENCH_STARTUP_RUNS ?? 10)) {
  return probes.map(([label, code]) => {
    const total = [];
    const own = [];
    for (let i = 0; i < runs; i++) {
      const script = `${code} const e=performance.now(); console.log(JSON.stringify([e, e - t]));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: root,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
      });
      const [fromStart, importMs] = JSON.parse(out.trim().split('\n').pop());
      total.push(fromStart);
      own.push(importMs);
    }
    return { label, importMs: median(own), fromStartMs: median(total) };
  });
}
