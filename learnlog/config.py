"""Where learnlog keeps things: the database (--db, LEARNLOG_DB, else the platform data dir) and user files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "learnlog"
ENV_DB = "LEARNLOG_DB"
ENV_CONFIG = "LEARNLOG_CONFIG_DIR"
# The badge a new log works towards (kept here so read paths need not load the frameworks).
DEFAULT_BADGE = "sssc-sil-1"


def make_private_dirs(folder: Path) -> None:
    """`folder` and every missing parent created 0700.

    `Path.mkdir(parents=True, mode=…)` gives the mode to the last folder only; the parents get the umask's
    0755, so a log at a new path would sit in a folder anyone on the machine can list. A folder another
    process creates meanwhile is fine.
    """
    missing = []
    for p in (folder, *folder.parents):
        if p.exists():
            break
        missing.append(p)
    for p in reversed(missing):
        try:
            p.mkdir(mode=0o700)
        except FileExistsError:
            if not p.is_dir():
                raise
            continue
        os.chmod(p, 0o700)  # mkdir's mode is masked by the umask; owner-only whatever it is


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False)) / "learnlog.db"


def db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db wins over LEARNLOG_DB, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def config_dir() -> Path:
    return _user_dir(ENV_CONFIG, "XDG_CONFIG_HOME", ".config", "user_config_dir")


def cache_dir() -> Path:
    """Rebuildable files only (the parsed frameworks); safe to delete at any time."""
    return _user_dir("LEARNLOG_CACHE_DIR", "XDG_CACHE_HOME", ".cache", "user_cache_dir")


def _user_dir(env: str, xdg: str, home_default: str, platformdirs_name: str) -> Path:
    """learnlog's own variable, else the platform's folder. On Linux that is the XDG variable or its default
    under the home folder, as platformdirs answers there, without its import on every read command."""
    if value := os.environ.get(env):
        return Path(value).expanduser()
    if sys.platform.startswith("linux"):
        return Path(os.environ.get(xdg) or Path.home() / home_default) / APP
    import platformdirs

    return Path(getattr(platformdirs, platformdirs_name)(APP, appauthor=False))


def frameworks_dir() -> Path:
    """User framework files (*.toml) live here, beside the shipped ones."""
    return config_dir() / "frameworks"


def recovery_dir(db: Path, *, encrypted: bool = False) -> Path:
    """Drafts that could not be saved are kept next to the database, so a backup of that folder keeps them.

    Not for an encrypted log: its drafts are its words in plain text, so they live in a memory-only folder
    (lost at reboot, never on disk) instead."""
    if encrypted:
        return memory_dir() / ("recovery-" + _short_hash(str(db.resolve())))
    return db.parent / "recovery"


def _short_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def memory_dir() -> Path:
    """An owner-only folder on a memory file system: $XDG_RUNTIME_DIR (tmpfs, per user) or /dev/shm."""
    from learnlog.errors import StoreError

    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        base = Path(runtime) / APP
    elif Path("/dev/shm").is_dir():
        base = Path("/dev/shm") / f"{APP}-{os.getuid()}"
    else:
        raise StoreError(
            "this log is encrypted, and this system has no memory-only folder for drafts "
            "($XDG_RUNTIME_DIR or /dev/shm); add entries with text or --file instead of the editor"
        )
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        st = base.lstat()
    except OSError as exc:
        raise StoreError(f"cannot use {base} for drafts: {exc.strerror or exc}") from None
    # /dev/shm is shared by every user: a folder someone else made (or a link) is not ours to write drafts into
    if not base.is_dir() or base.is_symlink() or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise StoreError(f"{base} is not an owner-only folder of yours; remove it so learnlog can make its own")
    return base
