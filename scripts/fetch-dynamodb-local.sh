#!/usr/bin/env bash
# Makes the official DynamoDB Local (shipped inside the npm package
# amplify-dynamodb-simulator) available in a cache outside the git tree, and
# makes sure a Java runtime is on PATH.
#
#   cache: ${DYNAMAP_CACHE:-$HOME/.cache/dynamap}/dynamodb-local-<version>/emulator/
#
# Safe to run repeatedly: when the jar is already there it fetches nothing and
# prints only a one-line "present" note (on stderr). Progress goes to stderr;
# stdout is exactly one line, the emulator directory.
set -euo pipefail

SIM_VERSION=2.9.30
CACHE_ROOT="${DYNAMAP_CACHE:-$HOME/.cache/dynamap}"
DEST="$CACHE_ROOT/dynamodb-local-$SIM_VERSION"
EMU="$DEST/emulator"

ensure_java() {
  if command -v java >/dev/null 2>&1; then
    return 0
  fi
  echo "java not found; installing default-jre-headless" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  # apt output goes to stderr so that stdout stays parseable.
  "${sudo[@]}" apt-get update >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y default-jre-headless >&2
  command -v java >/dev/null 2>&1 || { echo "java still not on PATH after install" >&2; exit 1; }
}

if [ -f "$EMU/DynamoDBLocal.jar" ] && [ -d "$EMU/DynamoDBLocal_lib" ]; then
  ensure_java
  echo "dynamodb-local-$SIM_VERSION present, nothing to fetch" >&2
  echo "$EMU"
  exit 0
fi

ensure_java
mkdir -p "$CACHE_ROOT"

# Temp dir on the same filesystem as the cache, so the final mv is an atomic rename.
TMP="$(mktemp -d "$CACHE_ROOT/.fetch-dynamodb-local.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "fetching amplify-dynamodb-simulator@$SIM_VERSION (DynamoDB Local)" >&2
TGZ="$(cd "$TMP" && npm pack --silent "amplify-dynamodb-simulator@$SIM_VERSION" | tail -n 1)"
if [ -z "$TGZ" ] || [ ! -f "$TMP/$TGZ" ]; then
  echo "npm pack amplify-dynamodb-simulator@$SIM_VERSION failed" >&2
  exit 1
fi

mkdir -p "$TMP/x"
tar -xzf "$TMP/$TGZ" -C "$TMP/x" package/emulator/
if [ ! -f "$TMP/x/package/emulator/DynamoDBLocal.jar" ] || [ ! -d "$TMP/x/package/emulator/DynamoDBLocal_lib" ]; then
  echo "tarball has no package/emulator/DynamoDBLocal.jar" >&2
  exit 1
fi

# Stage the complete version dir, then rename it into place in one step.
mkdir -p "$TMP/stage"
mv "$TMP/x/package/emulator" "$TMP/stage/emulator"
if ! mv -T "$TMP/stage" "$DEST" 2>/dev/null; then
  # Someone else (a concurrent run) won the race, or a stale incomplete dir is there.
  if [ -f "$EMU/DynamoDBLocal.jar" ]; then
    echo "$EMU"
    exit 0
  fi
  OLD="$CACHE_ROOT/.stale-dynamodb-local.$$"
  mv -T "$DEST" "$OLD"
  mv -T "$TMP/stage" "$DEST"
  rm -rf "$OLD"
fi

echo "$EMU"
