"""The readable backup: an md-dir folder that carries the application, not only the entries.

`export_md_dir` writes one markdown file per live entry (frontmatter: id, dates, tags, hours, status, criteria
with their kind, resources) and per statement (id, badge, the entries it was assembled from, dates, which is
current), plus a manifest holding what is not text: the target badge and other settings, badges held, the
own-work declaration, the allowlist with reasons, and every dismissed finding with its reason. Re-running it
into the same folder updates the folder in place (`exporters.backup.write_folder`).

`apply_manifest` is the other half, run by `learnlog import` after the entries of such a folder are in: it
brings back statements, settings, badges, the allowlist and dismissals, so `check` gives the same verdict on
the restored log. Revisions and the trash are not in an md-dir folder: `learnlog backup` keeps those.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from learnlog.errors import InputError, Refused
from learnlog.exporters.backup import (
    MANIFEST,
    FolderReport,
    backup_entry_name,
    entry_markdown,
    name_title,
    read_manifest,
    statement_markdown,
    statement_name,
    title_key,
    write_folder,
)


def _settings(j) -> dict[str, str]:
    return {k: v for k, v in j.conn.execute("SELECT key, value FROM setting ORDER BY key")}


def state_of(j) -> dict:
    """What the manifest carries, as plain JSON-ready data."""
    current = j.latest_statement()
    dismissed = [f for f in j.findings(status=None) if f.status == "dismissed"]
    return {
        "settings": _settings(j),
        "badges_held": dict(sorted(j.held_badges().items())),
        "allowlist": [{"phrase": p, "reason": r} for p, r in j.allowlist()],
        "dismissals": [
            {
                "entry": f.entry_id,
                "statement": f.statement_id,
                "label": f.label,
                "text": f.text,
                "reason": f.dismiss_reason or "",
            }
            for f in dismissed
        ],
        "current_statement": current.id if current else None,
    }


LOG_ID = "log_id"


def export_md_dir(j, folder: Path, *, overwrite: bool = False) -> tuple[FolderReport, int, int]:
    """Write or update the md-dir backup of the log `j` in `folder`; returns (report, entries, statements).

    The manifest names the log it backs up (a random id kept in the log's settings), so a second log — a test
    log, `--db` forgotten once — cannot take over the first one's folder and move its files to `.trash/`
    unless asked with `overwrite`. Folders from before the id existed are taken as this log's."""
    log_id = j.setting(LOG_ID)
    new_id = log_id is None
    if new_id:
        import uuid

        log_id = uuid.uuid4().hex
    old = read_manifest(folder) if Path(folder).is_dir() else None
    theirs = ((old or {}).get("settings") or {}).get(LOG_ID)
    if theirs and theirs != log_id and not overwrite:
        raise Refused(
            f"{folder} is the md-dir backup of another log; choose another folder, or add --overwrite to make it "
            "this log's backup (the other log's files are moved to its .trash/)"
        )
    entries = j.list(limit=None, oldest_first=True)
    statements = j.statements()
    state = state_of(j)
    state["settings"][LOG_ID] = log_id
    safe = _safe_titles(entries, j.allowed(), Path(folder))
    files: dict[str, str] = {}
    entry_files: dict[str, int] = {}
    for e in entries:
        name = backup_entry_name(e, safe=safe[e.id][0])
        files[name] = entry_markdown(e, final_newline=True)
        entry_files[name] = e.id
    for st in statements:
        files[statement_name(st)] = statement_markdown(st, current=st.id == state["current_statement"])
    state["entries"] = entry_files
    state["titles"] = {str(eid): [ok, key] for eid, (ok, key) in safe.items()}
    report = write_folder(Path(folder), files, state)
    if new_id:  # only once the folder holds it: a refused backup changes nothing in the log
        j.set_setting(LOG_ID, log_id)
    return report, len(entries), len(statements)


def _safe_titles(entries, allow: list[str], folder: Path) -> dict[int, tuple[bool, str]]:
    """{entry id: (title safe for a file name, key of what was scanned)}. Titles the previous backup in
    `folder` already judged (same title, same allowlist) are not scanned again; the rest are scanned on every
    core, since the scanner takes ~0.6 ms a title and a log can hold 10,000."""
    from learnlog.confidential import scan
    from learnlog.parallel import map_texts

    try:
        old = (read_manifest(folder) or {}).get("titles", {}) if folder.is_dir() else {}
    except InputError:
        old = {}
    out: dict[int, tuple[bool, str]] = {}
    todo = []
    for e in entries:
        title = name_title(e)
        key = title_key(title, allow)
        prior = old.get(str(e.id))
        if isinstance(prior, list) and len(prior) == 2 and prior[1] == key:
            out[e.id] = (bool(prior[0]), key)
        elif not title.strip():
            out[e.id] = (False, key)
        else:
            todo.append((e.id, title, key))
    found = map_texts(partial(scan, allow=tuple(allow)), [t for _, t, _ in todo])
    for (eid, _, key), findings in zip(todo, found, strict=True):
        out[eid] = (not findings, key)
    return out


# --- reading it back ----------------------------------------------------------------------------------------


@dataclass
class BackupStatement:
    id: int
    badge_id: str
    title: str
    body: str
    entry_ids: list[int]
    current: bool = False


@dataclass
class Restored:
    statements: int = 0
    settings: int = 0
    badges: int = 0
    allowed: int = 0
    dismissed: int = 0
    problems: list[str] = field(default_factory=list)
    # The backup's current statement, when the log already had a current one of its own (which stays current).
    not_made_current: int | None = None
    kept_current: int | None = None


def backup_folder(path: Path) -> dict | None:
    """The manifest when `path` is an md-dir backup folder, else None."""
    path = Path(path)
    return read_manifest(path) if path.is_dir() and (path / MANIFEST).is_file() else None


def read_statements(folder: Path) -> list[BackupStatement]:
    import yaml

    from learnlog.entryfile import split

    out = []
    for path in sorted((Path(folder) / "statements").glob("*.md")):
        try:
            text = path.read_bytes().decode("utf-8")  # not read_text: universal newlines would drop a CR
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        src, body = split(text)
        try:
            meta = yaml.safe_load(src or "") or {}
        except yaml.YAMLError:
            raise InputError(f"{path}: the frontmatter is not valid YAML") from None
        if not isinstance(meta, dict) or not isinstance(meta.get("id"), int) or not isinstance(meta.get("badge"), str):
            raise InputError(f"{path}: not a learnlog statement (needs id and badge in its frontmatter)")
        ids = meta.get("entries") or []
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            raise InputError(f"{path}: 'entries' must be a list of entry ids")
        out.append(
            BackupStatement(
                id=meta["id"],
                badge_id=meta["badge"],
                title=str(meta.get("title") or ""),
                body=body[:-1] if body.endswith("\n") else body,
                entry_ids=ids,
                current=meta.get("current") is True,
            )
        )
    return out


def apply_settings(j, manifest: dict) -> int:
    """Settings first, before the entries: links are stored for the target badge the backup had. A setting
    the log already has is left as it is (the log being imported into decides)."""
    n = 0
    for key, value in (manifest.get("settings") or {}).items():
        if isinstance(key, str) and isinstance(value, str) and j.setting(key) is None:
            j.set_setting(key, value)
            n += 1
    return n


def apply_manifest(j, folder: Path, manifest: dict, entry_ids: dict[int, int]) -> Restored:
    """Bring back what the manifest and statement files hold, into the log `j` whose entries were just
    imported; `entry_ids` maps the ids in the backup to the ids the entries have now."""
    done = Restored()
    held = j.held_badges()
    for badge, day in (manifest.get("badges_held") or {}).items():
        if badge not in held:
            try:
                j.hold_badge(badge, dt.date.fromisoformat(str(day)))
                done.badges += 1
            except ValueError:
                done.problems.append(f"badge {badge}: {day!r} is not a date")
    allowed = {p.lower() for p in j.allowed()}
    for item in manifest.get("allowlist") or []:
        if isinstance(item, dict) and isinstance(item.get("phrase"), str) and item["phrase"].lower() not in allowed:
            j.allow(item["phrase"], str(item.get("reason") or ""))
            done.allowed += 1
    statements = read_statements(folder)
    # The current statement is the most recently updated one, so it is created last.
    statements.sort(key=lambda s: (s.current, s.id))
    statement_ids: dict[int, int] = {}
    existing = {(s.title, s.body) for s in j.statements()}
    # A log that has a current statement keeps it: importing a backup into a working log must not change
    # what `check` and `export` use behind the user's back. An empty log takes the backup's current one.
    users_current = j.current_statement_id()
    for st in statements:
        if (st.title, st.body) in existing:
            continue
        ids = [entry_ids.get(i, i) for i in st.entry_ids]
        new_id = j.create_statement(st.badge_id, st.title, st.body, ids, current=users_current is None).id
        statement_ids[st.id] = new_id
        if st.current and users_current is not None:
            done.not_made_current, done.kept_current = new_id, users_current
        done.statements += 1
    dismissals = [d for d in manifest.get("dismissals") or [] if isinstance(d, dict)]
    if dismissals:
        entry_targets = sorted({entry_ids[d["entry"]] for d in dismissals if d.get("entry") in entry_ids})
        if entry_targets:
            j.refresh_findings(entry_targets)
        for d in dismissals:
            if d.get("entry") in entry_ids:
                candidates = j.findings(entry_ids=[entry_ids[d["entry"]]])
            elif d.get("statement") in statement_ids:
                candidates = j.statement_findings(statement_ids[d["statement"]])
            else:
                continue
            match = next((f for f in candidates if f.label == d.get("label") and f.text == d.get("text")), None)
            if match is not None:
                j.dismiss(match.id, str(d.get("reason") or ""))
                done.dismissed += 1
    return done
