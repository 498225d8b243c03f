"""Read the operator's environment file before settings are chosen.

One rule for `manage.py`, the WSGI app (gunicorn) and the worker alike (docs/operations.md):

- the file is `$EENPLAN_ENV_FILE`, or `/etc/eenplan/eenplan.env` when that exists;
- each `NAME=value` line sets `NAME` unless the environment already has it (so a variable given on the
  command line or by systemd wins); blank lines and lines starting with `#` are skipped; a value may be
  wrapped in single or double quotes. The same format works as a systemd `EnvironmentFile=`;
- when a file was read, the default settings module is `eenplan.settings.production`; without one it is
  `eenplan.settings.base` (development). `DJANGO_SETTINGS_MODULE` in the file or environment wins.

No Django imports here: `manage.py` calls this before Django is configured.
"""

import os
from pathlib import Path

DEFAULT_ENV_FILE = Path("/etc/eenplan/eenplan.env")


def env_file_path() -> Path | None:
    named = os.environ.get("EENPLAN_ENV_FILE")
    if named:
        return Path(named)
    return DEFAULT_ENV_FILE if DEFAULT_ENV_FILE.is_file() else None


def parse_env_file(text: str) -> dict[str, str]:
    values = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        name, sep, value = line.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise ValueError(f"line {number}: expected NAME=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[name] = value
    return values


def load_env_file() -> Path | None:
    """Apply the environment file (if any) to os.environ without overriding; return its path."""
    path = env_file_path()
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"eenplan: cannot read the environment file {path}: {exc}") from exc
    try:
        values = parse_env_file(text)
    except ValueError as exc:
        raise SystemExit(f"eenplan: {path}: {exc}") from exc
    for name, value in values.items():
        os.environ.setdefault(name, value)
    return path


def configure() -> None:
    """Read the environment file and choose the default settings module (manage.py, wsgi.py)."""
    path = load_env_file()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.production" if path else "eenplan.settings.base")
