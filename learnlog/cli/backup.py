"""backup: the whole log as one SQLite file; restore PATH brings such a file back (restore ID… is the trash's)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import app, journal

PANEL = "Journal"


@app.command(rich_help_panel=PANEL)
def backup(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="File to write, or a folder to put a dated file in.")],
) -> None:
    """Back up the whole log to one file: entries, revisions, trash, statements, badges, findings, settings.

    A consistent copy even while another terminal writes (SQLite's online backup), checked before it is kept,
    owner-only. 'learnlog restore PATH' brings it back. For a copy you can read, use
    'learnlog export --all --format md-dir DIR'.

    \b
    Examples:
      learnlog backup ~/backups/
      learnlog backup /media/usb/learnlog-march.db
    """
    from learnlog import render, snapshot

    j = journal()
    snap = snapshot.backup(j.conn, j.path, path)
    size = f"{snap.size / 1024 / 1024:.1f} MB" if snap.size >= 1024 * 1024 else f"{snap.size // 1024} KB"
    trash = f" ({snap.trashed} in the trash)" if snap.trashed else ""
    render.note(f"Backed up {snap.entries} entries{trash} and {snap.statements} statements to {snap.path} ({size}).")
    render.note("It holds your unredacted text: keep it somewhere only you can read.")


def restore_snapshot(path: Path, replace: bool) -> None:
    """`learnlog restore PATH [--replace]`: the command that takes ids restores from the trash and calls this
    for a path (see cli.entries.restore)."""
    from learnlog import render, snapshot

    src = snapshot.check_backup(path)
    try:
        j = journal()
        kept = snapshot.restore(src, path, j.conn, j.path, replace)
    finally:
        src.close()
    entries = j.conn.execute("SELECT count(*) FROM entry WHERE deleted_at IS NULL").fetchone()[0]
    render.note(f"Restored {entries} entries and everything else in {path} into {j.path}.")
    if kept:
        render.note(f"The log it replaced is kept at {kept} ('learnlog restore {kept} --replace' undoes this).")
