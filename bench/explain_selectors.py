"""EXPLAIN ANALYZE of the rewritten selectors (issue 13) on an already seeded PostgreSQL database.

    DATABASE_URL=postgres://…/eenplan_30k .venv/bin/python bench/explain_selectors.py [-v] [--user anna]

The user (default anna; any generated professional of a `seed_demo --size city|g4` city) is the caseload's;
the postcode searched is the first postcode area of the database's first wijk (7411 in the town).

Prints, per query, the execution time and whether a sequential scan on a large table remains. Figures only.
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from eenplan.access import policy  # noqa: E402
from eenplan.accounts.models import TeamMembership, User  # noqa: E402
from eenplan.cases.selectors import caseload_for, team_cases  # noqa: E402
from eenplan.organisation.models import Wijk  # noqa: E402
from eenplan.people.selectors import PersonQuery, search_people  # noqa: E402


def explain(label, qs, verbose=False):
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    total = next(line for line in plan if line.startswith("Execution Time"))
    seq = [m.group(1) for line in plan if (m := re.search(r"Seq Scan on (\w+)", line))]
    idx = sorted({m.group(1) for line in plan if (m := re.search(r"Index (?:Only )?Scan using (\w+)|Bitmap Index Scan on (\w+)", line)) and (m := re.search(r"(?:using|on) (\w+)", line))})
    print(f"{label:<28} {total:<28} seq scans: {', '.join(seq) or 'none'}; indexes: {', '.join(idx)}")
    if verbose:
        print("\n".join("    " + line for line in plan))


username = sys.argv[sys.argv.index("--user") + 1] if "--user" in sys.argv else "anna"
anna = User.objects.get(username=username)
area = Wijk.objects.order_by("pk").first().postcode_area_list()[0]
lead_teams = list(TeamMembership.objects.filter(user=anna).values_list("team_id", flat=True))
verbose = "-v" in sys.argv
explain(f"caseload ({username})", caseload_for(anna), verbose)
explain(f"cases_visible_to ({username})", policy.cases_visible_to(anna).filter(pk__in=list(caseload_for(anna).values_list("pk", flat=True)[:50])), verbose)
explain("team list (first 50)", team_cases(lead_teams)[:50], verbose)
explain("search name 'jan'", search_people(PersonQuery(name="jan")), verbose)
explain("search name 'kuipers'", search_people(PersonQuery(name="kuipers")), verbose)
explain(f"search postcode '{area}'", search_people(PersonQuery(postcode=area)), verbose)
explain("search postcode+number", search_people(PersonQuery(postcode=area, house_number="12")), verbose)
