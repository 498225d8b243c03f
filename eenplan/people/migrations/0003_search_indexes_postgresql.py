"""Issue 13: indexes for search by name and by postcode, on PostgreSQL only (SQLite: a no-op, the same pages work).

- pg_trgm GIN indexes on UPPER(name part): Django's `icontains` is `UPPER(col::text) LIKE UPPER('%…%')`, which a
  trigram index on that expression answers without reading every person.
- UPPER(surname_prefix) for the tussenvoegsel's `iexact`, so the OR of the name parts stays an index BitmapOr.
- varchar_pattern_ops on the postcodes of people and households, for `startswith` ('7411%') under any collation.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("people_person_surname_trgm", "people_person USING gin (UPPER(surname::text) gin_trgm_ops)"),
    ("people_person_given_names_trgm", "people_person USING gin (UPPER(given_names::text) gin_trgm_ops)"),
    ("people_person_preferred_name_trgm", "people_person USING gin (UPPER(preferred_name::text) gin_trgm_ops)"),
    ("people_person_surname_prefix_upper", "people_person (UPPER(surname_prefix::text))"),
    ("people_person_postcode_like", "people_person (postcode varchar_pattern_ops)"),
    ("people_household_postcode_like", "people_household (postcode varchar_pattern_ops)"),
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
    dependencies = [("people", "0002_address_history_bsn_message")]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION IF NOT EXISTS pg_trgm; a no-op on other databases
        migrations.RunPython(create, drop),
    ]
