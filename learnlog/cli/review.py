"""`learnlog review`: learnlog's suggestions, one at a time, for the writer's yes or no."""

from __future__ import annotations

from typing import Annotated

import typer

from learnlog.cli.app import app, journal
from learnlog.cli.badge_choice import target_badge

PANEL = "Badge evidence"


@app.command(rich_help_panel=PANEL)
def review(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Confirm every suggestion shown, without asking.")] = False,
    entry_id: Annotated[int | None, typer.Option("--entry", "-e", help="Only this entry's suggestions.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable: what was shown and decided.")] = False,
) -> None:
    """Go through learnlog's suggested links one at a time: y confirms, n rejects, s skips, q stops.

    A confirmed suggestion becomes your own link (it counts in the statement and in check); a rejected one is
    removed and never suggested again for that entry.

    \b
    Examples:
      learnlog review
      learnlog review --entry 7
      learnlog review --yes --json
    """
    from learnlog import render
    from learnlog.review import open_items

    if json_out and not yes:
        from learnlog.errors import UsageError

        raise UsageError("--json needs --yes (the questions are asked on the terminal)")
    j = journal()
    badge = target_badge(j)
    entries = [j.get(entry_id)] if entry_id is not None else j.list(limit=None, oldest_first=True)
    items = open_items(entries, badge, j.rejected(badge.id))
    if limit is not None:
        items = items[:limit]
    if not items:
        if json_out:
            render.print_json([])
        else:
            render.note("No suggestions to review. 'learnlog suggest --all --accept' stores new ones.")
        return
    decided: list[dict] = []
    counts = {"confirm": 0, "reject": 0, "skip": 0}
    for n, item in enumerate(items, start=1):
        if yes:
            action = "confirm"
        else:
            _show(render, item, n, len(items))
            action = _ask()
            if action == "quit":
                break
        if action == "confirm":
            j.link(item.entry_id, {item.criterion_id: ("manual", None)}, badge.id)
        elif action == "reject":
            j.reject_suggestion(item.entry_id, item.criterion_id, badge.id)
        counts[action] += 1
        decided.append(item.to_dict() | {"decision": action})
    if json_out:
        render.print_json(decided)
        return
    left = len(open_items(j.list(limit=None), badge, j.rejected(badge.id), evidence=False))
    render.note(
        f"Confirmed {counts['confirm']}, rejected {counts['reject']}, skipped {counts['skip']}; "
        f"{left} suggestion(s) still open." + (" Next: learnlog coverage" if counts["confirm"] else "")
    )


def _show(render, item, n: int, total: int) -> None:
    out = render.out()
    out.print(
        f"\n[bold]{n}/{total}[/]  Entry {item.entry_id} “{render.escape(item.entry_title)}” ({item.date})\n"
        f"  suggested for [bold]{item.criterion_id} {render.escape(item.criterion_label)}[/]",
        soft_wrap=True,  # quotes stay whole lines, so they read (and copy) as the writer wrote them
    )
    for quote in item.evidence[:3]:
        out.print(f"  > “{render.escape(quote)}”", soft_wrap=True)


def _ask() -> str:
    from learnlog.review import parse_answer

    while True:
        try:
            answer = input("Confirm? [y]es / [n]o / [s]kip / [q]uit: ")
        except EOFError:  # input ran out (a pipe): stop, keeping what was decided so far
            return "quit"
        action = parse_answer(answer)
        if action is not None:
            return action
        print("Please answer y, n, s or q.")
