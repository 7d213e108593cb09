"""One entry at a time: add, edit, show, history, and the trash (delete, restore, purge)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import complete, output
from learnlog.cli.app import (
    ENTRY_ID,
    DateOpt,
    EntryId,
    EntryIds,
    Hours,
    JsonOpt,
    WholeNumber,
    app,
    journal,
    need_terminal,
    parse_day,
    parse_ids,
    path_arg,
    read_stdin,
    read_text_file,
    recovery_dir,
    split_commas,
)
from learnlog.cli.badge_choice import check_links
from learnlog.errors import InputError, LearnlogError, NotFound, UsageError

PANEL = "Journal"


@contextmanager
def keeping(draft):
    """When saving fails after an editor session, say where the typed words are (the draft is never deleted)."""
    try:
        yield
    except LearnlogError as exc:
        if draft is None or str(draft.path) in str(exc):
            raise
        raise type(exc)(f"{exc}; your text is kept at {draft.path}") from None


def editor_round_trip(initial: str, label: str, template: str, defaults):
    """Edit `initial` in $EDITOR; returns (entry, draft). Any failure keeps the draft and names it."""
    from learnlog import editor, entryfile

    if defaults.id is None:
        need_terminal("learnlog add without text", 'give the text as an argument (learnlog add "…") or pipe it in')
    else:
        need_terminal(
            f"learnlog edit {defaults.id}", f"run it in a terminal (learnlog show {defaults.id} --raw reads it)"
        )
    draft = editor.new_draft(recovery_dir(), initial, label)
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
    text: Annotated[
        str | None, typer.Argument(help="The entry text. Omit it to pipe text in or open your editor.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Title (default: the first line).")
    ] = None,
    date: DateOpt = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeat it or separate with commas (-t panel,sds)."),
    ] = None,
    hours: Annotated[
        float | None,
        typer.Option("--hours", help="CPD hours this learning took, e.g. 1.5.", metavar="HOURS", click_type=Hours()),
    ] = None,
    criterion: Annotated[
        list[str] | None,
        typer.Option(
            "--criterion", "-c", metavar="ID", help="Criterion id it evidences, e.g. c1 (repeat or use commas)."
        ),
    ] = None,
    resource: Annotated[
        list[str] | None, typer.Option("--resource", metavar="ID", help="Resource id it draws on (repeat).")
    ] = None,
    template: Annotated[
        str,
        typer.Option(
            "--template",
            help="Reflection template for the editor: rolfe, gibbs, sssc (SSSC's five questions) or plain.",
            autocompletion=complete.templates,
        ),
    ] = "rolfe",
    final: Annotated[bool, typer.Option("--final", help="Mark the entry final rather than draft.")] = False,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            metavar="FILE",
            help="Read the entry from a markdown file (settings such as tags may head it).",
        ),
    ] = None,
    future: Annotated[
        bool, typer.Option("--future", help="Allow a --date after today (a plan, not a record).")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Write a new entry: from TEXT, from text piped in, from --file, or in your editor.

    \b
    Examples:
      learnlog add "Co-chaired the carers' forum; we changed the agenda together." -t forum -c c5
      echo "Reflection on today's review" | learnlog add --date yesterday --hours 1.5
      learnlog add --template gibbs        # opens $VISUAL / $EDITOR with a Gibbs template
    """
    from learnlog import dates, entryfile, render, templates
    from learnlog.records import Entry

    tpl = templates.load(template)  # an unknown name is a usage error listing the templates
    day = parse_day(date, "--date")
    if day is not None:
        day = dates.entry_date(day, future=future)  # a reflective log records what happened: 2062 is a typo
    j = journal(starts_log=True)
    base = Entry(
        id=None,
        date=day or dates.today(),
        body="",
        title=title or "",
        tags=split_commas(tag),
        hours=hours,
        status="final" if final else "draft",
        criteria={c: "manual" for c in split_commas(criterion)},
        resources=split_commas(resource),
    )
    draft = None
    if file is not None:
        parsed = entryfile.parse(read_text_file(file), where=str(file))
        entry = entryfile.to_entry(parsed, base)
    else:
        body = text if text is not None else read_stdin()
        if body is None:
            initial = entryfile.dump(replace(base, body=tpl.body), with_timestamps=False)
            if not base.title:  # a title line to fill in; left empty, the writer's first line (not "What?") shows
                initial = initial.replace("---\n", '---\ntitle: ""\n', 1)
            entry, draft = editor_round_trip(initial, "new-entry", tpl.body, base)
        else:
            entry = replace(base, body=body)
    if not entry.body.strip():
        raise InputError("the entry is empty, so nothing was saved")
    check_links(j, entry.criteria, entry.resources)
    with keeping(draft):
        saved = j.add(entry)
    if draft:
        draft.discard()
    if json_out:
        output.print_json(output.entry(saved))
        return
    open_findings = len(j.findings(entry_ids=[saved.id]))
    render.note(f"Added entry [bold]{saved.id}[/] ({saved.words} words, {saved.date.isoformat()}).")
    if open_findings:
        render.note(
            f"[yellow]{open_findings} possible confidential item(s)[/]: review with 'learnlog scan {saved.id}'."
        )


@app.command(rich_help_panel=PANEL)
def edit(entry_id: EntryId) -> None:
    """Edit an entry (its settings and text) in $VISUAL / $EDITOR; the old version is kept as a revision.

    \b
    Example:
      learnlog edit 12
    """
    from learnlog import entryfile, render

    j = journal()
    entry = j.get(entry_id)
    initial = entryfile.dump(entry, with_timestamps=False)
    new, draft = editor_round_trip(initial, f"entry-{entry_id}", "", entry)
    if new is None:
        render.note(f"No changes to entry {entry_id}.")
        return
    check_links(j, new.criteria, new.resources)
    with keeping(draft):
        saved = j.update(new, expected_version=entry.version, draft_file=draft.path, base_criteria=entry.criteria)
    draft.discard()
    render.note(f"Saved entry [bold]{saved.id}[/] (version {saved.version}, {saved.words} words).")


@app.command(rich_help_panel=PANEL)
def show(
    entry_id: EntryId,
    raw: Annotated[
        bool, typer.Option("--raw", help="Markdown with its settings block (frontmatter), exactly as stored.")
    ] = False,
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
        output.print_json(output.entry(entry))
        return
    from rich.panel import Panel

    meta = f"{entry.date.isoformat()} · {entry.words} words · {entry.status}"
    if entry.hours is not None:
        meta += f" · {entry.hours:g} h"
    if entry.tags:
        meta += " · " + " ".join(f"#{t}" for t in entry.tags)
    if entry.criteria:
        meta += " · criteria " + " ".join(c if s == "manual" else f"{c}~" for c, s in entry.criteria.items())
    title = entry.title or entryfile.derive_title(entry.body)
    render.out().print(
        Panel(
            render.markdown(entry.body),
            title=f"[bold]{entry.id}. {render.escape(title)}",
            subtitle=render.escape(meta),
        )
    )


@app.command(rich_help_panel=PANEL)
def history(
    entry_id: EntryId,
    revision: Annotated[
        int | None,
        typer.Option(
            "--revision", "-r", help="Print this revision as markdown.", click_type=WholeNumber("a revision id")
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Earlier versions of an entry, with dates and word counts.

    \b
    Examples:
      learnlog history 12
      learnlog history 12 --revision 40 > old.md
    """
    from learnlog import entryfile, render

    j = journal()
    revs = j.history(entry_id)
    if revision is not None:
        match = [r for r in revs if r.id == revision]
        if not match:
            raise NotFound(f"entry {entry_id} has no revision {revision}; see: learnlog history {entry_id}")
        sys.stdout.write(entryfile.dump(match[0].entry, with_id=False, with_timestamps=False))
        return
    if json_out:
        output.print_json([output.revision(r) for r in revs])
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
def delete(entry_ids: EntryIds) -> None:
    """Move entries to the trash (learnlog restore brings them back).

    \b
    Example:
      learnlog delete 12 13
    """
    from learnlog import render

    j = journal()
    j.require(entry_ids)
    j.delete(entry_ids)
    for i in dict.fromkeys(entry_ids):
        render.note(f"Entry {i} moved to the trash; 'learnlog restore {i}' brings it back.")


@app.command(rich_help_panel=PANEL)
def restore(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...|PATH",
            help="Entry ids from the trash, or a file written by 'learnlog backup'.",
            autocompletion=complete.entry_ids,
        ),
    ],
    replace_log: Annotated[
        bool,
        typer.Option(
            "--replace", help="Restore a backup over a log that has entries (a snapshot of it is kept first)."
        ),
    ] = False,
) -> None:
    """Bring entries back from the trash, or the whole log back from a backup file.

    A backup goes into an empty log (e.g. --db NEW_FILE); over a log that has entries only with --replace,
    which first keeps a snapshot of it next to the database and names it.

    \b
    Examples:
      learnlog restore 12
      learnlog --db ~/new.db restore ~/backups/learnlog-20260314-090000.db
      learnlog restore ~/backups/learnlog-20260314-090000.db --replace
    """
    from learnlog import render

    if not all(t.replace(",", " ").replace(" ", "").isdigit() for t in targets):
        if len(targets) != 1:
            raise UsageError("restore takes entry ids, or one backup file (learnlog restore PATH)")
        from learnlog import snapshot

        path = path_arg(targets[0])
        j = journal(starts_log=True)
        kept = snapshot.restore_file(path, j, replace_log)
        entries = j.count()
        render.note(f"Restored the log in {path} ({entries} entries, and everything else it holds) into {j.path}.")
        if kept:
            render.note(f"The log it replaced is kept at {kept}; 'learnlog restore {kept} --replace' undoes this.")
        return
    if replace_log:
        raise UsageError("--replace is for restoring a backup file, not entries from the trash")
    entry_ids = parse_ids(targets)
    j = journal()
    j.require(entry_ids, trashed=True)
    j.restore(entry_ids)
    for i in dict.fromkeys(entry_ids):
        render.note(f"Entry {i} restored.")


@app.command(rich_help_panel=PANEL)
def purge(
    entry_ids: Annotated[
        list[int] | None,
        typer.Argument(
            metavar="[ID...]",
            help="Trashed entry ids (default: the whole trash).",
            click_type=ENTRY_ID,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete trashed entries for good, with their revisions and findings. Asks first, naming them.

    \b
    Example:
      learnlog purge 12 --yes
    """
    from learnlog import render
    from learnlog.entryfile import derive_title

    j = journal()
    if entry_ids:
        j.require(entry_ids, trashed=True)
    targets = j.list(trash=True, ids=entry_ids or None)
    if not targets:
        render.note("The trash is empty.")
        return
    doomed = {e.id for e in targets}
    quoted = {st.id: ids for st in j.statements() if (ids := [i for i in st.entry_ids if i in doomed])}
    if not yes:
        for e in targets:
            render.note(f"  {e.id}  {e.date.isoformat()}  {render.escape(e.title or derive_title(e.body))}")
        if quoted:
            render.note(_still_quoted(quoted, "will still hold"))
        n = len(targets)
        if not typer.confirm(f"Delete {'this entry' if n == 1 else f'these {n} entries'} for good?", err=True):
            render.note("Nothing was purged; the trash is as it was.")
            return
    n = j.purge([e.id for e in targets])
    render.note(f"Purged {n} entr{'y' if n == 1 else 'ies'}.")
    if quoted:
        render.note(_still_quoted(quoted, "still holds"))


def _still_quoted(quoted: dict[int, list[int]], verb: str) -> str:
    """Purge deletes the entry, not the words a statement took from it: say which statements keep them."""
    parts = [f"statement {sid} {verb} the words of entry {', '.join(map(str, ids))}" for sid, ids in quoted.items()]
    edits = " / ".join(f"learnlog statement edit {sid}" for sid in quoted)
    return f"[yellow]Note:[/] {'; '.join(parts)} (take them out with: {edits})."
