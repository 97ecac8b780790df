"""Migration operations that run on PostgreSQL only (SQLite, the embedded mode, skips them).

`OnPostgreSQL(operation)` runs a schema operation (e.g. `django.contrib.postgres`'s
`TrigramExtension` or `AddIndex` of a `GinIndex`) against PostgreSQL and does nothing
elsewhere. It leaves the migration state alone: the index lives in the database only, so the
models (and `makemigrations`) stay the same on every backend.
"""

from django.db.migrations.operations.base import Operation


class OnPostgreSQL(Operation):
    reversible = True
    reduces_to_sql = False

    def __init__(self, operation: Operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        pass  # the database only: no model state changes

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"On PostgreSQL only: {self.operation.describe()}"
