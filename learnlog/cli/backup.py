"""backup: the whole log as one SQLite file (`restore PATH`, in cli.entries beside the trash's `restore ID`, brings it back)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from learnlog.cli.app import app, journal, path_arg

PANEL = "Journal"


@app.command(rich_help_panel=PANEL)
def backup(
    path: Annotated[str, typer.Argument(metavar="PATH", help="File to write, or a folder to put a dated file in.")],
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

    dest = path_arg(path)
    j = journal()
    snap = snapshot.backup_log(j, dest, folder=path.endswith(("/", os.sep)))
    size = f"{snap.size / 1024 / 1024:.1f} MB" if snap.size >= 1024 * 1024 else f"{snap.size // 1024} KB"
    trash = f" ({snap.trashed} in the trash)" if snap.trashed else ""
    render.note(f"Backed up {snap.entries} entries{trash} and {snap.statements} statements to {snap.path} ({size}).")
    render.note("It holds your unredacted text: keep it somewhere only you can read.")
