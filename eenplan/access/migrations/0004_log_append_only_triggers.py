from django.db import migrations

from eenplan.access import dbguard


def forwards(apps, schema_editor):
    dbguard.install(schema_editor)


def backwards(apps, schema_editor):
    dbguard.remove(schema_editor)


class Migration(migrations.Migration):
    """Database-enforced append-only access log (UPDATE/DELETE triggers) and the period index.

    Note for later migrations: on SQLite, an AlterField on AccessLogEntry rebuilds the table and
    drops these triggers — re-run `dbguard.install` in such a migration (the test
    `test_raw_update_on_log_fails` catches a forgotten one).
    """

    dependencies = [("access", "0003_log_before_after_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
