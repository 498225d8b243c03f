from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX IF EXISTS access_log_at_brin SET (autosummarize = on)")


class Migration(migrations.Migration):
    """The BRIN index on `at` summarises new block ranges as rows arrive (ADR 0080)."""

    dependencies = [("access", "0004_log_append_only_triggers")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
