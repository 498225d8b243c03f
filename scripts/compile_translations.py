"""Compile every app's nl catalogue and refuse untranslated or fuzzy entries.

With --extract, also extract every app's strings (in a copy) and refuse strings the catalogue lacks.
Each app keeps its own `locale/nl/LC_MESSAGES/django.po`, so apps do not edit one shared file.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def not_yet_extracted(app_dir: Path) -> list[str]:
    """Strings in the code that the committed catalogue does not have yet.

    Extracts from a copy of the app, so the working tree's catalogue is left untouched.
    """
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app_dir.name
        shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        (copy / "locale").mkdir(exist_ok=True)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "nl", "--no-obsolete", "--no-location"],
            cwd=copy, check=True, capture_output=True,
        )
        po_path = copy / "locale/nl/LC_MESSAGES/django.po"
        if not po_path.exists():  # the app has no translatable strings
            return []
        fresh = polib.pofile(str(po_path))
        return [e.msgid for e in fresh.untranslated_entries()]


def conflicting(pos: list[Path]) -> list[str]:
    """The same msgid translated differently by two apps: gettext shows only the first app's word
    everywhere (a meldcode 'Save step' became the participatieladder's 'Trede opslaan'). Use a
    distinct msgid or a context (pgettext / {% translate ... context ... %}) instead."""
    seen: dict[tuple, tuple[str, str]] = {}
    errors = []
    for path in pos:
        app = path.parts[-5]
        for e in polib.pofile(str(path)):
            if not e.msgstr:
                continue
            key = (e.msgctxt, e.msgid)
            if key in seen and seen[key][1] != e.msgstr:
                errors.append(f"eenplan/{app}: {e.msgid[:50]!r} is {e.msgstr!r} here but {seen[key][1]!r} in eenplan/{seen[key][0]}")
            seen.setdefault(key, (app, e.msgstr))
    return errors


def main() -> int:
    pos = sorted(ROOT.glob("eenplan/*/locale/nl/LC_MESSAGES/django.po"))
    errors = []
    if "--extract" in sys.argv:
        apps = sorted(p.parent for p in ROOT.glob("eenplan/*/apps.py"))
        for app_dir in apps:
            errors += [f"eenplan/{app_dir.name}: not in the nl catalogue: {m[:70]!r} (run scripts/messages.py {app_dir.name})"
                       for m in not_yet_extracted(app_dir)]
    errors += conflicting(pos)
    for path in pos:
        po = polib.pofile(str(path))
        errors += [f"{path.relative_to(ROOT)}: untranslated: {e.msgid[:70]!r}" for e in po.untranslated_entries()]
        errors += [f"{path.relative_to(ROOT)}: fuzzy: {e.msgid[:70]!r}" for e in po.fuzzy_entries()]
        result = subprocess.run(["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)], capture_output=True, text=True)
        if result.returncode:
            errors.append(result.stderr.strip())
    for e in errors:
        print(e)
    print(f"{len(pos)} catalogues compiled, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
