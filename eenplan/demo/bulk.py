"""Bulk row writer for the city generator: PostgreSQL COPY (psycopg 3), plain multi-row INSERT elsewhere.

Rows are plain tuples in the model's own column order with primary keys assigned here (from the table's current
maximum), so children can point at parents without a round trip. Tables are flushed parents first, each flush
in one statement; the database's own foreign keys, unique and check constraints still apply to every row.
"""

import json

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

REQUIRED = object()


class Table:
    def __init__(self, writer, model):
        self.writer, self.model = writer, model
        self.fields = list(model._meta.concrete_fields)
        assert self.fields[0].primary_key, model
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        template, self.required = [], []
        for i, f in enumerate(self.fields):
            if f.primary_key:
                value = None
            elif f.has_default() and not callable(f.default):
                value = f.default
            elif f.has_default() and f.default in (list, dict):
                value = f.default()
            elif f.null:
                value = None
            elif f.blank and isinstance(f, (models.CharField, models.TextField)):
                value = ""
            else:  # callable defaults (uuid4, now) are not deterministic: the generator gives them
                value = REQUIRED
                self.required.append(i)
            template.append(value)
        self.template = template
        self.json = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.next_id = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.rows, self.count = [], 0

    def add(self, **values) -> int:
        pk = self.next_id
        self.next_id += 1
        row = self.template.copy()
        row[0] = pk
        index = self.index
        for name, value in values.items():
            row[index[name]] = value
        for i in self.required:
            if row[i] is REQUIRED:
                raise ValueError(f"{self.model._meta.label}.{self.fields[i].attname} needs a value")
        self.rows.append(row)
        self.count += 1
        self.writer.pending += 1
        return pk

    def flush(self):
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        table = self.model._meta.db_table
        columns = [f.column for f in self.fields]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                from psycopg import sql

                for row in rows:
                    for i in self.json:
                        if row[i] is not None:
                            row[i] = json.dumps(row[i])
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
                with cursor.cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                prep = [f.get_db_prep_save for f in self.fields]
                prepared = [[p(v, connection) for p, v in zip(prep, row, strict=True)] for row in rows]
                quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
                per = max(1, 900 // len(columns))  # SQLite's limit on bound parameters
                for start in range(0, len(prepared), per):
                    chunk = prepared[start:start + per]
                    marks = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
                    cursor.execute(f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES {marks}",
                                   [v for row in chunk for v in row])


class Writer:
    """Tables in the order they were opened (parents first); flushes all of them every `batch` rows.

    On PostgreSQL a table's foreign keys, unique constraints and secondary indexes are dropped when it is opened and
    added again by `finish()` (or `restore()` after a failure): adding a foreign key or unique constraint checks
    every row in one pass, far cheaper than a trigger and an index update per copied row. Primary keys and check
    constraints stay in place throughout. Every row is checked against every constraint before `finish()` returns.
    """

    def __init__(self, batch=200_000):
        self.tables, self.pending, self.batch = {}, 0, batch
        self.restore_statements = {"u": [], "i": [], "f": []}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
                cursor.execute("SET maintenance_work_mem = '256MB'")

    def table(self, model) -> Table:
        if model not in self.tables:
            if connection.vendor == "postgresql":
                self._drop_constraints(model._meta.db_table)
            self.tables[model] = Table(self, model)
        return self.tables[model]

    def _drop_constraints(self, table):
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY conname", [table])
            constraints = cursor.fetchall()
            cursor.execute("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                           "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                           "WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')) "
                           "ORDER BY i.relname", [table])
            indexes = cursor.fetchall()
            for name, kind, definition in constraints:
                cursor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
                self.restore_statements[kind].append(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} {definition}")
            for name, definition in indexes:
                cursor.execute(f"DROP INDEX {q(name)}")
                self.restore_statements["i"].append(definition)

    def restore(self, say=None):
        """Add the dropped unique constraints, indexes and foreign keys again (each validates all rows)."""
        statements = [s for kind in ("u", "i", "f") for s in self.restore_statements[kind]]
        self.restore_statements = {"u": [], "i": [], "f": []}
        with connection.cursor() as cursor:
            for n, statement in enumerate(statements, start=1):
                cursor.execute(statement)
                if say and n % 25 == 0:
                    say(f"constraints and indexes: {n} of {len(statements)}")

    def maybe_flush(self):
        if self.pending >= self.batch:
            self.flush()

    def flush(self):
        for table in self.tables.values():
            table.flush()
        self.pending = 0

    def finish(self, say=None):
        self.flush()
        if connection.vendor == "postgresql":
            if say:
                say("rows written; adding constraints and indexes")
            self.restore(say)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                    cursor.execute(statement)
                for model in self.tables:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def counts(self) -> dict:
        return {m._meta.label: t.count for m, t in self.tables.items()}
