"""The learning log behind one object: the only thing `cli/` (and importers' callers) use to reach the database.

Reads go through the stdlib sqlite3 module (`store.reads`), so `list`, `show` and `search` never import
SQLAlchemy; each write opens one SQLModel transaction (`store.schema.write_session`) and calls `store.writes`.
Nothing here deletes text except `purge`: edits keep the previous version as a revision, deletes go to the
trash, and an edit that would overwrite newer text from another terminal is kept as a conflict revision.

Adding a feature that stores something: a table class in `store.tables`, a named step in `store.migrations`, a
query in `store.reads`, a writer in `store.writes`, and a method here that the command calls.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from learnlog.errors import ConflictError, NotFound, UsageError, no_entry
from learnlog.limits import MAX_PHRASE, MAX_REASON, check_entry, check_statement, check_text
from learnlog.records import Entry, Finding, Hit, ImportReport, Revision, Statement
from learnlog.store import reads
from learnlog.store.gate import StatementGate

TARGET_BADGE_KEY = "target_badge"
OWN_WORK_KEY = "own_work_confirmed"


def conflict_error(what: str, current: int, kept_as: str, draft_file: Path | None, merge: str) -> ConflictError:
    """The one message for an edit that lost a race: what happened, where the text is, how to merge."""
    kept = f" and in {draft_file}" if draft_file else ""
    return ConflictError(
        f"{what} was changed elsewhere while you edited it (it is now version {current}); "
        f"nothing was overwritten: your text is kept as {kept_as}{kept}. {merge}"
    )


def _scan(body: str, allow: list[str]) -> list[Finding]:
    from learnlog.confidential import scan

    return list(scan(body, allow=allow))


class Journal(StatementGate):
    """The learning log in one SQLite file."""

    def __init__(self, path: Path):
        self.path = path

    # -- connection --------------------------------------------------------------------------------------------

    @cached_property
    def conn(self) -> sqlite3.Connection:
        """The read connection, opened (and the file created or migrated) on first use."""
        from learnlog.store.schema import connect

        return connect(self.path)

    def close(self) -> None:
        if "conn" in self.__dict__:
            self.conn.close()
            del self.__dict__["conn"]

    def _session(self):
        from learnlog.store.schema import write_session

        self.close()  # never hold a read snapshot while writing
        return write_session(self.path)

    # -- settings ----------------------------------------------------------------------------------------------

    @property
    def target_badge(self) -> str:
        from learnlog.config import DEFAULT_BADGE

        return reads.get_setting(self.conn, TARGET_BADGE_KEY, DEFAULT_BADGE) or DEFAULT_BADGE

    def use_badge(self, badge_id: str) -> None:
        self.set_setting(TARGET_BADGE_KEY, badge_id)

    def own_work_confirmed(self) -> dt.date | None:
        """When the practitioner declared the evidence their own work (the preflight asks for it)."""
        value = self.setting(OWN_WORK_KEY)
        return dt.date.fromisoformat(value) if value else None

    def confirm_own_work(self, day: dt.date) -> None:
        self.set_setting(OWN_WORK_KEY, day.isoformat())

    def setting(self, key: str) -> str | None:
        return reads.get_setting(self.conn, key)

    def set_setting(self, key: str, value: str) -> None:
        from learnlog.store import writes

        with self._session() as s:
            writes.set_setting(s, key, value)

    def hold_badge(self, badge_id: str, held_on: dt.date) -> None:
        from learnlog.store import writes

        with self._session() as s:
            writes.hold_badge(s, badge_id, held_on.isoformat())

    def held_badges(self) -> dict[str, str]:
        return reads.held_badges(self.conn)

    # -- entries: reads ----------------------------------------------------------------------------------------

    def check_sound(self) -> None:
        """Refuse (integrity.Damaged) a log that fails SQLite's quick_check: before a backup, and before saying
        an id does not exist (it may sit on a damaged page). Free when nothing changed since the last check."""
        from learnlog.integrity import ensure_sound

        ensure_sound(self.conn, self.path)

    @property
    def encrypted(self) -> bool:
        from learnlog.encryption import file_kind

        return file_kind(self.path) == "encrypted"

    def diagnose(self):
        """integrity.Diagnosis of the file as it is: opened without the checks and migrations of `conn`, so a
        damaged or half-upgraded log can still be examined (and nothing is written)."""
        from learnlog.integrity import diagnose
        from learnlog.store.schema import open_connection

        self.close()
        conn = open_connection(self.path)
        try:
            return diagnose(conn, self.path, encrypted=self.encrypted)
        finally:
            conn.close()

    def salvage(self, folder: Path, write: Callable[[Path, str], None]):
        """Every readable entry, one id at a time, into `folder` as md-dir files (integrity.Salvaged)."""
        from learnlog.integrity import salvage
        from learnlog.store.schema import open_connection

        self.close()
        conn = open_connection(self.path)
        try:
            return salvage(conn, folder, write)
        finally:
            conn.close()

    def _unless_damaged(self, err: NotFound) -> NotFound:
        self.check_sound()
        return err

    def get(self, entry_id: int, *, deleted: bool | None = False) -> Entry:
        """deleted=False: a live entry; True: one in the trash; None: either."""
        entry = reads.get_entry(self.conn, entry_id, self.target_badge, deleted=deleted)
        if entry is None:
            if deleted is False and reads.get_entry(self.conn, entry_id, self.target_badge, deleted=True):
                raise no_entry(entry_id, trashed=True)
            if deleted is True:
                raise self._unless_damaged(NotFound(f"no entry {entry_id} in the trash ({self.path})"))
            raise self._unless_damaged(no_entry(entry_id, trashed=False))
        return entry

    def require(self, entry_ids: Iterable[int], *, trashed: bool = False) -> None:
        """Check every id before a command changes anything, so `delete 1 999` changes nothing."""
        ids = list(dict.fromkeys(entry_ids))
        states = reads.entry_states(self.conn, ids)
        for i in ids:
            if i not in states:
                raise self._unless_damaged(no_entry(i, trashed=False))
            if states[i] != trashed:
                if trashed:
                    raise NotFound(f"entry {i} is not in the trash (delete it first); nothing was changed")
                raise no_entry(i, trashed=True)

    def list(self, **filters) -> list[Entry]:
        """Entries newest first; filters as `store.reads.list_entries` (since, until, tags, criterion, limit…)."""
        return reads.list_entries(self.conn, self.target_badge, **filters)

    def count(self) -> int:
        return reads.count_entries(self.conn)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        if not reads.fts_query(query):
            raise UsageError("give at least one word to search for")
        try:
            return reads.search(self.conn, query, self.target_badge, limit)
        except sqlite3.OperationalError as exc:
            raise UsageError(f"cannot search for {query!r}: {exc}") from None

    def history(self, entry_id: int) -> list[Revision]:
        self.get(entry_id, deleted=None)
        return reads.revisions(self.conn, entry_id)

    def tags(self) -> list[tuple[str, int]]:
        """Each tag with the number of live entries that carry it, most used first."""
        return reads.tag_counts(self.conn)

    def recent_ids(self, *, trash: bool = False, limit: int = 200) -> list[tuple[int, str]]:
        """(id, title) of the newest entries: cheap enough for shell completion."""
        return reads.entry_ids(self.conn, trash=trash, limit=limit)

    # -- entries: writes ---------------------------------------------------------------------------------------

    def add(self, entry: Entry, *, badge: str | None = None) -> Entry:
        """Store a new entry with its links, scanned for confidential content in the same transaction."""
        from learnlog.store import writes

        check_entry(entry)
        badge = badge or self.target_badge
        with self._session() as s:
            row = writes.insert_entry(s, entry, badge)
            writes.write_findings(s, "entry", [(row.id, row.version, _scan(row.body, writes.allowed(s)))])
            new_id = row.id
        return self.get(new_id)

    def update(
        self,
        entry: Entry,
        *,
        expected_version: int,
        reason: str = "edit",
        draft_file: Path | None = None,
        base_criteria: dict[str, str] | None = None,
    ) -> Entry:
        """Save an edited entry unless someone else saved a newer version since `expected_version` was read.

        With `base_criteria` (the links the editor started from), only the links the user added or removed
        change: a `learnlog tag` run in another terminal meanwhile is kept. On a conflict the user's text is
        stored as a 'conflict' revision (and stays in `draft_file`), and ConflictError says how to merge."""
        from learnlog.store import writes

        check_entry(entry)
        badge = self.target_badge
        self.get(entry.id)
        with self._session() as s:
            row = writes.live_entry(s, entry.id)
            conflict = writes.save_edit(
                s,
                row,
                writes.entry_values(entry) | {"tags": entry.tags},
                expected_version=expected_version,
                reason=reason,
                kept={"tags": writes.current_tags(s, row.id)},
            )
            if conflict is None:
                if base_criteria is not None:
                    merged = writes.merged_links(s, row.id, badge, base_criteria, entry.criteria)
                    entry = replace(entry, criteria=merged)
                writes.set_links(s, row.id, entry, badge)
                writes.write_findings(s, "entry", [(row.id, row.version, _scan(row.body, writes.allowed(s)))])
        if conflict:
            raise conflict_error(
                f"entry {entry.id}",
                conflict.current,
                f"revision {conflict.revision_id}",
                draft_file,
                f"Compare with 'learnlog history {entry.id} --revision {conflict.revision_id}', "
                f"then 'learnlog edit {entry.id}'",
            )
        return self.get(entry.id)

    def delete(self, entry_ids: int | list[int]) -> None:
        """Move entries to the trash: all of them, or none if any id is unknown or already there."""
        self._set_deleted(entry_ids, True)

    def restore(self, entry_ids: int | list[int]) -> None:
        self._set_deleted(entry_ids, False)

    def _set_deleted(self, entry_ids: int | list[int], deleted: bool) -> None:
        from learnlog.store import writes

        ids = [entry_ids] if isinstance(entry_ids, int) else list(dict.fromkeys(entry_ids))
        with self._session() as s:
            writes.set_deleted(s, ids, deleted)

    def purge(self, entry_ids: list[int] | None = None) -> int:
        """Remove trashed entries for good (all of the trash when no ids are given); returns how many."""
        from learnlog.store import writes

        with self._session() as s:
            return len(writes.purge(s, entry_ids))

    def link(self, entry_id: int, criteria: dict[str, tuple[str, float | None]], badge: str | None = None) -> Entry:
        """Add links {criterion: (source, score)}; a manual link is never downgraded to a suggestion."""
        from learnlog.store import writes

        self.get(entry_id)
        with self._session() as s:
            writes.link(s, entry_id, criteria, badge or self.target_badge)
        return self.get(entry_id)

    def unlink(self, entry_id: int, criterion_ids: list[str], badge: str | None = None) -> Entry:
        from learnlog.store import writes

        self.get(entry_id)
        with self._session() as s:
            writes.unlink(s, entry_id, criterion_ids, badge or self.target_badge)
        return self.get(entry_id)

    # -- coverage ----------------------------------------------------------------------------------------------

    def link_summary(self, badge: str, newest: int | None = None) -> list[Entry]:
        """Linked entries without bodies (see `store.reads.link_summary`)."""
        return reads.link_summary(self.conn, badge, newest)

    def criterion_totals(self, badge: str) -> dict[tuple[str, str], tuple[int, int]]:
        return reads.criterion_totals(self.conn, badge)

    def criterion_sources(self, badge: str, entry_ids: list[int] | None = None) -> dict[str, set[str]]:
        return reads.criterion_sources(self.conn, badge, entry_ids)

    # -- confidentiality ---------------------------------------------------------------------------------------

    def stale_entry_ids(self) -> list[int]:
        return reads.stale_entry_ids(self.conn)

    def refresh_findings(
        self, entry_ids: list[int] | None = None, *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Scan entries changed since their last scan (or the given ones); returns how many were scanned.

        Scanning is pure, so it runs first (on every core for big logs); the results are then written in a few
        transactions, skipping any entry that changed meanwhile (it stays stale and is scanned next time)."""
        from functools import partial

        from learnlog.confidential import scan
        from learnlog.parallel import map_texts

        ids = reads.stale_entry_ids(self.conn) if entry_ids is None else entry_ids
        if not ids:
            return 0
        allow = tuple(self.allowed())
        rows = reads.bodies(self.conn, ids)
        found = map_texts(partial(scan, allow=allow), [body for _, _, body in rows], progress)
        from learnlog.store import writes

        batch = 2000
        for i in range(0, len(rows), batch):
            scanned = [(eid, v, f) for (eid, v, _), f in zip(rows[i : i + batch], found[i : i + batch], strict=True)]
            with self._session() as s:
                writes.write_findings(s, "entry", scanned)
        return len(rows)

    def findings(self, **kw) -> list[Finding]:
        """Stored findings (open by default): `entry_ids=`, `statement_id=`, `status=None` for all."""
        return reads.findings(self.conn, **kw)

    def dismiss(self, finding_id: int, reason: str) -> Finding:
        from learnlog.store import writes

        check_text(reason, "the reason", MAX_REASON)
        with self._session() as s:
            writes.dismiss(s, finding_id, reason)
        found = reads.findings(self.conn, finding_id=finding_id, status=None)[0]
        # The same words in a statement (or elsewhere in this one) are judged again at once, not at the next check.
        if found.statement_id is not None:
            self.judge_statements([found.statement_id])
        elif found.entry_id is not None:
            self.judge_statements(self._statements_with(found.entry_id))
        return found

    def allow(self, phrase: str, reason: str = "") -> int:
        """Add to the allowlist and re-scan the entries it touches; returns how many open findings closed."""
        from learnlog.store import writes

        phrase = phrase.strip()
        if not phrase:
            raise UsageError('give the text to allow, e.g. learnlog allow "Simon Duffy"')
        check_text(phrase, "the phrase", MAX_PHRASE)
        check_text(reason, "the reason", MAX_REASON)
        before = [f for f in self.findings() if phrase.lower() in f.text.lower()]
        with self._session() as s:
            writes.allow(s, phrase, reason)
        touched = sorted({f.entry_id for f in before if f.entry_id is not None})
        self.judge_statements()  # statements are few: re-judge them all, so `check` agrees at once
        if not touched:
            return 0
        self.refresh_findings(touched)  # the scanner decides what the allowlist covers, as it does for new text
        still_open = {(f.entry_id, f.label, f.text) for f in self.findings(entry_ids=touched)}
        return sum((f.entry_id, f.label, f.text) not in still_open for f in before)

    def allowed(self) -> list[str]:
        return [phrase for phrase, _ in reads.allowed_phrases(self.conn)]

    def allowlist(self) -> list[tuple[str, str]]:
        """(phrase, reason) pairs, for `allow --list`."""
        return reads.allowed_phrases(self.conn)

    # -- statements --------------------------------------------------------------------------------------------

    def statement(self, statement_id: int | None = None) -> Statement:
        """A statement by id, or the most recently updated one."""
        st = reads.get_statement(self.conn, statement_id)
        if st is None:
            if statement_id is None:
                raise NotFound("no statement yet; create one with: learnlog statement new --all")
            raise NotFound(f"no statement {statement_id}; see: learnlog statement list")
        return st

    def latest_statement(self) -> Statement | None:
        return reads.get_statement(self.conn)

    def statements(self) -> list[Statement]:
        return reads.list_statements(self.conn)

    def create_statement(
        self, badge_id: str, title: str, body: str, entry_ids: list[int], *, current: bool = True
    ) -> Statement:
        """Save a new statement; it becomes the current one only when `current` (the first one always does)."""
        from learnlog.store import writes

        check_statement(title, body)
        before = reads.current_statement_id(self.conn)
        with self._session() as s:
            row = writes.insert_statement(s, badge_id, title, body, entry_ids)
            new_id = row.id
            chosen = new_id if current or before is None else before
            writes.set_setting(s, reads.CURRENT_STATEMENT_KEY, str(chosen))
        self.judge_statements([new_id])
        return self.statement(new_id)

    def current_statement_id(self) -> int | None:
        return reads.current_statement_id(self.conn)

    def use_statement(self, statement_id: int) -> Statement:
        """Make a statement the one `check` and `export` use."""
        from learnlog.store import writes

        st = self.statement(statement_id)
        with self._session() as s:
            writes.set_setting(s, reads.CURRENT_STATEMENT_KEY, str(st.id))
        return st

    def set_statement_link(self, statement_id: int, link: str | None) -> Statement:
        from learnlog.store import writes

        with self._session() as s:
            writes.set_statement_link(s, statement_id, link)
        self.judge_statements([statement_id])
        return self.statement(statement_id)

    def gone_sources(self, st: Statement) -> tuple[list[int], list[int]]:
        """(in the trash, purged): the entries `st` was assembled from that are no longer live. The statement
        keeps their words either way (it records what was submitted)."""
        if not st.entry_ids:
            return [], []
        marks = ",".join("?" * len(st.entry_ids))
        rows = dict(self.conn.execute(f"SELECT id, deleted_at FROM entry WHERE id IN ({marks})", st.entry_ids))
        trashed = [i for i in st.entry_ids if rows.get(i) is not None]
        purged = [i for i in st.entry_ids if i not in rows]
        return trashed, purged

    def _statements_with(self, entry_id: int) -> list[int]:
        return [st.id for st in self.statements() if entry_id in st.entry_ids]

    # -- review and pseudonyms -----------------------------------------------------------------------------------

    def reject_suggestion(self, entry_id: int, criterion_id: str, badge: str | None = None) -> Entry:
        """Remove a suggested link and remember the no, so it is never suggested again for this entry."""
        from learnlog.store import writes

        self.get(entry_id)
        with self._session() as s:
            writes.reject(s, entry_id, criterion_id, badge or self.target_badge)
        return self.get(entry_id)

    def rejected(self, badge: str | None = None) -> dict[int, set[str]]:
        return reads.rejected_links(self.conn, badge or self.target_badge)

    def pseudonyms(self):
        """The log's one pseudonym map (confidential.PseudonymMap): it lives in this database and nowhere else."""
        from learnlog.confidential import PseudonymMap

        return PseudonymMap.from_rows(reads.pseudonym_rows(self.conn))

    def save_pseudonyms(self, pseudonyms) -> None:
        from learnlog.store import writes

        with self._session() as s:
            writes.save_pseudonyms(s, pseudonyms.to_rows())

    def update_statement(self, st: Statement, *, expected_version: int, draft_file: Path | None = None) -> Statement:
        """Save an edited statement by the same rule as entries (see `update`)."""
        from learnlog.store import writes
        from learnlog.store.tables import StatementRow
        from learnlog.words import word_count

        check_statement(st.title, st.body)
        with self._session() as s:
            row = s.get(StatementRow, st.id)
            if row is None:
                raise NotFound(f"no statement {st.id}")
            conflict = writes.save_edit(
                s,
                row,
                {"title": st.title, "body": st.body, "words": word_count(st.body)},
                expected_version=expected_version,
                reason="edit",
            )
        if conflict:
            raise conflict_error(
                f"statement {st.id}",
                conflict.current,
                f"statement revision {conflict.revision_id}",
                draft_file,
                f"Re-apply it with 'learnlog statement edit {st.id}'",
            )
        self.judge_statements([st.id])
        return self.statement(st.id)

    def statement_findings(self, statement_id: int, status: str | None = "open") -> list[Finding]:
        return reads.findings(self.conn, statement_id=statement_id, status=status)

    # -- import ------------------------------------------------------------------------------------------------

    def _never_held_an_entry(self) -> bool:
        """No entry now, and none purged either (ids are never reused, so a purged id must stay unused)."""
        if self.conn.execute("SELECT 1 FROM entry LIMIT 1").fetchone():
            return False
        try:
            seq = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entry'").fetchone()
        except sqlite3.OperationalError:  # no AUTOINCREMENT table has ever been written
            return True
        return not seq or not seq[0]

    def import_entries(
        self,
        items: Iterable[tuple[str, Entry]],
        *,
        batch: int = 500,
        on_commit: Callable[[list[tuple[str, int]]], None] | None = None,
        keep_ids: bool = False,
    ) -> ImportReport:
        """Add entries whose content is new, committing every `batch`; on_commit hears what is durable.

        Each batch is one transaction, so a kill loses at most the batch in flight and a re-run picks up where
        it stopped (the committed entries are recognised by fingerprint). Multiset semantics: the n-th copy of
        some content is skipped only if the log held n copies before this import began, so a backup with two
        identical entries restores both, and a re-run adds nothing.

        `keep_ids` (a learnlog backup going into a log that has never held an entry) gives each entry the id it
        had, so statements, links and the user's notes that cite "entry 12" still mean the same entry; a batch
        whose ids are missing or repeated gets new ids instead."""
        from learnlog.fingerprint import fingerprint
        from learnlog.store import writes

        keep_ids = keep_ids and self._never_held_an_entry()
        used_ids: set[int] = set()

        report = ImportReport(added=[], skipped=[])
        badge = self.target_badge
        pending: list[tuple[str, Entry, str]] = []
        before: dict[str, int] = {}
        inserted: Counter[str] = Counter()
        seen: Counter[str] = Counter()

        def flush() -> None:
            if not pending:
                return
            with self._session() as s:
                new = sorted({fp for _, _, fp in pending} - before.keys())
                if new:
                    counts = writes.fingerprint_counts(s, new)
                    before.update({f: counts.get(f, 0) - inserted[f] for f in new})
                keep: list[tuple[str, Entry, str]] = []
                for source, entry, fp in pending:
                    seen[fp] += 1
                    if seen[fp] <= before[fp]:
                        report.skipped.append((source, "already in the log"))
                        continue
                    inserted[fp] += 1
                    keep.append((source, entry, fp))
                wanted = [e.id for _, e, _ in keep]
                with_ids = (
                    keep_ids
                    and None not in wanted
                    and len(set(wanted)) == len(wanted)
                    and not used_ids.intersection(wanted)
                )
                if with_ids:
                    used_ids.update(wanted)
                rows = [(e, fp) for _, e, fp in keep]
                ids = writes.insert_entries(s, rows, badge, keep_ids=with_ids) if keep else []
            done = [(source, eid) for (source, _, _), eid in zip(keep, ids, strict=True)]
            report.added.extend(done)
            pending.clear()
            if on_commit:
                on_commit(done)

        for source, entry in items:
            pending.append((source, entry, fingerprint(entry)))
            if len(pending) >= batch:
                flush()
        flush()
        return report
