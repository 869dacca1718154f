#!/usr/bin/env bash
# Builds the core natively (library + Catch2 tests) and as WebAssembly, then assembles dist/:
#   dist/dynamap_core.mjs   the Emscripten glue as an ES module
#   dist/dynamap_core.wasm  the core
#   dist/dynamap.mjs        the package bundled as one ES module for Node's import
#   dist/dynamap.cjs        the package bundled for require()
#   dist/dynamap.browser.js the package bundled as one ES module for browsers without a bundler
# Every step is incremental: a second run with nothing changed does no work.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

# Debian's emcc runs its JS optimizer under node and needs Debian's acorn.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

[ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$jobs" | { grep -vE '^\[ *[0-9]+%\] (Built target|Building|Linking)|^Consolidate|^make' || true; }

[ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j "$jobs" | { grep -vE '^\[ *[0-9]+%\] (Built target|Building|Linking)|^Consolidate|^make' || true; }

mkdir -p dist
glue=build/wasm/bindings/dynamap_core.js
# The glue is a classic script that defines createDynamapCore and ends in a CommonJS/AMD export
# block; that block is replaced by one export line to make it the ES module both loaders import.
if [ ! -f dist/dynamap_core.mjs ] || [ "$glue" -nt dist/dynamap_core.mjs ]; then
  { sed '/^if (typeof exports === .object. && typeof module === .object.)/,$d' "$glue"
    printf 'export default createDynamapCore;\n'; } > dist/dynamap_core.mjs.tmp
  grep -q '^var createDynamapCore' dist/dynamap_core.mjs.tmp || { echo "build: unexpected glue layout" >&2; exit 1; }
  mv dist/dynamap_core.mjs.tmp dist/dynamap_core.mjs
fi
cmp -s build/wasm/bindings/dynamap_core.wasm dist/dynamap_core.wasm ||
  cp build/wasm/bindings/dynamap_core.wasm dist/dynamap_core.wasm

# An ES module bundle that sits beside the .wasm: js/index.js with the glue inside, whitespace
# and syntax minified (names kept, so stack traces still read) with a source map that points into
# js/, which the package ships (Node reads it with --enable-source-maps). The loader's URL of the
# .wasm is written for js/core/ (where bundlers find it); in the bundle that one URL becomes
# './dynamap_core.wasm', and the build stops if it is not there exactly once.
#   bundle_beside_wasm <out> <esbuild flags...>
bundle_beside_wasm() {
  local out=$1 tmp=${1%.*}.tmp.${1##*.}
  shift
  [ -f "$out" ] && [ -z "$(find js dist/dynamap_core.mjs package.json -newer "$out" -print -quit)" ] && return
  node_modules/.bin/esbuild js/index.js --bundle --format=esm --log-level=warning \
    --minify-whitespace --minify-syntax --sourcemap --sources-content=false "$@" --outfile="$tmp"
  local url_re='new URL\("\.\./\.\./dist/dynamap_core\.wasm", ?import\.meta\.url\)'
  [ "$(grep -cE "$url_re" "$tmp")" -eq 1 ] ||
    { echo "build: the .wasm URL is not in $out exactly once" >&2; exit 1; }
  sed -i -E -e "s#$url_re#new URL(\"./dynamap_core.wasm\",import.meta.url)#" \
    -e "s#^//\# sourceMappingURL=$(basename "$tmp")\.map\$#//\# sourceMappingURL=$(basename "$out").map#" "$tmp"
  mv "$tmp.map" "$out.map"
  mv "$tmp" "$out"
}

# import 'dynamap' in Node: loading the ~30 modules of js/ one by one took Node ~15 ms more than
# loading the same code as one file.
bundle_beside_wasm dist/dynamap.mjs --platform=node --external:aws4fetch --external:@aws-sdk/client-dynamodb

# require('dynamap'): one CommonJS file bundled from the ESM source, minified and mapped like the
# ES module bundles. import.meta.url, which the Node loader uses to find the .wasm, becomes the
# path that source file has in the package.
if [ ! -f dist/dynamap.cjs ] || [ -n "$(find js dist/dynamap_core.mjs package.json -newer dist/dynamap.cjs -print -quit)" ]; then
  node_modules/.bin/esbuild js/index.js --bundle --platform=node --format=cjs --log-level=warning \
    --external:aws4fetch --external:@aws-sdk/client-dynamodb --outfile=dist/dynamap.cjs \
    --minify-whitespace --minify-syntax --sourcemap --sources-content=false \
    --define:import.meta.url=__dynamap_module_url \
    --banner:js="const __dynamap_module_url = require('node:url').pathToFileURL(require('node:path').join(__dirname, '../js/core/load_node.js')).href;"
fi

# Browsers without a bundler (<script type="module">): aws4fetch inside and '#wasm-loader'
# resolved to load_browser.js (esbuild's browser platform has no 'node' condition; it also
# refuses any node: import, so none can reach this file). The AWS SDK stays an external dynamic
# import, loaded only by the sdk transport.
bundle_beside_wasm dist/dynamap.browser.js --platform=browser --external:@aws-sdk/client-dynamodb
