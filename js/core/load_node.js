// Node: compile and instantiate the core synchronously at import, so the synchronous API
// (model, validate, plan.*) works right after `import` or `require`. Node has no main-thread limit
// on synchronous compilation. The .wasm is read from beside the glue; passing the instance in
// through instantiateWasm sidesteps the 3.1.6 loader's fetch of a file path, which Node rejects.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import createDynamapCore from '../../dist/dynamap_core.mjs';

// Node 18 has WebCrypto but not yet as the global `crypto` that the SigV4 signer (aws4fetch)
// reads; Node 19 and later define it themselves, so this fills in exactly what they would.
// Loaded only there: importing node:crypto (and the stream modules behind it) costs every other
// Node ~3 ms of start-up for nothing.
if (globalThis.crypto === undefined) globalThis.crypto = createRequire(import.meta.url)('node:crypto').webcrypto;

const wasmUrl = new URL('../../dist/dynamap_core.wasm', import.meta.url);

function instantiate() {
  const module = new WebAssembly.Module(readFileSync(wasmUrl));
  const core = {
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(module, imports);
      receive(instance, module);
      return instance.exports;
    },
  };
  createDynamapCore(core); // runs to completion synchronously: every dependency is already met
  if (typeof core.call !== 'function') throw new Error('dynamap: the WebAssembly core did not start');
  return core;
}

const core = instantiate();

export function loadedCore() {
  return core;
}

export function ready() {
  return Promise.resolve();
}
