"""Values for shell completion: option choices, criteria, badges and entry ids.

Completion runs a whole learnlog process per TAB press, so each function does one cheap thing (an indexed query
for ids, the cached framework files for criteria) and never raises: a broken log completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps


def _quiet(fn: Callable[..., list]) -> Callable[..., list]:
    @wraps(fn)
    def run(ctx, incomplete: str) -> list:
        try:
            return fn(ctx, incomplete)
        except Exception:  # noqa: BLE001 - a completion must never print a traceback into the shell
            return []

    return run


def _journal(ctx):
    """The log named by --db on the line being completed (the root callback does not run while completing)."""
    from learnlog.config import db_path
    from learnlog.store.journal import Journal

    return Journal(db_path(ctx.find_root().params.get("db")))


def _badge(ctx):
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import get_badge

    j = _journal(ctx)
    try:
        return get_badge(j.target_badge, frameworks_dir())
    finally:
        j.close()


@_quiet
def templates(ctx, incomplete: str) -> list[str]:
    from learnlog.templates import names  # file names only: completion reads no template

    return [t for t in names() if t.startswith(incomplete)]


@_quiet
def formats(ctx, incomplete: str) -> list[tuple[str, str]]:
    from learnlog.exporters import FORMATS

    names = [(f.name, f.description) for f in FORMATS.values()] + [("md-dir", "every entry as a markdown file")]
    return [(n, d) for n, d in names if n.startswith(incomplete)]


@_quiet
def criteria(ctx, incomplete: str) -> list[tuple[str, str]]:
    return [(c.id, c.label) for c in _badge(ctx).criteria if c.id.startswith(incomplete)]


@_quiet
def badges(ctx, incomplete: str) -> list[tuple[str, str]]:
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import load

    found, _ = load(frameworks_dir())
    return [(b.id, b.title) for f in found for b in f.badges if b.id.startswith(incomplete)]


@_quiet
def entry_ids(ctx, incomplete: str) -> list[tuple[str, str]]:
    j = _journal(ctx)
    try:
        return [(str(i), title[:60]) for i, title in j.recent_ids() if str(i).startswith(incomplete)]
    finally:
        j.close()
