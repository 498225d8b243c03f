#!/usr/bin/env bash
# Start the local PostgreSQL 15 cluster and make sure the 'eenplan' role exists.
set -euo pipefail
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
  pg_createcluster 15 main >/dev/null
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
run_psql() { if [ "$(id -u)" = 0 ]; then su postgres -c "psql -qAt -c \"$1\""; else sudo -u postgres psql -qAt -c "$1"; fi; }
if [ "$(run_psql "SELECT 1 FROM pg_roles WHERE rolname='eenplan'")" != "1" ]; then
  run_psql "CREATE ROLE eenplan LOGIN CREATEDB PASSWORD 'eenplan'"
fi
