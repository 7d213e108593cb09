"""Finding your way around the log: list, search, tags, where."""

from __future__ import annotations

from typing import Annotated

import typer

from learnlog.cli import complete, output
from learnlog.cli.app import JsonOpt, app, db_path, journal, limit_option, log_is_encrypted, parse_day, split_commas
from learnlog.records import HL_END, HL_START, normalise_tags

PANEL = "Journal"


def _filters(since, until, tags, criterion, trash) -> str:
    """The filters a listing used, as the user typed them, for 'No entries match …'."""
    parts = [f"--since {since}" if since else "", f"--until {until}" if until else ""]
    parts += [f"--tag {t}" for t in tags] + ([f"--criterion {criterion}"] if criterion else [])
    parts += ["--trash"] if trash else []
    return " ".join(p for p in parts if p)


@app.command("list", rich_help_panel=PANEL)
def list_(
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="From this day (YYYY-MM-DD, today, yesterday).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="Up to this day.")] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only entries with this tag (repeat or use commas)."),
    ] = None,
    criterion: Annotated[
        str | None,
        typer.Option(
            "--criterion", "-c", metavar="ID", help="Only entries linked to it.", autocompletion=complete.criteria
        ),
    ] = None,
    limit: Annotated[int | None, limit_option("How many (0 = all; default 20, or all with --json).")] = None,
    trash: Annotated[bool, typer.Option("--trash", help="List the trash instead.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List entries, newest first.

    \b
    Examples:
      learnlog list -n 5
      learnlog list --since 2026-01-01 --tag supervision --json
    """
    from learnlog import render
    from learnlog.entryfile import derive_title

    tags = normalise_tags(split_commas(tag))
    j = journal()
    if limit is None:  # a script reading --json gets the whole log unless it asks for fewer
        limit = 0 if json_out else 20
    entries = j.list(
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        tags=tags,
        criterion=criterion,
        limit=limit + 1 if limit else None,  # one more than shown says whether the list was cut
        trash=trash,
    )
    more = bool(limit) and len(entries) > limit
    entries = entries[:limit] if limit else entries
    if json_out:
        output.print_json([output.entry(e) for e in entries])
        if more:
            render.note(f"Only the newest {limit} matching entries; use -n 0 for all.")
        return
    if not entries:
        used = _filters(since, until, tags, criterion, False)
        if used:
            render.note(f"No entries match {used}" + (" in the trash." if trash else "."))
        elif trash:
            render.note("No entries in the trash.")
        elif j.count():
            render.note("No entries match.")
        else:
            render.note('No entries yet. Start with: learnlog add "…"')
        return
    render.out().print(_entry_table(render, entries, derive_title))
    if more:
        render.note(f"The newest {limit} shown; more match: learnlog list -n 0 for all, or -n N.")


def _entry_table(render, entries, derive_title):
    """One line per entry, like jrnl -n. The id and date are never shortened; criteria, tags and title share
    what is left (tags up to half of it, so they are not cut while a title has room to spare), each cut with an
    ellipsis rather than wrapped, and the frame always fits the terminal."""
    width = render.out().width
    id_w = max(2, max(len(str(e.id)) for e in entries))
    room = width - id_w - 10 - 5 - 3 * 6 - 1  # after id, date, words, borders and padding
    if room < 18:  # too narrow for six columns: the frame must still fit, so tags and criteria go
        return _narrow_table(render, entries, derive_title, id_w, max(5, room + 6))
    t = render.table("id", "date", "title", "words", "tags", "criteria", expand=False)
    tags = [" ".join(e.tags) for e in entries]
    crit = [" ".join(c if s == "manual" else f"{c}~" for c, s in e.criteria.items()) for e in entries]
    crit_w = min(max(max(map(len, crit), default=0), 8), max(4, room // 4))
    tags_w = min(max(max(map(len, tags), default=0), 4), max(4, (room - crit_w) // 2))
    title_w = max(5, room - crit_w - tags_w)
    for col in t.columns:
        col.no_wrap, col.overflow = True, "ellipsis"
    t.columns[0].justify = t.columns[3].justify = "right"
    t.columns[0].min_width, t.columns[1].min_width, t.columns[3].min_width = id_w, 10, 5
    t.columns[2].max_width, t.columns[4].max_width, t.columns[5].max_width = title_w, tags_w, crit_w
    for e, tg, cr in zip(entries, tags, crit, strict=True):
        t.add_row(str(e.id), e.date.isoformat(), render.escape(e.title or derive_title(e.body)), str(e.words), tg, cr)
    return t


def _narrow_table(render, entries, derive_title, id_w: int, title_w: int):
    t = render.table("id", "date", "title", "words", expand=False)
    for col in t.columns:
        col.no_wrap, col.overflow = True, "ellipsis"
    t.columns[0].justify = t.columns[3].justify = "right"
    t.columns[0].min_width, t.columns[1].min_width, t.columns[3].min_width = id_w, 10, 5
    t.columns[2].max_width = title_w
    for e in entries:
        t.add_row(str(e.id), e.date.isoformat(), render.escape(e.title or derive_title(e.body)), str(e.words))
    return t


@app.command(rich_help_panel=PANEL)
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must match); end a word with * for prefixes.")],
    limit: Annotated[int, limit_option("How many matches at most.", minimum=1)] = 20,
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

    hits = journal().search(query, limit)
    if json_out:
        output.print_json([output.hit(h) for h in hits])
        return
    if not hits:
        render.note(f"No entries match {query!r}.")
        return
    for h in hits:
        snippet = _highlighted(render, h.snippet.replace("\n", " "))
        title = render.escape(h.entry.title or derive_title(h.entry.body))
        render.out().print(f"[bold cyan]{h.entry.id}[/] {h.entry.date.isoformat()} [bold]{title}[/]\n   {snippet}")


def _highlighted(render, snippet: str) -> str:
    """Markup for a snippet whose matched words sit between HL_START and HL_END.

    The user's text is escaped piece by piece: escaping the whole snippet first would turn the markers
    (control characters) into U+FFFD before they could become markup."""
    pieces = []
    for i, part in enumerate(snippet.split(HL_START)):
        matched, _, rest = part.partition(HL_END) if i else ("", "", part)
        if matched:
            pieces.append(f"[bold yellow]{render.escape(matched)}[/]")
        pieces.append(render.escape(rest))
    return "".join(pieces)


@app.command(rich_help_panel=PANEL)
def tags(json_out: JsonOpt = False) -> None:
    """Every tag in the log with how many entries carry it, most used first.

    \b
    Example:
      learnlog tags
    """
    from learnlog import render

    counts = journal().tags()
    if json_out:
        output.print_json([{"tag": t, "entries": n} for t, n in counts])
        return
    if not counts:
        render.note('No tags yet; add some with: learnlog add "…" -t supervision')
        return
    t = render.table("tag", "entries")
    t.columns[1].justify = "right"
    for tag, n in counts:
        t.add_row(render.escape(tag), str(n))
    render.out().print(t)


@app.command(rich_help_panel=PANEL)
def where(json_out: JsonOpt = False) -> None:
    """Where your data lives, and how to back it up.

    \b
    Example:
      learnlog where
    """
    from learnlog import config, render

    db = db_path()
    encrypted = log_is_encrypted()
    info = {
        "database": str(db),
        "exists": db.exists(),
        "encrypted": encrypted,
        "size_bytes": db.stat().st_size if db.exists() else 0,
        "recovery_drafts": str(config.recovery_dir(db, encrypted=encrypted)),
        "frameworks_dir": str(config.frameworks_dir()),
    }
    if json_out:
        output.print_json(info)
        return
    render.out().print(
        f"Database:        {info['database']}{' (encrypted)' if encrypted else ''}\n"
        f"Draft recovery:  {info['recovery_drafts']}{' (memory only: lost at reboot)' if encrypted else ''}\n"
        f"Your frameworks: {info['frameworks_dir']}\n\n"
        "Back up: learnlog export --all --format md-dir BACKUP_FOLDER  (or copy the database while learnlog is idle)"
        + ("\n  (md-dir files are plain text: keep them somewhere as safe as the passphrase)" if encrypted else "")
    )
