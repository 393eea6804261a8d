#!/usr/bin/env bash
# Test-only system tools: kubectl (for `kubectl kustomize`) and headless Chromium.
# Each is optional for the test suite (tests skip with a reason when a tool is absent),
# but CI installs them so nothing is skipped.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "install-test-tools: chromium not installed; the HTML render test will skip" >&2
fi

# kubectl (its built-in kustomize renders k8s/ for the manifest tests): a pinned release from
# dl.k8s.io, checksum-verified, into ~/.local/bin. Without network the tests skip.
KUBECTL_VERSION="v1.32.4"
if ! command -v kubectl >/dev/null 2>&1; then
  dest="${HOME}/.local/bin"
  arch="$(uname -m | sed -e 's/x86_64/amd64/' -e 's/aarch64/arm64/')"
  url="https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${arch}/kubectl"
  tmp="$(mktemp -d)"
  if curl -fsSL --max-time 120 -o "${tmp}/kubectl" "${url}" \
      && curl -fsSL --max-time 60 -o "${tmp}/kubectl.sha256" "${url}.sha256" \
      && echo "$(cat "${tmp}/kubectl.sha256")  ${tmp}/kubectl" | sha256sum --check --status; then
    mkdir -p "${dest}" && install -m 0755 "${tmp}/kubectl" "${dest}/kubectl"
    echo "install-test-tools: kubectl ${KUBECTL_VERSION} in ${dest} (put it on PATH)" >&2
  else
    echo "install-test-tools: kubectl not installed; the kustomize tests will skip" >&2
  fi
  rm -rf "${tmp}"
fi
