#!/usr/bin/env bash
# Makes a fresh machine of this kind ready for `npm run demo` and `npm test`: installs what is
# missing and skips what is present, then builds. A second run changes nothing.
#   --with-dynamodb-local   also fetch the official DynamoDB Local (the integration tests use it)
#   --with-browser          also install Debian's Chromium (the browser tests drive it through
#                           playwright-core, which never downloads a browser of its own)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

with_dynamodb_local=0
with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-dynamodb-local) with_dynamodb_local=1 ;;
    --with-browser) with_browser=1 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: Emscripten 3.1.6 (with clang-14), Catch2 2, nlohmann_json 3.11, CMake; and
# Chromium for the browser tests.
packages=(emscripten catch2 nlohmann-json3-dev cmake)
[ "$with_browser" -eq 0 ] || packages+=(chromium)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages, exactly as locked; skipped while the lock file is unchanged since the last install.
stamp=node_modules/.dynamap-lock.sha256
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

if [ "$with_dynamodb_local" -eq 1 ]; then
  bash scripts/fetch-dynamodb-local.sh >/dev/null
fi

bash scripts/build.sh
