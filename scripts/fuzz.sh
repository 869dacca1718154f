#!/usr/bin/env bash
# libFuzzer targets for the C++ core (clang-14, ASan + UBSan).
#   bash scripts/fuzz.sh --list              target names, one per line
#   bash scripts/fuzz.sh <target> [seconds]  build, then fuzz for that long (default 60)
#   bash scripts/fuzz.sh --build [target...] build only
# Binaries go to build/fuzz/<target>, corpora to build/fuzz/corpus/<target> (made from the
# shared fixtures by fuzz/make-corpus.mjs when missing), findings to build/fuzz/findings/<target>/.
# Extra libFuzzer flags may follow the seconds, e.g. `bash scripts/fuzz.sh item 60 -jobs=2`.
# Exits non-zero when the fuzzer finds a crash, leak, timeout or broken invariant.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGETS=(model item expression response schemaless regex json_reader)
OUT="$ROOT/build/fuzz"
CXX="${FUZZ_CXX:-clang++-14}"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CXXFLAGS=(-std=c++17 -g -O1 -fno-omit-frame-pointer $SAN -Icore/include -Icore/src -I/usr/include)
JOBS="${FUZZ_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
is_target() { local t; for t in "${TARGETS[@]}"; do [[ "$t" == "$1" ]] && return 0; done; return 1; }

# Newest modification time among the core's sources and headers and the shared fuzz headers.
newest_of() { find "$@" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -printf '%T@\n' | sort -n | tail -1; }

# The core is compiled once into objects shared by every target (instrumented, no fuzzer main);
# an object is rebuilt when its source or any header is newer.
build_core() {
  mkdir -p "$OUT/obj"
  local headers_time; headers_time="$(find core/include core/src -type f \( -name '*.hpp' -o -name '*.h' \) -printf '%T@\n' | sort -n | tail -1)"
  local todo=() src obj
  while IFS= read -r src; do
    obj="$OUT/obj/$(echo "${src#core/src/}" | tr '/' '_').o"
    if [[ ! -f "$obj" ]] || [[ "$src" -nt "$obj" ]] || awk -v h="$headers_time" -v o="$(stat -c %Y.%N "$obj" 2>/dev/null | cut -d. -f1)" 'BEGIN{exit !(h>o)}'; then
      todo+=("$src")
    fi
  done < <(find core/src -name '*.cpp' | sort)
  if ((${#todo[@]})); then
    echo "fuzz: compiling ${#todo[@]} core sources ($JOBS jobs)" >&2
    printf '%s\n' "${todo[@]}" | xargs -P "$JOBS" -I{} sh -c \
      'o="$0/obj/$(echo "${1#core/src/}" | tr / _).o"; '"$CXX"' '"${CXXFLAGS[*]}"' -fsanitize=fuzzer-no-link -c "$1" -o "$o" || { rm -f "$o"; exit 255; }' "$OUT" {}
  fi
}

build_target() {
  local t="$1" bin="$OUT/$1"
  local newest; newest="$(newest_of core/src core/include fuzz)"
  if [[ -x "$bin" ]] && awk -v n="$newest" -v b="$(stat -c %Y "$bin")" 'BEGIN{exit !(b>n)}'; then
    echo "fuzz: $t is up to date" >&2; return 0
  fi
  build_core
  echo "fuzz: linking $t" >&2
  "$CXX" "${CXXFLAGS[@]}" -fsanitize=fuzzer "fuzz/fuzz_$t.cpp" "$OUT"/obj/*.o -o "$bin.tmp"
  mv "$bin.tmp" "$bin"
}

case "${1:-}" in
  --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
  ""|-h|--help) usage; exit 0 ;;
  --build)
    shift; mkdir -p "$OUT"
    start=$(date +%s)
    for t in "${@:-${TARGETS[@]}}"; do is_target "$t" || { echo "fuzz: unknown target '$t'" >&2; exit 2; }; build_target "$t"; done
    echo "fuzz: build took $(( $(date +%s) - start ))s" >&2
    exit 0 ;;
esac

target="$1"; seconds="${2:-60}"; shift; (($#)) && shift
is_target "$target" || { echo "fuzz: unknown target '$target' (try --list)" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: seconds must be a whole number, got '$seconds'" >&2; exit 2; }
mkdir -p "$OUT"
start=$(date +%s)
build_target "$target"
echo "fuzz: build took $(( $(date +%s) - start ))s" >&2

corpus="$OUT/corpus/$target"
if [[ ! -d "$corpus" && "$target" == json_reader ]]; then
  # Any JSON text will do: the seeds of the targets that read JSON, and the fixture files whole.
  seeds="$OUT/corpus/.json_reader-seeds"
  rm -rf "$seeds"
  node fuzz/make-corpus.mjs "$seeds" model item expression response schemaless >/dev/null
  mkdir -p "$corpus"
  for dir in "$seeds"/*/; do cp -f "$dir"* "$corpus"/; done  # one cp per target: names repeat across them
  rm -rf "$seeds"
  find tests/fixtures -name '*.json' -size -65537c -print0 |
    while IFS= read -r -d '' f; do cp "$f" "$corpus/$(sha1sum < "$f" | cut -c1-40)"; done
  echo "json_reader: $(find "$corpus" -type f | wc -l) seeds in $corpus"
fi
if [[ ! -d "$corpus" ]]; then node fuzz/make-corpus.mjs "$OUT/corpus" "$target"; fi
findings="$OUT/findings/$target"
mkdir -p "$findings"
args=(-max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
      -artifact_prefix="$findings/")
[[ -f "fuzz/dict/$target.dict" ]] && args+=(-dict="fuzz/dict/$target.dict")
# Leak checks stay on; ASan/UBSan abort on the first report so findings are never missed.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
echo "fuzz: running $target for ${seconds}s (findings -> ${findings#$ROOT/})" >&2
exec "$OUT/$target" "${args[@]}" "$@" "$corpus"
