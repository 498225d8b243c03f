"""Extract an app's strings and fill Dutch translations.

    python scripts/messages.py APP                 # makemessages for eenplan/APP, then list untranslated
    python scripts/messages.py APP nl.json         # also fill msgstr from {"English msgid": "Dutch"}
                                                   # (plural: {"msgid": ["enkelvoud", "meervoud"]})
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(app: str, mapping_file: str | None = None) -> int:
    app_dir = ROOT / "eenplan" / app
    (app_dir / "locale").mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "nl", "--no-obsolete", "--no-location"],
        cwd=app_dir, check=True,
    )
    path = app_dir / "locale/nl/LC_MESSAGES/django.po"
    po = polib.pofile(str(path))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    if mapping_file:
        mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
        for entry in po:
            value = mapping.get(entry.msgid)
            if value is None:
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    # gettext's fuzzy guesses stay fuzzy (and fail the check) until the mapping gives the real Dutch:
    # a guess for a similar msgid is often wrong ("Add strength" -> "eigen kracht").
    for entry in po.fuzzy_entries():
        print(f"fuzzy (guessed, check it): {entry.msgid!r} -> {entry.msgstr!r}")
    po.save()
    missing = [e.msgid for e in po.untranslated_entries()]
    for m in missing:
        print(f"untranslated: {m!r}")
    print(f"{path.relative_to(ROOT)}: {len(po.translated_entries())} translated, {len(missing)} untranslated")
    return 1 if missing or po.fuzzy_entries() else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
