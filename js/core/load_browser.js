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

export function ready() {
  loading ??= (async () => {
    const url = new URL('../../dist/dynamap_core.wasm', import.meta.url);
    const response = await fetch(url);
    const module = await WebAssembly.compileStreaming(response).catch(async () =>
      // Servers that do not label .wasm as application/wasm defeat streaming compilation.
      WebAssembly.compile(await (await fetch(url)).arrayBuffer()),
    );
    const instance = {
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(module, imports).then((inst) => receive(inst, module));
        return {};
      },
    };
    await createDynamapCore(instance);
    core = instance;
  })();
  return loading;
}
