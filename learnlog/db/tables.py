"""SQLModel table classes mirroring the migrated schema (tests check the two agree column for column)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class EntryRow(SQLModel, table=True):
    __tablename__ = "entry"
    id: int | None = Field(default=None, primary_key=True)
    entry_date: str
    created_at: str
    updated_at: str
    title: str = ""
    body: str
    hours: float | None = None
    status: str = "draft"
    words: int = 0
    version: int = 1
    fingerprint: str = ""
    deleted_at: str | None = None
    scanned_version: int = 0


class EntryTagRow(SQLModel, table=True):
    __tablename__ = "entry_tag"
    entry_id: int = Field(primary_key=True, foreign_key="entry.id")
    tag: str = Field(primary_key=True)


class RevisionRow(SQLModel, table=True):
    __tablename__ = "revision"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id")
    version: int
    saved_at: str
    reason: str = "edit"
    entry_date: str
    title: str = ""
    body: str
    tags: str = "[]"
    hours: float | None = None
    status: str = "draft"
    words: int = 0


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str
    updated_at: str


class HeldBadgeRow(SQLModel, table=True):
    __tablename__ = "held_badge"
    badge_id: str = Field(primary_key=True)
    held_on: str
    recorded_at: str


class EntryCriterionRow(SQLModel, table=True):
    __tablename__ = "entry_criterion"
    entry_id: int = Field(primary_key=True, foreign_key="entry.id")
    badge_id: str = Field(primary_key=True)
    criterion_id: str = Field(primary_key=True)
    source: str
    score: float | None = None
    created_at: str


class EntryResourceRow(SQLModel, table=True):
    __tablename__ = "entry_resource"
    entry_id: int = Field(primary_key=True, foreign_key="entry.id")
    resource_id: str = Field(primary_key=True)


class StatementRow(SQLModel, table=True):
    __tablename__ = "statement"
    id: int | None = Field(default=None, primary_key=True)
    badge_id: str
    title: str
    body: str
    words: int = 0
    version: int = 1
    created_at: str
    updated_at: str
    scanned_version: int = 0


class StatementEntryRow(SQLModel, table=True):
    __tablename__ = "statement_entry"
    statement_id: int = Field(primary_key=True, foreign_key="statement.id")
    entry_id: int = Field(primary_key=True)
    position: int


class StatementRevisionRow(SQLModel, table=True):
    __tablename__ = "statement_revision"
    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id")
    version: int
    saved_at: str
    reason: str = "edit"
    title: str
    body: str
    words: int = 0


class FindingRow(SQLModel, table=True):
    __tablename__ = "finding"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int | None = Field(default=None, foreign_key="entry.id")
    statement_id: int | None = Field(default=None, foreign_key="statement.id")
    start: int
    end: int
    label: str
    text: str
    reason: str
    status: str = "open"
    dismiss_reason: str | None = None
    dismissed_at: str | None = None
    created_at: str


class AllowedPhraseRow(SQLModel, table=True):
    __tablename__ = "allowed_phrase"
    phrase: str = Field(primary_key=True)
    reason: str = ""
    added_at: str


class MigrationRow(SQLModel, table=True):
    __tablename__ = "migration"
    name: str = Field(primary_key=True)
    applied_at: str
