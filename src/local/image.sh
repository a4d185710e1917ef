#!/usr/bin/env bash
# `make image`: the service's container image as an OCI tarball, built by the Quarkus Jib extension
# with no Docker daemon and no outside registry:
#   1. a base image (Debian's Java 17 runtime) made with debootstrap, cached in .local/image/;
#   2. a throw-away local registry (Debian's docker-registry) on 127.0.0.1 that Jib pushes to;
#   3. skopeo copies the pushed image into target/image/ as an OCI archive;
#   4. the archive is checked: non-root user, port, entrypoint, and `java -version` run inside its
#      unpacked file system.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/src/local/versions.env"
WORK="$ROOT/.local/image"
OUT="$ROOT/target/image"
MVNW="$ROOT/mvnw"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n1)
NAME=kennisveiligheid/screening-service
REGISTRY="127.0.0.1:$IMAGE_REGISTRY_PORT"

log() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] ERROR: %s\n' "$*" >&2; exit 1; }

need_tools() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v skopeo >/dev/null || missing+=(skopeo)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${missing[*]} from Debian's packages"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install failed"
}

# A docker-archive tarball of one layer: what Jib reads as a tar:// base image.
base_image() {
  local spec; spec=$(printf '%s|%s|%s|%s' "$IMAGE_BASE_SUITE" "$IMAGE_BASE_MIRROR" "$IMAGE_BASE_PACKAGES" "$IMAGE_USER_ID" | sha256sum | cut -c1-12)
  BASE_TAR="$WORK/base-$spec.tar"
  [ -f "$BASE_TAR" ] && { log "base image cached: $BASE_TAR"; return; }
  [ "$(id -u)" -eq 0 ] || die "debootstrap needs root to build the base image"
  rm -f "$WORK"/base-*.tar
  local rootfs="$WORK/rootfs-$spec" build="$WORK/build-$spec"
  rm -rf "$rootfs" "$build"; mkdir -p "$rootfs" "$build"
  log "debootstrap $IMAGE_BASE_SUITE with $IMAGE_BASE_PACKAGES (a few minutes, once)"
  debootstrap --variant=minbase --include="$IMAGE_BASE_PACKAGES" "$IMAGE_BASE_SUITE" "$rootfs" "$IMAGE_BASE_MIRROR" \
    > "$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  chroot "$rootfs" useradd --system --uid "$IMAGE_USER_ID" --gid 0 --no-create-home --home-dir /work --shell /usr/sbin/nologin screening
  mkdir -p "$rootfs/work" && chown "$IMAGE_USER_ID:0" "$rootfs/work"
  # Nothing the running service needs: package caches, lists, manuals.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/var/log/* "$rootfs"/tmp/*
  tar --numeric-owner --sort=name --mtime=@0 -C "$rootfs" -cf "$build/layer.tar" .
  local diff; diff=$(sha256sum "$build/layer.tar" | cut -d' ' -f1)
  cat > "$build/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8"],"User":"$IMAGE_USER_ID","WorkingDir":"/work"},"rootfs":{"type":"layers","diff_ids":["sha256:$diff"]},"history":[{"created_by":"debootstrap $IMAGE_BASE_SUITE $IMAGE_BASE_PACKAGES"}]}
JSON
  local config; config=$(sha256sum "$build/config.json" | cut -d' ' -f1)
  mv "$build/config.json" "$build/$config.json"
  printf '[{"Config":"%s.json","RepoTags":["screening-base/jre17:%s"],"Layers":["layer.tar"]}]\n' "$config" "$spec" \
    > "$build/manifest.json"
  tar -C "$build" -cf "$BASE_TAR.partial" manifest.json "$config.json" layer.tar && mv "$BASE_TAR.partial" "$BASE_TAR"
  rm -rf "$rootfs" "$build"
  log "base image: $BASE_TAR ($(du -h "$BASE_TAR" | cut -f1))"
}

registry_up() {
  mkdir -p "$WORK/registry"
  cat > "$WORK/registry.yml" <<YAML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $WORK/registry}, delete: {enabled: true}}
http: {addr: $REGISTRY}
YAML
  docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
  REGISTRY_PID=$!
  trap 'kill $REGISTRY_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 30); do curl -sf "http://$REGISTRY/v2/" >/dev/null && return; sleep 0.5; done
  die "local registry did not start (log: $WORK/registry.log)"
}

build_and_export() {
  log "building $NAME:$VERSION with Jib onto $REGISTRY"
  "$MVNW" -B -q package -DskipTests \
    -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
    -Dquarkus.container-image.image="$REGISTRY/$NAME:$VERSION" \
    -Dquarkus.jib.base-jvm-image="tar://$BASE_TAR" -Dquarkus.jib.user="$IMAGE_USER_ID"
  mkdir -p "$OUT"
  IMAGE_TAR="$OUT/screening-service-$VERSION.oci.tar"
  rm -f "$IMAGE_TAR"
  skopeo copy -q --src-tls-verify=false "docker://$REGISTRY/$NAME:$VERSION" "oci-archive:$IMAGE_TAR:$NAME:$VERSION"
}

check_image() {
  local config; config=$(skopeo inspect --config "oci-archive:$IMAGE_TAR")
  local user; user=$(printf '%s' "$config" | python3 -c 'import json,sys; print(json.load(sys.stdin)["config"].get("User",""))')
  [ -n "$user" ] && [ "$user" != "0" ] && [ "$user" != "root" ] || die "the image runs as root (User='$user')"
  printf '%s' "$config" | grep -q '"8080/tcp"' || die "the image does not expose 8080"
  # Run the image's own Java inside its unpacked layers: the image is a working runtime, not just a file.
  local unpacked="$WORK/unpacked"; rm -rf "$unpacked"; mkdir -p "$unpacked/oci" "$unpacked/rootfs"
  skopeo copy -q "oci-archive:$IMAGE_TAR" "oci:$unpacked/oci:check"
  local layers; layers=$(python3 - "$unpacked/oci" <<'PY'
import json, sys, os
root = sys.argv[1]
index = json.load(open(os.path.join(root, "index.json")))
digest = index["manifests"][0]["digest"].split(":")[1]
manifest = json.load(open(os.path.join(root, "blobs", "sha256", digest)))
print(" ".join(l["digest"].split(":")[1] for l in manifest["layers"]))
PY
)
  for layer in $layers; do tar -xzf "$unpacked/oci/blobs/sha256/$layer" -C "$unpacked/rootfs" 2>/dev/null \
    || tar -xf "$unpacked/oci/blobs/sha256/$layer" -C "$unpacked/rootfs"; done
  [ -f "$unpacked/rootfs/work/quarkus-run.jar" ] || die "quarkus-run.jar missing from /work"
  smoke_run "$unpacked/rootfs" "$config"
  rm -rf "$unpacked"
  log "image: $IMAGE_TAR ($(du -h "$IMAGE_TAR" | cut -f1)), user $user, port 8080"
}

# Starts the image's own entrypoint, as its own user, inside its unpacked file system (a chroot with
# its own /proc; the network is the host's, so it reaches the local servers), against the test
# database and a throw-away topic and keys, and waits for readiness.
smoke_run() {
  local rootfs=$1 config=$2 port=8090
  [ "$(id -u)" -eq 0 ] || { log "not root: skipping the run inside the image"; return; }
  local command; command=$(printf '%s' "$config" | python3 -c '
import json, shlex, sys
c = json.load(sys.stdin)["config"]
env = c.get("Env", []) + ["QUARKUS_HTTP_HOST=127.0.0.1", "QUARKUS_HTTP_PORT='$port'",
    "SCREENING_DB_URL=jdbc:postgresql://127.0.0.1:'$PG_PORT'/screening_test", "SCREENING_AUDIT_KEY_DIR=/tmp/keys",
    "SCREENING_AUDIT_TOPIC=screening.decisions.v1.image-check"]
print("cd " + shlex.quote(c.get("WorkingDir", "/")) + " && exec env -i " + " ".join(map(shlex.quote, env)) + " "
      + " ".join(map(shlex.quote, (c.get("Entrypoint") or []) + (c.get("Cmd") or []))))')
  unshare --mount --pid --fork --kill-child --mount-proc="$rootfs/proc" \
    chroot --userspec="$IMAGE_USER_ID:0" "$rootfs" /bin/sh -c "$command" > "$WORK/smoke-run.log" 2>&1 &
  local pid=$!
  local ready=""
  for _ in $(seq 1 90); do
    if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; then ready=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  # unshare ignores SIGTERM while it waits: stop the service itself, then unshare returns.
  pkill -TERM -P "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { tail -n 30 "$WORK/smoke-run.log" >&2; die "the service in the image did not become ready"; }
  log "the image's entrypoint started the service as user $IMAGE_USER_ID and it became ready"
}

mkdir -p "$WORK"
need_tools
base_image
registry_up
build_and_export
check_image
