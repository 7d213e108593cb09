"""Whole-log backup: one markdown file per entry, named so it sorts by date and survives any file system.

File names are ASCII, lower case and free of separators and reserved characters, because backups get copied
to USB sticks (FAT), Windows shares and zip files; the date prefix keeps `ls` in diary order. The content is
`entryfile.dump`, the same form `learnlog import` reads back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from learnlog.entryfile import derive_title, dump
from learnlog.errors import InputError, Refused
from learnlog.records import Entry

MAX_NAME = 100  # whole file name; leaves room under the 255-byte limit for the folder path on Windows.
EXTENSION = ".md"
# Letters NFKD does not split into a base letter plus accent.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
        "&": " and ",
    }
)


def slugify(text: str, limit: int) -> str:
    """ASCII words joined by hyphens, cut at a word boundary within `limit` characters."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode("ascii")
    # Apostrophes join their word ("people's" -> "peoples") rather than splitting it.
    folded = re.sub(r"['’]", "", folded.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:limit]
        slug = slug.strip("-")
    return slug


class FoldedNames(set):
    """A set of file names kept case-folded, for `entry_filename`'s uniqueness check."""

    def add(self, name: str) -> None:
        super().add(name.casefold())

    def __contains__(self, name: object) -> bool:
        return super().__contains__(name.casefold() if isinstance(name, str) else name)


def entry_filename(entry: Entry, taken: Collection[str] = ()) -> str:
    """`2026-03-14-reviewing-care-plans.md`, unique against `taken` (compared without case, as on macOS and
    Windows). A clash gets the entry id (stable from one backup to the next), else -2, -3, …

    The caller adds the returned name to `taken`; this function changes nothing. A caller naming thousands of
    files passes a `FoldedNames` set, so each call costs O(1) rather than re-folding every name taken so far.
    """
    taken_folded = taken if isinstance(taken, FoldedNames) else {name.casefold() for name in taken}
    prefix = entry.date.isoformat()
    room = MAX_NAME - len(prefix) - len(EXTENSION) - 1 - 8  # 8: space kept for a "-<id>" or "-<n>" suffix
    slug = slugify(entry.title or derive_title(entry.body), room) or "entry"
    stem = f"{prefix}-{slug}"
    candidates = [stem]
    if entry.id is not None:
        candidates.append(f"{stem}-{entry.id}")
    for stem_try in candidates:
        name = stem_try + EXTENSION
        if name.casefold() not in taken_folded:
            return name
    n = 2
    while f"{stem}-{n}{EXTENSION}".casefold() in taken_folded:
        n += 1
    return f"{stem}-{n}{EXTENSION}"


def entry_markdown(entry: Entry, final_newline: bool = False) -> str:
    """The entry as markdown with frontmatter (id, title, date, tags, hours, status, criteria with their kind,
    timestamps). In an md-dir folder (`final_newline`) the file ends with a newline that is not part of the
    body, as POSIX tools, Obsidian and git expect; the folder's manifest tells the importer to take exactly
    one off, so the body comes back byte for byte. A lone file keeps the body exactly as it is."""
    return dump(entry, with_id=True, with_timestamps=True) + ("\n" if final_newline else "")


# --- the md-dir backup folder: entries, statements and a manifest, updated in place -------------------------

MANIFEST = ".learnlog-backup.json"
MANIFEST_FORMAT = "learnlog-md-dir"
MANIFEST_VERSION = 2
STATEMENTS = "statements"
TRASH = ".trash"
# Temporaries this module names (".<file>.<random>.tmp"); a kill can leave one, the next run removes it.
_OUR_TEMP = re.compile(r"^\..+\.(md|json)\.[A-Za-z0-9_]+\.tmp$")


def safe_slug(title: str, allow: Collection[str] = ()) -> str:
    """A title slug for a file name, or "" when the title holds anything confidential: names, addresses and
    phone digits must not end up in file names, which are shown by every file manager and sync tool."""
    if not title.strip():
        return ""
    from learnlog.confidential import scan

    if scan(title, allow=allow):
        return ""
    return slugify(title, 60)


def backup_entry_name(entry: Entry, allow: Collection[str] = (), safe: bool | None = None) -> str:
    """`2026-03-14-12-reviewing-care-plans.md`: date for `ls` order, id for uniqueness and stable names from one
    run to the next, then the title's slug only when it is safe to show (`safe`, when the caller has scanned
    the title already)."""
    title = name_title(entry)
    slug = (slugify(title, 60) if safe else "") if safe is not None else safe_slug(title, allow)
    return f"{entry.date.isoformat()}-{entry.id}{'-' + slug if slug else ''}{EXTENSION}"


def name_title(entry: Entry) -> str:
    """The text a backup file name is made from."""
    return entry.title or derive_title(entry.body)


def title_key(title: str, allow: Collection[str]) -> str:
    """What a scan verdict on a title depends on: the title and the allowlist."""
    import hashlib

    return hashlib.sha256("\x1f".join([title, *sorted(a.lower() for a in allow)]).encode("utf-8")).hexdigest()[:16]


def statement_markdown(st, current: bool) -> str:
    """A statement as markdown with frontmatter: its id, badge, the entries it was assembled from and dates."""
    import yaml

    meta = {"id": st.id, "title": st.title, "badge": st.badge_id, "entries": list(st.entry_ids)}
    if current:
        meta["current"] = True
    if st.created:
        meta["created"] = st.created.isoformat()
    if st.updated:
        meta["updated"] = st.updated.isoformat()
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return f"---\n{head}---\n{st.body}\n"


def statement_name(st) -> str:
    day = (st.created.date().isoformat() + "-") if st.created else ""
    return f"{STATEMENTS}/{day}statement-{st.id}{EXTENSION}"


@dataclass
class FolderReport:
    written: int = 0
    unchanged: int = 0
    trashed: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)


def _owner_only_dir(path: Path) -> None:
    path.mkdir(mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode passes through the umask; a backup folder is private whatever it is


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a learnlog md-dir backup in `folder`, or None when there is none."""
    path = Path(folder) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not a learnlog backup manifest ({exc}); move it away to start afresh") from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise InputError(f"{path} is not a learnlog backup manifest; move it away to start afresh")
    return data


def _check_folder(folder: Path) -> dict | None:
    """The old manifest of a backup folder; an empty or new folder is fine, one holding other files is not."""
    if not folder.exists():
        if not folder.parent.is_dir():
            raise InputError(f"the folder {folder.parent} does not exist; create it first")
        return None
    if not folder.is_dir():
        raise Refused(f"{folder} is a file, not a folder; choose a folder for the backup")
    manifest = read_manifest(folder)
    if manifest is None:
        others = [p.name for p in folder.iterdir() if not _OUR_TEMP.match(p.name)]
        if others:
            raise Refused(
                f"{folder} holds other files ({', '.join(sorted(others)[:3])}…), not a learnlog backup; "
                "choose an empty folder or an earlier learnlog backup folder"
            )
    return manifest


def _clean_temporaries(folder: Path) -> list[str]:
    cleaned = []
    for sub in (folder, folder / STATEMENTS):
        if not sub.is_dir():
            continue
        for p in sub.iterdir():
            if _OUR_TEMP.match(p.name) and p.is_file() and not p.is_symlink():
                p.unlink()
                cleaned.append(str(p.relative_to(folder)))
    return cleaned


def _write_file(path: Path, text: str) -> None:
    """Atomic and owner-only: a temporary of our naming, then rename; no fsync per file (the database keeps
    the source, and 10,000 fsyncs would cost minutes), the manifest is written last and synced."""
    data = text.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _to_trash(folder: Path, rel: str, stamp: str) -> str:
    src = folder / rel
    trash = folder / TRASH
    _owner_only_dir(trash)
    target = trash / Path(rel).name
    if target.exists():
        target = trash / f"{Path(rel).stem}.{stamp}{Path(rel).suffix}"
    os.replace(src, target)
    return str(target.relative_to(folder))


def write_folder(folder: Path, files: dict[str, str], state: dict) -> FolderReport:
    """Make `folder` hold exactly `files` (relative path -> text) plus a manifest carrying `state`.

    A new or empty folder is filled; a folder with a learnlog manifest is updated in place: unchanged files
    are left alone, changed ones replaced atomically, files of the earlier backup no longer in `files` are
    moved to `.trash/` (never deleted). Stale temporaries of our own naming are removed first. Folders and
    files are owner-only whatever the umask.
    """
    folder = Path(folder)
    old = _check_folder(folder)
    _owner_only_dir(folder)
    report = FolderReport(cleaned=_clean_temporaries(folder))
    if any(rel.startswith(STATEMENTS + "/") for rel in files):
        _owner_only_dir(folder / STATEMENTS)
    for rel, text in files.items():
        path = folder / rel
        try:
            # Bytes, not read_text: universal newlines would hide a body's CRLF and rewrite it every run.
            if path.is_file() and not path.is_symlink() and path.read_bytes() == text.encode("utf-8"):
                os.chmod(path, 0o600)
                report.unchanged += 1
                continue
        except OSError:
            pass
        _write_file(path, text)
        report.written += 1
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    for rel in (old or {}).get("files", []):
        if rel not in files and (folder / rel).is_file():
            report.trashed.append(_to_trash(folder, rel, stamp))
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "written": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        **state,
        "files": sorted(files),
    }
    _write_file(folder / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return report
