#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh (docs/operations.md "Restore").
#   scripts/restore.sh BACKUP_FILE [TARGET_DATABASE_URL]
# Default target: eenplan's own DATABASE_URL (environment or environment file, as manage.py).
# PostgreSQL (.dump): pg_restore into the target database, which must exist and be EMPTY (create it with
#   createdb -O eenplan NAME); restoring over a live database is refused.
# SQLite (.sqlite3): the target file must not exist yet.
# Stop eenplan (web and worker) before restoring its own database; run `manage.py migrate` afterwards when
# the backup is older than the code.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: scripts/restore.sh BACKUP_FILE [TARGET_DATABASE_URL]}
PY=${EENPLAN_PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
target=${2:-$("$PY" -c 'from eenplan.settings.envfile import load_env_file; load_env_file(); import os; print(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))')}
case "$file" in
  *.dump)
    case "$target" in postgres://*|postgresql://*) ;; *) echo "restore.sh: a .dump restores into PostgreSQL" >&2; exit 2 ;; esac
    tables=$(psql "$target" -qAtc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
    if [ "$tables" != "0" ]; then echo "restore.sh: the target database is not empty ($tables tables); restore into a new, empty database" >&2; exit 1; fi
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$file"
    ;;
  *.sqlite3)
    "$PY" - "$file" "$target" <<'PY'
import os, sqlite3, sys
import dj_database_url
path = dj_database_url.parse(sys.argv[2])["NAME"]
if os.path.exists(path):
    sys.exit(f"restore.sh: {path} exists; restore into a new file")
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
target = sqlite3.connect(path)
with target:
    source.backup(target)
target.close(); source.close()
PY
    ;;
  *) echo "restore.sh: expected a .dump or .sqlite3 file from backup.sh" >&2; exit 2 ;;
esac
echo "restored $file"
