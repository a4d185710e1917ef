#!/usr/bin/env bash
# `make bench`: runs the packaged service (production mode) against the local servers and measures it
# next to the limits of those servers in the same run. Figures: target/bench/results.json.
# SERVICE_JAVA_OPTS goes to the service's JVM only, e.g. a JFR recording:
#   SERVICE_JAVA_OPTS=-XX:StartFlightRecording=delay=22s,duration=20s,filename=target/bench/intake.jfr make bench
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
. src/local/versions.env
[ -z "${SCREENING_DB_URL:-}" ] || { echo "make bench measures against the private PostgreSQL; unset SCREENING_DB_URL" >&2; exit 2; }
PGBIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PORT=8090
LOG=target/bench/service.log
mkdir -p target/bench

./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

echo "[bench] matching: JMH at 1,000,000 names"
java -cp "$CP" org.openjdk.jmh.Main EntityIndexBenchmark -wi 1 -w 5 -i 2 -r 10 -f 1 \
  -rf json -rff target/bench/matching-jmh.json > target/bench/matching-jmh.log

"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "drop database if exists screening_bench" \
  -c "create database screening_bench owner screening"

echo "[bench] starting the service from target/quarkus-app on port $PORT"
SCREENING_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/screening_bench" \
SCREENING_AUDIT_TOPIC="screening.decisions.v1.bench-$(date +%s)" \
QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_FILE_ENABLED=false \
  java -Xms64m -Xmx512m ${SERVICE_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" || { tail -30 "$LOG"; echo "service not ready" >&2; exit 1; }
sleep 10   # idle before the idle RSS is read

java -cp "$CP" nl.kennisveiligheid.screening.bench.ServiceBenchmark "http://127.0.0.1:$PORT" "$SERVICE" \
  "$PGBIN/pgbench" 127.0.0.1 "$PG_PORT" screening_bench "127.0.0.1:$KAFKA_PORT" \
  "http://127.0.0.1:$KEYCLOAK_PORT/realms/screening" target/bench/matching-jmh.json
