// Browsers: compiling a large module synchronously on the main thread is refused, so the core is
// compiled asynchronously by ready(); the synchronous API needs `await ready()` once first.
import createDynamapCore from '../../dist/dynamap_core.mjs';
import { UsageError } from '../errors.js';

let core;
let loading;

export function loadedCore() {
  if (core === undefined) {
    throw new UsageError('dynamap is not ready yet: `await ready()` once before using it in a browser', {
      code: 'usage.notReady',
    });
  }
  return core;
}

async function compileCore() {
  // Written as `new URL('<literal>', import.meta.url)` so that bundlers (Vite, webpack, esbuild
  // with a file loader) see the .wasm and copy it with the app. The path is the package's layout,
  // js/core/ -> dist/; dist/dynamap.browser.js, the prebuilt bundle of this file that sits beside
  // the .wasm, has this URL rewritten to './dynamap_core.wasm' by scripts/build.sh.
  const url = new URL('../../dist/dynamap_core.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`dynamap: cannot load the WebAssembly core from ${url} (HTTP ${response.status})`);
  const module = await WebAssembly.compileStreaming(response).catch(async () =>
    // Servers that do not label .wasm as application/wasm defeat streaming compilation.
    WebAssembly.compile(await (await fetch(url)).arrayBuffer()),
  );
  return new Promise((resolve, reject) => {
    const instance = {
      instantiateWasm(imports, receive) {
        // A .wasm that does not match the glue fails here; without `reject` ready() would hang.
        WebAssembly.instantiate(module, imports).then((inst) => receive(inst, module), reject);
        return {};
      },
    };
    createDynamapCore(instance).then(() => resolve(instance), reject);
  });
}

export function ready() {
  loading ??= compileCore().then(
    (instance) => {
      core = instance;
    },
    (error) => {
      loading = undefined; // a later ready() tries again (the network may be back)
      throw error;
    },
  );
  return loading;
}
