"""Linking entries to criteria: tag, untag, suggest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import complete, output
from learnlog.cli.app import EntryId, JsonOpt, OptionalEntryId, app, exactly_one, journal, read_text_file, split_commas
from learnlog.cli.badge_choice import check_criteria, target_badge
from learnlog.errors import UsageError

PANEL = "Badge evidence"


def links_message(entry) -> str:
    """What an entry evidences, confirmed links apart from suggestions nobody has confirmed yet."""
    confirmed = sorted(c for c, m in entry.criteria.items() if m != "suggested")
    suggested = sorted(c for c, m in entry.criteria.items() if m == "suggested")
    text = f"Entry {entry.id} evidences: {' '.join(confirmed) or 'nothing confirmed yet'}."
    if suggested:
        text += f" Suggested, not confirmed: {' '.join(suggested)} (confirm or reject with: learnlog review)."
    return text


def _criterion_ids(values: list[str]) -> list[str]:
    """`tag 1 ""` (an unset shell variable) must not report success having linked nothing."""
    ids = split_commas(values)
    if not ids:
        raise UsageError("give at least one criterion id, e.g. c1 (see 'learnlog criteria')")
    return ids


@app.command(rich_help_panel=PANEL)
def tag(
    entry_id: EntryId,
    criterion_ids: Annotated[
        list[str], typer.Argument(metavar="CRITERION...", help="e.g. c1 c3", autocompletion=complete.criteria)
    ],
) -> None:
    """Link an entry to criteria of the target badge (confirms a suggested link).

    \b
    Example:
      learnlog tag 12 c1 c3
    """
    from learnlog import render

    j = journal()
    criterion_ids = _criterion_ids(criterion_ids)
    check_criteria(target_badge(j), criterion_ids)
    e = j.link(entry_id, {c: ("manual", None) for c in criterion_ids})
    render.note(links_message(e))


@app.command(rich_help_panel=PANEL)
def untag(
    entry_id: EntryId,
    criterion_ids: Annotated[list[str], typer.Argument(metavar="CRITERION...", autocompletion=complete.criteria)],
) -> None:
    """Remove criteria links (manual or suggested) from an entry.

    \b
    Example:
      learnlog untag 12 c3
    """
    from learnlog import render

    j = journal()
    criterion_ids = _criterion_ids(criterion_ids)
    check_criteria(target_badge(j), criterion_ids)
    e = j.unlink(entry_id, criterion_ids)
    render.note(links_message(e))


@app.command(rich_help_panel=PANEL)
def suggest(
    entry_id: OptionalEntryId = None,
    all_: Annotated[bool, typer.Option("--all", help="Every entry.")] = False,
    text_file: Annotated[
        Path | None, typer.Option("--text-file", metavar="FILE", help="A text file (not stored).")
    ] = None,
    accept: Annotated[
        bool,
        typer.Option("--accept", help="Store accepted suggestions as 'suggested' links (confirm with tag)."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Suggest which criteria an entry evidences, with the phrases that support each, so you can judge.

    \b
    Examples:
      learnlog suggest 12
      learnlog suggest --all --accept
      learnlog suggest --text-file draft.md --json
    """
    from learnlog import render
    from learnlog.tagging import suggest as suggest_text

    exactly_one(entry_id=entry_id, all_=all_, text_file=text_file)
    j = journal()
    badge = target_badge(j)
    if text_file is not None:
        if accept:
            raise UsageError("--accept stores links on entries; it cannot be used with --text-file")
        results = [(None, suggest_text(read_text_file(text_file), badge.id))]
    else:
        from functools import partial

        from learnlog.parallel import map_texts

        entries = [j.get(entry_id)] if entry_id is not None else j.list(limit=None)
        with render.progress(len(entries), "Suggesting") as bar:
            task = bar.add_task("Reading entries", total=len(entries))
            found = map_texts(
                partial(suggest_text, badge_id=badge.id),
                [e.body for e in entries],
                progress=lambda n: bar.advance(task, n),
            )
        results = list(zip(entries, found, strict=True))
    stored = 0
    if accept:
        for e, sugg in results:
            links = {
                s.criterion_id: ("suggested", s.score) for s in sugg if s.accepted and s.criterion_id not in e.criteria
            }
            if links:
                j.link(e.id, links, badge=badge.id)
                stored += len(links)
    if json_out:
        output.print_json(
            [{"entry": e.id if e else None, "suggestions": [output.suggestion(s) for s in sugg]} for e, sugg in results]
        )
    elif all_:
        # One line an entry: at 10,000 entries the quoted evidence would be tens of megabytes.
        lines = []
        for e, sugg in results:
            accepted = [f"{x.criterion_id} {x.score:.2f}" for x in sugg if x.accepted]
            if accepted:
                lines.append(f"{e.id:>6}  {e.date.isoformat()}  {'  '.join(accepted)}")
        sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))
        render.note(f"{len(lines)} of {len(results)} entries have suggestions; see why with 'learnlog suggest ID'.")
    else:
        labels = {c.id: c.label for c in badge.criteria}
        for e, sugg in results:
            if e is not None:
                render.out().print(f"[bold]Entry {e.id}[/] {e.date.isoformat()}")
            if not sugg:
                render.out().print("  no criteria evidenced")
            for s in sugg:
                mark = "[green]✓[/]" if s.accepted else "[dim]·[/]"
                render.out().print(
                    f"  {mark} {s.criterion_id} {render.escape(labels.get(s.criterion_id, ''))} "
                    f"[dim]score {s.score:.2f}[/]"
                )
                for phrase in s.evidence[:3]:
                    render.out().print(f"      “{render.escape(phrase)}”")
    if accept:
        render.note(f"Stored {stored} suggested link(s); confirm or reject them one at a time with 'learnlog review'.")
