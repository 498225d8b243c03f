#!/usr/bin/env bash
# Back up eenplan's database (docs/operations.md "Backups").
#   scripts/backup.sh [DIRECTORY]        default directory: $BACKUP_DIR or /var/backups/eenplan
# PostgreSQL: pg_dump in custom format (eenplan-<UTC time>.dump, restore with scripts/restore.sh).
# SQLite: the online backup API (a consistent copy while eenplan runs), eenplan-<UTC time>.sqlite3.
# The database is the one eenplan uses: DATABASE_URL from the environment or the environment file
# (EENPLAN_ENV_FILE or /etc/eenplan/eenplan.env), the same rule as manage.py.
# Backups older than BACKUP_KEEP_DAYS days (default 14) in that directory are removed afterwards.
# Prints the path of the new backup.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${EENPLAN_PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
DATABASE_URL=$("$PY" -c 'from eenplan.settings.envfile import load_env_file; load_env_file(); import os; print(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))')
dir=${1:-${BACKUP_DIR:-/var/backups/eenplan}}
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
umask 077  # backups hold personal data: readable by their owner only
case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    out="$dir/eenplan-$stamp.dump"
    pg_dump --format=custom --no-owner --no-privileges --file="$out.partial" "$DATABASE_URL"
    ;;
  sqlite://*)
    out="$dir/eenplan-$stamp.sqlite3"
    "$PY" - "$DATABASE_URL" "$out.partial" <<'PY'
import sqlite3, sys
import dj_database_url
source = sqlite3.connect(dj_database_url.parse(sys.argv[1])["NAME"])
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
check = target.execute("PRAGMA integrity_check").fetchone()[0]
target.close(); source.close()
sys.exit(0 if check == "ok" else f"integrity check of the copy failed: {check}")
PY
    ;;
  *) echo "backup.sh: unsupported DATABASE_URL scheme" >&2; exit 2 ;;
esac
mv "$out.partial" "$out"
find "$dir" -maxdepth 1 -name 'eenplan-*' -type f -mtime +"${BACKUP_KEEP_DAYS:-14}" -delete
echo "$out"
