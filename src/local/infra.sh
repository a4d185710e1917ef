#!/usr/bin/env bash
# Brings up (or finds running) the local PostgreSQL, Kafka and Keycloak that `make run` and
# `make test` need, with no Docker: everything lives in .local/ (git-ignored, outside target/ so
# that `mvn clean` never pulls a running server's data away).
#
#   infra.sh up | down | status | browser | wrk | kafka-stop | kafka-start | pg-stop | pg-start
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=versions.env
. "$ROOT/src/local/versions.env"
LOCAL="$ROOT/.local"
REALM_FILE="$ROOT/k8s/base/keycloak/screening-realm.json"
MVNW="$ROOT/mvnw"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_until() { # wait_until SECONDS DESCRIPTION LOGFILE COMMAND...
  local limit=$1 what=$2 logfile=$3; shift 3
  local waited=0
  until "$@"; do
    if [ "$waited" -ge "$limit" ]; then
      [ -f "$logfile" ] && tail -n 40 "$logfile" >&2
      die "$what not ready after ${limit}s (log: $logfile)"
    fi
    sleep 1; waited=$((waited + 1))
  done
  log "$what ready after ${waited}s"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() { # stop_pid PIDFILE NAME
  local pidfile=$1 name=$2
  if pid_alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------- PostgreSQL
PG_DIR="$LOCAL/postgres"
PG_DATA="$PG_DIR/data"

pg_bin() {
  local dir
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL server binaries not found (Debian: apt-get install postgresql)"
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root the cluster belongs to the 'postgres' user.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_traversable_for_postgres() {
  [ "$(id -u)" = 0 ] || return 0
  local dir=$PG_DIR
  while [ "$dir" != "/" ]; do
    if ! runuser -u postgres -- test -x "$dir"; then
      chmod o+x "$dir"
      log "granted traverse permission (o+x) on $dir so that the postgres user reaches its data"
    fi
    dir=$(dirname "$dir")
  done
}

pg_up() {
  if [ -n "${SCREENING_DB_URL:-}" ]; then
    log "PostgreSQL: using SCREENING_DB_URL (no private cluster)"
    return
  fi
  local bin; bin=$(pg_bin)
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; fi
  ensure_traversable_for_postgres
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "PostgreSQL: initialising a private cluster in $PG_DATA"
    as_pg_owner "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
      || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    cat >>"$PG_DATA/postgresql.conf" <<EOF
# Set by src/local/infra.sh
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 200
shared_buffers = 256MB
EOF
  fi
  if as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "PostgreSQL: already running on 127.0.0.1:$PG_PORT"
  else
    as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null \
      || { tail -n 30 "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
    log "PostgreSQL: started on 127.0.0.1:$PG_PORT"
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$("${psql[@]}" -d postgres -c "select 1 from pg_roles where rolname='screening'")" != 1 ]; then
    "${psql[@]}" -d postgres -c "create role screening login password 'screening'"
  fi
  for db in screening screening_test; do
    if [ "$("${psql[@]}" -d postgres -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
      "${psql[@]}" -d postgres -c "create database $db owner screening"
      log "PostgreSQL: created database $db"
    fi
  done
}

pg_down() {
  [ -f "$PG_DATA/PG_VERSION" ] || return 0
  local bin; bin=$(pg_bin)
  if as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    log "PostgreSQL stopped"
  fi
}

# ---------------------------------------------------------------- Kafka
KAFKA_DIR="$LOCAL/kafka"

kafka_classpath() {
  local cpfile="$KAFKA_DIR/classpath-$KAFKA_VERSION.txt"
  if [ ! -s "$cpfile" ]; then
    log "Kafka: resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION from Maven Central"
    "$MVNW" -q -B -f "$ROOT/src/local/kafka-pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      -Dlog4j.version="$LOG4J_VERSION" dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2
  fi
  cat "$cpfile"
}

kafka_up() {
  mkdir -p "$KAFKA_DIR"
  if pid_alive "$KAFKA_DIR/kafka.pid"; then
    log "Kafka: already running on 127.0.0.1:$KAFKA_PORT"; return
  fi
  if port_open "$KAFKA_PORT"; then
    log "Kafka: something already answers on 127.0.0.1:$KAFKA_PORT; using it"; return
  fi
  local cp; cp=$(kafka_classpath)
  cat >"$KAFKA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=-1
EOF
  cat >"$KAFKA_DIR/log4j2.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
EOF
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid)
    java -cp "$cp" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" kafka.tools.StorageTool \
      format --standalone -t "$cluster_id" -c "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/format.log" 2>&1 \
      || { cat "$KAFKA_DIR/format.log" >&2; die "Kafka storage format failed"; }
    log "Kafka: formatted storage (cluster $cluster_id)"
  fi
  nohup java -Xms256m -Xmx512m -cp "$cp" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
    kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/kafka.log" 2>&1 </dev/null &
  echo $! >"$KAFKA_DIR/kafka.pid"
  wait_until 90 "Kafka on 127.0.0.1:$KAFKA_PORT" "$KAFKA_DIR/kafka.log" \
    bash -c "grep -q 'Kafka Server started' '$KAFKA_DIR/kafka.log'"
}

kafka_down() { stop_pid "$KAFKA_DIR/kafka.pid" Kafka; }

# ---------------------------------------------------------------- Keycloak
KC_DIR="$LOCAL/keycloak"
KC_HOME="$KC_DIR/keycloak-$KEYCLOAK_VERSION"
KC_WELL_KNOWN="http://127.0.0.1:$KEYCLOAK_PORT/realms/screening/.well-known/openid-configuration"

realm_ready() { curl -sf -o /dev/null "$KC_WELL_KNOWN"; }

keycloak_up() {
  mkdir -p "$KC_DIR"
  # A Keycloak of ours that imported an older realm file is restarted, so that a changed realm reaches the tests.
  if pid_alive "$KC_DIR/keycloak.pid" \
      && [ "$(cat "$KC_DIR/realm.sha256" 2>/dev/null)" != "$(sha256sum "$REALM_FILE" | cut -d' ' -f1)" ]; then
    log "Keycloak: the realm file changed; restarting it with a fresh import"
    keycloak_down
  fi
  if pid_alive "$KC_DIR/keycloak.pid" || realm_ready; then
    log "Keycloak: already running on 127.0.0.1:$KEYCLOAK_PORT"; return
  fi
  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    local archive="$LOCAL/downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
    if [ ! -f "$archive" ]; then
      log "Keycloak: fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION from Maven Central"
      "$MVNW" -q -B -N -f "$ROOT/src/local/kafka-pom.xml" -Dkafka.version="$KAFKA_VERSION" \
        -Dlog4j.version="$LOG4J_VERSION" dependency:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
        -DoutputDirectory="$LOCAL/downloads" >&2
    fi
    tar -xzf "$archive" -C "$KC_DIR"
  fi
  # An existing realm is never re-imported: start from empty data whenever the realm file changed.
  local realm_sum; realm_sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  if [ "$(cat "$KC_DIR/realm.sha256" 2>/dev/null)" != "$realm_sum" ]; then
    rm -rf "$KC_HOME/data"
    mkdir -p "$KC_HOME/data/import"
    cp "$REALM_FILE" "$KC_HOME/data/import/screening-realm.json"
    echo "$realm_sum" >"$KC_DIR/realm.sha256"
  fi
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    nohup "$KC_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-host=127.0.0.1 \
    --import-realm >"$KC_DIR/keycloak.log" 2>&1 </dev/null &
  echo $! >"$KC_DIR/keycloak.pid"
  wait_until 240 "Keycloak realm 'screening' on 127.0.0.1:$KEYCLOAK_PORT" "$KC_DIR/keycloak.log" realm_ready
}

keycloak_down() { stop_pid "$KC_DIR/keycloak.pid" Keycloak; }

# ----------------------------------------------------------------
# The console's browser tests drive Debian's chromium through its chromedriver; Selenium never
# downloads a browser (this machine's network would refuse it anyway).
CHROMIUM=${SCREENING_CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${SCREENING_CHROMEDRIVER:-/usr/bin/chromedriver}
# debian_install WHY PACKAGE...: installs Debian's packages (as root, or through sudo).
debian_install() {
  local why=$1 sudo=""; shift
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian's $* $why"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

browser_up() {
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    log "Chromium found: $("$CHROMIUM" --version 2>/dev/null | head -n1)"
    return
  fi
  debian_install "for the browser tests" chromium chromium-driver
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] || die "chromium or chromedriver missing after install"
}

# make bench times the figures whose goal is a few milliseconds with wrk (bench.WrkLoad).
wrk_up() {
  command -v wrk >/dev/null 2>&1 || debian_install "for make bench" wrk
  command -v wrk >/dev/null 2>&1 || die "wrk missing after install"
}

status() {
  if [ -n "${SCREENING_DB_URL:-}" ]; then echo "PostgreSQL: external (SCREENING_DB_URL)";
  elif port_open "$PG_PORT"; then echo "PostgreSQL: up on 127.0.0.1:$PG_PORT"; else echo "PostgreSQL: down"; fi
  if port_open "$KAFKA_PORT"; then echo "Kafka: up on 127.0.0.1:$KAFKA_PORT"; else echo "Kafka: down"; fi
  if realm_ready; then echo "Keycloak: up on 127.0.0.1:$KEYCLOAK_PORT"; else echo "Keycloak: down"; fi
}

case "${1:-}" in
  up)
    # Keycloak is the slowest: start it first, then the others while it boots.
    keycloak_start_bg() { keycloak_up; }
    keycloak_start_bg & kc_job=$!
    pg_up
    kafka_up
    wait "$kc_job" || die "Keycloak failed to start"
    ;;
  down) keycloak_down; kafka_down; pg_down ;;
  # Used by the fault tests: the broker goes away and comes back on the same data.
  kafka-stop) kafka_down ;;
  kafka-start) kafka_up ;;
  pg-stop) pg_down ;;
  pg-start) pg_up ;;
  status) status ;;
  browser) browser_up ;;
  wrk) wrk_up ;;
  *) echo "usage: $0 up|down|status|browser|wrk" >&2; exit 2 ;;
esac
