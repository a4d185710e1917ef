#!/usr/bin/env bash
# Sourced by bench.sh and soak.sh: packages the service, builds the load tools' classpath, creates a
# fresh database $DATABASE and starts the packaged service (production mode) on $PORT against the local
# servers. Sets SERVICE (its pid), CP and PGBIN; the caller's EXIT trap stops the service.
. src/local/versions.env
[ -z "${SCREENING_DB_URL:-}" ] || { echo "measurements use the private PostgreSQL; unset SCREENING_DB_URL" >&2; exit 2; }
PGBIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p target/bench
# The load generator stands for clients on other machines. Sharing two cores with the service, its
# servers and the database, it fell behind its own schedule and its lateness was counted as the
# service's latency (p50 5 s at 2x capacity, against 0.25 s when it runs first). As root it runs at
# a higher priority so that what is measured is the service; without root it runs as it is.
GENERATOR_PRIORITY=""   # prefix for the load generator's java command
[ "$(id -u)" = 0 ] && GENERATOR_PRIORITY="nice -n -15"

./mvnw -q -B package -DskipTests
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

start_service() {
  "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "drop database if exists $DATABASE" \
    -c "create database $DATABASE owner screening"
  echo "[$1] starting the service from target/quarkus-app on port $PORT"
  SCREENING_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DATABASE" \
  SCREENING_AUDIT_TOPIC="screening.decisions.v1.$1-$(date +%s)" \
  QUARKUS_HTTP_PORT=$PORT QUARKUS_LOG_FILE_ENABLED=false \
    java -Xms64m -Xmx512m ${SERVICE_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$LOG" 2>&1 &
  SERVICE=$!
  trap 'kill $SERVICE 2>/dev/null || true; wait $SERVICE 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break
    sleep 1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" || { tail -30 "$LOG"; echo "service not ready" >&2; exit 1; }
}
