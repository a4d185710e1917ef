#!/usr/bin/env bash
# `make soak`: the packaged service under intake at half its capacity for SOAK_MINUTES (30), with its
# RSS, heap after GC, open sockets and failed requests sampled from start to end. Not part of make test.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PORT=8091
DATABASE=screening_soak
LOG=target/bench/soak-service.log
. src/local/service-under-load.sh
start_service soak
sleep 10
$GENERATOR_PRIORITY java -Dsoak.minutes="${SOAK_MINUTES:-30}" ${SOAK_RATE:+-Dsoak.rate=$SOAK_RATE} -cp "$CP" \
  nl.kennisveiligheid.screening.bench.SoakRun "http://127.0.0.1:$PORT" "$SERVICE" \
  "http://127.0.0.1:$KEYCLOAK_PORT/realms/screening"
