"""Compile every app's nl catalogue and refuse untranslated or fuzzy entries.

Each app keeps its own `locale/nl/LC_MESSAGES/django.po`, so apps do not edit one shared file.
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    pos = sorted(ROOT.glob("eenplan/*/locale/nl/LC_MESSAGES/django.po"))
    errors = []
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
