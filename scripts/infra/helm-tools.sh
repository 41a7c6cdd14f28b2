#!/usr/bin/env bash
# Helm and kubeconform, and the JSON schemas kubeconform validates the chart against, installed
# once into the cache (no Docker, no GitHub: only the Go module proxy and PyPI).
# Usage: helm-tools.sh {install|env|status}
#   install  build helm and kubeconform with `go install` (first run compiles for minutes), fetch
#            the Kubernetes schemas and convert the CloudNativePG and Prometheus-operator CRDs
#   env      print HELM=, KUBECONFORM=, KUBE_SCHEMAS=, CRD_SCHEMAS= lines (install first if needed)
#   status   exit 0 when everything is installed, else print what is missing and exit 3
# Env: KOPPEL_CACHE_DIR (default ~/.cache/koppel), GO (default /usr/local/go/bin/go, else go on PATH)
#
# Where the schemas come from:
# - Kubernetes: the PyPI package kubernetes-validate ships the JSON schemas of every Kubernetes
#   minor from 1.25 on (`v1.NN.0-local-strict`: additionalProperties false, as kubeconform's
#   -strict). Its kind files point at one shared `/api/_definitions.json`; the conversion below
#   makes that reference relative so kubeconform resolves it beside the kind file.
# - CloudNativePG and the Prometheus operator: their CRD YAML in their Go modules
#   (`go mod download -json` prints the module's folder), converted by openapi2jsonschema.py,
#   which kubeconform's own module ships (scripts/).
# - Strimzi: its CRD YAML is in no registry reachable here; charts/koppel/test/schemas holds a
#   schema of our own for Kafka, KafkaNodePool and KafkaTopic (see charts/README.md).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${SCRIPT_DIR}/lib.sh"

HELM_VERSION="v3.21.4"
# helm's Makefile stamps the version the same way; without it `helm version` says v3.21.
HELM_LDFLAGS="-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}"
KUBECONFORM_VERSION="v0.7.0"
KUBERNETES_VALIDATE_VERSION="1.37.0"
CNPG_MODULE="github.com/cloudnative-pg/cloudnative-pg@v1.27.0"
PROMETHEUS_OPERATOR_MODULE="github.com/prometheus-operator/prometheus-operator@v0.85.0"
KUBECONFORM_MODULE="github.com/yannh/kubeconform@${KUBECONFORM_VERSION}"
# Kubernetes minors whose schemas are unpacked (the chart test renders for 1.29 and 1.32).
KUBE_VERSIONS=(1.29.0 1.30.0 1.31.0 1.32.0 1.33.0)

BIN_DIR="${KOPPEL_CACHE_DIR}/bin"
HELM="${BIN_DIR}/helm"
KUBECONFORM="${BIN_DIR}/kubeconform"
SCHEMA_DIR="${KOPPEL_CACHE_DIR}/kube-schemas"
KUBE_SCHEMAS="${SCHEMA_DIR}/kubernetes-validate-${KUBERNETES_VALIDATE_VERSION}"
CRD_SCHEMAS="${SCHEMA_DIR}/crds-cnpg-1.27.0-prometheus-operator-0.85.0"
VENV_DIR="${KOPPEL_CACHE_DIR}/helm-tools-venv"

if [[ -n "${GO:-}" ]]; then :
elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
else GO="$(command -v go || true)"; fi

# built_at BINARY MODULE VERSION [LDFLAGS]: the binary was built from that module version (and
# with those -ldflags); `go version -m` reads the build info Go embeds, so no marker can go stale.
built_at() {
  [[ -x "$1" ]] || return 1
  local info
  info="$("${GO}" version -m "$1" 2>/dev/null)" || return 1
  grep -Eq "^[[:space:]]+mod[[:space:]]+$2[[:space:]]+$3([[:space:]]|$)" <<<"${info}" || return 1
  [[ -z "${4:-}" ]] || grep -qF -- "-ldflags=${4}" <<<"${info}" || grep -qF -- "-ldflags=\"${4}\"" <<<"${info}"
}

go_install() {
  local module="$1" package="$2" version="$3" ldflags="${4:-}"
  if built_at "${BIN_DIR}/$(basename "${package}")" "${module}" "${version}" "${ldflags}"; then
    log "$(basename "${package}") ${version}: already in ${BIN_DIR}"
    return 0
  fi
  [[ -n "${GO}" ]] || die "go not found: install Go (https://go.dev/dl/) or set GO=/path/to/go"
  log "$(basename "${package}") ${version}: go install (the first build compiles for several minutes)"
  GOBIN="${BIN_DIR}" "${GO}" install ${ldflags:+-ldflags "${ldflags}"} "${package}@${version}"
}

install_binaries() {
  mkdir -p "${BIN_DIR}"
  go_install helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm "${HELM_VERSION}" "${HELM_LDFLAGS}"
  go_install github.com/yannh/kubeconform github.com/yannh/kubeconform/cmd/kubeconform "${KUBECONFORM_VERSION}"
}

module_dir() {
  "${GO}" mod download -json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])'
}

# A Python with PyYAML for openapi2jsonschema.py: the system one when it has it, else a venv.
python_with_yaml() {
  if python3 -c 'import yaml' 2>/dev/null; then echo python3; return; fi
  if [[ ! -x "${VENV_DIR}/bin/python" ]] || ! "${VENV_DIR}/bin/python" -c 'import yaml' 2>/dev/null; then
    log "PyYAML: installing into ${VENV_DIR}"
    python3 -m venv "${VENV_DIR}"
    "${VENV_DIR}/bin/pip" install --quiet pyyaml==6.0.3
  fi
  echo "${VENV_DIR}/bin/python"
}

install_kube_schemas() {
  if [[ -f "${KUBE_SCHEMAS}/.installed" ]]; then
    log "kubernetes schemas: already in ${KUBE_SCHEMAS}"
    return 0
  fi
  log "kubernetes schemas: kubernetes-validate ${KUBERNETES_VALIDATE_VERSION} from PyPI"
  local work
  work="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --dest "${work}" "kubernetes-validate==${KUBERNETES_VALIDATE_VERSION}"
  rm -rf "${KUBE_SCHEMAS}"
  python3 - "${work}"/kubernetes_validate-*.whl "${KUBE_SCHEMAS}" "${KUBE_VERSIONS[@]}" <<'PY'
import json, os, sys, zipfile
wheel, out, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for version in versions:
        prefix = f"kubernetes_validate/kubernetes-json-schema/v{version}-local-strict/"
        target = os.path.join(out, f"v{version}-standalone-strict")
        os.makedirs(target, exist_ok=True)
        names = [n for n in z.namelist() if n.startswith(prefix) and n.endswith(".json")]
        if not names:
            sys.exit(f"kubernetes-validate has no schemas for Kubernetes {version}")
        for name in names:
            text = z.read(name).decode()
            # "/api/_definitions.json#/$defs/X" -> "_definitions.json#/$defs/X", beside the kind file.
            text = text.replace('"/api/_definitions.json#', '"_definitions.json#')
            schema = json.loads(text)
            schema.pop("$id", None)
            with open(os.path.join(target, os.path.basename(name)), "w") as f:
                json.dump(schema, f)
PY
  rm -rf "${work}"
  touch "${KUBE_SCHEMAS}/.installed"
}

install_crd_schemas() {
  if [[ -f "${CRD_SCHEMAS}/.installed" ]]; then
    log "CRD schemas: already in ${CRD_SCHEMAS}"
    return 0
  fi
  [[ -n "${GO}" ]] || die "go not found: install Go or set GO=/path/to/go"
  log "CRD schemas: CloudNativePG, Prometheus operator (go mod download), openapi2jsonschema.py"
  local cnpg prom kubeconform python
  cnpg="$(module_dir "${CNPG_MODULE}")"
  prom="$(module_dir "${PROMETHEUS_OPERATOR_MODULE}")"
  kubeconform="$(module_dir "${KUBECONFORM_MODULE}")"
  python="$(python_with_yaml)"
  rm -rf "${CRD_SCHEMAS}"
  mkdir -p "${CRD_SCHEMAS}"
  # File names as kubeconform's {{.ResourceKind}}{{.KindSuffix}}: kind-group-version.json.
  (
    cd "${CRD_SCHEMAS}"
    FILENAME_FORMAT='{kind}-{group}-{version}' DENY_ROOT_ADDITIONAL_PROPERTIES=1 \
      "${python}" "${kubeconform}/scripts/openapi2jsonschema.py" \
      "${cnpg}"/config/crd/bases/*.yaml "${prom}"/example/prometheus-operator-crd/*.yaml >/dev/null
  )
  touch "${CRD_SCHEMAS}/.installed"
}

do_install() {
  install_binaries
  install_kube_schemas
  install_crd_schemas
}

missing() {
  built_at "${HELM}" helm.sh/helm/v3 "${HELM_VERSION}" "${HELM_LDFLAGS}" || echo "helm ${HELM_VERSION}"
  built_at "${KUBECONFORM}" github.com/yannh/kubeconform "${KUBECONFORM_VERSION}" || echo "kubeconform ${KUBECONFORM_VERSION}"
  [[ -f "${KUBE_SCHEMAS}/.installed" ]] || echo "kubernetes schemas"
  [[ -f "${CRD_SCHEMAS}/.installed" ]] || echo "CRD schemas"
}

print_env() {
  echo "HELM=${HELM}"
  echo "KUBECONFORM=${KUBECONFORM}"
  echo "KUBE_SCHEMAS=${KUBE_SCHEMAS}"
  echo "CRD_SCHEMAS=${CRD_SCHEMAS}"
}

case "${1:-}" in
  install) with_lock helm-tools do_install ;;
  env)
    if [[ -n "$(missing)" ]]; then with_lock helm-tools do_install; fi
    print_env
    ;;
  status)
    gaps="$(missing)"
    if [[ -z "${gaps}" ]]; then echo installed; else echo "missing: ${gaps//$'\n'/, }"; exit 3; fi
    ;;
  *)
    echo "usage: $0 {install|env|status}" >&2
    exit 2
    ;;
esac
