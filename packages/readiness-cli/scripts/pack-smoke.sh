#!/usr/bin/env bash
# Proves that the published packages work outside this workspace: builds
# readiness-common, readiness-node and readiness-cli, packs them with
# `yarn pack` (which runs `backstage-cli package prepack`, so the package.json
# files are the published ones), installs the three tarballs with npm into an
# empty folder outside the repository, and runs `readiness` there. Every
# dependency must come from the packages' own declarations: nothing is
# borrowed from the workspace's node_modules.
#
# Usage (from anywhere; CI runs it after `yarn install`):
#   source .ci/env.sh && packages/readiness-cli/scripts/pack-smoke.sh
# The npm registry is whatever npm is configured with.
set -euo pipefail

cli_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$cli_dir/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/readiness-pack-smoke.XXXXXX")"
keep="${KEEP_PACK_SMOKE:-}"
cleanup() { if [ -z "$keep" ]; then rm -rf "$work"; else echo "pack-smoke: kept $work"; fi; }
trap cleanup EXIT

log() { echo "pack-smoke: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

cd "$repo"
log "type declarations (yarn tsc)"
# The library builds bundle the declarations tsc emits into dist-types. Type
# errors are CI's type-check step to report, not this script's: tsc emits anyway.
yarn tsc >/dev/null || log "warning: yarn tsc reported type errors; packing with what it emitted"

for ws in plugins/readiness-common plugins/readiness-node packages/readiness-cli; do
  log "build and pack $ws"
  (cd "$ws" && yarn build >/dev/null && yarn pack --out "$work/%s-%v.tgz" >/dev/null)
done
tarballs=("$work"/*.tgz)
[ "${#tarballs[@]}" -eq 3 ] || fail "expected 3 tarballs, got ${#tarballs[@]}"

# The CLI tarball must hold the bin, the bundle and the action, and no sources.
cli_tgz="$(ls "$work"/*readiness-cli-*.tgz)"
listing="$(tar -tzf "$cli_tgz")"
for f in package/bin/readiness package/dist/index.cjs.js package/action.yml package/README.md; do
  grep -qx "$f" <<<"$listing" || fail "$f is missing from $(basename "$cli_tgz")"
done
if grep -q '^package/src/' <<<"$listing"; then fail "sources are packed into $(basename "$cli_tgz")"; fi
tar -xzOf "$cli_tgz" package/package.json | node -e '
  const pkg = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const deps = JSON.stringify(pkg.dependencies);
  if (pkg.main !== "dist/index.cjs.js") throw new Error("main is " + pkg.main);
  if (deps.includes("workspace:")) throw new Error("workspace: ranges left in " + deps);
'

app="$work/app"
mkdir -p "$app"
cd "$app"
npm init -y >/dev/null
log "npm install into $app"
npm install --no-audit --no-fund --loglevel=error "${tarballs[@]}" >/dev/null

readiness="$app/node_modules/.bin/readiness"
[ -x "$readiness" ] || fail "node_modules/.bin/readiness is missing"

example="$repo/examples/repos/payments-api"
log "readiness --version: $("$readiness" --version)"
"$readiness" checks --format json >"$work/checks.json"
node -e '
  const defs = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!Array.isArray(defs) || defs.length === 0) throw new Error("no checks listed");
  console.error(`pack-smoke: ${defs.length} checks in force`);
' "$work/checks.json"

log "readiness audit $example"
started=$(date +%s%N)
# Copy the example out of the repository, so that nothing in the run can
# reach the workspace, and make it a repository of its own.
cp -R "$example" "$work/payments-api"
mkdir -p "$work/payments-api/.git"
(cd "$app" && npx --no-install readiness audit "$work/payments-api" --format json >"$work/scorecard.json")
ended=$(date +%s%N)
node -e '
  const card = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (card.schemaVersion !== 1) throw new Error("schemaVersion " + card.schemaVersion);
  if (typeof card.score !== "number") throw new Error("no score");
  console.error(`pack-smoke: ${card.entityRef} scored ${card.score} (${card.level}), ${card.checks.length} checks, ${card.gaps.length} gaps`);
' "$work/scorecard.json"
log "audit took $(( (ended - started) / 1000000 )) ms including npx"

# From inside the audited folder, as in CI: PATH defaults to the working folder.
for format in table markdown sarif; do
  (cd "$work/payments-api" && "$readiness" audit --format "$format" >"$work/out.$format") ||
    fail "readiness audit --format $format"
done
node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (s.version !== "2.1.0") throw new Error("sarif version " + s.version);' "$work/out.sarif"

set +e
"$readiness" audit "$work/does-not-exist" >/dev/null 2>"$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "a missing folder exited $code, expected 2"
log "OK"
