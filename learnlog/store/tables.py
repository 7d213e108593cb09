"""The schema, once: one SQLModel class per table, with its defaults, indexes, checks and foreign keys.

The migrations in `store.migrations` are the history of how a log reached this shape; `tests/test_store.py`
compares a migrated database with `SQLModel.metadata` (tables, columns, defaults, keys, indexes, checks), so
the two cannot drift. Only write paths import this module (it loads SQLAlchemy).

Not here, because SQLAlchemy has no model for them: the `entry_fts` full-text table and its triggers
(m001_entries), which keep search in step with every write to `entry`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import REAL, CheckConstraint, Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, SQLModel

from learnlog.records import ENTRY_STATUSES, LINK_KINDS


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _text(default: str | None = None, **kw: Any) -> Any:
    """A TEXT column; with `default`, that default holds in the database too (not only in Python)."""
    if default is None:
        return Field(sa_type=Text, **kw)
    return Field(default=default, sa_type=Text, sa_column_kwargs={"server_default": default}, **kw)


def _integer(default: int, **kw: Any) -> Any:
    return Field(default=default, sa_type=Integer, sa_column_kwargs={"server_default": str(default)}, **kw)


def _key(**kw: Any) -> Any:
    """A surrogate integer primary key (SQLite's rowid)."""
    return Field(default=None, sa_type=Integer, primary_key=True, **kw)


def _parent(table: str, *, primary_key: bool = False, nullable: bool = False) -> Any:
    """A link to `table`.id that goes when its parent is purged (ON DELETE CASCADE)."""
    return Field(
        default=None if nullable else ...,
        sa_column=Column(
            Integer,
            ForeignKey(f"{table}.id", ondelete="CASCADE"),
            primary_key=primary_key,
            nullable=nullable,
        ),
    )


class EntryRow(SQLModel, table=True):
    __tablename__ = "entry"
    __table_args__ = (
        CheckConstraint(_in("status", ENTRY_STATUSES)),
        Index("entry_by_fingerprint", "fingerprint"),
        # Coverage and check read dates and word counts of every linked entry: a covering index keeps them
        # from paging through entry bodies (halves the time at 10,000 entries).
        Index("entry_summary", "id", "deleted_at", "entry_date", "words"),
        {"sqlite_autoincrement": True},  # ids are never reused after a purge (m006)
    )
    id: int | None = _key()
    entry_date: str = _text()
    created_at: str = _text()
    updated_at: str = _text()
    title: str = _text("")
    body: str = _text()
    hours: float | None = Field(default=None, sa_type=REAL)
    status: str = _text("draft")
    words: int = _integer(0)
    version: int = _integer(1)
    fingerprint: str = _text("")
    deleted_at: str | None = Field(default=None, sa_type=Text)
    scanned_version: int = _integer(0)
    properties: str = _text("{}")  # JSON: frontmatter keys learnlog has no field for (m007)


# Newest first is how every listing reads the log (declared after the class: it needs the columns' order).
Index("entry_by_date", EntryRow.__table__.c.entry_date.desc(), EntryRow.__table__.c.id.desc())


class EntryTagRow(SQLModel, table=True):
    __tablename__ = "entry_tag"
    __table_args__ = (Index("entry_tag_by_tag", "tag"),)
    entry_id: int = _parent("entry", primary_key=True)
    tag: str = _text(primary_key=True)


class _Revision(SQLModel):
    """What every kept version of an entry or a statement records: which version, when, and why it was kept
    ("edit", "conflict", "redact" …)."""

    id: int | None = _key()
    version: int = Field(sa_type=Integer)
    saved_at: str = _text()
    reason: str = _text("edit")


class RevisionRow(_Revision, table=True):
    __tablename__ = "revision"
    __table_args__ = (Index("revision_by_entry", "entry_id", "id"),)
    entry_id: int = _parent("entry")
    entry_date: str = _text()
    title: str = _text("")
    body: str = _text()
    tags: str = _text("[]")
    hours: float | None = Field(default=None, sa_type=REAL)
    status: str = _text("draft")
    words: int = _integer(0)


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = _text(primary_key=True)
    value: str = _text()
    updated_at: str = _text()


class HeldBadgeRow(SQLModel, table=True):
    __tablename__ = "held_badge"
    badge_id: str = _text(primary_key=True)
    held_on: str = _text()
    recorded_at: str = _text()


class EntryCriterionRow(SQLModel, table=True):
    __tablename__ = "entry_criterion"
    __table_args__ = (
        CheckConstraint(_in("source", LINK_KINDS)),
        Index("entry_criterion_by_badge", "badge_id", "criterion_id"),
    )
    entry_id: int = _parent("entry", primary_key=True)
    badge_id: str = _text(primary_key=True)
    criterion_id: str = _text(primary_key=True)
    source: str = _text()
    score: float | None = Field(default=None, sa_type=REAL)
    created_at: str = _text()


class EntryResourceRow(SQLModel, table=True):
    __tablename__ = "entry_resource"
    entry_id: int = _parent("entry", primary_key=True)
    resource_id: str = _text(primary_key=True)


class StatementRow(SQLModel, table=True):
    __tablename__ = "statement"
    id: int | None = _key()
    badge_id: str = _text()
    title: str = _text()
    body: str = _text()
    words: int = _integer(0)
    version: int = _integer(1)
    created_at: str = _text()
    updated_at: str = _text()
    scanned_version: int = _integer(0)
    link: str | None = Field(default=None, sa_type=Text)
    gate_key: str = _text("")


class StatementEntryRow(SQLModel, table=True):
    """The entries a statement was assembled from, in order. No foreign key to `entry`: the list records what
    was submitted, and a purged entry's id stays in it (which is also why entry ids are never reused)."""

    __tablename__ = "statement_entry"
    statement_id: int = _parent("statement", primary_key=True)
    entry_id: int = Field(sa_type=Integer, primary_key=True)
    position: int = Field(sa_type=Integer)


class StatementRevisionRow(_Revision, table=True):
    __tablename__ = "statement_revision"
    statement_id: int = _parent("statement")
    title: str = _text()
    body: str = _text()
    words: int = _integer(0)


class FindingRow(SQLModel, table=True):
    __tablename__ = "finding"
    __table_args__ = (
        CheckConstraint(_in("status", ("open", "dismissed"))),
        Index("finding_by_entry", "entry_id"),
        Index("finding_by_statement", "statement_id"),
    )
    id: int | None = _key()
    entry_id: int | None = _parent("entry", nullable=True)
    statement_id: int | None = _parent("statement", nullable=True)
    start: int = Field(sa_type=Integer)
    end: int = Field(sa_type=Integer)
    label: str = _text()
    text: str = Field(sa_type=Text)
    reason: str = Field(sa_type=Text)
    status: str = _text("open")
    dismiss_reason: str | None = Field(default=None, sa_type=Text)
    dismissed_at: str | None = Field(default=None, sa_type=Text)
    created_at: str = Field(sa_type=Text)
    part: str = _text("body")


class RejectedLinkRow(SQLModel, table=True):
    """A suggestion the writer rejected in `learnlog review`: not suggested again for that entry."""

    __tablename__ = "rejected_link"
    entry_id: int = _parent("entry", primary_key=True)
    badge_id: str = _text(primary_key=True)
    criterion_id: str = _text(primary_key=True)
    rejected_at: str = _text()


class PseudonymRow(SQLModel, table=True):
    """One row of the log's pseudonym map (confidential.PseudonymMap.to_rows), in the order names were met."""

    __tablename__ = "pseudonym"
    kind: str = _text(primary_key=True)
    name: str = _text(primary_key=True)
    pseudonym: str = _text()
    position: int = Field(sa_type=Integer)


class AllowedPhraseRow(SQLModel, table=True):
    __tablename__ = "allowed_phrase"
    phrase: str = Field(sa_type=Text(collation="NOCASE"), primary_key=True)
    reason: str = _text("")
    added_at: str = _text()


class MigrationRow(SQLModel, table=True):
    __tablename__ = "migration"
    name: str = _text(primary_key=True)
    applied_at: str = _text()
