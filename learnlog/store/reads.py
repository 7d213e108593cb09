"""Read queries with the stdlib sqlite3 module: `list`, `show`, `search` and friends never import SQLAlchemy.

Rows become records in one place each (`entry_from_row`, `statement_from_row`, `finding_from_row`); a revision
is selected under an entry's column names so that it, too, goes through `entry_from_row`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from learnlog.records import HL_END, HL_START, Entry, Finding, Hit, Revision, Statement

__all__ = ["HL_END", "HL_START"]

_SEP = "\x1f"
_ENTRY_COLUMNS = f"""
    e.id, e.entry_date, e.created_at, e.updated_at, e.title, e.body, e.hours, e.status, e.words, e.version,
    e.properties,
    (SELECT group_concat(tag, '{_SEP}') FROM (SELECT tag FROM entry_tag t WHERE t.entry_id = e.id ORDER BY tag))
        AS tags,
    (SELECT group_concat(criterion_id || ':' || source, '{_SEP}') FROM entry_criterion c
        WHERE c.entry_id = e.id AND c.badge_id = :badge) AS criteria,
    (SELECT group_concat(resource_id, '{_SEP}') FROM entry_resource r WHERE r.entry_id = e.id) AS resources
"""
# A revision under the same names: its tags were kept as a JSON list, it has no links or timestamps of its own.
_REVISION_COLUMNS = f"""
    r.entry_id AS id, r.entry_date, NULL AS created_at, NULL AS updated_at, r.title, r.body, r.hours, r.status,
    r.words, r.version, (SELECT group_concat(value, '{_SEP}') FROM json_each(r.tags)) AS tags,
    NULL AS criteria, NULL AS resources
"""


def _split(value: str | None) -> list[str]:
    return value.split(_SEP) if value else []


def _ts(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _id_list(ids: list[int]) -> str:
    """Ids inlined as integers (they are validated ints; SQLite caps bound variables at 32,766)."""
    return ",".join(str(int(i)) for i in ids) or "NULL"


def entry_from_row(row: sqlite3.Row) -> Entry:
    criteria = dict(item.split(":", 1) for item in _split(row["criteria"]))
    return Entry(
        id=row["id"],
        date=dt.date.fromisoformat(row["entry_date"]),
        body=row["body"],
        title=row["title"],
        tags=_split(row["tags"]),
        hours=row["hours"],
        status=row["status"],
        created=_ts(row["created_at"]),
        updated=_ts(row["updated_at"]),
        criteria=dict(sorted(criteria.items())),
        resources=sorted(_split(row["resources"])),
        words=row["words"],
        version=row["version"],
        properties=_properties(row),
    )


def _properties(row: sqlite3.Row) -> dict:
    try:
        value = row["properties"]
    except (IndexError, KeyError):  # a query that does not select them (revisions)
        return {}
    if not value or value == "{}":
        return {}
    import json

    return json.loads(value)


def get_setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def get_entry(conn: sqlite3.Connection, entry_id: int, badge: str, *, deleted: bool | None = False) -> Entry | None:
    """deleted=False: live entries only; True: trashed only; None: either."""
    where = {False: "AND e.deleted_at IS NULL", True: "AND e.deleted_at IS NOT NULL", None: ""}[deleted]
    row = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entry e WHERE e.id = :id {where}", {"id": entry_id, "badge": badge}
    ).fetchone()
    return entry_from_row(row) if row else None


def entry_states(conn: sqlite3.Connection, ids: list[int]) -> dict[int, bool]:
    """id -> whether it is in the trash, for the ids that exist (multi-id commands check all before acting)."""
    return {
        r[0]: r[1] is not None for r in conn.execute(f"SELECT id, deleted_at FROM entry WHERE id IN ({_id_list(ids)})")
    }


def list_entries(
    conn: sqlite3.Connection,
    badge: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    tags: list[str] | None = None,
    criterion: str | None = None,
    limit: int | None = None,
    trash: bool = False,
    ids: list[int] | None = None,
    oldest_first: bool = False,
) -> list[Entry]:
    clauses = ["e.deleted_at IS NOT NULL" if trash else "e.deleted_at IS NULL"]
    params: dict = {"badge": badge}
    if since:
        clauses.append("e.entry_date >= :since")
        params["since"] = since.isoformat()
    if until:
        clauses.append("e.entry_date <= :until")
        params["until"] = until.isoformat()
    for i, tag in enumerate(tags or []):
        clauses.append(f"EXISTS (SELECT 1 FROM entry_tag t WHERE t.entry_id = e.id AND t.tag = :tag{i})")
        params[f"tag{i}"] = tag
    if criterion:
        clauses.append(
            "EXISTS (SELECT 1 FROM entry_criterion c WHERE c.entry_id = e.id AND c.badge_id = :badge "
            "AND c.criterion_id = :criterion)"
        )
        params["criterion"] = criterion
    if ids is not None:
        clauses.append(f"e.id IN ({_id_list(ids)})")
    order = "ASC" if oldest_first else "DESC"
    sql = (
        f"SELECT {_ENTRY_COLUMNS} FROM entry e WHERE {' AND '.join(clauses)} "
        f"ORDER BY e.entry_date {order}, e.id {order}"
    )
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [entry_from_row(r) for r in conn.execute(sql, params)]


def count_entries(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM entry WHERE deleted_at IS NULL").fetchone()[0]


def entry_ids(conn: sqlite3.Connection, *, trash: bool = False, limit: int = 200) -> list[tuple[int, str]]:
    """(id, title) of the newest entries, for shell completion: one indexed query, no bodies decoded."""
    where = "IS NOT NULL" if trash else "IS NULL"
    return [
        (r[0], r[1])
        for r in conn.execute(
            f"SELECT id, title FROM entry WHERE deleted_at {where} ORDER BY entry_date DESC, id DESC LIMIT ?",
            (limit,),
        )
    ]


def tag_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Each tag on live entries with how many entries carry it, most used first."""
    return [
        (r[0], r[1])
        for r in conn.execute(
            """SELECT t.tag, count(*) FROM entry_tag t JOIN entry e ON e.id = t.entry_id
               WHERE e.deleted_at IS NULL GROUP BY t.tag ORDER BY count(*) DESC, t.tag"""
        )
    ]


def fts_query(text: str) -> str:
    """Turn what a user types into a safe FTS5 query: every word must match; a trailing * keeps prefix search."""
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = raw.rstrip("*").replace('"', "")
        if word:
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def search(conn: sqlite3.Connection, query: str, badge: str, limit: int = 20) -> list[Hit]:
    q = fts_query(query)
    if not q:
        return []
    rows = conn.execute(
        f"""SELECT {_ENTRY_COLUMNS},
                   snippet(entry_fts, 1, '{HL_START}', '{HL_END}', '…', 16) AS snip, f.rank AS rank
            FROM entry_fts f JOIN entry e ON e.id = f.rowid
            WHERE entry_fts MATCH :q AND e.deleted_at IS NULL
            ORDER BY f.rank LIMIT :limit""",
        {"q": q, "badge": badge, "limit": limit},
    ).fetchall()
    return [Hit(entry=entry_from_row(r), snippet=r["snip"], rank=r["rank"]) for r in rows]


def revisions(conn: sqlite3.Connection, entry_id: int) -> list[Revision]:
    rows = conn.execute(
        f"SELECT r.id AS revision_id, r.saved_at, r.reason, {_REVISION_COLUMNS} FROM revision r "
        "WHERE r.entry_id = ? ORDER BY r.id",
        (entry_id,),
    ).fetchall()
    return [
        Revision(
            id=r["revision_id"],
            entry_id=r["id"],
            version=r["version"],
            saved_at=dt.datetime.fromisoformat(r["saved_at"]),
            reason=r["reason"],
            entry=entry_from_row(r),
        )
        for r in rows
    ]


def held_badges(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT badge_id, held_on FROM held_badge ORDER BY badge_id")}


def finding_from_row(r: sqlite3.Row) -> Finding:
    return Finding(
        start=r["start"],
        end=r["end"],
        label=r["label"],
        text=r["text"],
        reason=r["reason"],
        id=r["id"],
        entry_id=r["entry_id"],
        statement_id=r["statement_id"],
        status=r["status"],
        dismiss_reason=r["dismiss_reason"],
        part=r["part"],
    )


def findings(
    conn: sqlite3.Connection,
    *,
    entry_ids: list[int] | None = None,
    statement_id: int | None = None,
    status: str | None = "open",
    finding_id: int | None = None,
) -> list[Finding]:
    clauses, params = [], []
    if finding_id is not None:
        clauses.append("f.id = ?")
        params.append(finding_id)
    elif statement_id is not None:
        clauses.append("f.statement_id = ?")
        params.append(statement_id)
    else:
        clauses.append("f.entry_id IS NOT NULL AND e.deleted_at IS NULL")
        if entry_ids is not None:
            clauses.append(f"f.entry_id IN ({_id_list(entry_ids)})")
    if status:
        clauses.append("f.status = ?")
        params.append(status)
    rows = conn.execute(
        f"""SELECT f.* FROM finding f LEFT JOIN entry e ON e.id = f.entry_id
            WHERE {" AND ".join(clauses)}
            ORDER BY f.entry_id, f.statement_id, f.part != 'title', f.part != 'body', f.part, f.start""",
        params,
    ).fetchall()
    return [finding_from_row(r) for r in rows]


def stale_entry_ids(conn: sqlite3.Connection) -> list[int]:
    """Entries changed (or imported) since they were last scanned for confidential content."""
    return [r[0] for r in conn.execute("SELECT id FROM entry WHERE deleted_at IS NULL AND scanned_version != version")]


def bodies(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[int, int, str]]:
    """(id, version, body) of live entries, in id order, fetched in chunks (SQLite caps bound variables)."""
    out: list[tuple[int, int, str]] = []
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        out += conn.execute(
            f"SELECT id, version, body FROM entry WHERE deleted_at IS NULL AND id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    return sorted((r[0], r[1], r[2]) for r in out)


def allowed_phrases(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(phrase, reason) of the personal allowlist, alphabetical."""
    return [(r[0], r[1]) for r in conn.execute("SELECT phrase, reason FROM allowed_phrase ORDER BY phrase")]


def statement_from_row(r: sqlite3.Row, conn: sqlite3.Connection) -> Statement:
    ids = [
        x[0]
        for x in conn.execute(
            "SELECT entry_id FROM statement_entry WHERE statement_id = ? ORDER BY position", (r["id"],)
        )
    ]
    return Statement(
        id=r["id"],
        badge_id=r["badge_id"],
        title=r["title"],
        body=r["body"],
        created=_ts(r["created_at"]),
        updated=_ts(r["updated_at"]),
        entry_ids=ids,
        version=r["version"],
        words=r["words"],
        link=r["link"],
        gate_key=r["gate_key"],
    )


CURRENT_STATEMENT_KEY = "current_statement"


def current_statement_id(conn: sqlite3.Connection) -> int | None:
    """The statement `check` and `export` use: the one chosen (`statement use`), else the latest updated."""
    row = conn.execute(
        "SELECT s.id FROM setting k JOIN statement s ON s.id = CAST(k.value AS INTEGER) WHERE k.key = ?",
        (CURRENT_STATEMENT_KEY,),
    ).fetchone()
    if row is not None:
        return row[0]
    # The id first: ordering whole rows would read every statement's text just to pick one.
    latest = conn.execute("SELECT id FROM statement ORDER BY updated_at DESC, id DESC LIMIT 1").fetchone()
    return latest[0] if latest else None


def get_statement(conn: sqlite3.Connection, statement_id: int | None = None) -> Statement | None:
    """A statement by id, or the current one (see `current_statement_id`)."""
    if statement_id is None:
        statement_id = current_statement_id(conn)
        if statement_id is None:
            return None
    row = conn.execute("SELECT * FROM statement WHERE id = ?", (statement_id,)).fetchone()
    return statement_from_row(row, conn) if row else None


def list_statements(conn: sqlite3.Connection) -> list[Statement]:
    rows = conn.execute("SELECT * FROM statement ORDER BY id").fetchall()
    return [statement_from_row(r, conn) for r in rows]


def link_summary(conn: sqlite3.Connection, badge: str, newest: int | None = None) -> list[Entry]:
    """Live entries citing a criterion of `badge` or a resource, without bodies: coverage needs only the links,
    dates and word counts, and two flat joins are far cheaper than per-entry subqueries at 10,000 entries.
    `newest` keeps only that many of the most recent linked entries (with `criterion_totals` for the rest)."""
    entries: dict[int, Entry] = {}
    days: dict[str, dt.date] = {}  # a log has far fewer distinct days than entries
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row costs more than the query at this size
    links = cur.execute(
        """SELECT e.id, e.entry_date, e.words, c.criterion_id, c.source
           FROM entry_criterion c JOIN entry e INDEXED BY entry_summary ON e.id = c.entry_id
           WHERE c.badge_id = ? AND e.deleted_at IS NULL"""
        + (
            # Walk the date index from the newest entry and stop after `newest` linked ones.
            """ AND e.id IN (SELECT e2.id FROM entry e2 WHERE e2.deleted_at IS NULL AND EXISTS (
                    SELECT 1 FROM entry_criterion c2 WHERE c2.entry_id = e2.id AND c2.badge_id = ?)
                ORDER BY e2.entry_date DESC, e2.id DESC LIMIT ?)"""
            if newest is not None
            else ""
        ),
        (badge,) if newest is None else (badge, badge, newest),
    ).fetchall()
    cited = cur.execute(
        """SELECT e.id, e.entry_date, e.words, r.resource_id
           FROM entry_resource r JOIN entry e INDEXED BY entry_summary ON e.id = r.entry_id
           WHERE e.deleted_at IS NULL"""
    ).fetchall()
    for eid, day, words, *link in links + cited:
        e = entries.get(eid)
        if e is None:
            date = days.get(day) or days.setdefault(day, dt.date.fromisoformat(day))
            e = entries[eid] = Entry(eid, date, "", words=words)
        if len(link) == 2:
            e.criteria[link[0]] = link[1]
        else:
            e.resources.append(link[0])
    return list(entries.values())  # coverage() orders them


def criterion_totals(conn: sqlite3.Connection, badge: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(criterion, mark) -> (links, words of the linked entries) over live entries, counted by SQLite."""
    return {
        (cid, source): (n, words or 0)
        for cid, source, n, words in conn.execute(
            """SELECT c.criterion_id, c.source, count(*), sum(e.words)
               FROM entry_criterion c JOIN entry e INDEXED BY entry_summary ON e.id = c.entry_id
               WHERE c.badge_id = ? AND e.deleted_at IS NULL GROUP BY c.criterion_id, c.source""",
            (badge,),
        )
    }


def criterion_sources(conn: sqlite3.Connection, badge: str, entry_ids: list[int] | None = None) -> dict[str, set[str]]:
    """For each criterion of `badge`, the kinds of link (manual / suggested) live entries give it."""
    out: dict[str, set[str]] = {}
    only = f" AND e.id IN ({','.join(str(int(i)) for i in entry_ids) or 'NULL'})" if entry_ids is not None else ""
    for cid, source in conn.execute(
        """SELECT DISTINCT c.criterion_id, c.source
           FROM entry_criterion c JOIN entry e INDEXED BY entry_summary ON e.id = c.entry_id
           WHERE c.badge_id = ? AND e.deleted_at IS NULL"""
        + only,
        (badge,),
    ):
        out.setdefault(cid, set()).add(source)
    return out


def rejected_links(conn: sqlite3.Connection, badge: str) -> dict[int, set[str]]:
    """Suggestions the writer rejected, by entry: never offered again."""
    out: dict[int, set[str]] = {}
    for eid, cid in conn.execute("SELECT entry_id, criterion_id FROM rejected_link WHERE badge_id = ?", (badge,)):
        out.setdefault(eid, set()).add(cid)
    return out


def pseudonym_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in conn.execute("SELECT kind, name, pseudonym FROM pseudonym ORDER BY position")]


def dismissed_in_entries(conn: sqlite3.Connection, entry_ids: list[int]) -> dict[tuple[str, str], int]:
    """(label, text lower-cased) of findings dismissed in these entries, with the entry it was dismissed in."""
    if not entry_ids:
        return {}
    rows = conn.execute(
        f"""SELECT label, lower(text), entry_id FROM finding
            WHERE status = 'dismissed' AND entry_id IN ({_id_list(entry_ids)}) ORDER BY entry_id"""
    ).fetchall()
    out: dict[tuple[str, str], int] = {}
    for label, text, eid in rows:
        out.setdefault((label, text), eid)
    return out
