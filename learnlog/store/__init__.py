"""The database, in four layers that import one way: journal (the facade) → reads / writes → schema.

- `schema`: the one connection point, the checks that refuse foreign or newer files, migrations by name.
- `migrations`: the named steps, append-only.
- `tables`: the SQLModel classes, the one definition of the current schema (write paths only).
- `reads`: stdlib sqlite3 queries and the row→record mappers (read paths never import SQLAlchemy).
- `writes`: SQLModel writes inside one transaction; the edit/conflict rule and the findings writer.
- `journal`: `Journal`, the only thing the command line calls.
"""
