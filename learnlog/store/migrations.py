"""Named schema steps, applied once each, in the order written, and recorded in the `migration` table.

The llm / sqlite-utils shape: a step is a small function named for what it does; `store.schema.migrate` applies
every step whose name is not yet recorded, so the order of the list can never silently re-run or skip one.
Add a step at the end; never edit one that has shipped (logs in the wild already ran it). The SQLModel classes in
`store.tables` are the current schema; `tests/test_store.py` checks that these steps produce exactly that.

The steps use the stdlib sqlite3 module (creating or upgrading a log need not load SQLAlchemy). Before named
migrations, logs recorded the number of steps in `PRAGMA user_version` (m001…m005 had run when it said 5); they
carry the same names in their `migration` table, so they upgrade by name like any other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Step = Callable[[sqlite3.Connection], None]
STEPS: dict[str, Step] = {}


def step(fn: Step) -> Step:
    """Register a migration under its function name (the name stored in the `migration` table)."""
    STEPS[fn.__name__] = fn
    return fn


def _run(conn: sqlite3.Connection, statements: list[str]) -> None:
    for sql in statements:
        conn.execute(sql)


# The entry table's columns as m001 made them; m006 rebuilds the table from the same list (with the column
# m002 added), so the two can never disagree.
ENTRY_COLUMNS = [
    "entry_date TEXT NOT NULL",
    "created_at TEXT NOT NULL",
    "updated_at TEXT NOT NULL",
    "title TEXT NOT NULL DEFAULT ''",
    "body TEXT NOT NULL",
    "hours REAL",
    "status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final'))",
    "words INTEGER NOT NULL DEFAULT 0",
    "version INTEGER NOT NULL DEFAULT 1",
    "fingerprint TEXT NOT NULL DEFAULT ''",
    "deleted_at TEXT",
]
SCANNED_VERSION = "scanned_version INTEGER NOT NULL DEFAULT 0"


def _create(table: str, columns: list[str]) -> str:
    """`CREATE TABLE` laid out as the shipped steps wrote it (the text SQLite keeps in sqlite_master)."""
    return f"CREATE TABLE {table} (\n        " + ",\n        ".join(columns) + "\n    )"


# The DDL of the steps that shipped before named migrations, unchanged (m004 was written before m003 then;
# it always ran after it, which is the order below).
M001_ENTRIES = [
    """CREATE TABLE migration (
        name TEXT PRIMARY KEY,
        applied_at TEXT NOT NULL
    )""",
    _create("entry", ["id INTEGER PRIMARY KEY", *ENTRY_COLUMNS]),
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
    f"ALTER TABLE entry ADD COLUMN {SCANNED_VERSION}",
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


def _ddl_step(name: str, statements: list[str]) -> None:
    """Register a step that is only DDL (the shape of every step before m006)."""

    def run(conn: sqlite3.Connection) -> None:
        _run(conn, statements)

    run.__name__ = name
    step(run)


_ddl_step("m001_entries", M001_ENTRIES)
_ddl_step("m002_criteria", M002_CRITERIA)
_ddl_step("m003_statements", M003_STATEMENTS)
_ddl_step("m004_confidential", M004_CONFIDENTIAL)
_ddl_step("m005_summary_index", M005_SUMMARY_INDEX)


@step
def m006_entry_ids_never_reused(conn: sqlite3.Connection) -> None:
    """AUTOINCREMENT on entry ids, so an id named in a statement, a backup or a note never comes back after a
    purge as a different entry. SQLite cannot add it in place: the table is rebuilt by its documented recipe
    (foreign keys are off while steps run), then its indexes and full-text triggers are made again. The
    sequence starts above every id the log has ever shown, including purged ones a statement still lists."""
    kept = ["id", *(c.split()[0] for c in [*ENTRY_COLUMNS, SCANNED_VERSION])]
    columns = ", ".join(kept)
    _run(
        conn,
        [
            _create("entry_new", ["id INTEGER PRIMARY KEY AUTOINCREMENT", *ENTRY_COLUMNS, SCANNED_VERSION]),
            f"INSERT INTO entry_new ({columns}) SELECT {columns} FROM entry",
            "DROP TABLE entry",
            "ALTER TABLE entry_new RENAME TO entry",
            *M001_ENTRIES[2:4],  # entry_by_date, entry_by_fingerprint: dropped with the old table
            *M005_SUMMARY_INDEX,
            *M001_ENTRIES[-3:],  # the full-text triggers, likewise
        ],
    )
    highest = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM entry), 0), coalesce((SELECT max(entry_id) FROM statement_entry), 0))"
    ).fetchone()[0]
    if highest:
        conn.execute("DELETE FROM sqlite_sequence WHERE name = 'entry'")
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('entry', ?)", (highest,))


@step
def m007_entry_properties(conn: sqlite3.Connection) -> None:
    """Frontmatter keys learnlog has no field for (Obsidian's `aliases`, `cssclasses`, a user's own `mood`), as
    a JSON object: an imported note keeps them, `show --raw`, edits and md-dir backups write them back."""
    conn.execute("ALTER TABLE entry ADD COLUMN properties TEXT NOT NULL DEFAULT '{}'")


@step
def m008_statement_gate(conn: sqlite3.Connection) -> None:
    """What issue 9's privacy gate and review need to remember.

    `statement.link`: a published page or recording of the statement (shown in every export, the OB 3.0
    Evidence id). `statement.gate_key`: a digest of everything the last privacy verdict depended on, so `check`
    scans again only when one of those changed. `finding.part`: which outgoing text a statement finding is in
    ("title", "body", "entry 7 title" …; entries' findings are in their body). `rejected_link`: suggestions the writer said no to, never
    offered again for that entry. `pseudonym`: the one map of people and services to "Person A"/"Service A" for
    the whole log, so every entry, statement and export agrees; it never leaves the database."""
    _run(
        conn,
        [
            "ALTER TABLE statement ADD COLUMN link TEXT",
            "ALTER TABLE statement ADD COLUMN gate_key TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE finding ADD COLUMN part TEXT NOT NULL DEFAULT 'body'",
            """CREATE TABLE rejected_link (
                entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
                badge_id TEXT NOT NULL,
                criterion_id TEXT NOT NULL,
                rejected_at TEXT NOT NULL,
                PRIMARY KEY (entry_id, badge_id, criterion_id)
            )""",
            """CREATE TABLE pseudonym (
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                pseudonym TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (kind, name)
            )""",
        ],
    )


@step
def m009_entry_words_are_the_writers(conn: sqlite3.Connection) -> None:
    """Entry word counts once included template headings (`add --template sssc` made a 14-word entry "55
    words"); they are counted again as statement assembly counts them, so list, words, coverage and check agree
    with the statement built from the entry."""
    from learnlog.words import writer_word_count

    rows = conn.execute("SELECT id, body FROM entry").fetchall()
    conn.executemany("UPDATE entry SET words = ? WHERE id = ?", [(writer_word_count(b), i) for i, b in rows])
