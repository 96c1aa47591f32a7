#!/usr/bin/env bash
# Makes sure what the test suite needs from the operating system is there before `npm test` runs:
# Chromium (browser tests), the PostgreSQL server binaries (registry tests on PostgreSQL) and Caddy
# (the deploy/ configurations and the HTTPS scenario behind it).
# Installs them with apt-get when missing and allowed (root). With CI=true a missing one is an error,
# so CI can never pass by skipping; elsewhere the affected tests skip with a message.
set -uo pipefail

chromium_bin() {
  for b in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$b" ] && [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

caddy_bin() {
  for b in "${CADDY_PATH:-}" /usr/bin/caddy; do
    [ -n "$b" ] && [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then return 1; fi
  echo "ensure-test-deps: installing $* with apt-get" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1
}

missing=()
chromium_bin >/dev/null || apt_install chromium || true
chromium_bin >/dev/null || missing+=("Chromium (apt-get install chromium)")

# Only the binary is needed: the tests run their own Caddy; the package's service is left alone
# (where systemd runs, stop it if port 80/443 must stay free: systemctl disable --now caddy).
caddy_bin >/dev/null || apt_install caddy || true
caddy_bin >/dev/null || missing+=("Caddy (apt-get install caddy)")

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  [ -n "$(postgres_bin)" ] || apt_install postgresql || true
  [ -n "$(postgres_bin)" ] || missing+=("PostgreSQL server binaries (apt-get install postgresql)")
fi

if [ ${#missing[@]} -gt 0 ]; then
  for m in "${missing[@]}"; do echo "ensure-test-deps: missing $m" >&2; done
  if [ "${CI:-}" = "true" ]; then
    echo "ensure-test-deps: CI=true, so a missing dependency fails the run" >&2
    exit 1
  fi
  echo "ensure-test-deps: the tests that need it will be skipped" >&2
fi
exit 0
