#!/usr/bin/env bash
# make lint: the contract as integrators' tools see it. Spectral (spectral:oas) and Redocly
# (recommended rules) on openapi/openapi.yaml, the AsyncAPI CLI on openapi/asyncapi.yaml. The tools'
# versions are pinned by src/lint/package-lock.json and installed with `npm ci` into .local/lint.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LINT="$ROOT/.local/lint"
log() { printf '[lint] %s\n' "$*" >&2; }

command -v npm >/dev/null 2>&1 || {
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian's nodejs and npm"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    log "npm is missing: apt-get install nodejs npm"; exit 1
  fi
}

mkdir -p "$LINT"
if ! cmp -s "$ROOT/src/lint/package-lock.json" "$LINT/package-lock.json" || [ ! -d "$LINT/node_modules" ]; then
  log "installing the pinned linters (src/lint/package-lock.json) into .local/lint"
  cp "$ROOT/src/lint/package.json" "$ROOT/src/lint/package-lock.json" "$LINT/"
  (cd "$LINT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
BIN="$LINT/node_modules/.bin"

# No network here but the package registries, and no telemetry wanted anywhere.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 SUPPRESS_NO_CONFIG_WARNING=1
export ASYNCAPI_METRICS_CONFIG_PATH="$LINT/asyncapi-analytics.json"
[ -f "$ASYNCAPI_METRICS_CONFIG_PATH" ] \
  || echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"local"}' >"$ASYNCAPI_METRICS_CONFIG_PATH"

cd "$ROOT"
log "Spectral (spectral:oas) on openapi/openapi.yaml"
"$BIN/spectral" lint --ruleset src/lint/spectral.yaml --fail-severity=warn openapi/openapi.yaml
log "Redocly (recommended rules, warnings as errors) on openapi/openapi.yaml"
"$BIN/redocly" lint --config src/lint/redocly.yaml openapi/openapi.yaml
log "AsyncAPI CLI on openapi/asyncapi.yaml"
"$BIN/asyncapi" validate openapi/asyncapi.yaml --fail-severity=warn
log "the contracts pass every linter"
