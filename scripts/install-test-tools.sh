#!/usr/bin/env bash
# Test-only system tools: kubectl (for `kubectl kustomize`) and headless Chromium.
# Each is optional for the test suite (tests skip with a reason when a tool is absent),
# but CI installs them so nothing is skipped.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "install-test-tools: chromium not installed; the HTML render test will skip" >&2
fi
