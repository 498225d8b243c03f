"""Issue 13: postcode prefix and house number together ('7411%' and 12) from one index, on PostgreSQL only
(the (postcode, house_number) btree cannot answer a LIKE prefix under a non-C collation). A no-op on SQLite."""

from django.db import migrations

INDEXES = [
    ("people_person_postcode_number_like", "people_person (postcode varchar_pattern_ops, house_number)"),
    ("people_household_postcode_number_like", "people_household (postcode varchar_pattern_ops, house_number)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _target in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_search_indexes_postgresql")]

    operations = [migrations.RunPython(create, drop)]
