from django.db import migrations, models

# The indexes that served period-only scans before (ADR 0080): a BRIN on PostgreSQL, a plain one on SQLite.
# The b-tree on (at, id) serves those scans and also the log page's newest lines first, which they could not
# (a top-N sort over every row: 201 ms at a million rows).
OLD = {
    "postgresql": ("DROP INDEX IF EXISTS access_log_at_brin",
                   "CREATE INDEX IF NOT EXISTS access_log_at_brin ON access_accesslogentry USING brin (at) WITH (autosummarize = on)"),
    "sqlite": ("DROP INDEX IF EXISTS access_log_at",
               "CREATE INDEX IF NOT EXISTS access_log_at ON access_accesslogentry (at)"),
}


def drop_old(apps, schema_editor):
    if schema_editor.connection.vendor in OLD:
        schema_editor.execute(OLD[schema_editor.connection.vendor][0])


def restore_old(apps, schema_editor):
    if schema_editor.connection.vendor in OLD:
        schema_editor.execute(OLD[schema_editor.connection.vendor][1])


class Migration(migrations.Migration):
    dependencies = [("access", "0006_log_shown_ids_gin")]

    operations = [
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(fields=["at", "id"], name="access_log_at_id"),
        ),
        migrations.RunPython(drop_old, restore_old, elidable=False),
    ]
