"""Writes through SQLModel, each inside the caller's one transaction (`store.schema.write_session`).

Two rules live here once: `save_edit` (an edit keeps the previous text as a revision, and an edit that lost a
race with another terminal is kept as a 'conflict' revision instead of overwriting newer text) for entries and
statements alike, and `write_findings` (a re-scan replaces findings but keeps earlier dismissals of the same
text and label) for entries and statements alike. The facade (`store.journal`) decides when; this module how.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlmodel import Session

from learnlog.dates import now
from learnlog.errors import NotFound
from learnlog.fingerprint import fingerprint
from learnlog.records import MANUAL, Entry, Finding, normalise_tags
from learnlog.store.tables import (
    AllowedPhraseRow,
    EntryCriterionRow,
    EntryResourceRow,
    EntryRow,
    EntryTagRow,
    FindingRow,
    HeldBadgeRow,
    PseudonymRow,
    RejectedLinkRow,
    RevisionRow,
    SettingRow,
    StatementEntryRow,
    StatementRevisionRow,
    StatementRow,
)
from learnlog.words import word_count, writer_word_count


def _stamp() -> str:
    return now().isoformat()


def entry_values(entry: Entry, fp: str | None = None) -> dict[str, Any]:
    """The stored columns an entry's content decides (the rest are bookkeeping); `fp` when the caller has
    already computed the fingerprint (bulk import computes it once, to de-duplicate)."""
    return {
        "entry_date": entry.date.isoformat(),
        "title": entry.title,
        "body": entry.body,
        "hours": entry.hours,
        "status": entry.status,
        "words": writer_word_count(entry.body),
        "fingerprint": fp or fingerprint(entry),
        "properties": properties_json(entry.properties),
    }


def properties_json(properties: dict) -> str:
    """YAML gives dates and numbers too; they are kept as JSON can hold them (a date as its ISO text)."""
    import json

    return json.dumps(properties, ensure_ascii=False, sort_keys=True, default=str) if properties else "{}"


# -- entries ---------------------------------------------------------------------------------------------------


def insert_entry(s: Session, entry: Entry, badge: str) -> EntryRow:
    stamp = _stamp()
    row = EntryRow(
        **entry_values(entry),
        created_at=entry.created.isoformat() if entry.created else stamp,
        updated_at=entry.updated.isoformat() if entry.updated else stamp,
    )
    s.add(row)
    s.flush()
    set_links(s, row.id, entry, badge)
    return row


def set_links(s: Session, entry_id: int, entry: Entry, badge: str) -> None:
    """Replace an entry's tags, resources and its criteria links for `badge` with the entry's own."""
    s.execute(delete(EntryTagRow).where(EntryTagRow.entry_id == entry_id))
    s.execute(delete(EntryResourceRow).where(EntryResourceRow.entry_id == entry_id))
    s.execute(
        delete(EntryCriterionRow).where(EntryCriterionRow.entry_id == entry_id, EntryCriterionRow.badge_id == badge)
    )
    stamp = _stamp()
    tags = [{"entry_id": entry_id, "tag": t} for t in normalise_tags(entry.tags)]
    resources = [{"entry_id": entry_id, "resource_id": r} for r in sorted(set(entry.resources))]
    links = [
        {"entry_id": entry_id, "badge_id": badge, "criterion_id": c, "source": src, "score": None, "created_at": stamp}
        for c, src in sorted(entry.criteria.items())
    ]
    for table, values in ((EntryTagRow, tags), (EntryResourceRow, resources), (EntryCriterionRow, links)):
        if values:
            s.execute(insert(table), values)


def live_entry(s: Session, entry_id: int) -> EntryRow:
    row = s.get(EntryRow, entry_id)
    if row is None or row.deleted_at:
        raise NotFound(f"no entry {entry_id} in this log (it may have been deleted meanwhile)")
    return row


def current_tags(s: Session, entry_id: int) -> list[str]:
    return list(s.execute(select(EntryTagRow.tag).where(EntryTagRow.entry_id == entry_id)).scalars())


def revision_of(row: EntryRow | StatementRow, values: dict[str, Any], reason: str, version: int):
    """The kept text of an entry or a statement: `values` are the row's own before an edit, or the user's on a
    conflict. An entry's revision also keeps its date, tags, hours and status."""
    kept = {"version": version, "saved_at": _stamp(), "reason": reason}
    kept |= {k: values[k] for k in ("title", "body", "words")}
    if isinstance(row, StatementRow):
        return StatementRevisionRow(statement_id=row.id, **kept)
    kept |= {k: values[k] for k in ("entry_date", "hours", "status")}
    return RevisionRow(entry_id=row.id, tags=json.dumps(normalise_tags(values["tags"])), **kept)


@dataclass
class Conflict:
    """An edit that lost the race: the user's text is revision `revision_id`; the row is now `current`."""

    revision_id: int
    current: int


def save_edit(
    s: Session,
    row: EntryRow | StatementRow,
    changes: dict[str, Any],
    *,
    expected_version: int,
    reason: str,
    kept: dict[str, Any] | None = None,
) -> Conflict | None:
    """The one edit rule, for entries and statements.

    If the row is still at `expected_version` (the version the user started editing), its text is kept as a
    revision with `reason`, `changes` are applied and the version goes up. Otherwise someone saved meanwhile:
    nothing is overwritten, the user's text is stored as a 'conflict' revision of the version they started
    from, and the Conflict says where. `kept` adds fields the revision needs that are not columns of the row
    (an entry's tags)."""
    before = {k: getattr(row, k) for k in changes if hasattr(row, k)} | (kept or {})
    if row.version != expected_version:
        rev = revision_of(row, before | changes, "conflict", expected_version)
        s.add(rev)
        s.flush()
        return Conflict(rev.id, row.version)
    s.add(revision_of(row, before, reason, row.version))
    for k, v in changes.items():
        if hasattr(row, k):
            setattr(row, k, v)
    row.version += 1
    row.updated_at = _stamp()
    s.add(row)
    s.flush()
    return None


def merged_links(s: Session, entry_id: int, badge: str, base: dict[str, str], edited: dict[str, str]) -> dict:
    """Only the links the user added or removed in the editor change: a `learnlog tag` run in another terminal
    while the editor was open is kept."""
    current = dict(
        s.execute(
            select(EntryCriterionRow.criterion_id, EntryCriterionRow.source).where(
                EntryCriterionRow.entry_id == entry_id, EntryCriterionRow.badge_id == badge
            )
        ).all()
    )
    for cid in base.keys() - edited.keys():
        current.pop(cid, None)
    for cid, source in edited.items():
        if base.get(cid) != source or cid not in current:
            current[cid] = source
    return current


def set_deleted(s: Session, entry_ids: list[int], deleted: bool) -> None:
    """Trash or restore every id, or none: all are checked before any is changed."""
    rows = {r.id: r for r in s.execute(select(EntryRow).where(EntryRow.id.in_(entry_ids))).scalars()}
    missing = [i for i in entry_ids if i not in rows]
    if missing:
        raise NotFound(f"no entry {', '.join(map(str, missing))} in this log or its trash; nothing was changed")
    wrong = [i for i in entry_ids if bool(rows[i].deleted_at) == deleted]
    if wrong:
        state = "in the trash" if deleted else "in the log, not the trash"
        raise NotFound(f"entry {', '.join(map(str, wrong))} is already {state}; nothing was changed")
    stamp = _stamp() if deleted else None
    for i in entry_ids:
        rows[i].deleted_at = stamp
        s.add(rows[i])


def purge(s: Session, entry_ids: list[int] | None) -> list[int]:
    """Remove trashed entries for good (revisions, links and findings go with them by ON DELETE CASCADE)."""
    q = select(EntryRow.id).where(EntryRow.deleted_at.is_not(None))
    if entry_ids is not None:
        q = q.where(EntryRow.id.in_(entry_ids))
    ids = sorted(s.execute(q).scalars())
    missing = set(entry_ids or []) - set(ids)
    if missing:
        raise NotFound(f"not in the trash: {', '.join(map(str, sorted(missing)))} (delete them first)")
    if ids:
        s.execute(delete(EntryRow).where(EntryRow.id.in_(ids)))
    return ids


def link(s: Session, entry_id: int, criteria: dict[str, tuple[str, float | None]], badge: str) -> None:
    """Add links {criterion: (source, score)}; a manual link is never downgraded to a suggestion."""
    live_entry(s, entry_id)
    for cid, (source, score) in criteria.items():
        if source != MANUAL and s.get(RejectedLinkRow, (entry_id, badge, cid)) is not None:
            continue  # the writer said no to this suggestion in `learnlog review`
        existing = s.get(EntryCriterionRow, (entry_id, badge, cid))
        if existing:
            if source == MANUAL:
                existing.source, existing.score = MANUAL, score
                s.add(existing)
            continue
        s.add(
            EntryCriterionRow(
                entry_id=entry_id, badge_id=badge, criterion_id=cid, source=source, score=score, created_at=_stamp()
            )
        )


def reject(s: Session, entry_id: int, criterion_id: str, badge: str) -> None:
    """Remove a suggested link and remember the no; a manual link is the writer's own and stays."""
    live_entry(s, entry_id)
    s.execute(
        delete(EntryCriterionRow).where(
            EntryCriterionRow.entry_id == entry_id,
            EntryCriterionRow.badge_id == badge,
            EntryCriterionRow.criterion_id == criterion_id,
            EntryCriterionRow.source != MANUAL,
        )
    )
    s.merge(RejectedLinkRow(entry_id=entry_id, badge_id=badge, criterion_id=criterion_id, rejected_at=_stamp()))


def unlink(s: Session, entry_id: int, criterion_ids: list[str], badge: str) -> None:
    live_entry(s, entry_id)
    s.execute(
        delete(EntryCriterionRow).where(
            EntryCriterionRow.entry_id == entry_id,
            EntryCriterionRow.badge_id == badge,
            EntryCriterionRow.criterion_id.in_(criterion_ids),
        )
    )


# -- settings --------------------------------------------------------------------------------------------------


def set_setting(s: Session, key: str, value: str) -> None:
    s.merge(SettingRow(key=key, value=value, updated_at=_stamp()))


def hold_badge(s: Session, badge_id: str, held_on: str) -> None:
    s.merge(HeldBadgeRow(badge_id=badge_id, held_on=held_on, recorded_at=_stamp()))


# -- statements ------------------------------------------------------------------------------------------------


def insert_statement(s: Session, badge_id: str, title: str, body: str, entry_ids: list[int]) -> StatementRow:
    stamp = _stamp()
    row = StatementRow(
        badge_id=badge_id, title=title, body=body, words=word_count(body), created_at=stamp, updated_at=stamp
    )
    s.add(row)
    s.flush()
    if entry_ids:
        s.execute(
            insert(StatementEntryRow),
            [{"statement_id": row.id, "entry_id": eid, "position": pos} for pos, eid in enumerate(entry_ids)],
        )
    return row


# -- confidentiality -------------------------------------------------------------------------------------------


def allowed(s: Session) -> list[str]:
    return list(s.execute(select(AllowedPhraseRow.phrase)).scalars())


def allow(s: Session, phrase: str, reason: str) -> None:
    s.merge(AllowedPhraseRow(phrase=phrase, reason=reason, added_at=_stamp()))


def write_findings(s: Session, owner: str, scanned: Sequence[tuple[int, int, Sequence[Finding]]]) -> list[int]:
    """The one findings writer: replace the findings of entries or statements (`owner`) scanned at a version.

    `scanned` holds (id, version scanned, findings). A row that changed since it was scanned is skipped (it stays
    stale and is scanned next time); for the rest, earlier dismissals of the same label and text are kept, and
    `scanned_version` records what was scanned. Returns the ids written.

    A finding that was already stored (same owner, part, label and text, counted in order) keeps its row and id,
    so the id `scan 7` showed is the one `scan --all` shows and `dismiss` accepts, however often text is scanned.
    A finding arriving with status "dismissed" (a statement's text dismissed in an entry it was built from)
    is stored dismissed with its reason."""
    table = {"entry": EntryRow, "statement": StatementRow}[owner]
    column = getattr(FindingRow, f"{owner}_id")
    ids = [i for i, _, _ in scanned]
    if not ids:
        return []
    versions = dict(s.execute(select(table.id, table.version).where(table.id.in_(ids))).all())
    fresh = [(i, v, found) for i, v, found in scanned if versions.get(i) == v]
    fresh_ids = [i for i, _, _ in fresh]
    if not fresh_ids:
        return []
    old = s.execute(select(FindingRow).where(column.in_(fresh_ids)).order_by(FindingRow.id)).scalars().all()
    reusable: dict[tuple, list[FindingRow]] = {}
    dismissed: dict[tuple, FindingRow] = {}
    for r in old:
        oid = getattr(r, f"{owner}_id")
        reusable.setdefault((oid, r.part, r.label, r.text.lower()), []).append(r)
        if r.status == "dismissed":
            dismissed.setdefault((oid, r.label, r.text.lower()), r)
    stamp = _stamp()
    values, updates, kept = [], [], set()
    for owner_id, _, found in fresh:
        for f in found:
            part = getattr(f, "part", "body") or "body"
            prior = dismissed.get((owner_id, f.label, f.text.lower()))
            if prior is not None:
                status, why, when = "dismissed", prior.dismiss_reason, prior.dismissed_at
            elif getattr(f, "status", "open") == "dismissed":
                status, why, when = "dismissed", f.dismiss_reason, stamp
            else:
                status, why, when = "open", None, None
            fields = {
                "start": f.start,
                "end": f.end,
                "reason": f.reason,
                "status": status,
                "dismiss_reason": why,
                "dismissed_at": when,
            }
            pool = reusable.get((owner_id, part, f.label, f.text.lower()))
            if pool:
                row = pool.pop(0)
                kept.add(row.id)
                updates.append({"fid": row.id, **{f"new_{k}": v for k, v in fields.items()}})
                continue
            values.append(
                {
                    "entry_id": owner_id if owner == "entry" else None,
                    "statement_id": owner_id if owner == "statement" else None,
                    "part": part,
                    "label": f.label,
                    "text": f.text,
                    "created_at": stamp,
                    **fields,
                }
            )
    gone = [r.id for r in old if r.id not in kept]
    for i in range(0, len(gone), 900):
        s.execute(delete(FindingRow).where(FindingRow.id.in_(gone[i : i + 900])))
    if updates:
        core = FindingRow.__table__
        s.execute(
            update(core)
            .where(core.c.id == bindparam("fid"))
            .values(
                {
                    k: bindparam(f"new_{k}")
                    for k in ("start", "end", "reason", "status", "dismiss_reason", "dismissed_at")
                }
            ),
            updates,
        )
    if values:
        s.execute(insert(FindingRow), values)
    core = table.__table__  # a core executemany UPDATE, not ORM bulk-by-primary-key
    s.execute(
        update(core).where(core.c.id == bindparam("row_id")).values(scanned_version=bindparam("v")),
        [{"row_id": i, "v": v} for i, v, _ in fresh],
    )
    return fresh_ids


def dismiss(s: Session, finding_id: int, reason: str) -> FindingRow:
    row = s.get(FindingRow, finding_id)
    if row is None:
        raise NotFound(f"no finding {finding_id}; see the ids with: learnlog scan --all")
    row.status, row.dismiss_reason, row.dismissed_at = "dismissed", reason, _stamp()
    s.add(row)
    return row


def save_pseudonyms(s: Session, rows: Sequence[tuple[str, str, str]]) -> None:
    """Add the map's new rows; a name already mapped keeps its pseudonym (the first one given is the one used)."""
    known = {(k, n) for k, n in s.execute(select(PseudonymRow.kind, PseudonymRow.name)).all()}
    start = s.execute(select(func.count()).select_from(PseudonymRow)).scalar_one()
    new = [r for r in rows if (r[0], r[1]) not in known]
    if new:
        s.execute(
            insert(PseudonymRow),
            [{"kind": k, "name": n, "pseudonym": p, "position": start + i} for i, (k, n, p) in enumerate(new)],
        )


def set_statement_link(s: Session, statement_id: int, link: str | None) -> None:
    row = s.get(StatementRow, statement_id)
    if row is None:
        raise NotFound(f"no statement {statement_id}; see: learnlog statement list")
    row.link = link
    s.add(row)


def set_gate_key(s: Session, keys: Sequence[tuple[int, int, str]]) -> None:
    """Record what each statement (id, version) was judged on; a statement edited meanwhile keeps its old key."""
    core = StatementRow.__table__
    s.execute(
        update(core)
        .where(core.c.id == bindparam("sid"), core.c.version == bindparam("v"))
        .values(gate_key=bindparam("key")),
        [{"sid": i, "v": v, "key": k} for i, v, k in keys],
    )


# -- import ----------------------------------------------------------------------------------------------------


def fingerprint_counts(s: Session, fps: Sequence[str]) -> dict[str, int]:
    """How many entries (live or trashed) already hold each content fingerprint."""
    out: dict[str, int] = {}
    unique = sorted(set(fps))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        out.update(
            s.execute(
                select(EntryRow.fingerprint, func.count())
                .where(EntryRow.fingerprint.in_(chunk))
                .group_by(EntryRow.fingerprint)
            ).all()
        )
    return out


def insert_entries(s: Session, entries: Sequence[tuple[Entry, str]], badge: str, keep_ids: bool = False) -> list[int]:
    """Insert many (entry, fingerprint) in a few executemany statements; returns the new ids in order.

    The full-text rows come from the insert trigger within the same statement, so search never misses an
    imported entry; links go in one statement per table."""
    stamp = _stamp()
    rows = []
    for e, fp in entries:
        values = entry_values(e, fp)
        values["created_at"] = e.created.isoformat() if e.created else stamp
        values["updated_at"] = e.updated.isoformat() if e.updated else stamp
        if keep_ids:
            values["id"] = e.id
        rows.append(values)
    core = EntryRow.__table__
    result = s.execute(insert(core).returning(core.c.id, sort_by_parameter_order=True), rows)
    ids = list(result.scalars())
    tags, resources, links = [], [], []
    for eid, (e, _) in zip(ids, entries, strict=True):
        tags += [{"entry_id": eid, "tag": t} for t in normalise_tags(e.tags)]
        resources += [{"entry_id": eid, "resource_id": r} for r in sorted(set(e.resources))]
        links += [
            {"entry_id": eid, "badge_id": badge, "criterion_id": c, "source": src, "score": None, "created_at": stamp}
            for c, src in sorted(e.criteria.items())
        ]
    for table, values in ((EntryTagRow, tags), (EntryResourceRow, resources), (EntryCriterionRow, links)):
        if values:
            s.execute(insert(table), values)
    return ids
