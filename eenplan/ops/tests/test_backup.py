"""scripts/backup.sh and scripts/restore.sh: a backup restored into a fresh database is identical."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from eenplan.testing.servers import ROOT, drop_database, recreate_database, server_database_url


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "EENPLAN_ENV_FILE"}}
    env.update(DATABASE_URL=database_url, EENPLAN_PYTHON=sys.executable, DJANGO_SETTINGS_MODULE="eenplan.settings.base",
               DEBUG="1", EENPLAN_DEMO="1")  # seed_demo only runs in demo mode
    return env


def _run(args, env) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


def _pg_snapshot(url: str) -> dict:
    """Per table: row count and a checksum over every row (ordered), so 'identical' means every record."""
    snapshot = {}
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' ORDER BY 1")]
        for table in tables:
            count, checksum = conn.execute(
                f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) FROM "{table}" t'
            ).fetchone()
            snapshot[table] = (count, checksum)
        sequences = dict(conn.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname='public'").fetchall())
    return {"tables": snapshot, "sequences": sequences}


@pytest.mark.production
def test_postgresql_backup_restores_identically_into_a_fresh_database(tmp_path):
    source, target = server_database_url(f"eenplan_bk_src_{os.getpid()}"), server_database_url(f"eenplan_bk_dst_{os.getpid()}")
    recreate_database(source)
    recreate_database(target)
    try:
        env = _env(source)
        _run([sys.executable, "manage.py", "migrate", "-v0"], env)
        _run([sys.executable, "manage.py", "seed_demo", "--households", "25", "--quiet"], env)
        backup = Path(_run(["bash", "scripts/backup.sh", str(tmp_path)], env).strip())
        assert backup.name.endswith(".dump") and backup.stat().st_size > 0
        assert oct(backup.stat().st_mode & 0o777) == "0o600"

        _run(["bash", "scripts/restore.sh", str(backup), target], env)
        before, after = _pg_snapshot(source), _pg_snapshot(target)
        assert before["tables"]["people_person"][0] > 0 and before["tables"]["cases_case"][0] > 0
        assert after == before

        # A second restore over the now non-empty database is refused.
        refused = subprocess.run(["bash", "scripts/restore.sh", str(backup), target], cwd=ROOT, env=env, capture_output=True, text=True)
        assert refused.returncode == 1 and "not empty" in refused.stderr
    finally:
        drop_database(source)
        drop_database(target)


def test_sqlite_online_backup_restores_identically(tmp_path):
    source = tmp_path / "live.sqlite3"
    conn = sqlite3.connect(source)
    conn.executescript("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);")
    conn.executemany("INSERT INTO person (name) VALUES (?)", [(f"Persoon {i}",) for i in range(200)])
    conn.executemany("INSERT INTO note (text) VALUES (?)", [(f"Notitie {i}",) for i in range(50)])
    conn.commit()
    env = _env(f"sqlite:///{source}")
    backup = Path(_run(["bash", "scripts/backup.sh", str(tmp_path / "backups")], env).strip())
    conn.execute("INSERT INTO person (name) VALUES ('na de back-up')")  # later changes are not in the backup
    conn.commit()
    restored = tmp_path / "restored.sqlite3"
    _run(["bash", "scripts/restore.sh", str(backup), f"sqlite:///{restored}"], env)
    copy = sqlite3.connect(restored)
    for table, expected in [("person", 200), ("note", 50)]:
        assert copy.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected
        assert copy.execute(f"SELECT * FROM {table} ORDER BY id LIMIT 200").fetchall() == conn.execute(f"SELECT * FROM {table} ORDER BY id LIMIT 200").fetchall()
