#!/usr/bin/env bash
# Install the Debian packages eenplan needs, only when something is missing.
#   scripts/apt-deps.sh            everything the test suite needs (browser, PostgreSQL, Redis, ...)
#   scripts/apt-deps.sh --runtime  only what the app itself needs (WeasyPrint's Pango, fonts, gettext)
#   scripts/apt-deps.sh --faults   the test suite's, and the fault tests' (bench/faults: pg_auto_failover, haproxy)
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v msgfmt >/dev/null || need+=(gettext)
if [ "${1:-}" != "--runtime" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pg_ctlcluster >/dev/null && [ -d /usr/lib/postgresql/15 ] || need+=(postgresql)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -x /usr/sbin/nginx ] || need+=(nginx-light)
fi
if [ "${1:-}" = "--faults" ]; then
  command -v pg_autoctl >/dev/null || need+=(postgresql-15-auto-failover)
  command -v haproxy >/dev/null || need+=(haproxy)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
