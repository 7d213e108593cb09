"""The statement and its check: statement new/list/show/edit, check."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from learnlog.cli import output
from learnlog.cli.app import (
    JsonOpt,
    StatementId,
    WholeNumber,
    app,
    journal,
    make_app,
    need_terminal,
    parse_ids,
    recovery_dir,
    split_commas,
)
from learnlog.cli.badge_choice import check_criteria, statement_badge, target_badge
from learnlog.errors import InputError, NotFound, UsageError

PANEL = "Statement and export"

statement_app = make_app(help="Assemble and edit your badge statement from your own entries.")
app.add_typer(statement_app, name="statement", rich_help_panel=PANEL)


def _edit_statement(st_text: str, label: str, command: str, instead: str) -> tuple[str, object]:
    from learnlog.editor import new_draft, run_editor

    need_terminal(command, instead)
    draft = new_draft(recovery_dir(), st_text, label)
    return run_editor(draft), draft


@statement_app.command("new")
def statement_new(
    from_: Annotated[list[str] | None, typer.Option("--from", metavar="IDS", help="Entry ids, e.g. 3,7,12.")] = None,
    criterion: Annotated[
        list[str] | None, typer.Option("--criterion", "-c", metavar="ID", help="Entries linked to it.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every entry linked to a criterion.")] = False,
    headings: Annotated[bool, typer.Option("--headings", help="Add a heading per criterion.")] = False,
    include_suggested: Annotated[
        bool, typer.Option("--include-suggested", help="Also use links learnlog suggested (each is marked).")
    ] = False,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Statement title.")] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Save without opening the editor.")] = False,
    replace_current: Annotated[
        bool,
        typer.Option("--replace", help="Make the new statement the current one (the old one is kept)."),
    ] = False,
) -> None:
    """Assemble a statement draft from your entries, ordered by criterion, and open it in your editor.

    learnlog adds no words of its own (only the headings you ask for).

    \b
    Examples:
      learnlog statement new --all --headings
      learnlog statement new --from 3,7,12 --no-edit
    """
    from learnlog import render
    from learnlog.statement import assemble

    j = journal(starts_log=True)
    badge = target_badge(j)
    ids = parse_ids(from_)
    criterion = split_commas(criterion)
    if criterion:
        check_criteria(badge, criterion)
    if not (ids or criterion or all_):
        raise UsageError("choose entries: --from IDS, --criterion c1 … or --all")
    if ids:
        entries = [j.get(i) for i in ids]
    else:
        entries = [e for e in j.list(limit=None) if e.criteria and (all_ or set(criterion or []) & set(e.criteria))]
    built = assemble(
        entries, badge, headings=headings, include_suggested=include_suggested, criteria=set(criterion or []) or None
    )
    if not built.entry_ids:
        raise NotFound(
            "no entries are linked to those criteria yet; tag some with 'learnlog tag ID c1' or confirm "
            "suggestions with 'learnlog review'"
        )
    if built.left_out:
        ids_out = ", ".join(str(e.id) for e in built.left_out)
        render.note(
            f"Left out {len(built.left_out)} entries with no confirmed criterion here ({ids_out}): confirm "
            "suggestions with 'learnlog review' or link one with 'learnlog tag ID c1'."
        )
    body, entries = built.text, [e for s in built.sections for e in s.entries]
    draft = None
    if not no_edit:
        body, draft = _edit_statement(
            body, "statement", "learnlog statement new", "add --no-edit to save it as assembled"
        )
        if not body.strip():
            draft.discard()
            raise InputError("the statement is empty, so nothing was saved")
    before = j.current_statement_id()
    st = j.create_statement(
        badge.id, title or f"{badge.title}", body, [e.id for e in entries], current=replace_current or before is None
    )
    if draft:
        draft.discard()
    render.note(f"Saved statement [bold]{st.id}[/] from {len(entries)} entries.")
    if before is not None and not replace_current:
        render.note(
            f"Statement {before} is still the current one ('check' and 'export' use it). "
            f"Switch with: learnlog statement use {st.id}"
        )
    else:
        render.note(f"Statement {st.id} is the current one. Next: learnlog check")


@statement_app.command("use")
def statement_use(
    statement_id: Annotated[
        int,
        typer.Argument(metavar="ID", help="See: learnlog statement list.", click_type=WholeNumber("a statement id")),
    ],
) -> None:
    """Make a statement the current one: the one check, export, words and show use by default.

    \b
    Example:
      learnlog statement use 2
    """
    from learnlog import render

    st = journal().use_statement(statement_id)
    render.note(f"Statement {st.id} ({render.escape(st.title)}) is now the current one.")


@statement_app.command("link")
def statement_link(
    url: Annotated[str | None, typer.Argument(help="https://… of the published page or recording.")] = None,
    statement_id: Annotated[
        int | None,
        typer.Option("--statement", "-s", help="Default: the current one.", click_type=WholeNumber("a statement id")),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Take the link off.")] = False,
) -> None:
    """Link the statement to where it is published, or to an audio or video recording of it.

    Every export shows the link; the Open Badges JSON uses it as the Evidence id.

    \b
    Examples:
      learnlog statement link https://my-blog.example.org/keeping-people-at-the-centre
      learnlog statement link --remove
    """
    from learnlog import render
    from learnlog.statement import check_link

    if remove == (url is not None):
        raise UsageError("give the URL to link, or --remove")
    j = journal()
    st = j.statement(statement_id)
    saved = j.set_statement_link(st.id, None if remove else check_link(url))
    if saved.link:
        render.note(f"Statement {saved.id} links to {render.escape(saved.link)}.")
    else:
        render.note(f"Statement {saved.id} has no link now.")


@statement_app.command("list")
def statement_list(json_out: JsonOpt = False) -> None:
    """List your statements.

    \b
    Example:
      learnlog statement list
    """
    from learnlog import render

    j = journal()
    rows = [(s, s.words) for s in j.statements()]
    current = j.current_statement_id()
    if json_out:
        output.print_json([output.statement(s) | {"current": s.id == current} for s, _ in rows])
        return
    t = render.table("id", "badge", "title", "words", "updated", "")
    for s, w in rows:
        mark = "current" if s.id == current else ""
        t.add_row(str(s.id), s.badge_id, render.escape(s.title), str(w), s.updated.strftime("%Y-%m-%d %H:%M"), mark)
    render.out().print(t)


@statement_app.command("show")
def statement_show(
    statement_id: StatementId = None,
    raw: Annotated[bool, typer.Option("--raw", help="The markdown exactly as stored.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Show a statement.

    \b
    Example:
      learnlog statement show
    """
    import sys

    from learnlog import render

    st = journal().statement(statement_id)
    if raw:
        sys.stdout.write(st.body)
        return
    if json_out:
        output.print_json(output.statement(st, body=True))
        return
    from rich.panel import Panel

    render.out().print(Panel(render.markdown(st.body), title=f"[bold]Statement {st.id}: {render.escape(st.title)}"))
    if st.link:
        render.out().print(f"Also online at {render.escape(st.link)}")


@statement_app.command("edit")
def statement_edit(statement_id: StatementId = None) -> None:
    """Edit a statement in your editor; the previous text is kept as a revision.

    \b
    Example:
      learnlog statement edit 1
    """
    from learnlog import render

    j = journal()
    st = j.statement(statement_id)
    body, draft = _edit_statement(
        st.body, f"statement-{st.id}", f"learnlog statement edit {st.id}", "run it in a terminal"
    )
    if not body.strip():
        raise InputError(f"the statement would be empty, so nothing was saved; your draft is kept at {draft.path}")
    if body == st.body:
        draft.discard()
        render.note("No changes.")
        return
    saved = j.update_statement(replace(st, body=body), expected_version=st.version, draft_file=draft.path)
    draft.discard()
    render.note(f"Saved statement {saved.id} (version {saved.version}).")


def preflight(j, statement_id: int | None):
    """Gather what the preflight needs from the store; the verdicts themselves are pure (learnlog.preflight)."""
    from learnlog import preflight as checks
    from learnlog.plain_language import find_jargon

    try:
        st = j.statement(statement_id)
    except NotFound:
        if statement_id is not None:
            raise
        st = None
    badge = statement_badge(j, st)
    # Evidence counts where it is submitted: a statement built from entries is judged on those entries.
    sources = j.criterion_sources(badge.id, st.entry_ids if st and st.entry_ids else None)
    findings, jargon, words, notes, (trashed, purged) = [], [], None, [], ([], [])
    if st is not None:
        trashed, purged = j.gone_sources(st)
        from learnlog.statement import notes as learnlog_notes
        from learnlog.words import word_count

        findings = j.statement_findings_now(st)
        jargon = find_jargon(st.body)
        words = word_count(st.body)
        notes = learnlog_notes(st.body)
    inputs = checks.PreflightInputs(
        badge=badge,
        held_badges=set(j.held_badges()),
        covered={c for c, s in sources.items() if "manual" in s},
        suggested={c for c, s in sources.items() if "manual" not in s},
        word_count=words,
        findings=findings,
        jargon=jargon,
        own_work_confirmed=j.own_work_confirmed(),
        statement_id=st.id if st else None,
        notes=notes,
        trashed_sources=trashed,
        purged_sources=purged,
    )
    return badge, st, checks.run(inputs)


@app.command(rich_help_panel=PANEL)
def check(
    statement_id: StatementId = None,
    confirm_own_work: Annotated[
        bool,
        typer.Option("--confirm-own-work", help="Record that all the evidence is your own work (dated)."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Is your evidence ready? One row per check: pass, warn or fail, with the fix.

    Exit code 0 when nothing fails, 1 otherwise.

    \b
    Examples:
      learnlog check
      learnlog check --confirm-own-work
      learnlog check --json
    """
    from learnlog import dates, render

    j = journal()
    if confirm_own_work:
        j.confirm_own_work(dates.today())
        render.note("Recorded: all the work provided as evidence is your own.")
    badge, st, result = preflight(j, statement_id)
    if json_out:
        output.print_json({"badge": badge.id, "statement": st.id if st else None, **result.to_dict()})
    else:
        style = {"pass": "[green]pass[/]", "warn": "[yellow]warn[/]", "fail": "[bold red]fail[/]"}
        t = render.table("check", "result", "detail", "fix", title=f"Preflight for {badge.id}")
        for row in result.rows:
            t.add_row(row.check, style[row.status], render.escape(row.detail), render.escape(row.fix or ""))
        render.out().print(t)
    raise typer.Exit(0 if result.ok else 1)
