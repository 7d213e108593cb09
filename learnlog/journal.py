"""Entry operations behind one store interface: reads through sqlite3, writes through SQLModel transactions.

Nothing here deletes text except `purge`: edits keep the previous version as a revision, deletes go to the
trash, and an edit that would overwrite newer text from another terminal is kept as a conflict revision.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from learnlog.dates import now
from learnlog.db import reads
from learnlog.errors import ConflictError, LearnlogError, NotFound, UsageError
from learnlog.records import Entry, Statement

TARGET_BADGE_KEY = "target_badge"
OWN_WORK_KEY = "own_work_confirmed"


def normalise_tag(tag: str) -> str:
    """Tags compare the way people think of them: no leading #/@, lower case, spaces as hyphens."""
    return "-".join(tag.strip().lstrip("#@").lower().split())


def normalise_tags(tags: Iterable[str]) -> list[str]:
    return sorted({t for t in (normalise_tag(x) for x in tags) if t})


def fingerprint(entry: Entry) -> str:
    """Identity of an entry's content, shared with the importers so re-importing a file adds nothing."""
    from learnlog.importers.base import fingerprint as content_fingerprint

    return content_fingerprint(entry)


def word_count(text: str) -> int:
    from learnlog.words import word_count as count

    return count(text)


@dataclass
class ImportReport:
    added: list[tuple[str, int]]
    skipped: list[tuple[str, str]]


class Journal:
    """The learning log in one SQLite file."""

    def __init__(self, path: Path):
        self.path = path

    # -- reads (sqlite3 only) ---------------------------------------------------------------------------------

    @cached_property
    def conn(self) -> sqlite3.Connection:
        from learnlog.db.connection import connect

        return connect(self.path)

    def close(self) -> None:
        if "conn" in self.__dict__:
            self.conn.close()
            del self.__dict__["conn"]

    @property
    def target_badge(self) -> str:
        from learnlog.config import DEFAULT_BADGE

        return reads.get_setting(self.conn, TARGET_BADGE_KEY, DEFAULT_BADGE) or DEFAULT_BADGE

    def get(self, entry_id: int, *, deleted: bool | None = False) -> Entry:
        entry = reads.get_entry(self.conn, entry_id, self.target_badge, deleted=deleted)
        if entry is None:
            if deleted is False and reads.get_entry(self.conn, entry_id, self.target_badge, deleted=True):
                raise NotFound(f"entry {entry_id} is in the trash; bring it back with: learnlog restore {entry_id}")
            where = "in the trash" if deleted else "in this log"
            raise NotFound(f"no entry {entry_id} {where} ({self.path})")
        return entry

    def list(self, **filters) -> list[Entry]:
        return reads.list_entries(self.conn, self.target_badge, **filters)

    def search(self, query: str, limit: int = 20) -> list[reads.Hit]:
        if not reads.fts_query(query):
            raise UsageError("give at least one word to search for")
        try:
            return reads.search(self.conn, query, self.target_badge, limit)
        except sqlite3.OperationalError as exc:
            raise UsageError(f"cannot search for {query!r}: {exc}") from None

    def history(self, entry_id: int) -> list[reads.Revision]:
        self.get(entry_id, deleted=None)
        return reads.revisions(self.conn, entry_id)

    # -- writes (SQLModel, one transaction each) ---------------------------------------------------------------

    def _session(self):
        from learnlog.db.engine import write_session

        self.close()  # never hold a read snapshot while writing
        return write_session(self.path)

    def add(self, entry: Entry, *, badge: str | None = None) -> Entry:
        badge = badge or self.target_badge
        with self._session() as s:
            row = self._insert(s, entry, badge)
            self._refresh_findings(s, row)
            new_id = row.id
        return self.get(new_id)

    def _insert(self, s, entry: Entry, badge: str, *, scan_version: int | None = None):
        from learnlog.db.tables import EntryRow

        stamp = now().isoformat()
        row = EntryRow(
            entry_date=entry.date.isoformat(),
            created_at=(entry.created or now()).isoformat() if entry.created else stamp,
            updated_at=entry.updated.isoformat() if entry.updated else stamp,
            title=entry.title,
            body=entry.body,
            hours=entry.hours,
            status=entry.status,
            words=word_count(entry.body),
            fingerprint=fingerprint(entry),
        )
        s.add(row)
        s.flush()
        self._set_links(s, row.id, entry, badge)
        return row

    def _set_links(self, s, entry_id: int, entry: Entry, badge: str) -> None:
        from sqlmodel import delete

        from learnlog.db.tables import EntryCriterionRow, EntryResourceRow, EntryTagRow

        s.exec(delete(EntryTagRow).where(EntryTagRow.entry_id == entry_id))
        s.exec(delete(EntryResourceRow).where(EntryResourceRow.entry_id == entry_id))
        s.exec(
            delete(EntryCriterionRow).where(EntryCriterionRow.entry_id == entry_id, EntryCriterionRow.badge_id == badge)
        )
        s.flush()
        for tag in normalise_tags(entry.tags):
            s.add(EntryTagRow(entry_id=entry_id, tag=tag))
        for res in sorted(set(entry.resources)):
            s.add(EntryResourceRow(entry_id=entry_id, resource_id=res))
        stamp = now().isoformat()
        for cid, source in sorted(entry.criteria.items()):
            s.add(
                EntryCriterionRow(entry_id=entry_id, badge_id=badge, criterion_id=cid, source=source, created_at=stamp)
            )

    def _revision(self, s, row, reason: str, version: int | None = None, tags: list[str] | None = None):
        """Store `row`'s text as a revision; its tags come from the database unless given (a conflict's)."""
        from sqlmodel import select

        from learnlog.db.tables import EntryTagRow, RevisionRow

        if tags is None:
            tags = list(s.exec(select(EntryTagRow.tag).where(EntryTagRow.entry_id == row.id)).all())
        rev = RevisionRow(
            entry_id=row.id,
            version=row.version if version is None else version,
            saved_at=now().isoformat(),
            reason=reason,
            entry_date=row.entry_date,
            title=row.title,
            body=row.body,
            tags=json.dumps(normalise_tags(tags)),
            hours=row.hours,
            status=row.status,
            words=row.words,
        )
        s.add(rev)
        s.flush()
        return rev

    def update(
        self,
        entry: Entry,
        *,
        expected_version: int,
        reason: str = "edit",
        draft_file: Path | None = None,
        base_criteria: dict[str, str] | None = None,
    ):
        """Save an edited entry unless someone else saved a newer version since `expected_version` was read.

        With `base_criteria` (the links the editor started from), only the links the user added or removed
        change: a `learnlog tag` run in another terminal meanwhile is kept.

        On a conflict the user's text is stored as a 'conflict' revision (and stays in `draft_file`), the
        entry keeps the other terminal's text, and ConflictError says how to merge.
        """
        from learnlog.db.tables import EntryRow

        badge = self.target_badge
        conflict = None
        with self._session() as s:
            row = s.get(EntryRow, entry.id)
            if row is None or row.deleted_at:
                raise NotFound(f"no entry {entry.id} in this log (it may have been deleted meanwhile)")
            if row.version != expected_version:
                tmp = EntryRow(
                    id=row.id,
                    entry_date=entry.date.isoformat(),
                    created_at=row.created_at,
                    updated_at=now().isoformat(),
                    title=entry.title,
                    body=entry.body,
                    hours=entry.hours,
                    status=entry.status,
                    words=word_count(entry.body),
                )
                rev = self._revision(s, tmp, "conflict", expected_version, tags=entry.tags)
                conflict = (rev.id, row.version)
            else:
                self._revision(s, row, reason)
                row.entry_date = entry.date.isoformat()
                row.title = entry.title
                row.body = entry.body
                row.hours = entry.hours
                row.status = entry.status
                row.words = word_count(entry.body)
                row.fingerprint = fingerprint(entry)
                row.version += 1
                row.updated_at = now().isoformat()
                s.add(row)
                s.flush()
                if base_criteria is not None:
                    entry = replace(entry, criteria=self._merged_links(s, row.id, badge, base_criteria, entry.criteria))
                self._set_links(s, row.id, entry, badge)
                self._refresh_findings(s, row)
        if conflict:
            rev_id, current = conflict
            raise conflict_error(
                f"entry {entry.id}",
                current,
                f"revision {rev_id}",
                draft_file,
                f"Compare with 'learnlog history {entry.id} --revision {rev_id}', then 'learnlog edit {entry.id}'",
            )
        return self.get(entry.id)

    @staticmethod
    def _merged_links(s, entry_id: int, badge: str, base: dict[str, str], edited: dict[str, str]) -> dict[str, str]:
        from sqlmodel import select

        from learnlog.db.tables import EntryCriterionRow

        current = {
            r.criterion_id: r.source
            for r in s.exec(
                select(EntryCriterionRow).where(
                    EntryCriterionRow.entry_id == entry_id, EntryCriterionRow.badge_id == badge
                )
            ).all()
        }
        for cid in base.keys() - edited.keys():
            current.pop(cid, None)
        for cid, source in edited.items():
            if base.get(cid) != source or cid not in current:
                current[cid] = source
        return current

    def _set_deleted(self, entry_id: int, deleted: bool) -> Entry:
        from learnlog.db.tables import EntryRow

        with self._session() as s:
            row = s.get(EntryRow, entry_id)
            if row is None or bool(row.deleted_at) == deleted:
                state = "in the trash" if deleted else "in this log"
                if row is None:
                    raise NotFound(f"no entry {entry_id} in this log or its trash")
                raise NotFound(f"entry {entry_id} is already {state}")
            row.deleted_at = now().isoformat() if deleted else None
            s.add(row)
        return self.get(entry_id, deleted=deleted)

    def delete(self, entry_id: int) -> Entry:
        return self._set_deleted(entry_id, True)

    def restore(self, entry_id: int) -> Entry:
        return self._set_deleted(entry_id, False)

    def purge(self, entry_ids: list[int] | None = None) -> int:
        """Remove trashed entries for good (all of the trash when no ids are given)."""
        from sqlmodel import select

        from learnlog.db.tables import EntryRow

        with self._session() as s:
            q = select(EntryRow).where(EntryRow.deleted_at.is_not(None))
            if entry_ids is not None:
                q = q.where(EntryRow.id.in_(entry_ids))
            rows = s.exec(q).all()
            missing = set(entry_ids or []) - {r.id for r in rows}
            if missing:
                raise NotFound(f"not in the trash: {', '.join(map(str, sorted(missing)))} (delete them first)")
            for row in rows:
                s.delete(row)
        return len(rows)

    # -- criteria links --------------------------------------------------------------------------------------

    def link(self, entry_id: int, criteria: dict[str, tuple[str, float | None]], badge: str | None = None) -> Entry:
        """Add links {criterion: (source, score)}; a manual link is never downgraded to a suggestion."""
        from learnlog.db.tables import EntryCriterionRow, EntryRow

        badge = badge or self.target_badge
        with self._session() as s:
            row = s.get(EntryRow, entry_id)
            if row is None or row.deleted_at:
                raise NotFound(f"no entry {entry_id} in this log")
            for cid, (source, score) in criteria.items():
                existing = s.get(EntryCriterionRow, (entry_id, badge, cid))
                if existing:
                    if source == "manual":
                        existing.source, existing.score = "manual", score
                        s.add(existing)
                    continue
                s.add(
                    EntryCriterionRow(
                        entry_id=entry_id,
                        badge_id=badge,
                        criterion_id=cid,
                        source=source,
                        score=score,
                        created_at=now().isoformat(),
                    )
                )
        return self.get(entry_id)

    def unlink(self, entry_id: int, criterion_ids: list[str], badge: str | None = None) -> Entry:
        from sqlmodel import delete

        from learnlog.db.tables import EntryCriterionRow

        badge = badge or self.target_badge
        self.get(entry_id)
        with self._session() as s:
            s.exec(
                delete(EntryCriterionRow).where(
                    EntryCriterionRow.entry_id == entry_id,
                    EntryCriterionRow.badge_id == badge,
                    EntryCriterionRow.criterion_id.in_(criterion_ids),
                )
            )
        return self.get(entry_id)

    # -- settings ----------------------------------------------------------------------------------------------

    def set_setting(self, key: str, value: str) -> None:
        from learnlog.db.tables import SettingRow

        with self._session() as s:
            s.merge(SettingRow(key=key, value=value, updated_at=now().isoformat()))

    def setting(self, key: str) -> str | None:
        return reads.get_setting(self.conn, key)

    def hold_badge(self, badge_id: str, held_on: dt.date) -> None:
        from learnlog.db.tables import HeldBadgeRow

        with self._session() as s:
            s.merge(HeldBadgeRow(badge_id=badge_id, held_on=held_on.isoformat(), recorded_at=now().isoformat()))

    def held_badges(self) -> dict[str, str]:
        return reads.held_badges(self.conn)

    # -- confidentiality ---------------------------------------------------------------------------------------

    def _refresh_findings(self, s, row, *, allow: list[str] | None = None) -> None:
        rescan(s, row, "entry_id", allow)

    def refresh_findings(
        self, entry_ids: list[int] | None = None, *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Scan entries changed since their last scan (or the given ones); returns how many were scanned.

        Scanning is pure, so it runs first (on every core for big logs); the results are then written in a few
        transactions, skipping any entry that changed meanwhile (it stays stale and is scanned next time).
        """
        from functools import partial

        from learnlog.confidential import scan
        from learnlog.parallel import map_texts

        ids = reads.stale_entry_ids(self.conn) if entry_ids is None else entry_ids
        if not ids:
            return 0
        allow = tuple(reads.allowed_phrases(self.conn))
        rows = reads.bodies(self.conn, ids)
        found = map_texts(partial(scan, allow=allow), [body for _, _, body in rows], progress)
        batch = 2000
        for i in range(0, len(rows), batch):
            with self._session() as s:
                store_findings(s, rows[i : i + batch], found[i : i + batch])
        return len(rows)

    def findings(self, **kw) -> list[reads.StoredFinding]:
        return reads.findings(self.conn, **kw)

    def dismiss(self, finding_id: int, reason: str) -> reads.StoredFinding:
        from learnlog.db.tables import FindingRow

        with self._session() as s:
            row = s.get(FindingRow, finding_id)
            if row is None:
                raise NotFound(f"no finding {finding_id}; see the ids with: learnlog scan --all")
            row.status, row.dismiss_reason, row.dismissed_at = "dismissed", reason, now().isoformat()
            s.add(row)
        return row

    def allow(self, phrase: str, reason: str = "") -> int:
        """Add to the allowlist and re-scan the entries it touches; returns how many open findings closed."""
        from learnlog.db.tables import AllowedPhraseRow

        phrase = phrase.strip()
        if not phrase:
            raise UsageError('give the text to allow, e.g. learnlog allow "Simon Duffy"')
        before = [f for f in self.findings() if phrase.lower() in f.text.lower()]
        with self._session() as s:
            s.merge(AllowedPhraseRow(phrase=phrase, reason=reason, added_at=now().isoformat()))
        touched = sorted({f.entry_id for f in before if f.entry_id is not None})
        if not touched:
            return 0
        self.refresh_findings(touched)  # the scanner decides what the allowlist covers, as it does for new text
        still_open = {(f.entry_id, f.label, f.text) for f in self.findings(entry_ids=touched)}
        return sum((f.entry_id, f.label, f.text) not in still_open for f in before)

    def allowed(self) -> list[str]:
        return reads.allowed_phrases(self.conn)

    # -- import ------------------------------------------------------------------------------------------------

    def import_entries(
        self,
        items: Iterable[tuple[str, Entry]],
        *,
        batch: int = 200,
        on_commit: Callable[[list[tuple[str, int]]], None] | None = None,
    ) -> ImportReport:
        """Add entries whose fingerprint is new, committing every `batch`; on_commit hears what is durable."""
        from sqlmodel import func, select

        from learnlog.db.tables import EntryRow

        report = ImportReport(added=[], skipped=[])
        badge = self.target_badge
        pending: list[tuple[str, Entry]] = []
        # Multiset semantics: the n-th copy of some content is skipped only if the log held n copies before
        # this import began, so a backup with two identical entries restores both, and a re-run adds nothing.
        before: dict[str, int] = {}
        inserted: Counter[str] = Counter()
        seen: Counter[str] = Counter()

        def flush() -> None:
            if not pending:
                return
            done: list[tuple[str, int]] = []
            with self._session() as s:
                fps = [fingerprint(e) for _, e in pending]
                new = sorted(set(fps) - before.keys())
                if new:
                    rows = s.exec(
                        select(EntryRow.fingerprint, func.count())
                        .where(EntryRow.fingerprint.in_(new))
                        .group_by(EntryRow.fingerprint)
                    ).all()
                    counts = dict(rows)
                    before.update({f: counts.get(f, 0) - inserted[f] for f in new})
                for (source, entry), fp in zip(pending, fps, strict=True):
                    seen[fp] += 1
                    if seen[fp] <= before[fp]:
                        report.skipped.append((source, "already in the log"))
                        continue
                    row = self._insert(s, entry, badge)
                    inserted[fp] += 1
                    done.append((source, row.id))
            report.added.extend(done)
            pending.clear()
            if on_commit:
                on_commit(done)

        for item in items:
            pending.append(item)
            if len(pending) >= batch:
                flush()
        flush()
        return report


def rescan(s, row, owner: str, allow: list[str] | None = None) -> None:
    """Re-scan an entry's or statement's text, keeping earlier dismissals of the same text and label."""
    from sqlmodel import delete, select

    from learnlog.confidential import scan
    from learnlog.db.tables import AllowedPhraseRow, FindingRow

    if allow is None:
        allow = list(s.exec(select(AllowedPhraseRow.phrase)).all())
    column = getattr(FindingRow, owner)
    old = s.exec(select(FindingRow).where(column == row.id)).all()
    dismissed = {(f.label, f.text.lower()): f for f in old if f.status == "dismissed"}
    s.exec(delete(FindingRow).where(column == row.id))
    stamp = now().isoformat()
    for f in scan(row.body, allow=allow):
        prior = dismissed.get((f.label, f.text.lower()))
        s.add(
            FindingRow(
                **{owner: row.id},
                start=f.start,
                end=f.end,
                label=f.label,
                text=f.text,
                reason=f.reason,
                status="dismissed" if prior else "open",
                dismiss_reason=prior.dismiss_reason if prior else None,
                dismissed_at=prior.dismissed_at if prior else None,
                created_at=stamp,
            )
        )
    row.scanned_version = row.version
    s.add(row)


def conflict_error(what: str, current: int, kept_as: str, draft_file: Path | None, merge: str) -> ConflictError:
    """The one message for an edit that lost a race: what happened, where the text is, how to merge."""
    kept = f" and in {draft_file}" if draft_file else ""
    return ConflictError(
        f"{what} was changed elsewhere while you edited it (it is now version {current}); "
        f"nothing was overwritten: your text is kept as {kept_as}{kept}. {merge}"
    )


def store_findings(s, rows: list[tuple[int, int, str]], found: list[list]) -> None:
    """Replace the findings of entries (id, version, body) in bulk, keeping earlier dismissals."""
    from sqlalchemy import bindparam, delete, insert, select, update

    from learnlog.db.tables import EntryRow, FindingRow

    ids = [eid for eid, _, _ in rows]
    current = dict(s.execute(select(EntryRow.id, EntryRow.version).where(EntryRow.id.in_(ids))).all())
    fresh = [(eid, version, f) for (eid, version, _), f in zip(rows, found, strict=True) if current.get(eid) == version]
    fresh_ids = [eid for eid, _, _ in fresh]
    if not fresh_ids:
        return
    dismissed = {
        (r.entry_id, r.label, r.text.lower()): r
        for r in s.execute(
            select(FindingRow).where(FindingRow.entry_id.in_(fresh_ids), FindingRow.status == "dismissed")
        ).scalars()
    }
    s.execute(delete(FindingRow).where(FindingRow.entry_id.in_(fresh_ids)))
    stamp = now().isoformat()
    values = []
    for eid, _, findings in fresh:
        for f in findings:
            prior = dismissed.get((eid, f.label, f.text.lower()))
            values.append(
                {
                    "entry_id": eid,
                    "statement_id": None,
                    "start": f.start,
                    "end": f.end,
                    "label": f.label,
                    "text": f.text,
                    "reason": f.reason,
                    "status": "dismissed" if prior else "open",
                    "dismiss_reason": prior.dismiss_reason if prior else None,
                    "dismissed_at": prior.dismissed_at if prior else None,
                    "created_at": stamp,
                }
            )
    if values:
        s.execute(insert(FindingRow), values)
    table = EntryRow.__table__  # core statement: an executemany UPDATE, not ORM bulk-by-primary-key
    s.execute(
        update(table).where(table.c.id == bindparam("eid")).values(scanned_version=bindparam("v")),
        [{"eid": eid, "v": version} for eid, version, _ in fresh],
    )


def merge_links(entry: Entry, extra: dict[str, str]) -> Entry:
    criteria = dict(entry.criteria)
    for cid, source in extra.items():
        if criteria.get(cid) != "manual":
            criteria[cid] = source
    return replace(entry, criteria=criteria)


__all__ = ["Journal", "ImportReport", "LearnlogError", "fingerprint", "normalise_tag", "merge_links"]


class Statements:
    """Badge statements, stored with revisions like entries, scanned like entries."""

    def __init__(self, journal: Journal):
        self.j = journal

    def get(self, statement_id: int | None = None) -> Statement:
        st = reads.get_statement(self.j.conn, statement_id)
        if st is None:
            if statement_id is None:
                raise NotFound("no statement yet; create one with: learnlog statement new --all")
            raise NotFound(f"no statement {statement_id}; see: learnlog statement list")
        return st

    def list(self):
        return reads.list_statements(self.j.conn)

    def create(self, badge_id: str, title: str, body: str, entry_ids: list[int]) -> Statement:
        from learnlog.db.tables import StatementEntryRow, StatementRow

        stamp = now().isoformat()
        with self.j._session() as s:
            row = StatementRow(
                badge_id=badge_id,
                title=title,
                body=body,
                words=word_count(body),
                created_at=stamp,
                updated_at=stamp,
            )
            s.add(row)
            s.flush()
            for pos, eid in enumerate(entry_ids):
                s.add(StatementEntryRow(statement_id=row.id, entry_id=eid, position=pos))
            self._refresh(s, row)
            new_id = row.id
        return self.get(new_id)

    def update(self, st: Statement, *, expected_version: int, draft_file: Path | None = None) -> Statement:
        from learnlog.db.tables import StatementRevisionRow, StatementRow

        conflict = None
        with self.j._session() as s:
            row = s.get(StatementRow, st.id)
            if row is None:
                raise NotFound(f"no statement {st.id}")
            current = row.version
            keep = (row, "edit", row.version) if current == expected_version else None
            rev = StatementRevisionRow(
                statement_id=row.id,
                version=row.version if keep else expected_version,
                saved_at=now().isoformat(),
                reason="edit" if keep else "conflict",
                title=row.title if keep else st.title,
                body=row.body if keep else st.body,
                words=row.words if keep else word_count(st.body),
            )
            s.add(rev)
            s.flush()
            if keep:
                row.title, row.body, row.words = st.title, st.body, word_count(st.body)
                row.version += 1
                row.updated_at = now().isoformat()
                s.add(row)
                self._refresh(s, row)
            else:
                conflict = (rev.id, current)
        if conflict:
            raise conflict_error(
                f"statement {st.id}",
                conflict[1],
                f"statement revision {conflict[0]}",
                draft_file,
                f"Re-apply it with 'learnlog statement edit {st.id}'",
            )
        return self.get(st.id)

    def _refresh(self, s, row) -> None:
        rescan(s, row, "statement_id")

    def findings(self, statement_id: int, status: str | None = "open"):
        return reads.findings(self.j.conn, statement_id=statement_id, status=status)
