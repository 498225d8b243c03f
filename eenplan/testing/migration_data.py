"""Put back the rows that data migrations create (roles, instruments, source and signal types).

A transactional test (every browser test: the live server needs committed data) ends by emptying
every table, data-migration rows included, so the next one would start without the ZRM domains.
Django's `serialized_rollback` did not restore them reliably in a mixed run here, so the forward
functions of the data migrations are replayed instead, in migration order, when the database is empty.
"""

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython


def restore_migration_data() -> bool:
    from eenplan.assessment.models import Instrument

    if Instrument.objects.exists():
        return False
    loader = MigrationLoader(connection)
    plan = []
    for leaf in loader.graph.leaf_nodes():
        plan += [key for key in loader.graph.forwards_plan(leaf) if key not in plan]
    # The forward functions only write rows; the editor is passed, not entered (SQLite cannot enter one
    # inside a test's transaction).
    editor = connection.schema_editor(atomic=False)
    for key in plan:
        if key[0] not in {"accounts", "assessment", "intake"}:
            continue
        for operation in loader.graph.nodes[key].operations:
            if isinstance(operation, RunPython):
                operation.code(apps, editor)
    return True
