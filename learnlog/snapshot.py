"""Whole-log snapshots: `backup` writes one SQLite file holding everything, `restore` brings it back.

A snapshot is the database itself, copied with SQLite's online backup API: one read transaction, so the copy
is consistent while another terminal writes, and nothing is chosen table by table — entries with their ids,
revisions, trash, links, statements and their revisions, badges held, declarations, findings with their
dismissals, the allowlist, settings, pseudonyms, and any table added later all come along. The copy is
checked (`integrity_check`) before it is given its name, written owner-only whatever the umask, in rollback
journal mode so it is one self-contained file.

`restore` only fills an empty log, or with `replace` first keeps a snapshot of the current log next to the
database and names it, so a restore can always be undone.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from learnlog.errors import InputError, Refused, StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables that exist in every log, new or not: their rows say nothing about whether the log holds anything.
_BOOKKEEPING = {"migration"}
SNAPSHOT_FOLDER = "snapshots"


@dataclass(frozen=True)
class Snapshot:
    path: Path
    entries: int  # live and trashed
    trashed: int
    statements: int
    size: int


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables holding the user's data: not SQLite's own, not full-text index shadows (rebuilt from
    `entry`), not the migration record."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    return [
        name
        for name, _ in rows
        if not name.startswith("sqlite_")
        and name not in _BOOKKEEPING
        and name not in virtual
        and not any(name.startswith(v + "_") for v in virtual)
    ]


def is_empty(conn: sqlite3.Connection) -> bool:
    return not any(conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in _user_tables(conn))


def _count(conn: sqlite3.Connection, table: str) -> int:
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError:
        return 0


def quick_check(conn: sqlite3.Connection, path: Path, what: str = "the log") -> None:
    """Refuse to copy a damaged database: a backup of broken pages would look like a safe copy."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)").fetchall()]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows != ["ok"]:
        raise StoreError(
            f"{what} at {path} is damaged (SQLite quick_check: {rows[0]}); nothing was copied — "
            "keep the file and export what can be read with: learnlog export --all --format md-dir DIR"
        )


def _learnlog_tables(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"migration", "entry"} <= tables:
        raise InputError(f"{path} is an SQLite database, but not a learnlog log or backup")


def _open_ro(path: Path, what: str) -> sqlite3.Connection:
    """A read-only connection to a file that must be an SQLite database; nothing is written to it."""
    try:
        # stat before open: opening a FIFO for reading blocks until a writer comes, so it would hang here
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise InputError(f"{path} is not a regular file, so it cannot be a learnlog backup")
        with open(path, "rb") as f:
            head = f.read(16)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a learnlog backup file") from None
    except OSError as exc:
        raise InputError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    if head != SQLITE_MAGIC:
        from learnlog import encryption

        if encryption.file_kind(path, fresh=True) == "encrypted":
            return _open_encrypted_ro(path)
        raise InputError(f"{path} is not a learnlog backup (it is not an SQLite database file)")
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path} cannot be opened as a database: {exc}") from None
    return conn


def _open_encrypted_ro(path: Path):
    """The backup of an encrypted log is itself a whole encrypted log: it opens read-only with its passphrase,
    found as a log's is (LEARNLOG_PASSPHRASE, the keyring, a prompt)."""
    from learnlog import encryption, passphrase

    offered = passphrase.has_key(path)  # the log's own key, offered by restore_file
    try:
        raw = encryption.open_encrypted(
            f"{path.absolute().as_uri()}?mode=ro", passphrase.key_for(path), timeout=30, uri=True
        )
    except encryption.WrongPassphrase:
        passphrase.forget(path)
        if offered:  # the passphrase changed since this backup: ask for the one it was made under
            return _open_encrypted_ro(path)
        raise encryption.WrongPassphrase(path) from None
    return encryption.EncryptedConnection(raw)


def _write_copy(src: sqlite3.Connection, dest: Path) -> None:
    """Copy `src` into a new owner-only file at `dest` (which must not exist), verified before it appears."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot write {dest}: {exc.strerror or exc}") from None
    os.fchmod(fd, 0o600)  # the umask may only take bits away, but a shared account's umask 000 keeps none
    os.close(fd)
    try:
        if _encrypted(src):
            _write_encrypted_copy(src, tmp, dest)
        else:
            _write_plain_copy(src, tmp, dest)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        try:
            os.link(tmp, dest)  # appears whole or not at all, and never replaces a file that appeared meanwhile
        except FileExistsError:
            raise Refused(f"{dest} already exists; choose another name — nothing was overwritten") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot write {dest}: {exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    try:
        dirfd = os.open(dest.parent, os.O_RDONLY)
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)
    except OSError:
        pass


def _encrypted(conn) -> bool:
    from learnlog.encryption import EncryptedConnection

    return isinstance(conn, EncryptedConnection)


def _write_encrypted_copy(src, tmp: Path, dest: Path) -> None:
    """An encrypted log's snapshot stays encrypted: VACUUM INTO writes it under the same key and salt, and an
    ATTACH without KEY reads it with the main database's key, for the check."""
    src.execute("VACUUM INTO ?", (str(tmp),))
    src.execute("ATTACH DATABASE ? AS copy", (str(tmp),))
    try:
        src.execute("PRAGMA copy.journal_mode = DELETE")
        result = src.execute("PRAGMA copy.integrity_check(1)").fetchone()[0]
    finally:
        src.execute("DETACH DATABASE copy")
    if result != "ok":
        raise StoreError(f"the copy for {dest} failed its integrity check ({result}); nothing was kept")


def _write_plain_copy(src: sqlite3.Connection, tmp: Path, dest: Path) -> None:
    dst = sqlite3.connect(tmp, isolation_level=None)
    try:
        src.backup(dst)  # all pages in one step: one read transaction, so one consistent moment
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        result = dst.execute("PRAGMA integrity_check(1)").fetchone()[0]
    finally:
        dst.close()
    if result != "ok":
        raise StoreError(f"the copy for {dest} failed its integrity check ({result}); nothing was kept")


def default_name() -> str:
    return f"learnlog-{_stamp()}.db"


def backup(conn: sqlite3.Connection, db: Path, dest: Path, folder: bool = False) -> Snapshot:
    """Write a snapshot of the open log `conn` (at `db`) to `dest`: a new file, or a new file inside the
    folder `dest`. Refuses a damaged log, an existing file, and a missing folder (say where, rather than
    create folders with whatever permissions). `folder`: the user wrote `dest` as a folder (`~/backups/`),
    so a missing one must not become a file of that name."""
    dest = Path(dest)
    if folder and not dest.is_dir():
        raise InputError(f"the folder {dest} does not exist; create it first (mkdir -m 700 {dest})")
    if dest.is_dir():
        dest = dest / default_name()
    if dest.exists() or dest.is_symlink():
        raise Refused(f"{dest} already exists; choose another name — nothing was overwritten")
    if not dest.parent.is_dir():
        raise InputError(f"the folder {dest.parent} does not exist; create it first (mkdir -m 700 {dest.parent})")
    try:
        if dest.resolve() in (db.resolve(), Path(str(db) + "-wal").resolve()):
            raise InputError(f"{dest} is the log itself; back up to another file")
    except OSError:
        pass
    quick_check(conn, db)
    _write_copy(conn, dest)
    trashed = conn.execute("SELECT count(*) FROM entry WHERE deleted_at IS NOT NULL").fetchone()[0]
    return Snapshot(dest, _count(conn, "entry"), trashed, _count(conn, "statement"), dest.stat().st_size)


def check_backup(path: Path) -> sqlite3.Connection:
    """A read-only connection to a learnlog backup that is whole and not from a newer learnlog."""
    from learnlog.store.schema import check

    path = Path(path)
    conn = _open_ro(path, "the backup")
    try:
        _learnlog_tables(conn, path)
        quick_check(conn, path, "the backup")
        check(conn, path)  # a newer learnlog's schema is refused, untouched
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError(f"{path} cannot be read as a learnlog backup: {exc}") from None
    except Exception:
        conn.close()
        raise
    return conn


def snapshot_folder(db: Path) -> Path:
    folder = db.parent / SNAPSHOT_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def restore(src: sqlite3.Connection, src_path: Path, live: sqlite3.Connection, db: Path, replace: bool) -> Path | None:
    """Copy the backup `src` over the log `live` in one write transaction of SQLite's backup API (other
    terminals wait, then see the restored log). Returns the snapshot kept of the log it replaced, if any."""
    kept = None
    if not is_empty(live):
        if not replace:
            entries = _count(live, "entry")
            raise Refused(
                f"this log is not empty ({entries} entries); restore into a new log (--db NEW_FILE), or use "
                "--replace, which keeps a snapshot of the current log first"
            )
        kept = snapshot_folder(db) / f"before-restore-{_stamp()}.db"
        _write_copy(live, kept)
    try:
        src.backup(live)
    except sqlite3.DatabaseError as exc:
        where = f"; the log before it is kept at {kept}" if kept else ""
        raise StoreError(f"restore from {src_path} failed: {exc}{where}") from None
    return kept


def backup_log(j, dest: Path, folder: bool = False) -> Snapshot:
    """`learnlog backup PATH` for the log `j` (a store Journal)."""
    return backup(j.conn, j.path, dest, folder)


def restore_file(path: Path, j, replace: bool) -> Path | None:
    """`learnlog restore PATH`: check the backup file, then `restore` it over the log `j` (a store Journal).

    A backup keeps its log's encryption: an encrypted one goes into an encrypted log (which keeps its own
    passphrase) or becomes a new log, still encrypted with the backup's; a plain one into a plain log. The
    other pairings would decrypt the text onto the disk, or cannot be copied page by page, and are refused."""
    from learnlog import encryption

    path = Path(path)
    target = encryption.file_kind(j.path, fresh=True)
    if target == "encrypted" and encryption.file_kind(path, fresh=True) == "encrypted":
        _offer_the_logs_key(path, j)
    src = check_backup(path)
    try:
        if _encrypted(src) and target in ("missing", "empty"):
            from learnlog.config import make_private_dirs

            make_private_dirs(j.path.parent)
            if target == "empty":  # an empty file made by hand: there is nothing in it to keep
                j.path.unlink()
            _write_copy(src, j.path)  # a new log: a verified copy of the backup, under the backup's key
            from learnlog import passphrase

            passphrase.adopt(j.path, passphrase.key_for(path))
            j.conn.execute("PRAGMA journal_mode = WAL")  # a log again, not a backup: readers beside a writer
            return None
        if _encrypted(src) != (target == "encrypted"):
            raise _mismatch(path, j.path, backup_encrypted=_encrypted(src))
        return restore(src, path, j.conn, j.path, replace)
    finally:
        src.close()


def _offer_the_logs_key(path: Path, j) -> None:
    """A backup keeps its log's salt, so the log's own key (often the keyring's) opens it unless the passphrase
    was changed since: offer that key first, so a restore over the log asks for no passphrase of its own."""
    from learnlog import encryption, passphrase

    if encryption.salt(path) == encryption.salt(j.path):
        j.conn  # noqa: B018 - keys the log (environment, keyring or prompt), as the restore needs anyway
        passphrase.adopt(path, passphrase.key_for(j.path))


def _mismatch(path: Path, db: Path, *, backup_encrypted: bool) -> Refused:
    if backup_encrypted:
        return Refused(
            f"{path} is the backup of an encrypted log and the log at {db} is not encrypted, so restoring it "
            f"there would write its text unencrypted; restore it into a new log (learnlog --db NEW.db restore "
            f"{path}), or encrypt this log first (learnlog encrypt) — nothing was changed"
        )
    return Refused(
        f"{path} is the backup of a plain log and the log at {db} is encrypted; restore it into a new log "
        f"(learnlog --db NEW.db restore {path}), then encrypt that (learnlog --db NEW.db encrypt) — nothing was changed"
    )
