"""A pickle cache for data that is slow to build from files shipped with learnlog (parsed frameworks, the
scanner's word lists): built once, then loaded in a few milliseconds by every later command.

The key covers learnlog's version and each source file's name, size and modification time, so an upgrade or
an edited file simply builds a new entry. The cache folder holds nothing that cannot be rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _path(name: str, sources: list[Path]) -> Path | None:
    from learnlog import __version__
    from learnlog.config import cache_dir

    try:
        stats = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sources]
    except OSError:
        return None
    key = hashlib.sha256(repr((__version__, stats)).encode()).hexdigest()[:16]
    return cache_dir() / f"{name}-{key}.pickle"


def cached(name: str, sources: list[Path], build: Callable[[], T], check: Callable[[object], bool]) -> T:
    """`build()`, or its result from an earlier run if the sources have not changed since."""
    target = _path(name, sources)
    if target is not None:
        try:
            with open(target, "rb") as fh:
                data = pickle.load(fh)  # noqa: S301 (our own file, in the user's own cache folder)
            if check(data):
                return data
        except Exception:  # noqa: BLE001  (missing, stale or unreadable: build it again)
            pass
    data = build()
    if target is not None:
        _write(target, data)
    return data


def _write(target: Path, data: object) -> None:
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except Exception:  # noqa: BLE001  (a cache is an optimisation: a read-only home must not stop learnlog)
        if tmp:
            Path(tmp).unlink(missing_ok=True)
