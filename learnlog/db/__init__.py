"""Storage: SQLModel owns the schema, migrations and writes; reads use the stdlib sqlite3 module for start-up speed."""
