from django.db import migrations

INDEX = "access_log_shown_ids_gin"


def forwards(apps, schema_editor):
    # "Which list pages showed this client?" is a JSON containment (@>) on PostgreSQL; a GIN index answers
    # it without reading every list line. SQLite matches in Python (privacy.selectors._shown).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON access_accesslogentry USING gin (shown_ids jsonb_path_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("access", "0005_log_brin_autosummarize")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
