"""Ordered, append-only schema migrations (sqlite-utils style): add a step, never edit one that has shipped.

Each step is a name and its DDL. The steps are applied in one IMMEDIATE transaction through SQLAlchemy, recorded
in the `migration` table with the time they ran, and `PRAGMA user_version` holds the count, so a read path can
check the version with plain sqlite3 before deciding whether the (slow to import) migration machinery is needed.
"""

from __future__ import annotations

M001_ENTRIES = [
    """CREATE TABLE migration (
        name TEXT PRIMARY KEY,
        applied_at TEXT NOT NULL
    )""",
    """CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        entry_date TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        hours REAL,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
        words INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        fingerprint TEXT NOT NULL DEFAULT '',
        deleted_at TEXT
    )""",
    "CREATE INDEX entry_by_date ON entry (entry_date DESC, id DESC)",
    "CREATE INDEX entry_by_fingerprint ON entry (fingerprint)",
    """CREATE TABLE entry_tag (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (entry_id, tag)
    )""",
    "CREATE INDEX entry_tag_by_tag ON entry_tag (tag)",
    """CREATE TABLE revision (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT 'edit',
        entry_date TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        hours REAL,
        status TEXT NOT NULL DEFAULT 'draft',
        words INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX revision_by_entry ON revision (entry_id, id)",
    """CREATE VIRTUAL TABLE entry_fts USING fts5 (
        title, body, content='entry', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER entry_fts_update AFTER UPDATE OF title, body ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO entry_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]

M002_CRITERIA = [
    """CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE held_badge (
        badge_id TEXT PRIMARY KEY,
        held_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    )""",
    """CREATE TABLE entry_criterion (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        badge_id TEXT NOT NULL,
        criterion_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'suggested')),
        score REAL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (entry_id, badge_id, criterion_id)
    )""",
    "CREATE INDEX entry_criterion_by_badge ON entry_criterion (badge_id, criterion_id)",
    """CREATE TABLE entry_resource (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        resource_id TEXT NOT NULL,
        PRIMARY KEY (entry_id, resource_id)
    )""",
]

M004_CONFIDENTIAL = [
    """CREATE TABLE finding (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER REFERENCES entry (id) ON DELETE CASCADE,
        statement_id INTEGER REFERENCES statement (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed')),
        dismiss_reason TEXT,
        dismissed_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX finding_by_entry ON finding (entry_id)",
    "CREATE INDEX finding_by_statement ON finding (statement_id)",
    """CREATE TABLE allowed_phrase (
        phrase TEXT PRIMARY KEY COLLATE NOCASE,
        reason TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
    )""",
    "ALTER TABLE entry ADD COLUMN scanned_version INTEGER NOT NULL DEFAULT 0",
]

M003_STATEMENTS = [
    """CREATE TABLE statement (
        id INTEGER PRIMARY KEY,
        badge_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        words INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        scanned_version INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE statement_entry (
        statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
        entry_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (statement_id, entry_id)
    )""",
    """CREATE TABLE statement_revision (
        id INTEGER PRIMARY KEY,
        statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT 'edit',
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        words INTEGER NOT NULL DEFAULT 0
    )""",
]

M005_SUMMARY_INDEX = [
    # Coverage and check read dates and word counts of every linked entry: a covering index keeps them from
    # paging through entry bodies (halves the time at 10,000 entries).
    "CREATE INDEX entry_summary ON entry (id, deleted_at, entry_date, words)",
]

MIGRATIONS: list[tuple[str, list[str]]] = [
    ("m001_entries", M001_ENTRIES),
    ("m002_criteria", M002_CRITERIA),
    ("m003_statements", M003_STATEMENTS),
    ("m004_confidential", M004_CONFIDENTIAL),
    ("m005_summary_index", M005_SUMMARY_INDEX),
]
SCHEMA_VERSION = len(MIGRATIONS)


def apply(engine, upto: int = SCHEMA_VERSION) -> list[str]:
    """Bring the database to `upto` in one transaction; returns the names applied (none if already there)."""
    from learnlog.dates import now

    applied: list[str] = []
    with engine.begin() as conn:
        # Re-read inside the IMMEDIATE transaction: another process may have migrated while we waited.
        current = conn.exec_driver_sql("PRAGMA user_version").scalar()
        for name, statements in MIGRATIONS[current:upto]:
            for sql in statements:
                conn.exec_driver_sql(sql)
            conn.exec_driver_sql("INSERT INTO migration (name, applied_at) VALUES (?, ?)", (name, now().isoformat()))
            applied.append(name)
        if applied:
            conn.exec_driver_sql(f"PRAGMA user_version = {max(current, upto)}")
    return applied
