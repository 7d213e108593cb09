"""Journal commands: add, edit, list, show, search, history, delete, restore, purge, where."""

from __future__ import annotations

import math
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import app, journal, state
from learnlog.errors import InputError, LearnlogError, UsageError

PANEL = "Journal"

DateOpt = Annotated[str | None, typer.Option("--date", "-d", help="Day of the practice: YYYY-MM-DD, today, yesterday.")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", "-t", help="A tag (repeat for more).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def read_stdin() -> str | None:
    """Text piped in, decoded strictly; None when nothing was piped."""
    if sys.stdin is None or sys.stdin.isatty():
        return None
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    if not data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text on standard input is not valid UTF-8 (byte {data[exc.start]:#04x} at position {exc.start}); "
            "nothing was saved"
        ) from None
    return text[:-1] if text.endswith("\n") else text


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not valid UTF-8 text (position {exc.start})") from None


def _recovery() -> Path:
    from learnlog.config import db_path, recovery_dir

    return recovery_dir(db_path(state.db))


def validate_links(j, criteria: dict[str, str], resources: list[str]) -> None:
    from learnlog.cli.criteria import check_criteria, target_badge

    if not criteria and not resources:
        return
    badge = target_badge(j)
    check_criteria(badge, list(criteria))
    rids = [r.id for r in badge.resources]
    bad = [r for r in resources if r not in rids]
    if bad:
        raise UsageError(f"unknown resource {', '.join(bad)}; see 'learnlog resources' (valid: {', '.join(rids)})")


@contextmanager
def keeping(draft):
    """When saving fails after an editor session, say where the typed words are (the draft is never deleted)."""
    try:
        yield
    except LearnlogError as exc:
        if draft is None or str(draft.path) in str(exc):
            raise
        raise type(exc)(f"{exc}; your text is kept at {draft.path}") from None


def _editor_round_trip(initial: str, label: str, template: str, defaults):
    """Edit `initial` in $EDITOR; returns (entry, draft). Any failure keeps the draft and names it."""
    from learnlog import editor, entryfile

    draft = editor.new_draft(_recovery(), initial, label)
    saved = editor.run_editor(draft)
    if saved == initial and defaults.id is not None:
        draft.discard()
        return None, None
    try:
        parsed = entryfile.parse(saved, where="the draft")
    except InputError as exc:
        raise InputError(f"{exc}; nothing was saved and your draft is kept at {draft.path}") from None
    entry = entryfile.to_entry(parsed, defaults)
    if editor.is_blank(entry.body, template):
        draft.discard()
        raise InputError("the entry is empty, so nothing was saved")
    return entry, draft


@app.command(rich_help_panel=PANEL)
def add(
    text: Annotated[str | None, typer.Argument(help="The entry text. Omit to read stdin or open $EDITOR.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title (default: the first line).")] = None,
    date: DateOpt = None,
    tag: TagOpt = None,
    hours: Annotated[float | None, typer.Option("--hours", min=0, help="CPD hours this learning took.")] = None,
    criterion: Annotated[
        list[str] | None,
        typer.Option("--criterion", "-c", help="Criterion id it evidences, e.g. c1 (repeat)."),
    ] = None,
    resource: Annotated[list[str] | None, typer.Option("--resource", help="Resource id it draws on (repeat).")] = None,
    template: Annotated[str, typer.Option("--template", help="Editor template: rolfe, gibbs or plain.")] = "rolfe",
    final: Annotated[bool, typer.Option("--final", help="Mark the entry final rather than draft.")] = False,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the entry (with frontmatter) from a file.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Write a new entry: from TEXT, from a pipe, from --file, or in your editor.

    \b
    Examples:
      learnlog add "Co-chaired the carers' forum; we changed the agenda together." -t forum -c c5
      echo "Reflection on today's review" | learnlog add --date yesterday --hours 1.5
      learnlog add --template gibbs        # opens $VISUAL / $EDITOR with a Gibbs template
    """
    from learnlog import dates, editor, entryfile, render
    from learnlog.records import Entry

    if template not in editor.TEMPLATES:
        raise UsageError(f"unknown template {template!r}; choose rolfe, gibbs or plain")
    if hours is not None and not math.isfinite(hours):
        raise UsageError("--hours must be a number of hours such as 1.5")
    j = journal()
    base = Entry(
        id=None,
        date=dates.parse_date(date) if date else dates.today(),
        body="",
        title=title or "",
        tags=list(tag or []),
        hours=hours,
        status="final" if final else "draft",
        criteria={c: "manual" for c in criterion or []},
        resources=list(resource or []),
    )
    draft = None
    if file is not None:
        parsed = entryfile.parse(read_text_file(file), where=str(file))
        entry = entryfile.to_entry(parsed, base)
    else:
        body = text if text is not None else read_stdin()
        if body is None:
            initial = entryfile.dump(replace(base, body=editor.TEMPLATES[template]), with_timestamps=False)
            entry, draft = _editor_round_trip(initial, "new-entry", editor.TEMPLATES[template], base)
        else:
            entry = replace(base, body=body)
    if not entry.body.strip():
        raise InputError("the entry is empty, so nothing was saved")
    validate_links(j, entry.criteria, entry.resources)
    with keeping(draft):
        saved = j.add(entry)
    if draft:
        draft.discard()
    if json_out:
        render.print_json(entry_json(saved))
        return
    open_findings = len(j.findings(entry_ids=[saved.id]))
    render.note(f"Added entry [bold]{saved.id}[/] ({saved.words} words, {saved.date.isoformat()}).")
    if open_findings:
        render.note(
            f"[yellow]{open_findings} possible confidential item(s)[/]: review with 'learnlog scan {saved.id}'."
        )


@app.command(rich_help_panel=PANEL)
def edit(
    entry_id: Annotated[int, typer.Argument(metavar="ID", help="Entry id (see learnlog list).")],
) -> None:
    """Edit an entry (frontmatter and text) in $VISUAL / $EDITOR; the old version is kept as a revision.

    \b
    Example:
      learnlog edit 12
    """
    from learnlog import entryfile, render

    j = journal()
    entry = j.get(entry_id)
    initial = entryfile.dump(entry, with_timestamps=False)
    new, draft = _editor_round_trip(initial, f"entry-{entry_id}", "", entry)
    if new is None:
        render.note(f"No changes to entry {entry_id}.")
        return
    validate_links(j, new.criteria, new.resources)
    with keeping(draft):
        saved = j.update(new, expected_version=entry.version, draft_file=draft.path, base_criteria=entry.criteria)
    draft.discard()
    render.note(f"Saved entry [bold]{saved.id}[/] (version {saved.version}, {saved.words} words).")


def entry_json(e) -> dict:
    from learnlog.entryfile import derive_title

    return {
        "id": e.id,
        "date": e.date.isoformat(),
        "title": e.title or derive_title(e.body),
        "body": e.body,
        "tags": e.tags,
        "hours": e.hours,
        "status": e.status,
        "words": e.words,
        "criteria": e.criteria,
        "resources": e.resources,
        "created": e.created.isoformat() if e.created else None,
        "updated": e.updated.isoformat() if e.updated else None,
        "version": e.version,
    }


@app.command("list", rich_help_panel=PANEL)
def list_(
    since: Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD, today, yesterday).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this day.")] = None,
    tag: TagOpt = None,
    criterion: Annotated[str | None, typer.Option("--criterion", "-c", help="Only entries linked to it.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="How many (0 = all).")] = 20,
    trash: Annotated[bool, typer.Option("--trash", help="List the trash instead.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List entries, newest first.

    \b
    Examples:
      learnlog list -n 5
      learnlog list --since 2026-01-01 --tag supervision --json
    """
    from learnlog import dates, render
    from learnlog.entryfile import derive_title
    from learnlog.records import normalise_tags

    j = journal()
    entries = j.list(
        since=dates.parse_date(since) if since else None,
        until=dates.parse_date(until) if until else None,
        tags=normalise_tags(tag or []),
        criterion=criterion,
        limit=limit or None,
        trash=trash,
    )
    if json_out:
        render.print_json([entry_json(e) for e in entries])
        return
    if not entries:
        render.note("No entries in the trash." if trash else 'No entries yet. Start with: learnlog add "…"')
        return
    t = render.table("id", "date", "title", "words", "tags", "criteria")
    t.columns[0].justify = t.columns[3].justify = "right"
    t.columns[1].no_wrap = True
    # One line per entry, like jrnl -n: the title is cut with an ellipsis rather than wrapped.
    t.columns[2].no_wrap, t.columns[2].overflow, t.columns[2].max_width = (
        True,
        "ellipsis",
        max(20, render.out().width - 52),
    )
    t.columns[3].min_width, t.columns[4].min_width, t.columns[5].min_width = 5, 6, 8
    for e in entries:
        t.add_row(
            str(e.id),
            e.date.isoformat(),
            render.escape(e.title or derive_title(e.body)),
            str(e.words),
            " ".join(e.tags),
            " ".join(c if s == "manual" else f"{c}~" for c, s in e.criteria.items()),
        )
    render.out().print(t)


@app.command(rich_help_panel=PANEL)
def show(
    entry_id: Annotated[int, typer.Argument(metavar="ID")],
    raw: Annotated[bool, typer.Option("--raw", help="Markdown with frontmatter, exactly as stored.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Show one entry rendered as markdown.

    \b
    Examples:
      learnlog show 12
      learnlog show 12 --raw > entry-12.md
    """
    from learnlog import entryfile, render

    entry = journal().get(entry_id)
    if raw:
        sys.stdout.write(entryfile.dump(entry))
        return
    if json_out:
        render.print_json(entry_json(entry))
        return
    from rich.markdown import Markdown
    from rich.panel import Panel

    meta = f"{entry.date.isoformat()} · {entry.words} words · {entry.status}"
    if entry.hours is not None:
        meta += f" · {entry.hours:g} h"
    if entry.tags:
        meta += " · " + " ".join(f"#{t}" for t in entry.tags)
    if entry.criteria:
        meta += " · criteria " + " ".join(c if s == "manual" else f"{c}~" for c, s in entry.criteria.items())
    title = entry.title or entryfile.derive_title(entry.body)
    render.out().print(Panel(Markdown(entry.body), title=f"[bold]{entry.id}. {render.escape(title)}", subtitle=meta))


@app.command(rich_help_panel=PANEL)
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must match); end a word with * for prefixes.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    json_out: JsonOpt = False,
) -> None:
    """Full-text search, best matches first, with highlighted snippets.

    \b
    Examples:
      learnlog search "direct payments"
      learnlog search co-produc* --json
    """
    from learnlog import render
    from learnlog.entryfile import derive_title
    from learnlog.records import HL_END, HL_START

    hits = journal().search(query, limit)
    if json_out:
        render.print_json(
            [
                {
                    **entry_json(h.entry),
                    "snippet": h.snippet.replace(HL_START, "[").replace(HL_END, "]"),
                    "rank": h.rank,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        render.note(f"No entries match {query!r}.")
        return
    for h in hits:
        snippet = render.escape(h.snippet.replace("\n", " ")).replace(HL_START, "[bold yellow]").replace(HL_END, "[/]")
        title = render.escape(h.entry.title or derive_title(h.entry.body))
        render.out().print(f"[bold cyan]{h.entry.id}[/] {h.entry.date.isoformat()} [bold]{title}[/]\n   {snippet}")


@app.command(rich_help_panel=PANEL)
def history(
    entry_id: Annotated[int, typer.Argument(metavar="ID")],
    revision: Annotated[int | None, typer.Option("--revision", "-r", help="Print this revision as markdown.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Earlier versions of an entry, with dates and word counts.

    \b
    Examples:
      learnlog history 12
      learnlog history 12 --revision 40 > old.md
    """
    from learnlog import entryfile, render
    from learnlog.errors import NotFound

    j = journal()
    revs = j.history(entry_id)
    if revision is not None:
        match = [r for r in revs if r.id == revision]
        if not match:
            raise NotFound(f"entry {entry_id} has no revision {revision}; see: learnlog history {entry_id}")
        sys.stdout.write(entryfile.dump(match[0].entry, with_id=False, with_timestamps=False))
        return
    if json_out:
        render.print_json(
            [
                {
                    "revision": r.id,
                    "version": r.version,
                    "saved": r.saved_at.isoformat(),
                    "reason": r.reason,
                    "words": r.entry.words,
                    "title": r.entry.title or entryfile.derive_title(r.entry.body),
                }
                for r in revs
            ]
        )
        return
    if not revs:
        render.note(f"Entry {entry_id} has not been edited yet.")
        return
    t = render.table("revision", "version", "saved (UTC)", "reason", "words", "title")
    for r in revs:
        t.add_row(
            str(r.id),
            str(r.version),
            r.saved_at.strftime("%Y-%m-%d %H:%M"),
            r.reason,
            str(r.entry.words),
            render.escape(r.entry.title or entryfile.derive_title(r.entry.body)),
        )
    render.out().print(t)


@app.command(rich_help_panel=PANEL)
def delete(entry_ids: Annotated[list[int], typer.Argument(metavar="ID...")]) -> None:
    """Move entries to the trash (learnlog restore brings them back).

    \b
    Example:
      learnlog delete 12 13
    """
    from learnlog import render

    j = journal()
    for i in entry_ids:
        j.delete(i)
        render.note(f"Entry {i} moved to the trash; 'learnlog restore {i}' brings it back.")


@app.command(rich_help_panel=PANEL)
def restore(entry_ids: Annotated[list[int], typer.Argument(metavar="ID...")]) -> None:
    """Bring entries back from the trash.

    \b
    Example:
      learnlog restore 12
    """
    from learnlog import render

    j = journal()
    for i in entry_ids:
        j.restore(i)
        render.note(f"Entry {i} restored.")


@app.command(rich_help_panel=PANEL)
def purge(
    entry_ids: Annotated[
        list[int] | None, typer.Argument(metavar="[ID...]", help="Trashed ids (default: all).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete trashed entries for good, with their revisions and findings. Asks first.

    \b
    Example:
      learnlog purge 12 --yes
    """
    from learnlog import render

    j = journal()
    targets = j.list(trash=True, ids=entry_ids or None)
    if entry_ids:
        missing = set(entry_ids) - {e.id for e in targets}
        if missing:
            raise UsageError(f"not in the trash: {', '.join(map(str, sorted(missing)))} (delete them first)")
    if not targets:
        render.note("The trash is empty.")
        return
    if not yes and not typer.confirm(f"Delete {len(targets)} entr{'y' if len(targets) == 1 else 'ies'} for good?"):
        raise typer.Exit(1)
    n = j.purge([e.id for e in targets])
    render.note(f"Purged {n} entr{'y' if n == 1 else 'ies'}.")


@app.command(rich_help_panel=PANEL)
def where(json_out: JsonOpt = False) -> None:
    """Where your data lives, and how to back it up.

    \b
    Example:
      learnlog where
    """
    from learnlog import config, render

    db = config.db_path(state.db)
    from learnlog.encryption import file_kind

    try:
        encrypted = file_kind(db) == "encrypted"
    except LearnlogError:
        encrypted = False
    info = {
        "database": str(db),
        "exists": db.exists(),
        "encrypted": encrypted,
        "size_bytes": db.stat().st_size if db.exists() else 0,
        "recovery_drafts": str(config.recovery_dir(db)),
        "frameworks_dir": str(config.frameworks_dir()),
    }
    if json_out:
        render.print_json(info)
        return
    render.out().print(
        f"Database:        {info['database']}{' (encrypted)' if encrypted else ''}\n"
        f"Draft recovery:  {info['recovery_drafts']}{' (memory only: lost at reboot)' if encrypted else ''}\n"
        f"Your frameworks: {info['frameworks_dir']}\n\n"
        "Back up: learnlog export --all --format md-dir BACKUP_FOLDER  (or copy the database while learnlog is idle)"
    )
