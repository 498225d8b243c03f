"""Which part of a page makes its Python function calls (issue 13, docs/adr/0136).

`attribute(run)` calls `run()` under a `sys.setprofile` hook and counts every Python function call against what made
it: the innermost template node being rendered ("template <name>: <tag or variable>"), else the innermost frame of
eenplan's own code ("ORM for <function>" when Django's database layer is between them, else "<function>"), else
"django request cycle". The counts are cProfile-like (Python calls; C calls are not counted) and deterministic.
"""

import sys
from collections import Counter

EENPLAN = "/eenplan/"
RENDER = "/django/template/base.py"


def _owner(frame) -> str:
    via_db = False
    node = None
    depth = 0
    while frame is not None and depth < 200:
        code = frame.f_code
        filename = code.co_filename
        if node is None and code.co_name == "render_annotated" and filename.endswith(RENDER):
            current = frame.f_locals.get("self")
            token = getattr(current, "token", None)
            origin = getattr(current, "origin", None)
            if token is not None:
                name = getattr(origin, "template_name", "?")
                node = f"template {name}: {token.contents[:70]}"
        elif "/django/db/" in filename:
            via_db = True
        elif EENPLAN in filename and "/templatetags/" not in filename and "/bench/" not in filename:
            if node is not None:
                return node
            where = f"{filename.split(EENPLAN, 1)[1]}:{code.co_name}"
            return f"ORM for {where}" if via_db else where
        frame = frame.f_back
        depth += 1
    return node or "django request cycle"


def attribute(run, top: int = 40) -> tuple[list[tuple[str, int]], int]:
    counts = Counter()

    def hook(frame, event, _arg):
        if event == "call":
            counts[_owner(frame.f_back)] += 1

    sys.setprofile(hook)
    try:
        run()
    finally:
        sys.setprofile(None)
    return counts.most_common(top), sum(counts.values())
