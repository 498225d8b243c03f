"""Tests: same as base, with fast hashing and the database chosen by DATABASE_URL."""

import os
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# SQLite tests run on a database file, never SQLite's in-memory database: the live server's threads then use
# their own connections and really compete for the write lock, as `./run`'s threaded server does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"eenplan-test-{os.getpid()}.sqlite3")}  # noqa: F405
