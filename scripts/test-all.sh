#!/usr/bin/env bash
# The whole test suite from a fresh clone: install, type-check, lint, unit and
# integration tests (on SQLite, and on PostgreSQL and MariaDB when they answer).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh
export CI="${CI:-true}"

step() { printf '\n=== %s (%ss)\n' "$1" "$SECONDS"; }

step "install"
yarn install --immutable

step "type-check"
yarn tsc

step "lint"
yarn lint:all

step "unit and integration tests"
source scripts/test-databases.sh
trap drop_test_database_user EXIT
yarn test:all

step "CLI: packed package installs and runs from an empty folder"
yarn workspace @prodready/readiness-cli smoke:pack

step "end-to-end tests in Chromium"
if ! command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1; then
  echo "installing Chromium from Debian's packages" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
yarn workspace app build
yarn test:e2e

printf '\n=== all tests passed in %ss\n' "$SECONDS"
