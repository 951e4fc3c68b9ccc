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
yarn test:all

printf '\n=== all tests passed in %ss\n' "$SECONDS"
