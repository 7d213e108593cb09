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
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its import on every read command.
        return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / APP
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable files only (the parsed frameworks); safe to delete at any time."""
    env = os.environ.get("LEARNLOG_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def frameworks_dir() -> Path:
    """User framework files (*.toml) live here, beside the shipped ones."""
    return config_dir() / "frameworks"


def recovery_dir(db: Path) -> Path:
    """Drafts that could not be saved are kept next to the database, so a backup of that folder keeps them."""
    return db.parent / "recovery"
