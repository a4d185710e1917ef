#!/usr/bin/env bash
# `make bench`: runs the packaged service (production mode) against the local servers and measures it
# next to the limits of those servers in the same run. Figures: target/bench/results.json.
# SERVICE_JAVA_OPTS goes to the service's JVM only, e.g. a JFR recording:
#   SERVICE_JAVA_OPTS=-XX:StartFlightRecording=delay=22s,duration=20s,filename=target/bench/intake.jfr make bench
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PORT=8090
DATABASE=screening_bench
LOG=target/bench/service.log
. src/local/service-under-load.sh

src/local/infra.sh wrk

# BENCH_ONLY=overload runs only intake at twice its capacity (about 3 minutes): target/bench/overload.json.
# BENCH_ONLY=tlog runs only the transparency log's goals (verification, inclusion proofs at 1,000,000): target/bench/tlog.json.
# BENCH_OPTS passes system properties to the load generator, e.g. BENCH_OPTS=-Dbench.tlog.events=0 (proofs only).
# BENCH_ONLY=figures runs only the console figures page at 100,000 cases: target/bench/figures.json.
# BENCH_ONLY=rescreening runs only the re-screening of 100,000 cases with intake beside it: target/bench/rescreening.json.
if [ -z "${BENCH_ONLY:-}" ]; then
  echo "[bench] matching: JMH at 1,000,000 names"
  java -cp "$CP" org.openjdk.jmh.Main EntityIndexBenchmark -wi 1 -w 5 -i 2 -r 10 -f 1 \
    -rf json -rff target/bench/matching-jmh.json > target/bench/matching-jmh.log
fi

start_service bench
sleep 10   # idle before the idle RSS is read

$GENERATOR_PRIORITY java ${BENCH_ONLY:+-Dbench.only=$BENCH_ONLY} ${BENCH_OPTS:-} -cp "$CP" nl.kennisveiligheid.screening.bench.ServiceBenchmark "http://127.0.0.1:$PORT" "$SERVICE" \
  "$PGBIN/pgbench" 127.0.0.1 "$PG_PORT" screening_bench "127.0.0.1:$KAFKA_PORT" \
  "http://127.0.0.1:$KEYCLOAK_PORT/realms/screening" target/bench/matching-jmh.json
