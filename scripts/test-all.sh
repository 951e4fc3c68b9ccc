#!/usr/bin/env bash
# The whole test suite from a fresh clone: install, type-check, API reports,
# lint, unit and integration tests (on SQLite, and on PostgreSQL and MariaDB
# when they answer).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh
export CI="${CI:-true}"

step() { printf '\n=== %s (%ss)\n' "$1" "$SECONDS"; }

step "install"
yarn install --immutable

step "type-check"
yarn tsc

step "API reports"
# Compiles the published packages' declarations and compares them with the
# checked-in reports (plugins/*/report*.api.md, packages/readiness-cli/cli-report.md).
if ! yarn build:api-reports:only --ci --tsc; then
  echo "The public API of a published package changed without its API report." >&2
  echo "Regenerate the reports with 'yarn build:api-reports', review and commit the changed report files." >&2
  exit 1
fi

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
