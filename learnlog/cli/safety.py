"""Safety commands: encrypt, decrypt, passphrase, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import output
from learnlog.cli.app import JsonOpt, app, db_path, journal

PANEL = "Safety"


@app.command(rich_help_panel=PANEL)
def encrypt(
    remember: Annotated[
        bool, typer.Option("--remember", help="Keep the derived key in your OS keyring: no prompt, no delay.")
    ] = False,
) -> None:
    """Encrypt the log with a passphrase (SQLCipher), so a copied file is unreadable.

    The passphrase comes from $LEARNLOG_PASSPHRASE, else you type it twice. Afterwards every command needs it:
    $LEARNLOG_PASSPHRASE, the keyring (--remember), or a prompt. Nothing can recover a lost passphrase.

    \b
    Example:
      learnlog encrypt --remember
    """
    from learnlog import passphrase, render

    j = journal()
    j.check_sound()  # creates (or migrates) a new log first, so there is something to encrypt
    old_drafts = _drafts(j.path)
    j.close()
    passphrase.encrypt_log(j.path, remember_key=remember)
    render.note(f"Encrypted {j.path}. Keep the passphrase safe: nothing can recover the log without it.")
    if remember:
        render.note("The key is in your OS keyring: learnlog opens the log without asking.")
    if old_drafts:
        render.note(
            f"[yellow]Warning:[/] {len(old_drafts)} draft(s) in {old_drafts[0].parent} are plain text; "
            "delete them once you have saved what you need."
        )


def _drafts(db: Path) -> list[Path]:
    folder = db.parent / "recovery"
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


@app.command(rich_help_panel=PANEL)
def decrypt() -> None:
    """Turn an encrypted log back into a plain SQLite file (and forget a key kept in the keyring).

    \b
    Example:
      learnlog decrypt
    """
    from learnlog import passphrase, render

    path = db_path()
    forgot = passphrase.decrypt_log(path)
    render.note(
        f"Decrypted {path}: it is a plain SQLite file again." + (" Key removed from the keyring." if forgot else "")
    )


@app.command(name="passphrase", rich_help_panel=PANEL)
def change_passphrase() -> None:
    """Change the passphrase of an encrypted log (PRAGMA rekey).

    The current one comes from $LEARNLOG_PASSPHRASE, the keyring or a prompt; the new one from
    $LEARNLOG_NEW_PASSPHRASE, else you type it twice. A key kept in the keyring is replaced.

    \b
    Example:
      learnlog passphrase
    """
    from learnlog import passphrase, render

    path = db_path()
    updated = passphrase.change_log_passphrase(path)
    render.note(f"Passphrase changed for {path}." + (" The keyring holds the new key." if updated else ""))


@app.command(rich_help_panel=PANEL)
def doctor(
    salvage: Annotated[
        Path | None,
        typer.Option("--salvage", metavar="DIR", help="Write every readable entry to DIR as markdown files."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Check the log for damage (SQLite's integrity_check) and say what to do.

    Exit 0 when sound, 1 when damaged. --salvage DIR saves every entry that can still be read, one markdown
    file each, as 'learnlog import DIR' reads them back.

    \b
    Examples:
      learnlog doctor
      learnlog doctor --salvage ~/learnlog-rescue
    """
    from learnlog.integrity import recover_command

    j = journal()
    report = j.diagnose()
    saved = _salvage(j, salvage) if salvage else None
    recover = None if report.sound else recover_command(j.path, report.sqlite3_tool)
    info = {
        "database": str(j.path),
        "encrypted": report.encrypted,
        "size_bytes": report.size,
        "sound": report.sound,
        "problems": report.problems,
        "damaged": report.damaged,
        "tables": {t.name: {"rows_read": t.rows, "error": t.error or None} for t in report.tables},
        "recover_command": recover,
    }
    if saved is not None:
        info["salvaged"] = {
            "folder": str(salvage),
            "written": len(saved.written),
            "from_revision": saved.from_revision,
            "lost": saved.lost,
        }
    if json_out:
        output.print_json(info)
    else:
        _print_report(info, report)
    if not report.sound:
        raise typer.Exit(1)


def _salvage(j, folder: Path):
    from learnlog import render
    from learnlog.cli.app import write_atomic
    from learnlog.errors import Refused

    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise Refused(f"{folder} is not a folder; name a new folder to salvage into")
    if folder.exists() and any(folder.iterdir()):
        raise Refused(f"{folder} is not empty; salvage into a new folder so nothing is overwritten")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise Refused(f"cannot create {folder}: {exc.strerror or exc}") from None
    if j.encrypted:
        render.note(f"[yellow]Warning:[/] the salvaged entries in {folder} are plain text.")
    return j.salvage(folder, lambda p, text: write_atomic(p, text, overwrite=False, durable=False))


def _print_report(info: dict, report) -> None:
    from learnlog import render

    out = render.out()
    size = f"{info['size_bytes'] / 2**20:.1f} MiB"
    out.print(f"Database:  {info['database']} ({size}, {'encrypted' if info['encrypted'] else 'not encrypted'})")
    if report.sound:
        out.print("Integrity: ok (SQLite integrity_check passed; every table reads through)")
    else:
        out.print(f"Integrity: DAMAGED — {len(report.problems)} problem(s) found by SQLite")
        for line in report.problems[:5]:
            out.print(f"  {render.escape(line)}")
        if report.damaged:
            out.print("Damaged:   " + ", ".join(report.damaged))
        for t in report.tables:
            if t.error:
                out.print(f"  {t.name}: {t.rows} rows read before: {render.escape(t.error)}")
        out.print("\nWhat to do (your log file is left as it is):")
        out.print("  1. learnlog doctor --salvage NEW_FOLDER   saves every readable entry as markdown")
        if info["recover_command"]:
            out.print(f"  2. {info['recover_command']}")
            out.print("     SQLite's own recovery of every readable page into a new database file")
        out.print("  Then start a new log from the rescue: learnlog --db NEW.db import NEW_FOLDER")
    if "salvaged" in info:
        s = info["salvaged"]
        out.print(f"\nSalvaged {s['written']} entries into {s['folder']}.")
        if s["from_revision"]:
            out.print(f"  From their newest revision (the row itself was unreadable): {s['from_revision']}")
        if s["lost"]:
            out.print(f"  Not readable anywhere: {s['lost']}")
